/**
 * 投诉详情 — one of the worker's claims (`#/pages/claims/detail/index?id=<uuid>` in H5): status,
 * key facts, money owed / recovered / outstanding, the acceptance deadline, the timeline of
 * worker-visible events, the evidence (downloaded with the token) and 撤回投诉 while allowed.
 *
 * BROWSER-TEST SELECTORS (H5 build)
 *   #detail-status (status label), #detail-reference, .fact-line, #money-owed, #money-recovered,
 *   #money-outstanding, #accept-due (YYYY年M月D日, only while waiting for acceptance),
 *   #timeline with .timeline-item (.timeline-label e.g. 已提交, .timeline-when), #evidence with
 *   .evidence-thumb (img inside once loaded; tap → #evidence-viewer, tap again to close),
 *   #detail-loading, #detail-error (+ #detail-retry)
 *   追回的钱          #recoveries: see ./recoveries-card.tsx (confirming opens #recovery-dialog)
 *   after acceptance  #close-due (预计办结, YYYY年M月D日), #brigade with #brigade-phone and #brigade-call
 *   我的通知书        #notices with .notice-line (.notice-title 受理通知书, .notice-text number · date, and the
 *                     PDF button .evidence-file-open 打开文件: a new tab in H5, the document viewer in WeChat)
 *   撤回              page.click('#withdraw') opens #withdraw-dialog; page.fill('#withdraw-reason
 *                     textarea', '…') (optional); #withdraw-confirm 确认撤回 / #withdraw-cancel;
 *                     #withdraw-error on failure (e.g. 这件投诉现在已经不能撤回了)
 */
