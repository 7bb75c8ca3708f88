import type { DeskFilters } from './desk-state'

/** The desk's search and filters (desk-filters.h5.tsx: native controls; desk-filters.weapp.tsx: Taro's). */
export interface DeskFiltersProps {
  filters: DeskFilters
  /** The towns the signed-in staff member serves (an inspector's own only); empty: every town. */
  towns: readonly { code: string; name: string }[]
  onChange: (change: Partial<DeskFilters>) => void
}
