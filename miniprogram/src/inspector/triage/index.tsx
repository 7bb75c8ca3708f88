/**
 * 待办案件 — the inspector's desk (`#/inspector/triage/index`): claims awaiting acceptance in the
 * staff member's towns, highest priority first (or sorted by any column, on the server), each with
 * its priority as 高/中/低 and why; and the claims assigned to them. At ≥ 1024 px a dense sortable
 * table (desk-table.h5.tsx), below that one card per claim (triage-cards.tsx). Search by reference,
 * employer, claimant name or phone; counts of received, awaiting and overdue claims at the top;
 * 20/50/100 a page and the next page loads when the list's end is reached. Filters, rows and the
 * scroll position survive opening a claim and coming back (desk-state.ts).
 *
 * BROWSER-TEST SELECTORS: #tab-queue, #tab-mine, #desk-table / .triage-item, #triage-more,
 * #triage-shown, #triage-empty, #triage-error, #staff-logout, #go-map, #go-dashboard,
 * #go-accounts, #go-sync; filters: desk-filters.h5.tsx; counts: desk-counts.tsx
 */
import { View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, usePageScroll, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { TriageCounts, TriageSort } from '@huxin/shared/schemas/casework'
import { TOWNS } from '@huxin/shared/domain/towns'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { ApiError } from '../../api/errors'
import { inspectorApi, staffApi } from '../api'
import { INSPECTOR_PAGES, inspectorClaimUrl } from '../routes'
import { DeskCounts } from './desk-counts'
import { DeskFilters } from './desk-filters'
import { DeskTable } from './desk-table'
import { ALL_TOWNS, DEFAULT_FILTERS, loadSnapshot, naturalOrder, saveSnapshot, triageQuery, type DeskFilters as Filters, type Row, type Tab } from './desk-state'
import { TriageCards } from './triage-cards'
import { useWideScreen } from './wide'
import { IntakeLink } from '../components/intake-link'
import '../../components/form.css'
import '../inspector.css'
import './desk.css'

const ROLE_LABELS = { inspector: '监察员', supervisor: '督导', admin: '管理员', worker: '' } as const

export default function TriagePage() {
  const saved = loadSnapshot()
  const [filters, setFilters] = useState<Filters>(saved?.filters ?? DEFAULT_FILTERS)
  const [rows, setRows] = useState<Row[]>(saved?.rows ?? [])
  const [cursor, setCursor] = useState<string | null>(saved?.cursor ?? null)
  const [counts, setCounts] = useState<TriageCounts | undefined>(saved?.counts)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [loaded, setLoaded] = useState(saved !== undefined)
  const scrollTop = useRef(saved?.scrollTop ?? 0)
  const restoring = useRef(saved !== undefined)
  /** The latest request: an answer to an older one (a page of the previous sort) is dropped. */
  const latest = useRef(0)
  const busy = useRef(false)
  const wide = useWideScreen()
  const me = staffApi.session.current()?.user

  useEffect(() => {
    saveSnapshot({ filters, rows, cursor, counts, scrollTop: scrollTop.current })
  }, [filters, rows, cursor, counts])

  async function loadCounts() {
    try {
      setCounts(await inspectorApi.triageCounts())
    } catch {
      // The figures are a help, not the work: the queue shows without them.
    }
  }

  async function load(next: Filters, more = false) {
    if (!staffApi.session.isSignedIn()) {
      void Taro.redirectTo({ url: INSPECTOR_PAGES.login })
      return
    }
    // One "next page" at a time (the list's end and 加载更多 may both ask for it).
    if (more && busy.current) return
    const request = ++latest.current
    busy.current = true
    setLoading(true)
    setError(undefined)
    try {
      const page =
        next.tab === 'queue'
          ? await inspectorApi.triagePage(triageQuery(next, more ? cursor : null))
          : await inspectorApi.myClaims(more ? cursor : null, {
              // The claims list searches as the desk does: reference, employer, claimant name or phone.
              ...(next.q.trim() !== '' ? { q: next.q.trim().slice(0, 100) } : {}),
              ...(next.town !== ALL_TOWNS ? { town: next.town } : {}),
            })
      if (request !== latest.current) return
      setRows((current) => (more ? [...current, ...page.items] : page.items))
      setCursor(page.nextCursor)
      setLoaded(true)
    } catch (e) {
      if (request !== latest.current) return
      if (!(e instanceof ApiError && e.status === 401)) setError(e instanceof ApiError ? e.message : '加载失败，请重试')
    } finally {
      if (request === latest.current) {
        busy.current = false
        setLoading(false)
      }
    }
  }

  // In H5 every page shares the window's scroll: while a claim is open above the desk, its scroll
  // (and the browser clamping it to the claim's shorter height) must neither move the desk's kept
  // position nor load the desk's next page.
  const shown = useRef(true)
  useDidHide(() => {
    shown.current = false
  })
  useDidShow(() => {
    shown.current = true
    void loadCounts()
    if (restoring.current) {
      // Back from a claim (or the page made again): the queue as it was left, at the same place.
      restoring.current = false
      const top = scrollTop.current
      setTimeout(() => void Taro.pageScrollTo({ scrollTop: top, duration: 0 }).catch(() => {}), 0)
      return
    }
    if (!loaded) void load(filters)
  })
  usePullDownRefresh(() => {
    void Promise.all([load(filters), loadCounts()]).finally(() => Taro.stopPullDownRefresh())
  })
  usePageScroll(({ scrollTop: top }) => {
    if (shown.current) scrollTop.current = top
  })
  useReachBottom(() => {
    if (shown.current && cursor && !loading) void load(filters, true)
  })

  function change(update: Partial<Filters>) {
    const next = { ...filters, ...update }
    setFilters(next)
    setCursor(null)
    scrollTop.current = 0
    void load(next)
  }

  function sortBy(sort: TriageSort) {
    change(sort === filters.sort ? { order: filters.order === 'asc' ? 'desc' : 'asc' } : { sort, order: naturalOrder(sort) })
  }

  function open(row: Row) {
    saveSnapshot({ filters, rows, cursor, counts, scrollTop: scrollTop.current })
    restoring.current = true
    void Taro.navigateTo({ url: inspectorClaimUrl(row.id) })
  }

  const switchTab = (tab: Tab) => change({ tab })
  const towns = (counts?.towns ?? []).map((code) => ({ code, name: TOWNS.find((t) => t.code === code)?.name ?? code }))

  return (
    <View className={`page inspector${wide ? ' desk-wide' : ''}`} role='main'>
      <View className='inspector-bar'>
        <Heading className='desk-heading'>待办案件</Heading>
        <View className='inspector-tabs'>
          <ActionButton id='tab-queue' pressed={filters.tab === 'queue'} className={`inspector-tab${filters.tab === 'queue' ? ' inspector-tab--on' : ''}`} onClick={() => switchTab('queue')}>
            待受理
          </ActionButton>
          <ActionButton id='tab-mine' pressed={filters.tab === 'mine'} className={`inspector-tab${filters.tab === 'mine' ? ' inspector-tab--on' : ''}`} onClick={() => switchTab('mine')}>
            我负责的
          </ActionButton>
        </View>
        <DeskCounts counts={counts} />
        <View className='inspector-user'>
          {me ? ROLE_LABELS[me.role] : ''}
          <IntakeLink />
          <ActionButton id='go-map' className='inspector-link' onClick={() => void Taro.navigateTo({ url: INSPECTOR_PAGES.map })}>
            案件地图
          </ActionButton>
          <ActionButton id='go-dashboard' className='inspector-link' onClick={() => void Taro.navigateTo({ url: INSPECTOR_PAGES.dashboard })}>
            数据统计
          </ActionButton>
          {me?.role === 'admin' ? (
            <>
              <ActionButton id='go-accounts' className='inspector-link' onClick={() => void Taro.navigateTo({ url: INSPECTOR_PAGES.accounts })}>
                账号管理
              </ActionButton>
              <ActionButton id='go-sync' className='inspector-link' onClick={() => void Taro.navigateTo({ url: INSPECTOR_PAGES.sync })}>
                国家平台同步
              </ActionButton>
            </>
          ) : null}
          <ActionButton
            id='staff-logout'
            className='inspector-link'
            onClick={() => void staffApi.signOut().then(() => Taro.redirectTo({ url: INSPECTOR_PAGES.login }))}
          >
            退出
          </ActionButton>
        </View>
      </View>

      <DeskFilters filters={filters} towns={towns} onChange={change} />

      {error ? (
        <View className='notice notice--error' id='triage-error' role='alert'>
          {error}
        </View>
      ) : null}
      {loaded && rows.length === 0 && !error ? (
        <View className='inspector-empty' id='triage-empty'>
          {filters.q !== '' ? '没有找到符合条件的投诉' : filters.tab === 'queue' ? '没有待受理的投诉' : '您名下暂时没有案件'}
        </View>
      ) : null}

      {wide ? (
        <DeskTable rows={rows} me={me?.id} sort={filters.sort} order={filters.order} sortable={filters.tab === 'queue'} onSort={sortBy} onOpen={open} />
      ) : (
        <TriageCards rows={rows} me={me?.id} onOpen={open} />
      )}

      <View className='desk-more'>
        <View id='triage-shown' aria-live='polite'>
          已显示 {rows.length} 件{cursor ? '，下面还有' : rows.length > 0 ? '，已全部显示' : ''}
        </View>
        {cursor ? (
          <ActionButton id='triage-more' className='inspector-link' onClick={() => void load(filters, true)}>
            {loading ? '正在加载…' : '加载更多'}
          </ActionButton>
        ) : null}
      </View>
    </View>
  )
}
