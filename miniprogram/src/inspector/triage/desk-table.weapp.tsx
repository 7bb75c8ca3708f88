import type { DeskTableProps } from './desk-table.types'

/** WeChat: no table (the card list serves the phone); H5 has desk-table.h5.tsx. */
export function DeskTable(_props: DeskTableProps) {
  return null
}
