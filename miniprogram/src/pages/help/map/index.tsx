/**
 * 找帮助 — the nearest help points on a map and in a list (third tab; `#/pages/help/map/index` in
 * H5). No sign-in. Where the worker is: `?lat=…&lng=…` or `?town=<code>` in the address
 * (links, tests), else the phone's location (lib/locate), else a town the worker picks (remembered).
 * The list is the complete alternative to the map (screen readers, large text); staff status
 * changes arrive live (lib/help-live) and update the list and the markers in place.
 *
 * BROWSER-TEST SELECTORS (H5 build)
 *   where             #location-label (当前位置 / 横林镇 / 链接里的位置), #locate-me (用我的位置),
 *                     #pick-town (换个地方), #town-picker with #town-<code> buttons, #locate-failed
 *   filters           #kind-all, #kind-<kind> (aria-pressed), #open-only (aria-checked)
 *   map               #help-map (.help-marker with .help-marker-dot[data-point-id][data-status];
 *                     .help-cluster when crowded)
 *   list              #help-list; rows .help-item (id `help-<uuid>`, data-status) with
 *                     .help-item-name, .help-item-kind, .help-item-distance (850 米 / 1.2 公里),
 *                     .help-item-status (one line: 现在开门，17:30 下班 / 现在没开门，8:30 开门 /
 *                     现在开门，人多要排队 / 今天暂停接待…, lib/help-advice.ts); tap → detail
 *   cards             #help-cards above the map: .help-card (id `card-<uuid>`, data-kind) — the
 *                     brigade and the labour station first, #card-hotline (12333), then others
 *   offline           #help-saved: the list saved on the phone, with the time it was saved
 *   channels          #help-channels (12333: no visit needed), .help-channel-call
 *   states            #help-loading, #help-empty, #help-error with #help-retry, #help-live (aria-live)
 */
