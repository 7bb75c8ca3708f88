/**
 * One labelled text box of the staff pages (sign-in, accounts), password and code boxes included
 * (the worker's TextField has neither). staff-field.h5.tsx: a native <label for> and <input> (Taro's
 * H5 Input keeps its id on a custom element, so no label reaches the real input — axe's `label`);
 * staff-field.weapp.tsx: Field + Taro Input. Tests fill `#<id> input`; the error is `#<id>-error`.
 */
export interface StaffFieldProps {
  id: string
  label: string
  optional?: boolean
  hint?: string
  error?: string | undefined
  value: string
  onInput: (value: string) => void
  password?: boolean
  /** A 6-digit code (numeric keyboard). */
  digits?: boolean
  maxLength?: number
  /** Enter / the keyboard's confirm key. */
  onConfirm?: () => void
  autoComplete?: string
}
