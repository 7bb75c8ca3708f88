/**
 * 受理决定 — the acceptance decision on a claim or report awaiting one (docs/casework.md): accept;
 * not accepted on a statutory ground (time barred, already in arbitration or court, not a
 * labour-inspection matter with the help point it refers to, another bureau with its name, other
 * with reasons); request material (补正, stops the clock) and material received.
 *
 * BROWSER-TEST SELECTORS: #decision-panel, #decision-accept, #decision-reject,
 * #decision-request-material, #decision-material-received, #decision-dialog, #decision-reason
 * (select), #decision-refer-to (select), #decision-transfer-to input, #decision-note textarea,
 * #decision-confirm, #decision-cancel, #decision-error; #decision-time-bar (the Art. 20 check, on the
 * panel and in the dialog), #decision-continuing (accept a time-barred claim as a continuing act)
 */
import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Claim } from '@huxin/shared/schemas/claim'
import type { TransitionBody } from '@huxin/shared/schemas/casework'
import { isTimeBarred, lastDueDayOfPeriod, REJECT_REASON_SHORT, REJECT_REASONS, TIME_BAR_YEARS, type RejectReason } from '@huxin/shared/domain/acceptance'
import { shanghaiDate } from '@huxin/shared/domain/shanghai-time'
import { ApiError } from '../../api/errors'
import type { HelpPointItem } from '../../api/help-points-types'
import { CheckBox } from '../../components/check-box'
import { Field } from '../../components/field'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { SelectField } from '../../components/select-field'
import { TextField } from '../../components/text-field'
import { inspectorApi, staffApi } from '../api'
import './case-kind.css'

type Decision = 'accept' | 'reject' | 'request_material' | 'material_received'
const TITLES: Record<Decision, string> = { accept: '受理', reject: '不予受理', request_material: '要求补正材料', material_received: '补正材料已收到' }
const reasonOptions = REJECT_REASONS.map((value) => ({ value, label: REJECT_REASON_SHORT[value] }))
/** The whole zone and around it: the help points a worker may be sent to. */
const ZONE = { west: 119.6, south: 31.4, east: 120.5, north: 32.1 }
const REFERRAL_KINDS = ['arbitration', 'legal_aid', 'court', 'trade_union']

/** 2026-03-31 → 2026年3月31日 */
const chineseDay = (day: string) => `${day.slice(0, 4)}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`

/**
 * Why refusing as time-barred is proposed (劳动保障监察条例 Art. 20, shared/domain/acceptance.ts):
 * the period's last wages fell due more than two years before the complaint was filed. undefined
 * when the claim is within the limit (an inspection has no complaint to check).
 */
export function timeBarWhy(claim: Pick<Claim, 'periodTo' | 'createdAt' | 'caseType'>): string | undefined {
  if (claim.caseType === 'inspection') return undefined
  const filed = shanghaiDate(new Date(claim.createdAt))
  if (!isTimeBarred(claim.periodTo, filed)) return undefined
  const last = lastDueDayOfPeriod(claim.periodTo)
  return (
    `欠薪期间截至 ${claim.periodTo}，最后一个月的工资最迟应在 ${chineseDay(last)} 支付；` +
    `到 ${chineseDay(filed)} 投诉时已超过 ${TIME_BAR_YEARS} 年。依《劳动保障监察条例》第二十条，建议不予受理（超过两年查处时效）；` +
    `如违法行为一直持续到两年之内，可以受理并说明持续的情况。`
  )
}