import { View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { TOWNS } from '@huxin/shared/domain/towns'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { api } from '../../../api'
import type { HelpPointChannel, HelpPointEvent, HelpPointItem, HelpPointKind } from '../../../api/help-points-types'
import { ActionButton } from '../../../components/action-button'
import { Heading } from '../../../components/heading'
import { HelpMap } from '../../../components/help-map'
import type { ViewportBox } from '../../../components/help-map.types'
import { HelpPointCall } from '../../../components/help-point-actions'
import { PrivacySheet } from '../../../components/privacy-sheet'
import { ReportLink } from '../../../components/report-link'
import {
  applyStatusChange,
  KIND_FILTERS,
  KIND_LABELS,
  locationFromQuery,
  STATUS_LABELS,
  TOWN_CENTRES,
  type WorkerLocation,
} from '../../../lib/help-points'
import { subscribeHelpPointChanges } from '../../../lib/help-live'
import { locateWorker } from '../../../lib/locate'
import { goTo } from '../../../lib/navigation'
import { helpDetailUrl, PAGES } from '../../../lib/routes'
import { loadHelpList, saveHelpList, savedNotice } from '../../../lib/help-saved'
import { readStorage, writeStorage } from '../../../lib/storage'
import { HelpCards } from './help-cards'
import { HelpList } from './help-list'
import '../../../components/form.css'
import './index.css'

/** The town picked by hand last time, so the worker need not pick it again. */
const TOWN_STORAGE_KEY = 'huxin:help-town:v1'
/** Enough rows for a town; the API's maximum is 50. */
const LIST_LIMIT = 30

type Phase = 'idle' | 'loading' | 'error'

function townLocation(code: string): WorkerLocation | undefined {
  const centre = TOWN_CENTRES[code]
  return centre ? { ...centre, source: 'town', town: code } : undefined
}

function locationLabel(location: WorkerLocation | undefined): string {
  if (!location) return '还不知道您在哪里'
  if (location.source === 'device') return '您当前的位置'
  if (location.source === 'town') return TOWNS.find((t) => t.code === location.town)?.name ?? '您选的地方'
  return '链接里的位置'
}

export default function HelpMapPage() {
  const router = useRouter()
  const [location, setLocation] = useState<WorkerLocation | undefined>()
  const [locating, setLocating] = useState(false)
  const [locateFailed, setLocateFailed] = useState<'denied' | 'unavailable' | undefined>()
  const [pickingTown, setPickingTown] = useState(false)
  const [kind, setKind] = useState<HelpPointKind | 'all'>('all')
  const [openOnly, setOpenOnly] = useState(false)
  const [items, setItems] = useState<readonly HelpPointItem[]>([])
  const [channels, setChannels] = useState<readonly HelpPointChannel[]>([])
  const [loaded, setLoaded] = useState(false)
  const [phase, setPhase] = useState<Phase>('idle')
  const [announcement, setAnnouncement] = useState('')
  /** Set while the list shown is the one saved on the phone (no network). */
  const [savedAt, setSavedAt] = useState<string | undefined>()
  const request = useRef(0)
  const itemsRef = useRef(items)
  itemsRef.current = items
  const reloadTimer = useRef<ReturnType<typeof setTimeout> | undefined>()
  /** H5: points in the map's visible area beyond the nearest ones (the list shows the nearest). */
  const [viewportItems, setViewportItems] = useState<readonly HelpPointItem[]>([])
  const viewportBox = useRef<ViewportBox | undefined>()
  const viewportRequest = useRef(0)

  const locate = useCallback(async () => {
    setLocating(true)
    setLocateFailed(undefined)
    const result = await locateWorker()
    setLocating(false)
    if (result.ok) {
      setLocation({ lat: result.lat, lng: result.lng, source: 'device' })
      setPickingTown(false)
    } else {
      setLocateFailed(result.reason)
      setPickingTown(true)
    }
  }, [])

  // Where the worker is, once: the address, a town picked before, or the phone.
  useEffect(() => {
    const fromQuery = locationFromQuery(router.params)
    if (fromQuery) {
      setLocation(fromQuery)
      return
    }
    const stored = readStorage(TOWN_STORAGE_KEY)
    const fromStorage = typeof stored === 'string' ? townLocation(stored) : undefined
    if (fromStorage) {
      setLocation(fromStorage)
      return
    }
    void locate()
    // Once per page: the address does not change under an open page.
  }, [])

  /** `quiet`: a live refresh — no loading state, errors keep what is shown. */
  const load = useCallback(
    async (quiet = false) => {
      if (!location) return
      const mine = ++request.current
      if (!quiet) setPhase('loading')
      try {
        const answer = await api.nearbyHelpPoints({
          lat: location.lat,
          lng: location.lng,
          limit: LIST_LIMIT,
          kind: kind === 'all' ? undefined : kind,
          openNow: openOnly || undefined,
        })
        if (mine !== request.current) return
        setItems(answer.items)
        setChannels(answer.channels ?? [])
        setLoaded(true)
        setPhase('idle')
        setSavedAt(undefined)
        if (kind === 'all' && !openOnly) saveHelpList(location, answer.items, answer.channels ?? [])
      } catch {
        if (mine !== request.current) return
        // No network: the last list saved for this place, marked with its time.
        const saved = kind === 'all' && !openOnly ? loadHelpList(location) : undefined
        if (saved && (!quiet || savedAt !== undefined)) {
          setItems(saved.items)
          setChannels(saved.channels)
          setLoaded(true)
          setSavedAt(saved.savedAt)
          setPhase('idle')
        } else if (!quiet) setPhase('error')
      }
    },
    // savedAt only decides whether a quiet refresh may replace the list with the saved one.
    [location, kind, openOnly],
  )

  useEffect(() => {
    void load()
  }, [load])

  const loadViewport = useCallback(
    async (box: ViewportBox | undefined) => {
      viewportBox.current = box
      if (!box) return
      const mine = ++viewportRequest.current
      try {
        const answer = await api.helpPointsInBox(box, kind === 'all' ? undefined : kind)
        if (mine === viewportRequest.current) setViewportItems(answer.items)
      } catch {
        // The map keeps what it shows; the list does not depend on this.
      }
    },
    [kind],
  )

  useEffect(() => {
    setViewportItems([])
    void loadViewport(viewportBox.current)
  }, [loadViewport])

  const mapPoints = useMemo(() => {
    const listed = new Set(items.map((p) => p.id))
    const more = viewportItems.filter((p) => !listed.has(p.id) && (!openOnly || p.openNow))
    return more.length === 0 ? items : [...items, ...more]
  }, [items, viewportItems, openOnly])

  const loadRef = useRef({ load, loadViewport })
  loadRef.current = { load, loadViewport }
  const scheduleReload = useCallback(() => {
    if (reloadTimer.current !== undefined) clearTimeout(reloadTimer.current)
    reloadTimer.current = setTimeout(() => {
      reloadTimer.current = undefined
      void loadRef.current.load(true)
      void loadRef.current.loadViewport(viewportBox.current)
    }, 500)
  }, [])

  const onChange = useCallback(
    (change: HelpPointEvent) => {
      const shown = itemsRef.current.find((p) => p.id === change.id)
      if (shown && change.change === 'status') {
        // In place at once; then the server's word on openNow (it depends on the status too).
        setItems((current) => applyStatusChange(current, change))
        if (shown.status !== change.status) setAnnouncement(`${shown.name}：${STATUS_LABELS[change.status]}`)
        scheduleReload()
      } else if (change.change !== 'status' || openOnly) {
        // A point added, moved or removed may change who is nearest; with 只看营业中 a status
        // change may add or drop a row.
        scheduleReload()
      }
      setViewportItems((current) => applyStatusChange(current, change))
      setChannels((current) => applyStatusChange(current, change))
    },
    [openOnly, scheduleReload],
  )
  const onChangeRef = useRef(onChange)
  onChangeRef.current = onChange

  const unsubscribe = useRef<(() => void) | undefined>()
  const shownBefore = useRef(false)
  useDidShow(() => {
    // Back from the detail page or another tab: changes made meanwhile were not listened to.
    if (shownBefore.current) {
      void loadRef.current.load(true)
      void loadRef.current.loadViewport(viewportBox.current)
    }
    shownBefore.current = true
    unsubscribe.current?.()
    unsubscribe.current = subscribeHelpPointChanges({
      onChange: (change) => onChangeRef.current(change),
      onResync: () => {
        void loadRef.current.load(true)
        void loadRef.current.loadViewport(viewportBox.current)
      },
    })
  })
  const stopLive = () => {
    unsubscribe.current?.()
    unsubscribe.current = undefined
    if (reloadTimer.current !== undefined) clearTimeout(reloadTimer.current)
  }
  useDidHide(stopLive)
  useEffect(() => stopLive, [])

  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh())
  })

  function pickTown(code: string) {
    const picked = townLocation(code)
    if (!picked) return
    writeStorage(TOWN_STORAGE_KEY, code)
    setLocation(picked)
    setPickingTown(false)
  }

  const open = (id: string) => goTo(helpDetailUrl(id))

  return (
    <View className='page help-page' role='main'>
      <PrivacySheet purpose='location' onOpenPolicy={() => goTo(PAGES.privacy)} />
      <Heading className='help-title'>找帮助</Heading>
      <View className='help-lead'>离您最近的劳动维权服务点，可以打电话，也可以直接去。</View>
      {savedAt ? (
        <View id='help-saved' className='notice notice--info help-notice' role='status'>
          {savedNotice(savedAt)}
        </View>
      ) : null}
      {kind === 'all' && !openOnly ? <HelpCards items={items} channels={channels} onOpen={(id) => goTo(helpDetailUrl(id))} /> : null}
      <ReportLink />

      <View className='help-where'>
        <View className='help-where-text'>
          按这里排远近：
          <View id='location-label' className='help-where-label'>
            {locating ? '正在找您的位置…' : locationLabel(location)}
          </View>
        </View>
        <View className='help-where-actions'>
          <ActionButton id='locate-me' className='hx-button hx-button--secondary help-where-button' onClick={() => void locate()}>
            用我的位置
          </ActionButton>
          <ActionButton id='pick-town' className='hx-button hx-button--secondary help-where-button' onClick={() => setPickingTown((v) => !v)}>
            换个地方
          </ActionButton>
        </View>
      </View>

      {locateFailed ? (
        <View id='locate-failed' className='notice notice--info help-notice' role='status'>
          {locateFailed === 'denied' ? '没有拿到您的位置（未同意使用位置）。' : '暂时找不到您的位置。'}
          请选一个镇或街道，我们按那里排远近。
        </View>
      ) : null}

      {pickingTown ? (
        <View id='town-picker' className='help-towns' role='group' aria-label='选择镇或街道'>
          {TOWNS.map((town) => (
            <ActionButton
              key={town.code}
              id={`town-${town.code}`}
              className={`hx-button help-town${location?.town === town.code ? ' hx-button--primary' : ' hx-button--secondary'}`}
              onClick={() => pickTown(town.code)}
            >
              {town.name}
            </ActionButton>
          ))}
        </View>
      ) : null}

      <View className='help-filters' role='group' aria-label='按类型筛选'>
        <ActionButton id='kind-all' className={`help-chip${kind === 'all' ? ' help-chip--on' : ''}`} pressed={kind === 'all'} onClick={() => setKind('all')}>
          全部
        </ActionButton>
        {KIND_FILTERS.map((k) => (
          <ActionButton key={k} id={`kind-${k}`} className={`help-chip${kind === k ? ' help-chip--on' : ''}`} pressed={kind === k} onClick={() => setKind(k)}>
            {KIND_LABELS[k]}
          </ActionButton>
        ))}
        <ActionButton
          id='open-only'
          className={`help-chip help-chip--toggle${openOnly ? ' help-chip--on' : ''}`}
          checked={openOnly}
          onClick={() => setOpenOnly((v) => !v)}
        >
          {openOnly ? '✓ ' : ''}只看营业中
        </ActionButton>
      </View>

      {location ? (
        <HelpMap
          points={mapPoints}
          centre={location}
          centreIsWorker={location.source === 'device'}
          onOpen={open}
          onViewportChange={(box) => void loadViewport(box)}
        />
      ) : null}

      <View id='help-live' className='help-live' aria-live='polite'>
        {announcement}
      </View>

      {phase === 'loading' && !loaded ? (
        <View id='help-loading' className='help-state'>
          正在查找附近的服务点…
        </View>
      ) : null}
      {phase === 'error' ? (
        <View id='help-error' className='notice notice--error' role='alert'>
          网络不好，没能查到服务点。
          <ActionButton id='help-retry' className='hx-button hx-button--secondary help-retry' onClick={() => void load()}>
            重试
          </ActionButton>
        </View>
      ) : null}
      {loaded && items.length === 0 ? (
        <View id='help-empty' className='help-state'>
          {openOnly ? '附近现在没有营业中的服务点。可以取消“只看营业中”，或者拨打 12333。' : '附近没有找到这类服务点。'}
        </View>
      ) : null}

      <HelpList items={items} onOpen={open} />

      {channels.length > 0 ? (
        <View id='help-channels' className='help-channels'>
          <Heading level={2} className='help-section-title'>
            不用跑腿：打电话咨询
          </Heading>
          {channels.map((channel) => (
            <View key={channel.id} className='help-channel'>
              <View className='help-item-name'>{channel.name}</View>
              {channel.phones[0] ? <HelpPointCall className='help-channel-call' phone={channel.phones[0]} label={`拨打 ${channel.phones[0]}`} /> : null}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}
