/**
 * 案件详情 — one claim as staff see it (`#/inspector/claim/index?id=<uuid>`): facts (full phone and
 * ID number only for the assignee and above, each view logged by the server), group, deadlines,
 * money by kind, the whole timeline (internal notes included), evidence, the actions the state
 * machine allows now, "由我负责", recording a recovery, decisions and documents.
 *
 * At ≥ 1024 px (H5 on a desktop) a desk layout: the head (status, reference, deadlines, the
 * actions) across the top, then two columns — the case (confidentiality, facts, parties,
 * co-workers, liability, evidence) on the left, the work (decision, money, documents, timeline)
 * on the right — in dense real-pixel type (claim-wide.css). Below that, and in WeChat, one column.
 *
 * BROWSER-TEST SELECTORS: #claim-back, #claim-status, #claim-reference, #claim-deadlines,
 * #claim-assign-me, .action-button with ids #action-<action> (e.g. #action-accept),
 * #transition-dialog with #transition-note textarea, #transition-served-at input,
 * #transition-unpaid-proof textarea, #transition-confirm, #transition-error; .claim-columns with
 * .claim-column--facts and .claim-column--work (wide only); #claim-content; the money section:
 * ./recoveries.tsx; the timeline: ./claim-timeline.tsx; evidence: ./claim-evidence.tsx
 */
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import type { ClaimDetail } from '@huxin/shared/schemas/claim'
import { availableActions, CASE_ACTION_LABELS, type StaffCaseAction } from '@huxin/shared/domain/case-workflow'
import { CLAIM_STATUS_LABELS, type ClaimStatus } from '@huxin/shared/domain/claim-status'
import { townName } from '@huxin/shared/domain/towns'
import { shanghaiNoon } from '@huxin/shared/domain/shanghai-time'
import { ApiError } from '../../api/errors'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { inspectorApi, staffApi } from '../api'
import { actionForm, shanghaiToday, staffActions } from '../case'
import { periodText, shanghaiDay } from '../format'
import { INSPECTOR_PAGES } from '../routes'
import { useWideScreen } from '../triage/wide'
import { CaseKindBanner, hidesMoney } from '../components/case-kind-banner'
import { DecisionPanel } from '../components/decision-panel'
import { DocumentsPanel } from '../components/documents-panel'
import { backToDesk, ClaimDeskFacts } from './claim-desk-facts'
import { ClaimEvidence } from './claim-evidence'
import { ClaimTimeline } from './claim-timeline'
import { LiabilityPanel } from './liability'
import { ClaimRecoveries } from './recoveries'
import { NOTE_REQUIRED, TransitionDialog } from './transition-dialog'
import '../../components/form.css'
import '../inspector.css'
import './claim-wide.css'


const message = (e: unknown) => (e instanceof ApiError ? e.message : '操作失败，请重试')

