import type { ReactNode } from 'react'

/** Props of `Field` (field.h5.tsx: native label; field.weapp.tsx: Taro views). */
export interface FieldProps {
  /** Id of the control inside; the error gets `<id>-error` (browser tests read it). */
  id: string
  label: string
  optional?: boolean
  hint?: string
  error: string | undefined
  children: ReactNode
}