import { Image, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro'
import { useRef, useState } from 'react'
import type { ClaimDetail, DocumentList } from '@huxin/shared'
import { api, ApiError } from '../../../api'
import { EvidenceFile } from '../../../components/evidence-file'
import { ActionButton } from '../../../components/action-button'
import { EvidenceThumb } from '../../../components/evidence-thumb'
import { Heading } from '../../../components/heading'
import { goToLogin } from '../../../lib/navigation'
import { claimDetailUrl } from '../../../lib/routes'
import {
  acceptDeadline,
  canWithdraw,
  keyFacts,
  loadErrorMessage,
  MAX_WITHDRAW_REASON,
  moneySummary,
  noticeLines,
  expectedFinish,
  statusLabel,
  timeline,
  withdrawErrorMessage,
} from './detail'
import '../../../components/form.css'
import '../../../components/evidence.css'
import { brigadeContact, type BrigadeContact } from './brigade'
import { RecoveriesCard } from './recoveries-card'
import './index.css'

export default function ClaimDetailPage() {
  const router = useRouter()
  const id = router.params.id ?? ''
  const [claim, setClaim] = useState<ClaimDetail | undefined>()
  const [documents, setDocuments] = useState<DocumentList['items']>([])
  const [error, setError] = useState<string | undefined>()
  const [loading, setLoading] = useState(false)
  const [dialog, setDialog] = useState(false)
  const [reason, setReason] = useState('')
  const [withdrawing, setWithdrawing] = useState(false)
  const [withdrawError, setWithdrawError] = useState<string | undefined>()
  const previews = useRef(new Map<string, string>())
  const [viewing, setViewing] = useState<string | undefined>()
  const [brigade, setBrigade] = useState<BrigadeContact | undefined>()

  async function load() {
    if (id === '') {
      setError('找不到这件投诉')
      return
    }
    if (!api.session.isSignedIn()) {
      goToLogin(claimDetailUrl(id))
      return
    }
    setLoading(true)
    setError(undefined)
    try {
      // The notices are extra: the claim shows even when they cannot be listed.
      const [detail, notices] = await Promise.all([api.getClaim(id), api.listDocuments(id).catch(() => undefined)])
      setClaim(detail)
      if (notices) setDocuments(notices.items)
      // After acceptance: whom to call (the brigade's help point); the page shows without it.
      if (expectedFinish(detail)) void brigadeContact(api, detail.town).then(setBrigade, () => undefined)
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) setError(loadErrorMessage(e))
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

  async function withdraw() {
    if (withdrawing || !claim) return
    setWithdrawing(true)
    setWithdrawError(undefined)
    try {
      const text = reason.trim()
      await api.withdrawClaim(claim.id, text === '' ? {} : { reason: text.slice(0, MAX_WITHDRAW_REASON) })
      setDialog(false)
      setReason('')
      Taro.showToast({ title: '已撤回', icon: 'success' }).catch(() => {})
      await load()
    } catch (e) {
      setWithdrawError(withdrawErrorMessage(e))
      if (e instanceof ApiError && e.status === 409) void load()
    } finally {
      setWithdrawing(false)
    }
  }

  // Our own full-screen view rather than Taro.previewImage: in H5 that pulls Taro's swiper into
  // this page's chunk (+60 KB gzip) for a single picture.
  function preview(attachmentId: string) {
    const path = previews.current.get(attachmentId)
    if (path) setViewing(path)
  }

  if (!claim) {
    return (
      <View className='page detail' role='main'>
        <Heading className='detail-title'>投诉详情</Heading>
        {error ? (
          <View className='notice notice--error' id='detail-error' role='alert'>
            {error}
            <ActionButton id='detail-retry' className='hx-button hx-button--secondary detail-retry' onClick={() => void load()}>
              重试
            </ActionButton>
          </View>
        ) : (
          <View className='detail-state' id='detail-loading'>
            {loading ? '正在加载…' : ''}
          </View>
        )}
      </View>
    )
  }

  const money = moneySummary(claim)
  const finish = expectedFinish(claim)
  const due = acceptDeadline(claim)
  const events = timeline(claim.events)
  const attachments = claim.attachments ?? []
  const notices = noticeLines(documents)

  return (
    <View className='page detail' role='main'>
      <Heading className='detail-title'>投诉详情</Heading>
      <View className='detail-card detail-status-card'>
        <View className='detail-label'>处理状态</View>
        <View className='detail-status' id='detail-status'>
          {statusLabel(claim)}
        </View>
        <View className='detail-reference' id='detail-reference'>
          编号 {claim.reference}
        </View>
        {due ? (
          <View className='detail-due'>
            受理期限：<Text id='accept-due'>{due}</Text>
          </View>
        ) : null}
        {finish ? (
          <View className='detail-due'>
            预计办结：<Text id='close-due'>{finish}</Text>
          </View>
        ) : null}
        {finish && brigade ? (
          <View className='detail-brigade' id='brigade'>
            <Text>
              有问题可以打电话给{brigade.name}：<Text id='brigade-phone'>{brigade.phone}</Text>
            </Text>
            <ActionButton
              id='brigade-call'
              className='hx-button hx-button--secondary brigade-call'
              label={`拨打电话 ${brigade.phone}（${brigade.name}）`}
              onClick={() => void Taro.makePhoneCall({ phoneNumber: brigade.phone }).catch(() => {})}
            >
              拨打电话
            </ActionButton>
          </View>
        ) : null}
      </View>

      {error ? (
        <View className='notice notice--error' id='detail-error' role='alert'>
          {error}
        </View>
      ) : null}

      <View className='detail-card'>
        <View className='detail-heading' role='heading' aria-level={2}>钱的情况</View>
        <View className='money-line'>
          <Text className='money-label'>被欠工资</Text>
          <Text className='money-value' id='money-owed'>
            {money.owed}
          </Text>
        </View>
        <View className='money-line'>
          <Text className='money-label'>已追回</Text>
          <Text className='money-value money-value--good' id='money-recovered'>
            {money.recovered}
          </Text>
        </View>
        <View className='money-line'>
          <Text className='money-label'>还差</Text>
          <Text className='money-value money-value--due' id='money-outstanding'>
            {money.outstanding}
          </Text>
        </View>
        {money.socialInsurance ? (
          <View className='money-line'>
            <Text className='money-label'>责令补缴社保</Text>
            <Text className='money-value'>{money.socialInsurance}</Text>
          </View>
        ) : null}
      </View>

      <RecoveriesCard claim={claim} onChanged={load} />

      <View className='detail-card'>
        <View className='detail-heading' role='heading' aria-level={2}>投诉内容</View>
        {keyFacts(claim).map((fact) => (
          <View key={fact.label} className='fact-line'>
            <Text className='fact-label'>{fact.label}：</Text>
            <Text className='fact-value'>{fact.value}</Text>
          </View>
        ))}
      </View>

      <View className='detail-card' id='timeline'>
        <View className='detail-heading' role='heading' aria-level={2}>处理进度</View>
        {events.length === 0 ? <View className='detail-text'>暂时还没有进展</View> : null}
        {events.map((event) => (
          <View key={event.id} className='timeline-item'>
            <View className='timeline-dot' />
            <View className='timeline-body'>
              <View className='timeline-label'>{event.label}</View>
              <View className='timeline-when'>{event.when}</View>
              {event.note ? <View className='timeline-note'>{event.note}</View> : null}
            </View>
          </View>
        ))}
      </View>

      {notices.length > 0 ? (
        <View className='detail-card' id='notices'>
          <View className='detail-heading' role='heading' aria-level={2}>我的通知书</View>
          {notices.map((notice) => (
            <View key={notice.id} className='notice-line'>
              <View className='notice-title'>{notice.title}</View>
              <View className='notice-text'>{notice.text}</View>
              <EvidenceFile claimId={claim.id} attachment={notice.file} download={(_claimId, documentId) => api.downloadDocument(documentId)} />
            </View>
          ))}
          <View className='detail-text'>通知书上有日期和文号，可以作为您已经投诉的凭证，请保存好。</View>
        </View>
      ) : null}

      <View className='detail-card' id='evidence'>
        <View className='detail-heading' role='heading' aria-level={2}>证据（{attachments.length}）</View>
        {attachments.length === 0 ? <View className='detail-text'>没有上传证据</View> : null}
        <View className='evidence-grid'>
          {attachments.map((attachment) => (
            <View key={attachment.id} className='evidence-cell'>
              <EvidenceThumb
                claimId={claim.id}
                attachment={attachment}
                onLoaded={(attachmentId, path) => previews.current.set(attachmentId, path)}
                onOpen={preview}
              />
            </View>
          ))}
        </View>
      </View>

      {canWithdraw(claim) ? (
        <ActionButton id='withdraw' className='hx-button hx-button--secondary withdraw-button' onClick={() => setDialog(true)}>
          撤回投诉
        </ActionButton>
      ) : null}

      {viewing ? (
        <View className='viewer' id='evidence-viewer' onClick={() => setViewing(undefined)}>
          <Image className='viewer-image' src={viewing} mode='aspectFit' />
          <View className='viewer-close'>点任意处关闭</View>
        </View>
      ) : null}

      {dialog ? (
        <View className='dialog-mask'>
          <View className='dialog' id='withdraw-dialog' role='dialog' aria-label='撤回投诉'>
            <View className='dialog-title'>确定要撤回这件投诉吗？</View>
            <View className='dialog-text'>撤回后，劳动保障监察机构将不再处理这件投诉。</View>
            <View className='field-label'>
              撤回原因<Text className='field-optional'>（选填）</Text>
            </View>
            <Textarea
              id='withdraw-reason'
              className='field-textarea dialog-textarea'
              value={reason}
              maxlength={MAX_WITHDRAW_REASON}
              placeholder='例如：老板已经把钱给我了'
              onInput={(e) => setReason(e.detail.value)}
            />
            {withdrawError ? (
              <View className='field-error' id='withdraw-error'>
                {withdrawError}
              </View>
            ) : null}
            <ActionButton
              id='withdraw-confirm'
              className={`hx-button hx-button--primary dialog-button${withdrawing ? ' hx-button--busy' : ''}`}
              busy={withdrawing}
              onClick={() => void withdraw()}
            >
              {withdrawing ? '正在撤回…' : '确认撤回'}
            </ActionButton>
            <ActionButton
              id='withdraw-cancel'
              className='hx-button hx-button--secondary dialog-button'
              onClick={() => {
                setDialog(false)
                setWithdrawError(undefined)
              }}
            >
              不撤回
            </ActionButton>
          </View>
        </View>
      ) : null}
    </View>
  )
}
