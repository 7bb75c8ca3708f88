/**
 * Props of the one labelled text field of forms (a label linked to its control, an optional hint,
 * an error linked with `aria-describedby` and flagged with `aria-invalid`). One implementation per
 * platform: `text-field.h5.tsx` (native `<label>` + `<input>`/`<textarea>`) and
 * `text-field.weapp.tsx` (Taro's `<Input>`/`<Textarea>` inside the card).
 *
 * Browser tests: the element with `id` wraps the native control, so `page.fill('#<id> input', …)`
 * (or `#<id> textarea`) works on both the old Taro markup and this one; the error is `#<id>-error`.
 */
import type { ReactNode } from 'react'

export type TextKind = 'text' | 'phone' | 'digits' | 'decimal' | 'idcard'

export interface TextFieldProps {
  id: string
  label: string
  /** Shows （选填） after the label. */
  optional?: boolean
  hint?: string
  error: string | undefined
  value: string
  onInput: (value: string) => void
  kind?: TextKind
  maxLength?: number
  placeholder?: string
  /** A multi-line box (情况说明). */
  multiline?: boolean
  /** A row inside another field (a co-worker's name): smaller label, no card of its own. */
  compact?: boolean
  /** Shown under the control, before the error (e.g. the amount read back). */
  children?: ReactNode
}
