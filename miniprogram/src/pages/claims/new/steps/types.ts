import type { ClaimDraft, FieldId, WizardStep } from '../form'

/** What every step of the wizard gets from the page (index.tsx), which owns the state. */
export interface StepProps {
  draft: ClaimDraft
  /** The error shown under a control, if any. */
  err: (id: FieldId) => string | undefined
  /** Applies a change typed into one control and clears that control's error. */
  update: (patch: Partial<ClaimDraft>, field: FieldId) => void
  /** Applies a change that is not one control's value (co-worker rows, consent); clears those errors ('all': every error). */
  change: (next: (draft: ClaimDraft) => ClaimDraft, clears?: readonly FieldId[] | 'all') => void
  goToStep: (step: WizardStep) => void
}
