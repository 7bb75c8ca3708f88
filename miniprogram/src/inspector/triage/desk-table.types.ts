import type { TriageSort } from '@huxin/shared/schemas/casework'
import type { Row } from './desk-state'

/** The desk's table (desk-table.h5.tsx: a native sortable table; desk-table.weapp.tsx: nothing, phones use cards). */
export interface DeskTableProps {
  rows: Row[]
  /** The signed-in staff member's id (who holds a claim: 本人). */
  me: string | undefined
  sort: TriageSort
  order: 'asc' | 'desc'
  /** Sorting is offered on the queue; the "mine" list is in the server's order. */
  sortable: boolean
  onSort: (sort: TriageSort) => void
  onOpen: (row: Row) => void
}