export function DecisionPanel({ claim, onChanged }: { claim: Claim; onChanged: () => Promise<void> | void }) {
  const [decision, setDecision] = useState<Decision | undefined>()
  const [reason, setReason] = useState<RejectReason>('other')
  const [referTo, setReferTo] = useState<string>('')
  const [transferTo, setTransferTo] = useState('')
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const [points, setPoints] = useState<HelpPointItem[]>([])
  const [continuing, setContinuing] = useState(false)

  useEffect(() => {
    if (decision !== 'reject' || points.length > 0) return
    staffApi
      .helpPointsInBox(ZONE)
      .then((answer) => setPoints(answer.items.filter((p) => REFERRAL_KINDS.includes(p.kind))))
      .catch(() => setPoints([]))
  }, [decision, points.length])

  if (claim.status !== 'submitted') return null
  const waiting = claim.materialRequestedAt !== undefined
  const barred = timeBarWhy(claim)

  function open(next: Decision) {
    setDecision(next)
    setError(undefined)
    setNote('')
    setContinuing(false)
    // The refusal the law proposes for a time-barred claim is offered first.
    if (next === 'reject' && barred) setReason('time_barred')
  }

  async function confirm() {
    if (!decision || busy) return
    const body: TransitionBody = { action: decision }
    if (note.trim() !== '') body.note = note.trim()
    if (decision === 'reject') {
      body.reason = reason
      if (reason === 'other' && !body.note) return setError('请写明不予受理的理由')
      if (reason === 'not_labour_inspection') {
        if (!referTo) return setError('请选择引导劳动者前往的仲裁或法律援助机构')
        body.referTo = referTo
      }
      if (reason === 'in_arbitration_or_court' && referTo) body.referTo = referTo
      if (reason === 'other_jurisdiction') {
        if (transferTo.trim() === '') return setError('请写明移送的有管辖权的机构')
        body.transferTo = transferTo.trim()
      }
    }
    if (decision === 'request_material' && !body.note) return setError('请写明需要补正的材料')
    if (decision === 'accept' && barred && continuing) {
      if (!body.note) return setError('请写明违法行为持续的情况')
      body.continuing = true
    }
    setBusy(true)
    try {
      await inspectorApi.transition(claim.id, body)
      setDecision(undefined)
      await onChanged()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '操作失败，请重试')
    } finally {
      setBusy(false)
    }
  }

  const pointOptions = points.map((p) => ({ value: p.id, label: p.name }))
  return (
    <View className='inspector-card' id='decision-panel'>
      <Heading level={2} className='inspector-heading'>
        受理决定（5 个工作日内）
      </Heading>
      {barred ? (
        <View className='notice notice--warning' id='decision-time-bar'>
          {barred}
        </View>
      ) : null}
      <View className='inspector-actions'>
        <ActionButton id='decision-accept' className='hx-button hx-button--secondary action-button' onClick={() => open('accept')}>
          受理
        </ActionButton>
        <ActionButton id='decision-reject' className='hx-button hx-button--secondary action-button' onClick={() => open('reject')}>
          不予受理
        </ActionButton>
        {waiting ? (
          <ActionButton id='decision-material-received' className='hx-button hx-button--secondary action-button' onClick={() => open('material_received')}>
            补正材料已收到
          </ActionButton>
        ) : (
          <ActionButton id='decision-request-material' className='hx-button hx-button--secondary action-button' onClick={() => open('request_material')}>
            要求补正材料
          </ActionButton>
        )}
      </View>
      {decision ? (
        <View className='dialog-mask'>
          <View className='dialog' id='decision-dialog' role='dialog' aria-modal='true' aria-labelledby='decision-title'>
            <Heading level={2} id='decision-title' className='dialog-title'>
              {TITLES[decision]}
            </Heading>
            {barred && (decision === 'reject' || decision === 'accept') ? (
              <View className='notice notice--warning' id='decision-time-bar-why'>
                {barred}
              </View>
            ) : null}
            {barred && decision === 'accept' ? (
              <CheckBox id='decision-continuing' checked={continuing} label='违法行为一直持续（在说明中写明持续的情况）' onChange={setContinuing} />
            ) : null}
            {decision === 'reject' ? (
              <>
                <Field id='decision-reason' label='不予受理的依据' error={undefined}>
                  <SelectField id='decision-reason' options={reasonOptions} value={reason} placeholder='请选择' onChange={setReason} />
                </Field>
                {reason === 'not_labour_inspection' || reason === 'in_arbitration_or_court' ? (
                  <Field id='decision-refer-to' label='引导前往' optional={reason === 'in_arbitration_or_court'} error={undefined}>
                    <SelectField id='decision-refer-to' options={pointOptions} value={referTo} placeholder={points.length ? '请选择服务点' : '没有可选的服务点'} onChange={setReferTo} />
                  </Field>
                ) : null}
                {reason === 'other_jurisdiction' ? (
                  <TextField id='decision-transfer-to' label='移送至（有管辖权的机构）' error={undefined} value={transferTo} maxLength={100} onInput={setTransferTo} />
                ) : null}
              </>
            ) : null}
            <TextField
              id='decision-note'
              label={
                decision === 'request_material' ? '需要补正的材料' : decision === 'reject' && reason === 'other' ? '理由' : decision === 'accept' && continuing ? '持续的情况' : '说明（选填）'
              }
              error={undefined}
              value={note}
              multiline
              maxLength={2000}
              onInput={setNote}
            />
            <View className='inspector-muted'>
              {decision === 'request_material' ? '补正期间受理期限暂停计算；' : ''}投诉人会在小程序里看到这一决定和理由
            </View>
            {error ? (
              <View className='notice notice--error' id='decision-error' role='alert'>
                {error}
              </View>
            ) : null}
            <ActionButton id='decision-confirm' className={`hx-button hx-button--primary${busy ? ' hx-button--busy' : ''}`} onClick={() => void confirm()}>
              确定
            </ActionButton>
            <ActionButton id='decision-cancel' className='hx-button hx-button--secondary' onClick={() => setDecision(undefined)}>
              取消
            </ActionButton>
          </View>
        </View>
      ) : null}
    </View>
  )
}
