/**
 * 案件地图 — the open claims of the inspector's towns by work site (`#/inspector/map/index`; docs/casework.md).
 * The map (Leaflet in H5) loads the claims of the visible area after each pan or zoom
 * (`GET /api/v1/claims/map`, debounced); markers are coloured by deadline and status and cluster
 * where they crowd; when too many claims are in view the server sends counts per grid cell. The
 * list under the map is the complete alternative: every claim (or cell) in view, in words.
 *
 * BROWSER-TEST SELECTORS (H5 build)
 *   filters   #map-town (select), #map-status (select)
 *   map       #claim-map: .claim-marker (.claim-marker-dot[data-claim-id][data-tone]) with a popup
 *             (.claim-popup, button .claim-popup-open), .claim-cluster (.claim-cluster-count)
 *   legend    #map-legend
 *   list      #map-summary (视野内 N 件; #map-without-site: 另有 N 件没有工作地点), #map-list with rows .map-item (id `map-<uuid>`,
 *             data-reference, data-tone) and their .map-item-open buttons; when there are too
 *             many: #map-truncated and .map-cluster-row with .map-cluster-zoom buttons
 *   states    #map-loading, #map-empty, #map-error
 */
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { ClaimMapQuery, ClaimMapResponse } from '@huxin/shared/schemas/claim-map'
import { OPEN_STATUSES } from '@huxin/shared/domain/claim-status'
import { CLAIM_STATUS_LABELS } from '@huxin/shared/domain/claim-status'
import { TOWNS } from '@huxin/shared/domain/towns'
import { ApiError } from '../../api/errors'
import { ActionButton } from '../../components/action-button'
import { Field } from '../../components/field'
import { Heading } from '../../components/heading'
import { SelectField } from '../../components/select-field'
import type { ViewportBox } from '../../lib/map-cluster'
import { inspectorApi, staffApi } from '../api'
import { answerBox, clusterLabel, mapRow, TONE_LABELS, TONES, zoneBox } from '../claim-map'
import { ClaimMap } from '../components/claim-map'
import { INSPECTOR_PAGES, inspectorClaimUrl } from '../routes'
import '../../components/form.css'
import '../inspector.css'
import './index.css'

const ALL = 'all'
const townOptions = [{ value: ALL, label: '全部街镇' }, ...TOWNS.map((t) => ({ value: t.code as string, label: t.name }))]
const statusOptions = [{ value: ALL, label: '全部未结状态' }, ...OPEN_STATUSES.map((s) => ({ value: s as string, label: CLAIM_STATUS_LABELS[s] }))]
const INITIAL_BOX = zoneBox()

type Phase = 'loading' | 'idle' | 'error'

