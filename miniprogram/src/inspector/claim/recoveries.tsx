/**
 * 金额 — the money section of the inspector's claim page: totals, the ledger with each entry's
 * reversal (冲正) and the claimant's dispute, and recording a recovery behind a confirmation that
 * shows the amount in figures and in 大写 (docs/casework.md, "Recoveries, reversals and disputes").
 *
 * BROWSER-TEST SELECTORS: #money-owed, #money-recovered (wages + compensation + 赔偿金), #money-outstanding;
 * .recovery-item[data-recovery-id] (.recovery-confirmed when the worker confirmed, .recovery-reversed
 * when cancelled, .recovery-reversal for the negative entry, .recovery-disputed with .recovery-dispute-text);
 * .recovery-reverse buttons (冲正) → #reversal-dialog with #reversal-reason textarea, #reversal-confirm,
 * #reversal-cancel, #reversal-error; .dispute-resolve → #resolve-dialog (#resolve-note, #resolve-confirm);
 * form: #recovery-kind (select), #recovery-amount input, #recovery-paid-on input, #recovery-payer
 * (select), #recovery-worker input, #recovery-submit, #recovery-error; confirmation
 * #recovery-confirm-dialog with #recovery-confirm-figures, #recovery-confirm-words, #recovery-reason
 * textarea (only above what is still owed), #recovery-confirm-save, #recovery-confirm-cancel.
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ClaimDetail, Recovery } from '@huxin/shared/schemas/claim'
import { fenToChineseWords } from '@huxin/shared/domain/money-words'
import { ApiError } from '../../api/errors'
import { ActionButton } from '../../components/action-button'
import { Field } from '../../components/field'
import { SelectField } from '../../components/select-field'
import { TextField } from '../../components/text-field'
import { formatShanghaiDate } from '../../lib/dates'
import { staffApi, inspectorApi } from '../api'
import {
  PAYER_LABELS,
  RECOVERY_KIND_LABELS,
  recoveryBody,
  shanghaiToday,
  yuan,
  type Payer,
  type RecoveryErrors,
  type RecoveryInput,
  type RecoveryKind,
} from '../case'
import './recoveries.css'

const kindOptions = (Object.keys(RECOVERY_KIND_LABELS) as RecoveryKind[]).map((value) => ({ value, label: RECOVERY_KIND_LABELS[value] }))
const payerOptions = (Object.keys(PAYER_LABELS) as Payer[]).map((value) => ({ value, label: PAYER_LABELS[value] }))
const emptyRecovery = (): RecoveryInput => ({ kind: 'wages', amountYuan: '', paidOn: shanghaiToday(), payer: 'employer', workerName: '' })
const RECORDABLE = ['accepted', 'investigating', 'mediating', 'ordered_to_pay', 'resolved', 'transferred_police', 'transferred_enforcement']
const DISPUTE_WORDS = { not_received: '没收到', wrong_amount: '金额不对' } as const

const message = (e: unknown) => (e instanceof ApiError ? e.message : '操作失败，请重试')
const date = (iso: string) => formatShanghaiDate(iso) ?? iso
type Body = NonNullable<ReturnType<typeof recoveryBody>['body']>

export function ClaimRecoveries({ claim, onChanged }: { claim: ClaimDetail; onChanged: () => Promise<void> }) {
  const [recovery, setRecovery] = useState<RecoveryInput>(emptyRecovery())
  const [errors, setErrors] = useState<RecoveryErrors>({})
  const [formError, setFormError] = useState<string | undefined>()
  const [pending, setPending] = useState<Body | undefined>()
  const [overReason, setOverReason] = useState('')
  const [reasonError, setReasonError] = useState<string | undefined>()
  const [reversing, setReversing] = useState<Recovery | undefined>()
  const [reversalReason, setReversalReason] = useState('')
  const [reversalError, setReversalError] = useState<string | undefined>()
  const [resolving, setResolving] = useState<Recovery | undefined>()
  const [resolution, setResolution] = useState('')
  const [resolveError, setResolveError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  const r = claim.recoveredFen
  const items = claim.recoveries ?? []
  // Only wages are measured against what is owed (the claim states owed wages).
  const overOwed = pending !== undefined && pending.kind === 'wages' && pending.amountFen > claim.outstandingFen

  async function run(work: () => Promise<unknown>, onError: (text: string) => void): Promise<boolean> {
    if (busy) return false
    setBusy(true)
    try {
      await work()
      await onChanged()
      return true
    } catch (e) {
      onError(message(e))
      return false
    } finally {
      setBusy(false)
    }
  }

  function review() {
    const { body, errors: found } = recoveryBody(recovery)
    setErrors(found)
    setFormError(undefined)
    if (!body) return
    setOverReason('')
    setReasonError(undefined)
    setPending(body)
  }

  async function save() {
    if (!pending) return
    const reason = overReason.trim()
    if (overOwed && reason === '') {
      setReasonError('金额超过尚欠工资，请说明原因')
      return
    }
    const body = overOwed ? { ...pending, reason } : pending
    const ok = await run(
      () => inspectorApi.recordRecovery(claim.id, body),
      (text) => setReasonError(text),
    )
    if (ok) {
      setPending(undefined)
      setRecovery(emptyRecovery())
      Taro.showToast({ title: '已记录', icon: 'success' }).catch(() => {})
    }
  }

  async function reverse() {
    if (!reversing) return
    const reason = reversalReason.trim()
    if (reason === '') {
      setReversalError('请填写冲正原因')
      return
    }
    const ok = await run(
      () => staffApi.call('POST', `/api/v1/claims/${encodeURIComponent(claim.id)}/recoveries/${encodeURIComponent(reversing.id)}/reversal`, { reason }),
      setReversalError,
    )
    if (ok) {
      setReversing(undefined)
      Taro.showToast({ title: '已冲正', icon: 'success' }).catch(() => {})
    }
  }

  async function resolve() {
    if (!resolving) return
    const note = resolution.trim()
    if (note === '') {
      setResolveError('请填写核实结果')
      return
    }
    const ok = await run(
      () => staffApi.call('POST', `/api/v1/claims/${encodeURIComponent(claim.id)}/recoveries/${encodeURIComponent(resolving.id)}/dispute/resolution`, { note }),
      setResolveError,
    )
    if (ok) setResolving(undefined)
  }

  return (
    <View className='inspector-card' id='recoveries'>
      <View className='inspector-heading' role='heading' aria-level={2}>
        金额
      </View>
      <View className='money-grid'>
        <Text>被欠工资</Text>
        <Text id='money-owed'>{yuan(claim.amountOwedFen)}</Text>
        <Text>已追回（工资、补偿、赔偿金）</Text>
        <Text id='money-recovered'>{yuan(r.wages + r.compensation + r.indemnity)}</Text>
        <Text>其中工资</Text>
        <Text>{yuan(r.wages)}</Text>
        <Text>尚欠工资</Text>
        <Text id='money-outstanding'>{yuan(claim.outstandingFen)}</Text>
        <Text>责令补缴社保</Text>
        <Text>{yuan(r.socialInsurance)}</Text>
      </View>
      {items.map((item) => {
        const classes = ['recovery-item']
        if (item.confirmedAt) classes.push('recovery-confirmed')
        if (item.reversedBy) classes.push('recovery-reversed')
        if (item.reversalOf) classes.push('recovery-reversal')
        if (item.dispute) classes.push('recovery-disputed')
        return (
          <View key={item.id} className={classes.join(' ')} data-recovery-id={item.id}>
            <View className='recovery-line'>
              <Text>
                {date(item.paidAt)} · {item.reversalOf ? '冲正 ' : ''}
                {RECOVERY_KIND_LABELS[item.kind]} {yuan(item.amountFen)}
                {item.payer ? ` · ${PAYER_LABELS[item.payer]}` : ''}
                {item.workerName ? ` · ${item.workerName}` : ''}
                {item.reversalOf ? '' : item.reversedBy ? ' · 已冲正' : item.confirmedAt ? ' · 劳动者已确认收到' : ' · 待劳动者确认'}
              </Text>
              {/* The server says who may reverse now (a supervisor; the recorder within 24 hours) and checks again. */}
              {item.canReverse === true ? (
                <ActionButton
                  className='hx-button hx-button--secondary recovery-reverse'
                  label={`冲正 ${RECOVERY_KIND_LABELS[item.kind]} ${yuan(item.amountFen)}`}
                  onClick={() => {
                    setReversing(item)
                    setReversalReason('')
                    setReversalError(undefined)
                  }}
                >
                  冲正
                </ActionButton>
              ) : null}
            </View>
            {item.reason ? <View className='recovery-reason'>{item.reversalOf ? '冲正原因' : '超出原因'}：{item.reason}</View> : null}
            {item.dispute ? (
              <View className='recovery-dispute' role='note'>
                <Text className='recovery-dispute-text'>
                  工资到账有异议（{DISPUTE_WORDS[item.dispute.kind]}）：{item.dispute.note}
                </Text>
                <ActionButton
                  className='hx-button hx-button--secondary dispute-resolve'
                  onClick={() => {
                    setResolving(item)
                    setResolution('')
                    setResolveError(undefined)
                  }}
                >
                  记录核实结果
                </ActionButton>
              </View>
            ) : null}
          </View>
        )
      })}
      {RECORDABLE.includes(claim.status) ? (
        <View className='recovery-form'>
          <View className='inspector-subheading' role='heading' aria-level={3}>
            记录追回款项
          </View>
          <Field id='recovery-kind' label='类别' error={errors.kind}>
            <SelectField
              id='recovery-kind'
              options={kindOptions}
              value={recovery.kind}
              placeholder='请选择'
              invalid={!!errors.kind}
              onChange={(kind) => setRecovery({ ...recovery, kind })}
            />
          </Field>
          <TextField
            id='recovery-amount'
            label='金额（元）'
            kind='decimal'
            error={errors.amount}
            value={recovery.amountYuan}
            onInput={(amountYuan) => setRecovery({ ...recovery, amountYuan })}
          />
          <TextField
            id='recovery-paid-on'
            label='支付日期（年-月-日）'
            error={errors.paidOn}
            value={recovery.paidOn}
            placeholder='2026-11-28'
            onInput={(paidOn) => setRecovery({ ...recovery, paidOn })}
          />
          <Field id='recovery-payer' label='支付方' optional error={undefined}>
            <SelectField id='recovery-payer' options={payerOptions} value={recovery.payer} placeholder='请选择' onChange={(payer) => setRecovery({ ...recovery, payer })} />
          </Field>
          <TextField
            id='recovery-worker'
            label='领款劳动者'
            optional
            hint='多人案件可按人记录'
            error={undefined}
            value={recovery.workerName}
            maxLength={50}
            onInput={(workerName) => setRecovery({ ...recovery, workerName })}
          />
          {formError ? (
            <View className='notice notice--error' id='recovery-error' role='alert'>
              {formError}
            </View>
          ) : null}
          <ActionButton id='recovery-submit' className='hx-button hx-button--primary' onClick={review}>
            记录
          </ActionButton>
        </View>
      ) : null}

      {pending ? (
        <View className='dialog-mask'>
          <View className='dialog' id='recovery-confirm-dialog' role='dialog' aria-modal='true' aria-labelledby='recovery-confirm-title'>
            <View className='dialog-title' id='recovery-confirm-title' role='heading' aria-level={2}>
              请核对金额
            </View>
            <View className='recovery-confirm-kind'>{RECOVERY_KIND_LABELS[pending.kind]}</View>
            <View className='recovery-confirm-figures' id='recovery-confirm-figures'>
              {yuan(pending.amountFen)}
            </View>
            <View className='recovery-confirm-words' id='recovery-confirm-words'>
              人民币{fenToChineseWords(pending.amountFen)}
            </View>
            {overOwed ? (
              <TextField
                id='recovery-reason'
                label={`超过尚欠工资 ${yuan(claim.outstandingFen)}，请说明原因`}
                multiline
                maxLength={500}
                error={reasonError}
                value={overReason}
                onInput={setOverReason}
              />
            ) : reasonError ? (
              <View className='notice notice--error' id='recovery-confirm-error' role='alert'>
                {reasonError}
              </View>
            ) : null}
            <ActionButton id='recovery-confirm-save' className='hx-button hx-button--primary' busy={busy} onClick={() => void save()}>
              确认记录
            </ActionButton>
            <ActionButton id='recovery-confirm-cancel' className='hx-button hx-button--secondary' onClick={() => setPending(undefined)}>
              返回修改
            </ActionButton>
          </View>
        </View>
      ) : null}

      {reversing ? (
        <View className='dialog-mask'>
          <View className='dialog' id='reversal-dialog' role='dialog' aria-modal='true' aria-labelledby='reversal-title'>
            <View className='dialog-title' id='reversal-title' role='heading' aria-level={2}>
              冲正这笔款项
            </View>
            <View className='dialog-text'>
              {date(reversing.paidAt)} {RECOVERY_KIND_LABELS[reversing.kind]} {yuan(reversing.amountFen)}（人民币{fenToChineseWords(reversing.amountFen)}）。
              冲正会记一笔负数，原记录保留；劳动者、统计和全国平台都会随之更正。
            </View>
            <TextField id='reversal-reason' label='冲正原因' multiline maxLength={500} error={reversalError} value={reversalReason} onInput={setReversalReason} />
            <ActionButton id='reversal-confirm' className='hx-button hx-button--primary' busy={busy} onClick={() => void reverse()}>
              确认冲正
            </ActionButton>
            <ActionButton id='reversal-cancel' className='hx-button hx-button--secondary' onClick={() => setReversing(undefined)}>
              取消
            </ActionButton>
          </View>
        </View>
      ) : null}

      {resolving ? (
        <View className='dialog-mask'>
          <View className='dialog' id='resolve-dialog' role='dialog' aria-modal='true' aria-labelledby='resolve-title'>
            <View className='dialog-title' id='resolve-title' role='heading' aria-level={2}>
              记录异议核实结果
            </View>
            <TextField id='resolve-note' label='核实结果' multiline maxLength={1000} error={resolveError} value={resolution} onInput={setResolution} />
            <ActionButton id='resolve-confirm' className='hx-button hx-button--primary' busy={busy} onClick={() => void resolve()}>
              保存
            </ActionButton>
            <ActionButton id='resolve-cancel' className='hx-button hx-button--secondary' onClick={() => setResolving(undefined)}>
              取消
            </ActionButton>
          </View>
        </View>
      ) : null}
    </View>
  )
}
