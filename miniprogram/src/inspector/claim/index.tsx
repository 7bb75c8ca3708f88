/**
 * 案件详情 — one claim as staff see it (`#/inspector/claim/index?id=<uuid>`): facts (full phone and
 * ID number only for the assignee and above, each view logged by the server), group, deadlines,
 * money by kind, the whole timeline (internal notes included), evidence (photos as thumbnails
 * that open full size, PDFs opened in a new tab; each download logged by the server), the
 * actions the state machine allows now, "由我负责", and recording a recovery.
 *
 * BROWSER-TEST SELECTORS: #claim-status, #claim-reference, #claim-assign-me, .action-button with
 * ids #action-<action> (e.g. #action-accept), #transition-dialog with #transition-note textarea,
 * #transition-served-at input, #transition-unpaid-proof textarea, #transition-confirm,
 * #transition-error; the money section and its ledger: see ./recoveries.tsx; .staff-event;
 * #evidence with .evidence-cell[data-attachment-id]: photos as .evidence-thumb (an img once
 * fetched with the staff token; click → #evidence-viewer, #evidence-viewer-close), other files
 * (PDF, HEIC) as .evidence-file with an .evidence-file-open button (opens a new tab)
 */
import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { ClaimDetail } from '@huxin/shared/schemas/claim'
import { availableActions, CASE_ACTION_LABELS, type StaffCaseAction } from '@huxin/shared/domain/case-workflow'
import { CLAIM_STATUS_LABELS, type ClaimStatus } from '@huxin/shared/domain/claim-status'
import { townName } from '@huxin/shared/domain/towns'
import { shanghaiNoon } from '@huxin/shared/domain/shanghai-time'
import { ApiError } from '../../api/errors'
import { EvidenceFile } from '../../components/evidence-file'
import { evidenceFileLabel } from '../../components/evidence-file.types'
import { EvidenceThumb, isViewableImage } from '../../components/evidence-thumb'
import { Field, inputClass } from '../../components/field'
import { formatShanghaiDate, formatShanghaiDateTime } from '../../lib/dates'
import { inspectorApi, staffApi } from '../api'
import { actionForm, shanghaiToday, staffActions, staffEventLabel } from '../case'
import { INSPECTOR_PAGES } from '../routes'
import { ClaimDeskFacts } from './claim-desk-facts'
import { ClaimRecoveries } from './recoveries'
import { CaseKindBanner, hidesMoney } from '../components/case-kind-banner'
import { DecisionPanel } from '../components/decision-panel'
import { DocumentsPanel } from '../components/documents-panel'
import '../../components/evidence.css'
import '../../components/form.css'
import '../inspector.css'
import { LiabilityPanel } from './liability'


