/**
 * H5: search (reference, employer, claimant name, full phone or its last 4 digits), town (the
 * inspector's own), overdue only, sort and page size — native labelled controls, Enter searches.
 *
 * BROWSER-TEST SELECTORS: #desk-search (input), #desk-search-go, #desk-search-clear, #filter-town
 * (select), #filter-overdue (aria-pressed), #desk-sort-by (select), #desk-page-size (select)
 */
import type { TriageSort } from '@huxin/shared/schemas/casework'
import { useEffect, useState } from 'react'
import { ALL_TOWNS, naturalOrder, PAGE_SIZES, SORT_LABELS, type PageSize } from './desk-state'
import type { DeskFiltersProps } from './desk-filters.types'

export function DeskFilters({ filters, towns, onChange }: DeskFiltersProps) {
  const [q, setQ] = useState(filters.q)
  useEffect(() => setQ(filters.q), [filters.q])
  const search = () => onChange({ q: q.trim() })
  return (
    <form
      className='desk-filters'
      role='search'
      aria-label='查找投诉'
      onSubmit={(event) => {
        event.preventDefault()
        search()
      }}
    >
      <label className='desk-filter desk-filter--search' htmlFor='desk-search'>
        搜索（编号、用人单位、投诉人姓名或手机号）
        <input id='desk-search' type='search' value={q} maxLength={100} autoComplete='off' onChange={(e) => setQ(e.target.value)} />
      </label>
      <button id='desk-search-go' type='submit' className='desk-native-button desk-native-button--primary'>
        搜索
      </button>
      {filters.q !== '' ? (
        <button id='desk-search-clear' type='button' className='desk-native-button' onClick={() => onChange({ q: '' })}>
          清除搜索
        </button>
      ) : null}
      {towns.length > 1 ? (
        <label className='desk-filter' htmlFor='filter-town'>
          街镇
          <select id='filter-town' value={filters.town} onChange={(e) => onChange({ town: e.target.value })}>
            <option value={ALL_TOWNS}>{towns.length === 0 ? '全部街镇' : '我负责的全部街镇'}</option>
            {towns.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {filters.tab === 'queue' ? (
        <>
          <button
            id='filter-overdue'
            type='button'
            className='desk-native-button'
            aria-pressed={filters.overdue}
            onClick={() => onChange({ overdue: !filters.overdue })}
          >
            只看逾期
          </button>
          <label className='desk-filter' htmlFor='desk-sort-by'>
            排序
            <select
              id='desk-sort-by'
              value={`${filters.sort}:${filters.order}`}
              onChange={(e) => {
                const [sort, order] = e.target.value.split(':') as [TriageSort, 'asc' | 'desc']
                onChange({ sort, order })
              }}
            >
              {(Object.keys(SORT_LABELS) as TriageSort[]).flatMap((sort) =>
                (naturalOrder(sort) === 'desc' ? (['desc', 'asc'] as const) : (['asc', 'desc'] as const)).map((order) => (
                  <option key={`${sort}:${order}`} value={`${sort}:${order}`}>
                    {SORT_LABELS[sort]}
                    {order === 'asc' ? '（从小到大）' : '（从大到小）'}
                  </option>
                )),
              )}
            </select>
          </label>
          <label className='desk-filter' htmlFor='desk-page-size'>
            每页
            <select id='desk-page-size' value={String(filters.pageSize)} onChange={(e) => onChange({ pageSize: Number(e.target.value) as PageSize })}>
              {PAGE_SIZES.map((size) => (
                <option key={size} value={String(size)}>
                  {size} 件
                </option>
              ))}
            </select>
          </label>
        </>
      ) : null}
    </form>
  )
}