export default function ClaimMapPage() {
  const [town, setTown] = useState(ALL)
  const [status, setStatus] = useState(ALL)
  const [answer, setAnswer] = useState<ClaimMapResponse | undefined>()
  const [phase, setPhase] = useState<Phase>('loading')
  const [error, setError] = useState<string | undefined>()
  const [show, setShow] = useState<{ key: string; box: ViewportBox } | undefined>()
  const box = useRef<ViewportBox | undefined>()
  const request = useRef(0)
  const fittedOnce = useRef(false)
  const zooms = useRef(0)

  const load = useCallback(
    async (area: ViewportBox | undefined) => {
      box.current = area
      if (!area) return
      if (!staffApi.session.isSignedIn()) {
        void Taro.redirectTo({ url: INSPECTOR_PAGES.login })
        return
      }
      const mine = ++request.current
      setPhase('loading')
      try {
        const filters: { town?: string; status?: ClaimMapQuery['status'] } = {}
        if (town !== ALL) filters.town = town
        if (status !== ALL) filters.status = status as ClaimMapQuery['status']
        const next = await inspectorApi.claimMap(area, filters)
        if (mine !== request.current) return
        setAnswer(next)
        setError(undefined)
        setPhase('idle')
        // The first answer decides the first view: where this inspector's claims are.
        const extent = fittedOnce.current ? undefined : answerBox(next.items, next.clusters)
        if (extent) {
          fittedOnce.current = true
          setShow({ key: 'first', box: extent })
        }
      } catch (e) {
        if (mine !== request.current) return
        setPhase('error')
        if (!(e instanceof ApiError && e.status === 401)) setError(e instanceof ApiError ? e.message : '加载失败，请重试')
      }
    },
    [town, status],
  )

  const loadRef = useRef(load)
  loadRef.current = load
  // Filters changed: the same area again (the map itself asks for the first one).
  const filtersSeen = useRef(false)
  useEffect(() => {
    if (!filtersSeen.current) {
      filtersSeen.current = true
      return
    }
    if (box.current) void load(box.current)
  }, [load])
  // Back from a claim's page: statuses and deadlines may have moved meanwhile.
  const shownBefore = useRef(false)
  useDidShow(() => {
    if (shownBefore.current && box.current) void loadRef.current(box.current)
    shownBefore.current = true
  })

  const open = (id: string) => void Taro.navigateTo({ url: inspectorClaimUrl(id) })
  const rows = useMemo(() => (answer?.items ?? []).map(mapRow), [answer])

  return (
    <View className='page inspector inspector-map' role='main'>
      <View className='inspector-bar'>
        <Heading className='inspector-title'>案件地图</Heading>
        <ActionButton id='map-back' className='inspector-link' onClick={() => void Taro.redirectTo({ url: INSPECTOR_PAGES.triage })}>
          返回案件
        </ActionButton>
      </View>

      <View className='inspector-filters'>
        <Field id='map-town' label='街镇' error={undefined}>
          <SelectField id='map-town' options={townOptions} value={town} placeholder='全部街镇' onChange={setTown} />
        </Field>
        <Field id='map-status' label='状态' error={undefined}>
          <SelectField id='map-status' options={statusOptions} value={status} placeholder='全部未结状态' onChange={setStatus} />
        </Field>
      </View>

      <View id='map-legend' className='map-legend' role='group' aria-label='图例'>
        {TONES.map((tone) => (
          <View key={tone} className='map-legend-item'>
            <View className={`map-legend-dot map-legend-dot--${tone}`} />
            {TONE_LABELS[tone]}
          </View>
        ))}
        <View className='map-legend-item map-legend-note'>数字：这一片的件数，点一下放大</View>
      </View>

      <ClaimMap
        items={answer?.items ?? []}
        clusters={answer?.clusters ?? []}
        initialBox={INITIAL_BOX}
        show={show}
        onOpen={open}
        onViewportChange={(area) => void loadRef.current(area)}
      />

      <View id='map-summary' className='map-summary' aria-live='polite'>
        {answer ? `视野内 ${answer.total} 件未结案件` : ''}
        {answer?.withoutSite ? (
          <View id='map-without-site' className='inspector-muted'>
            另有 {answer.withoutSite} 件没有工作地点，不在地图上，请在案件列表里查看
          </View>
        ) : null}
        {phase === 'loading' ? <View id='map-loading' className='inspector-muted'>正在加载…</View> : null}
      </View>
      {error ? (
        <View id='map-error' className='notice notice--error' role='alert'>
          {error}
        </View>
      ) : null}
      {answer && answer.total === 0 && phase !== 'error' ? (
        <View id='map-empty' className='inspector-empty'>
          这片区域没有标了地点的未结案件。可以缩小地图看看周边。
        </View>
      ) : null}

      {answer?.truncated ? (
        <View id='map-truncated' className='notice notice--info'>
          视野内案件太多，不能逐件列出：请放大地图，或按街镇、状态筛选。下面是各片区的件数。
        </View>
      ) : null}

      <View id='map-list' className='map-list' role='list' aria-label='视野内的未结案件，逾期的在前'>
        {answer?.truncated
          ? answer.clusters.map((cell) => (
              <View key={cell.key} className='map-cluster-row' role='listitem'>
                <View className={`map-cluster-text${cell.overdueCount > 0 ? ' map-cluster-text--overdue' : ''}`}>{clusterLabel(cell)}</View>
                <ActionButton
                  className='inspector-link map-cluster-zoom'
                  label={`放大这一片，${clusterLabel(cell)}`}
                  onClick={() => setShow({ key: `cell:${cell.key}:${++zooms.current}`, box: cell.bounds })}
                >
                  放大这一片
                </ActionButton>
              </View>
            ))
          : rows.map((row) => (
              <View
                key={row.id}
                id={`map-${row.id}`}
                className='map-item'
                role='listitem'
                aria-label={row.ariaLabel}
                data-reference={row.reference}
                data-tone={row.tone}
              >
                <View className='map-item-head'>
                  <View className={`map-item-dot map-legend-dot map-legend-dot--${row.tone}`} />
                  <View className='triage-reference'>{row.reference}</View>
                  <View className={`map-item-deadline${row.tone === 'overdue' ? ' map-item-deadline--overdue' : ''}`}>{row.deadline}</View>
                  <View className='triage-status'>{row.status}</View>
                </View>
                <View className='triage-employer'>{row.employer}</View>
                <View className='triage-facts'>{row.facts}</View>
                {row.address ? <View className='inspector-muted'>{row.address}</View> : null}
                <ActionButton className='inspector-link map-item-open' label={`打开案件 ${row.reference}`} onClick={() => open(row.id)}>
                  打开案件
                </ActionButton>
              </View>
            ))}
      </View>
    </View>
  )
}
