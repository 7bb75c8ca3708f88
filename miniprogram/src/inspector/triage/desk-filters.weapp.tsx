/** WeChat: search box, town (the inspector's own) and overdue only, in Taro components. */
import { Button, Input, View } from '@tarojs/components'
import { useState } from 'react'
import { SelectField } from '../../components/select-field'
import { ALL_TOWNS } from './desk-state'
import type { DeskFiltersProps } from './desk-filters.types'

export function DeskFilters({ filters, towns, onChange }: DeskFiltersProps) {
  const [q, setQ] = useState(filters.q)
  const townOptions = [{ value: ALL_TOWNS, label: '全部街镇' }, ...towns.map((t) => ({ value: t.code, label: t.name }))]
  return (
    <View className='inspector-filters'>
      <Input
        id='desk-search'
        className='field-input'
        value={q}
        maxlength={100}
        placeholder='编号、单位、姓名或手机号'
        confirmType='search'
        onInput={(e) => setQ(e.detail.value)}
        onConfirm={() => onChange({ q: q.trim() })}
      />
      {towns.length > 1 ? (
        <SelectField id='filter-town' options={townOptions} value={filters.town} placeholder='全部街镇' onChange={(town) => onChange({ town })} />
      ) : null}
      {filters.tab === 'queue' ? (
        <Button
          id='filter-overdue'
          className={`inspector-chip${filters.overdue ? ' inspector-chip--on' : ''}`}
          aria-pressed={filters.overdue}
          onClick={() => onChange({ overdue: !filters.overdue })}
        >
          只看逾期
        </Button>
      ) : null}
    </View>
  )
}
