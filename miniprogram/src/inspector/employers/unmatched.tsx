/**
 * 待匹配单位: employers claims and clues name that match no register entry (GET
 * /api/v1/employers/unmatched), for a person to resolve by linking each to its entry (POST
 * /api/v1/employers/:id/link; supervisors and admins). One row at a time opens a search of the
 * register; choosing an entry links it and the row leaves the list (announced in a status line).
 */
import { View } from '@tarojs/components'
import { useState } from 'react'
import { townName } from '@huxin/shared/domain/towns'
import type { Employer, EmployerList } from '@huxin/shared/schemas/employer'
import { ApiError } from '../../api/errors'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { StaffField } from '../components/staff-field'
import { staffApi } from '../api'

export function UnmatchedEmployers({ items, mayLink, onLinked }: { items: Employer[]; mayLink: boolean; onLinked: (message: string) => Promise<void> }) {
  const [open, setOpen] = useState<Employer | undefined>()
  const [q, setQ] = useState('')
  const [candidates, setCandidates] = useState<Employer[] | undefined>()
  const [error, setError] = useState<string | undefined>()

  async function search() {
    setError(undefined)
    try {
      const query = q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''
      setCandidates((await staffApi.call<EmployerList>('GET', `/api/v1/employers?supervised=true&limit=10${query}`)).items)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请重试')
    }
  }

  function start(employer: Employer) {
    setOpen(employer)
    setQ(employer.name.replace(/(有限责任公司|有限公司|公司)$/, ''))
    setCandidates(undefined)
    setError(undefined)
  }

  async function link(entry: Employer) {
    if (!open) return
    try {
      await staffApi.call('POST', `/api/v1/employers/${open.id}/link`, { registerId: entry.id })
      const message = `已将“${open.name}”关联到名录单位“${entry.name}”`
      setOpen(undefined)
      setCandidates(undefined)
      await onLinked(message)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '关联失败，请重试')
    }
  }

  return (
    <View className='inspector-card' id='unmatched'>
      <Heading level={2} className='inspector-heading'>
        待匹配单位（{items.length}）
      </Heading>
      <View className='inspector-muted'>投诉和国家平台线索所列单位中，按信用代码和名称都对不上名录的。{mayLink ? '请逐个关联到名录单位。' : '由科长或管理员关联。'}</View>
      {items.length === 0 ? (
        <View id='unmatched-empty' className='inspector-muted'>
          没有待匹配的单位
        </View>
      ) : null}
      {items.map((e) => (
        <View key={e.id} className='account-row unmatched-row' data-name={e.name}>
          <View>
            <View className='triage-reference'>{e.name}</View>
            <View className='inspector-muted'>
              {e.creditCode ? `信用代码 ${e.creditCode} · ` : ''}
              {e.claims} 件投诉{e.town ? ` · ${townName(e.town) ?? e.town}` : ''}
            </View>
          </View>
          {mayLink ? (
            <ActionButton className='inspector-link unmatched-link' label={`关联到名录：${e.name}`} onClick={() => start(e)}>
              关联到名录
            </ActionButton>
          ) : null}
        </View>
      ))}
      {open ? (
        <View className='link-panel' id='link-panel' role='group' aria-label={`为“${open.name}”选择名录单位`}>
          <Heading level={3} className='inspector-heading'>
            为“{open.name}”选择名录单位
          </Heading>
          <StaffField id='link-search' label='在名录中搜索' hint='单位名称或统一社会信用代码' error={undefined} value={q} onInput={setQ} onConfirm={() => void search()} />
          <View className='inspector-actions'>
            <ActionButton id='link-search-submit' className='hx-button hx-button--secondary' onClick={() => void search()}>
              搜索名录
            </ActionButton>
            <ActionButton id='link-cancel' className='inspector-link' onClick={() => setOpen(undefined)}>
              取消
            </ActionButton>
          </View>
          {candidates?.length === 0 ? (
            <View id='link-none' className='inspector-muted' role='status'>
              名录中没有匹配的单位
            </View>
          ) : null}
          {candidates?.map((c) => (
            <View key={c.id} className='account-row link-candidate' data-name={c.name}>
              <View>
                <View>{c.name}</View>
                <View className='inspector-muted'>
                  {c.creditCode ?? '无信用代码'} · {c.town ? (townName(c.town) ?? c.town) : '未填镇街'}
                </View>
              </View>
              <ActionButton className='hx-button hx-button--primary link-choose' label={`选择并关联：${c.name}`} onClick={() => void link(c)}>
                选择并关联
              </ActionButton>
            </View>
          ))}
          {error ? (
            <View id='link-error' className='notice notice--error' role='alert'>
              {error}
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  )
}
