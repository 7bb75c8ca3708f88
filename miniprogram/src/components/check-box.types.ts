import type { ReactNode } from 'react'

export interface CheckBoxProps {
  /** Element id; browser tests use page.check('#id') (role="checkbox", aria-checked). */
  id: string
  checked: boolean
  label: string
  error?: string
  onChange: (checked: boolean) => void
  children?: ReactNode
}
