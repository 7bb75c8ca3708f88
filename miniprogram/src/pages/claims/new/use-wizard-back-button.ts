import { useEffect, useRef } from 'react'
import { wizardHistory } from '../../../lib/wizard-history'
import { WIZARD_STEPS, type WizardStep } from './form'

/**
 * The phone's back button steps back through the wizard (lib/wizard-history.*): every step shown
 * while `active` is recorded; the back button calls `onBack` with the step to show.
 */
export function useWizardBackButton(step: WizardStep, active: boolean, onBack: (step: WizardStep) => void): void {
  const latest = useRef(onBack)
  latest.current = onBack
  useEffect(() => {
    if (active) wizardHistory.shown(step)
  }, [step, active])
  useEffect(
    () =>
      wizardHistory.listen((target) => {
        const known = WIZARD_STEPS.find((s) => s === target)
        if (known !== undefined) latest.current(known)
      }),
    [],
  )
}