export default function InspectorClaimPage() {
  const id = useRouter().params.id ?? ''
  const [claim, setClaim] = useState<ClaimDetail | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [action, setAction] = useState<StaffCaseAction | undefined>()
  const [note, setNote] = useState('')
  const [servedOn, setServedOn] = useState(shanghaiToday())
  const [unpaidProof, setUnpaidProof] = useState('')
  const [actionError, setActionError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const wide = useWideScreen()

  async function load() {
    if (!staffApi.session.isSignedIn()) {
      void Taro.redirectTo({ url: INSPECTOR_PAGES.login })
      return
    }
    try {
      setClaim(await inspectorApi.claim(id))
      setError(undefined)
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) setError(e instanceof ApiError && e.status === 404 ? '找不到这件投诉，或不在您的辖区' : message(e))
    }
  }
  useDidShow(() => {
    void load()
  })

  const me = staffApi.session.current()?.user

  async function run(work: () => Promise<unknown>, onError: (text: string) => void) {
    if (busy) return false
    setBusy(true)
    try {
      await work()
      await load()
      return true
    } catch (e) {
      onError(message(e))
      if (e instanceof ApiError && e.status === 409) void load()
      return false
    } finally {
      setBusy(false)
    }
  }

  async function confirmAction() {
    if (!claim || !action) return
    const form = actionForm(action)
    if (form.noteRequired && note.trim() === '') {
      setActionError(NOTE_REQUIRED)
      return
    }
    const body: Parameters<typeof inspectorApi.transition>[1] = { action }
    if (note.trim() !== '') body.note = note.trim()
    if (form.servedAt) body.servedAt = new Date(Math.min(shanghaiNoon(servedOn).getTime(), Date.now())).toISOString()
    if (form.unpaidProof) body.unpaidProof = unpaidProof.trim()
    const ok = await run(() => inspectorApi.transition(claim.id, body), setActionError)
    if (ok) {
      setAction(undefined)
      setNote('')
      setUnpaidProof('')
      Taro.showToast({ title: '已办理', icon: 'success' }).catch(() => {})
    }
  }

  if (!claim) {
    return (
      <View className='page inspector' role='main'>
        <Heading className='inspector-title'>案件详情</Heading>
        {error ? (
          <View className='notice notice--error' id='claim-error' role='alert'>
            {error}
          </View>
        ) : (
          <View className='inspector-empty'>正在加载…</View>
        )}
      </View>
    )
  }

  const status = claim.status as ClaimStatus
  const actions = me
    ? staffActions(
        availableActions(
          {
            status,
            acceptedAt: claim.acceptedAt ? new Date(claim.acceptedAt) : null,
            extendedAt: claim.extendedAt ? new Date(claim.extendedAt) : null,
            orderServedAt: claim.orderServedAt ? new Date(claim.orderServedAt) : null,
            orderPayDueAt: claim.orderPayDueAt ? new Date(claim.orderPayDueAt) : null,
            outstandingFen: claim.outstandingFen,
            blacklistAppliedAt: claim.blacklistAppliedAt ? new Date(claim.blacklistAppliedAt) : null,
            caseKind: claim.reportKind,
          },
          me.role === 'worker' ? 'inspector' : me.role,
        ),
      )
    : []
  const form = action ? actionForm(action) : undefined

  const head = (
    <View className='inspector-card claim-head' key='head'>
      <View className='inspector-row'>
        <ActionButton id='claim-back' className='inspector-link claim-back' onClick={backToDesk}>
          返回待办案件
        </ActionButton>
        <Heading level={1} className='inspector-status claim-title'>
          <Text id='claim-status'>{CLAIM_STATUS_LABELS[status] ?? status}</Text>
          <Text className='inspector-muted claim-reference' id='claim-reference'>
            {claim.reference}
          </Text>
        </Heading>
        {claim.isGroupCase ? <View className='reason-chip reason-chip--group_case'>群体性案件（{claim.groupWorkersCount ?? claim.workersCount} 人）</View> : null}
        {claim.assigneeId ? (
          <View className='inspector-muted'>{claim.assigneeId === me?.id ? '由您负责' : '已有承办人'}</View>
        ) : (
          <ActionButton
            id='claim-assign-me'
            className='hx-button hx-button--secondary action-button'
            onClick={() => me && void run(() => inspectorApi.assign(claim.id, me.id), setError)}
          >
            由我负责
          </ActionButton>
        )}
      </View>
      <View className='inspector-muted claim-deadlines' id='claim-deadlines'>
        受理期限 {shanghaiDay(claim.acceptDueAt)}
        {claim.acceptDueProvisional ? '（暂定）' : ''}
        {claim.materialRequestedAt ? '（待补正，暂停计算）' : ''}
        {claim.closeDueAt ? ` · 办结期限 ${shanghaiDay(claim.closeDueAt)}` : ''}
        {claim.closeDueProvisional ? '（暂定）' : ''}
        {claim.extendedAt ? '（已延期）' : ''}
        {claim.nationalDueAt ? ` · 全国平台期限 ${shanghaiDay(claim.nationalDueAt)}` : ''}
      </View>
      {error ? (
        <View className='notice notice--error' role='alert'>
          {error}
        </View>
      ) : null}
      {actions.length > 0 ? (
        <View className='claim-actions' role='group' aria-labelledby='claim-actions-label'>
          <Text className='claim-actions-label' id='claim-actions-label'>
            办理
          </Text>
          {actions.map((a) => (
            <ActionButton
              key={a}
              id={`action-${a}`}
              className='hx-button hx-button--secondary action-button'
              onClick={() => {
                setAction(a)
                setActionError(undefined)
              }}
            >
              {CASE_ACTION_LABELS[a]}
            </ActionButton>
          ))}
        </View>
      ) : null}
    </View>
  )
  const kind = <CaseKindBanner claim={claim} key='kind' />
  const decision = <DecisionPanel claim={claim} onChanged={load} key='decision' />
  const facts = <ClaimDeskFacts claim={claim} key='facts' />
  const liability = <LiabilityPanel claimId={claim.id} key='liability' />
  const money = hidesMoney(claim) ? null : <ClaimRecoveries claim={claim} onChanged={load} key='money' />
  const content = (
    <View className='inspector-card' id='claim-content' key='content'>
      <Heading level={2} className='inspector-heading'>
        投诉内容
      </Heading>
      {/* The phone masked here too: the full number is one deliberate step away (案情要点, 显示完整号码). */}
      <View className='fact'>投诉人：{claim.claimant.name} {claim.claimant.phoneMasked ?? ''}</View>
      {claim.claimant.idNumber || claim.claimant.idNumberMasked ? <View className='fact'>身份证号：{claim.claimant.idNumber ?? claim.claimant.idNumberMasked}</View> : null}
      <View className='fact'>
        用人单位：{claim.employer.name}
        {claim.employer.creditCode ? `（${claim.employer.creditCode}）` : ''}
      </View>
      {claim.project ? <View className='fact'>项目：{claim.project.name}</View> : null}
      <View className='fact'>
        街镇：{townName(claim.town) ?? claim.town} · 人数：{claim.workersCount} · 欠薪期间：{periodText(claim.periodFrom, claim.periodTo)}
      </View>
      <View className='fact fact--text'>{claim.description}</View>
      {claim.site ? (
        <View className='fact'>
          工作地点：{claim.site.address ?? ''}
          {claim.site.lat !== undefined && claim.site.lng !== undefined ? `（${claim.site.lat.toFixed(5)}, ${claim.site.lng.toFixed(5)}）` : ''}
        </View>
      ) : null}
    </View>
  )
  const evidence = <ClaimEvidence claim={claim} key='evidence' />
  const documents = <DocumentsPanel claim={claim} onChanged={load} key='documents' />
  const timeline = <ClaimTimeline claim={claim} key='timeline' />

  return (
    <View className={`page inspector inspector-claim${wide ? ' claim-wide' : ''}`} role='main'>
      {head}
      {wide ? (
        // The desk (≥ 1024 px): who and what on the left, the work on the right, both in the first screen.
        <View className='claim-columns'>
          <View className='claim-column claim-column--facts'>{[facts, kind, content, liability, evidence]}</View>
          <View className='claim-column claim-column--work'>{[decision, money, documents, timeline]}</View>
        </View>
      ) : (
        [kind, decision, facts, liability, money, content, evidence, documents, timeline]
      )}

      {action && form ? (
        <TransitionDialog
          action={action}
          form={form}
          busy={busy}
          error={actionError}
          values={{ note, servedOn, unpaidProof }}
          onNote={setNote}
          onServedOn={setServedOn}
          onUnpaidProof={setUnpaidProof}
          onConfirm={() => void confirmAction()}
          onCancel={() => setAction(undefined)}
        />
      ) : null}
    </View>
  )
}