const message = (e: unknown) => (e instanceof ApiError ? e.message : '操作失败，请重试')
const date = (iso: string | undefined) => (iso ? (formatShanghaiDate(iso) ?? iso) : undefined)

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
  /** Downloaded evidence photos (blob: URLs in H5; EvidenceThumb frees them when it unmounts). */
  const previews = useRef(new Map<string, string>())
  const [viewing, setViewing] = useState<string | undefined>()

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
      setActionError('请填写说明')
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
      <View className='page inspector'>
        {error ? (
          <View className='notice notice--error' id='claim-error'>
            {error}
          </View>
        ) : (
          <View className='inspector-empty'>正在加载…</View>
        )}
      </View>
    )
  }

  const status = claim.status as ClaimStatus
  const attachments = claim.attachments ?? []
  // Our own full-size view rather than Taro.previewImage: in H5 that pulls Taro's swiper into
  // this page's chunk for a single picture (as on the worker's claim page).
  const preview = (attachmentId: string) => {
    const path = previews.current.get(attachmentId)
    if (path) setViewing(path)
  }
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

  return (
    <View className='page inspector inspector-claim'>
      <View className='inspector-card'>
        <View className='inspector-row'>
          <View className='inspector-status' id='claim-status'>
            {CLAIM_STATUS_LABELS[status] ?? status}
          </View>
          <View className='inspector-muted' id='claim-reference'>
            {claim.reference}
          </View>
          {claim.isGroupCase ? <View className='reason-chip reason-chip--group_case'>群体性案件（{claim.groupWorkersCount ?? claim.workersCount} 人）</View> : null}
        </View>
        <View className='inspector-muted'>
          受理期限 {date(claim.acceptDueAt)}
          {claim.acceptDueProvisional ? '（暂定）' : ''}
          {claim.materialRequestedAt ? '（待补正，暂停计算）' : ''}
          {claim.closeDueAt ? ` · 办结期限 ${date(claim.closeDueAt)}` : ''}
          {claim.closeDueProvisional ? '（暂定）' : ''}
          {claim.extendedAt ? '（已延期）' : ''}
          {claim.nationalDueAt ? ` · 全国平台期限 ${date(claim.nationalDueAt)}` : ''}
        </View>
        {claim.assigneeId ? (
          <View className='inspector-muted'>{claim.assigneeId === me?.id ? '由您负责' : '已有承办人'}</View>
        ) : (
          <Button
            id='claim-assign-me'
            className='hx-button hx-button--secondary'
            onClick={() => me && void run(() => inspectorApi.assign(claim.id, me.id), setError)}
          >
            由我负责
          </Button>
        )}
        {error ? <View className='notice notice--error'>{error}</View> : null}
      </View>
      <CaseKindBanner claim={claim} />
      <DecisionPanel claim={claim} onChanged={load} />

      <ClaimDeskFacts claim={claim} />

      {actions.length > 0 ? (
        <View className='inspector-card'>
          <View className='inspector-heading'>办理</View>
          <View className='inspector-actions'>
            {actions.map((a) => (
              <Button
                key={a}
                id={`action-${a}`}
                className='hx-button hx-button--secondary action-button'
                onClick={() => {
                  setAction(a)
                  setActionError(undefined)
                }}
              >
                {CASE_ACTION_LABELS[a]}
              </Button>
            ))}
          </View>
        </View>
      ) : null}

      <LiabilityPanel claimId={claim.id} />
      {hidesMoney(claim) ? null : <ClaimRecoveries claim={claim} onChanged={load} />}

      <View className='inspector-card'>
        <View className='inspector-heading'>投诉内容</View>
        <View className='fact'>投诉人：{claim.claimant.name} {claim.claimant.phone ?? claim.claimant.phoneMasked ?? ''}</View>
        {claim.claimant.idNumber || claim.claimant.idNumberMasked ? (
          <View className='fact'>身份证号：{claim.claimant.idNumber ?? claim.claimant.idNumberMasked}</View>
        ) : null}
        <View className='fact'>
          用人单位：{claim.employer.name}
          {claim.employer.creditCode ? `（${claim.employer.creditCode}）` : ''}
        </View>
        {claim.project ? <View className='fact'>项目：{claim.project.name}</View> : null}
        <View className='fact'>
          街镇：{townName(claim.town) ?? claim.town} · 人数：{claim.workersCount} · 期间：{claim.periodFrom} 至 {claim.periodTo}
        </View>
        <View className='fact fact--text'>{claim.description}</View>
        {claim.site ? (
          <View className='fact'>
            工作地点：{claim.site.address ?? ''}
            {claim.site.lat !== undefined && claim.site.lng !== undefined ? `（${claim.site.lat.toFixed(5)}, ${claim.site.lng.toFixed(5)}）` : ''}
          </View>
        ) : null}
      </View>

      <View className='inspector-card' id='evidence'>
        <View className='inspector-heading'>证据（{attachments.length} 份）</View>
        {attachments.length === 0 ? <View className='inspector-muted'>没有上传证据</View> : null}
        <View className='evidence-grid evidence-grid--staff'>
          {attachments.map((attachment) => (
            <View key={attachment.id} className='evidence-cell' data-attachment-id={attachment.id}>
              {isViewableImage(attachment) ? (
                <>
                  <EvidenceThumb
                    claimId={claim.id}
                    attachment={attachment}
                    download={staffApi.downloadAttachment}
                    onLoaded={(attachmentId, path) => previews.current.set(attachmentId, path)}
                    onOpen={preview}
                  />
                  <View className='evidence-caption'>{evidenceFileLabel(attachment)}</View>
                </>
              ) : (
                <EvidenceFile claimId={claim.id} attachment={attachment} download={staffApi.downloadAttachment} />
              )}
            </View>
          ))}
        </View>
        {attachments.length > 0 ? <View className='inspector-muted'>每次查看证据都会记入个人信息查阅记录。</View> : null}
      </View>

      <DocumentsPanel claim={claim} onChanged={load} />
      <View className='inspector-card'>
        <View className='inspector-heading'>办理记录</View>
        {[...(claim.events ?? [])].reverse().map((event) => (
          <View key={event.id} className={`staff-event${event.visibility === 'internal' ? ' staff-event--internal' : ''}`}>
            <Text className='inspector-muted'>{formatShanghaiDateTime(event.at) ?? event.at}</Text>{' '}
            <Text className='staff-event-label'>{staffEventLabel(event.type)}</Text>
            {event.visibility === 'internal' ? <Text className='inspector-muted'>（内部）</Text> : null}
            {event.note ? <View className='staff-event-note'>{event.note}</View> : null}
          </View>
        ))}
      </View>

      {viewing ? (
        <View className='viewer' id='evidence-viewer' role='dialog' aria-label='证据原图' onClick={() => setViewing(undefined)}>
          <Image className='viewer-image' src={viewing} mode='aspectFit' />
          <Button id='evidence-viewer-close' className='inspector-link viewer-close-button' onClick={() => setViewing(undefined)}>
            关闭（点任意处也可关闭）
          </Button>
        </View>
      ) : null}

      {action && form ? (
        <View className='dialog-mask'>
          <View className='dialog' id='transition-dialog' role='dialog' aria-label={CASE_ACTION_LABELS[action]}>
            <View className='dialog-title'>{CASE_ACTION_LABELS[action]}</View>
            {form.servedAt ? (
              <Field id='transition-served-at' label='责令支付通知书送达日期（年-月-日）' error={undefined}>
                <Input id='transition-served-at' className={inputClass(undefined)} value={servedOn} onInput={(e) => setServedOn(e.detail.value)} />
              </Field>
            ) : null}
            {form.unpaidProof ? (
              <Field id='transition-unpaid-proof' label='仍未支付的证明' error={undefined}>
                <Textarea id='transition-unpaid-proof' className='field-textarea' value={unpaidProof} onInput={(e) => setUnpaidProof(e.detail.value)} />
              </Field>
            ) : null}
            <Field id='transition-note' label={form.noteRequired ? '说明' : '说明（选填）'} error={undefined}>
              <Textarea id='transition-note' className='field-textarea' value={note} maxlength={2000} onInput={(e) => setNote(e.detail.value)} />
            </Field>
            {form.workerVisibleByDefault ? <View className='inspector-muted'>投诉人会看到这一步和说明</View> : <View className='inspector-muted'>仅内部可见</View>}
            {actionError ? (
              <View className='notice notice--error' id='transition-error'>
                {actionError}
              </View>
            ) : null}
            <Button id='transition-confirm' className={`hx-button hx-button--primary${busy ? ' hx-button--busy' : ''}`} onClick={() => void confirmAction()}>
              确定
            </Button>
            <Button id='transition-cancel' className='hx-button hx-button--secondary' onClick={() => setAction(undefined)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}
