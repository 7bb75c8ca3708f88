/**
 * 待办案件 — the inspector's queue (`#/inspector/triage/index`): claims awaiting acceptance in the
 * inspector's towns, highest priority first, each with why it ranks there (group case, amount,
 * working days left, repeat or blacklisted employer, national dispatch); and the claims assigned
 * to them. Filters: town, overdue only. Keyset pages ("加载更多").
 *
 * BROWSER-TEST SELECTORS: #tab-queue, #tab-mine, #filter-town (select), #filter-overdue,
 * .triage-item (data-reference), .triage-priority, .reason-chip, #triage-more, #triage-empty,
 * #triage-error, #staff-logout, #go-map (案件地图), #go-dashboard
 */
import { Button, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useState } from 'react'
import type { Claim } from '@huxin/shared/schemas/claim'
import type { TriageItem } from '@huxin/shared/schemas/casework'
import { CLAIM_STATUS_LABELS, type ClaimStatus } from '@huxin/shared/domain/claim-status'
import { TOWNS } from '@huxin/shared/domain/towns'
import { ApiError } from '../../api/errors'
import { SelectField } from '../../components/select-field'
import { inspectorApi, staffApi } from '../api'
import { workingDaysText } from '../case'
import { INSPECTOR_PAGES, inspectorClaimUrl } from '../routes'
import { IntakeLink, triageFacts } from '../components/intake-link'
import '../../components/form.css'
import '../inspector.css'

type Tab = 'queue' | 'mine'
type Row = (TriageItem | Claim) & { priority?: number; reasons?: TriageItem['reasons'] }

const ALL_TOWNS = 'all'
const townOptions = [{ value: ALL_TOWNS, label: '全部街镇' }, ...TOWNS.map((t) => ({ value: t.code as string, label: t.name }))]

export default function TriagePage() {
  const [tab, setTab] = useState<Tab>('queue')
  const [town, setTown] = useState<string>(ALL_TOWNS)
  const [overdue, setOverdue] = useState(false)
  const [rows, setRows] = useState<Row[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [loaded, setLoaded] = useState(false)

  async function load(options: { tab?: Tab; town?: string; overdue?: boolean; more?: boolean } = {}) {
    if (!staffApi.session.isSignedIn()) {
      void Taro.redirectTo({ url: INSPECTOR_PAGES.login })
      return
    }
    const which = options.tab ?? tab
    const filters = { town: options.town ?? town, overdue: options.overdue ?? overdue }
    setLoading(true)
    setError(undefined)
    try {
      const page =
        which === 'queue'
          ? await inspectorApi.triage({
              ...(filters.town !== ALL_TOWNS ? { town: filters.town } : {}),
              overdue: filters.overdue,
              cursor: options.more ? cursor : null,
            })
          : await inspectorApi.myClaims(options.more ? cursor : null)
      setRows((current) => (options.more ? [...current, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setLoaded(true)
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) setError(e instanceof ApiError ? e.message : '加载失败，请重试')
    } finally {
      setLoading(false)
    }
  }

  useDidShow(() => {
    void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  function switchTab(next: Tab) {
    setTab(next)
    setRows([])
    setCursor(null)
    void load({ tab: next })
  }

  const me = staffApi.session.current()?.user

  return (
    <View className='page inspector'>
      <View className='inspector-bar'>
        <View className='inspector-tabs' role='tablist'>
          <Button id='tab-queue' className={`inspector-tab${tab === 'queue' ? ' inspector-tab--on' : ''}`} onClick={() => switchTab('queue')}>
            待受理
          </Button>
          <Button id='tab-mine' className={`inspector-tab${tab === 'mine' ? ' inspector-tab--on' : ''}`} onClick={() => switchTab('mine')}>
            我负责的
          </Button>
        </View>
        <View className='inspector-user'>
          {me ? `${me.role === 'inspector' ? '监察员' : me.role === 'supervisor' ? '督导' : '管理员'}` : ''}
          <IntakeLink />
          <Button id='go-map' className='inspector-link' onClick={() => void Taro.navigateTo({ url: INSPECTOR_PAGES.map })}>
            案件地图
          </Button>
          <Button id='go-dashboard' className='inspector-link' onClick={() => void Taro.navigateTo({ url: INSPECTOR_PAGES.dashboard })}>
            数据统计
          </Button>
          {me?.role === 'admin' ? (
            <>
              <Button id='go-accounts' className='inspector-link' onClick={() => void Taro.navigateTo({ url: INSPECTOR_PAGES.accounts })}>
                账号管理
              </Button>
              <Button id='go-sync' className='inspector-link' onClick={() => void Taro.navigateTo({ url: INSPECTOR_PAGES.sync })}>
                国家平台同步
              </Button>
            </>
          ) : null}
          <Button
            id='staff-logout'
            className='inspector-link'
            onClick={() => void staffApi.signOut().then(() => Taro.redirectTo({ url: INSPECTOR_PAGES.login }))}
          >
            退出
          </Button>
        </View>
      </View>

      {tab === 'queue' ? (
        <View className='inspector-filters'>
          <SelectField
            id='filter-town'
            options={townOptions}
            value={town}
            placeholder='全部街镇'
            onChange={(value) => {
              setTown(value)
              void load({ town: value })
            }}
          />
          <Button
            id='filter-overdue'
            className={`inspector-chip${overdue ? ' inspector-chip--on' : ''}`}
            aria-pressed={overdue}
            onClick={() => {
              setOverdue(!overdue)
              void load({ overdue: !overdue })
            }}
          >
            只看逾期
          </Button>
        </View>
      ) : null}

      {error ? (
        <View className='notice notice--error' id='triage-error'>
          {error}
        </View>
      ) : null}
      {loaded && rows.length === 0 && !error ? (
        <View className='inspector-empty' id='triage-empty'>
          {tab === 'queue' ? '没有待受理的投诉' : '您名下暂时没有案件'}
        </View>
      ) : null}

      <View className='triage-list' role='list'>
        {rows.map((row) => (
          <View
            key={row.id}
            className='triage-item'
            role='listitem'
            data-reference={row.reference}
            onClick={() => void Taro.navigateTo({ url: inspectorClaimUrl(row.id) })}
          >
            <View className='triage-head'>
              <View className='triage-reference'>{row.reference}</View>
              {row.priority !== undefined ? <View className='triage-priority'>优先级 {row.priority}</View> : null}
              <View className='triage-status'>{CLAIM_STATUS_LABELS[row.status as ClaimStatus] ?? row.status}</View>
            </View>
            <View className='triage-employer'>{row.employer.name}</View>
            <View className='triage-facts'>
              {triageFacts(row)}
              {row.isGroupCase ? ' · 群体性' : ''}
            </View>
            {row.reasons && row.reasons.length > 0 ? (
              <View className='triage-reasons'>
                {row.reasons.map((reason) => (
                  <View key={reason.code} className={`reason-chip reason-chip--${reason.code}`}>
                    {reason.code === 'deadline' || reason.code === 'overdue'
                      ? (workingDaysText(reason.workingDaysLeft) ?? reason.label)
                      : reason.label}
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        ))}
      </View>

      {cursor ? (
        <Button id='triage-more' className='hx-button hx-button--secondary' onClick={() => void load({ more: true })}>
          {loading ? '正在加载…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  )
}
