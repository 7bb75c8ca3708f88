/**
 * Draining the notification outbox (db/schema/notifications.ts): each worker-visible claim event
 * becomes a WeChat subscription message to a worker who signed in with WeChat, otherwise an SMS
 * to the worker's phone. Sending happens here, never inside the request that changed the claim.
 *
 * Rows are leased (`leased_until`) by an UPDATE … FOR UPDATE SKIP LOCKED, then sent outside any
 * transaction, so several drainers (every `npm start` process, `npm run worker`) share the queue
 * without sending a row twice while it is leased; a drainer killed mid-send leaves its rows to
 * come back when the lease ends (at-least-once: WeChat and SMS have no idempotency key we could use
 * for WeChat; the SMS carries our row id as `outId`).
 *
 * Failures: WeChat 43101 (the worker did not subscribe, or used up a one-time subscription) and
 * other refusals the outside system marks permanent end the row as `failed` at once; timeouts,
 * busy answers and 5xx retry with exponential backoff and jitter up to `MAX_ATTEMPTS`.
 */
import { CLAIM_STATUS_LABELS, formatFen, REJECT_REASON_SHORT, shanghaiMinute, type ClaimStatus, type RejectReason } from '@huxin/shared'
import type { FastifyBaseLogger } from 'fastify'
import type { RawQuery } from '../../db/client'
import { backoffDelayMs } from '../../lib/backoff'
import { SmsGatewayError, type SmsPort } from '../sms/index'
import { WechatApiError, WechatErrcode, type WechatPort } from '../wechat/index'
import type { PiiCipher } from '../pii/index'
import { createNotificationsRepository, type LeasedNotification } from './repository'

export const MAX_ATTEMPTS = 8
const BASE_DELAY_MS = 30_000
const MAX_DELAY_MS = 6 * 3_600_000
const LEASE_MS = 60_000

export interface NotificationDeps {
  query: RawQuery
  wechat: WechatPort
  sms: SmsPort
  pii: PiiCipher
  /** The subscription-message template of claim updates (config.wechat.claimUpdateTemplateId). */
  claimUpdateTemplateId: string
  log?: FastifyBaseLogger
  random?: () => number
}

export interface DrainResult {
  sent: number
  failed: number
  retrying: number
  skipped: number
}

/** Delay before attempt `attempt + 1`: 30 s doubling per attempt, capped at 6 h, "equal jitter". */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return backoffDelayMs(attempt, BASE_DELAY_MS, MAX_DELAY_MS, random, 'equal')
}

type Outcome = { kind: 'sent' } | { kind: 'permanent'; error: string } | { kind: 'retry'; error: string }

function classify(error: unknown): Outcome {
  if (error instanceof WechatApiError) {
    const code = error.errcode ?? error.kind
    if (error.errcode === WechatErrcode.USER_REFUSED) return { kind: 'permanent', error: `wechat ${code}` }
    return error.retryable ? { kind: 'retry', error: `wechat ${code}` } : { kind: 'permanent', error: `wechat ${code}` }
  }
  if (error instanceof SmsGatewayError) {
    return error.retryable ? { kind: 'retry', error: `sms ${error.code}` } : { kind: 'permanent', error: `sms ${error.code}` }
  }
  return { kind: 'retry', error: error instanceof Error ? error.name : 'unknown error' }
}

/**
 * What the message says happened: the status, and for a decision its ground in a few plain words
 * (the full words are the event's note in the app's timeline).
 */
export function notificationStatusWords(row: Pick<LeasedNotification, 'status' | 'event_type' | 'event_reason' | 'event_amount_fen'>): string {
  const amount = row.event_amount_fen === null || row.event_amount_fen === undefined ? undefined : Number(row.event_amount_fen)
  // Money recorded names the amount, so the worker can check it before confirming (docs/casework.md, Recoveries).
  if (row.event_type === 'recovery_recorded' && amount !== undefined) return `已追回 ${formatFen(amount)} 元，请确认是否收到`
  if (row.event_type === 'recovery_reversed' && amount !== undefined) return `一笔 ${formatFen(-amount)} 元的追回记录已冲正`
  if (row.event_type === 'request_material') return '请补充材料'
  if (row.event_type === 'material_received') return '补充材料已收到'
  const statusLabel = CLAIM_STATUS_LABELS[row.status as ClaimStatus] ?? row.status
  const reason = row.event_type === 'reject' && row.event_reason ? REJECT_REASON_SHORT[row.event_reason as RejectReason] : undefined
  return reason ? `${statusLabel}：${reason}` : statusLabel
}

/** Sends up to `batch` due notifications; returns what became of them. */
export async function drainNotifications(deps: NotificationDeps, batch = 20): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0, retrying: 0, skipped: 0 }
  const repository = createNotificationsRepository(deps.query)
  const rows = await repository.leaseDue(batch, LEASE_MS)
  await Promise.all(
    rows.map(async (row) => {
      const statusLabel = CLAIM_STATUS_LABELS[row.status as ClaimStatus] ?? row.status
      const words = notificationStatusWords(row)
      const phoneEnc = row.user_phone_enc ?? row.claimant_phone_enc
      const channel = row.openid ? 'wechat' : phoneEnc ? 'sms' : null
      if (channel === null) {
        await repository.markEnded(row.id, 'skipped', null, 'no WeChat openid and no phone')
        result.skipped++
        return
      }
      let outcome: Outcome
      try {
        if (channel === 'wechat' && row.openid) {
          await deps.wechat.sendSubscribeMessage({
            touser: row.openid,
            templateId: deps.claimUpdateTemplateId,
            page: `pages/claims/detail/index?id=${row.claim_id}`,
            data: {
              character_string1: { value: row.reference },
              phrase2: { value: statusLabel.slice(0, 5) },
              time3: { value: shanghaiMinute(new Date(row.created_at)) },
              // thing4 holds 20 characters: a recovery keeps its amount (the words without spaces).
              thing4: { value: words === statusLabel ? '点击查看投诉进度' : words.replace(/ /g, '').slice(0, 20) },
            },
          })
        } else if (phoneEnc) {
          await deps.sms.sendClaimUpdate(deps.pii.decrypt(phoneEnc), { reference: row.reference, status: words }, row.id)
        }
        outcome = { kind: 'sent' }
      } catch (error) {
        outcome = classify(error)
      }
      if (outcome.kind === 'sent') {
        await repository.markSent(row.id, channel)
        result.sent++
      } else if (outcome.kind === 'permanent' || row.attempts >= MAX_ATTEMPTS) {
        await repository.markEnded(row.id, 'failed', channel, outcome.error)
        deps.log?.warn({ notification: row.id, error: outcome.error, attempts: row.attempts }, 'notification failed for good')
        result.failed++
      } else {
        await repository.scheduleRetry(row.id, channel, outcome.error, retryDelayMs(row.attempts, deps.random))
        result.retrying++
      }
    }),
  )
  return result
}

/**
 * Drains every `intervalMs` (and straight away while a batch came back full). Returns a stop
 * function that waits for the round in progress.
 */
export function startNotificationDrainer(deps: NotificationDeps, intervalMs = 2_000): () => Promise<void> {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<void> = Promise.resolve()
  const BATCH = 20
  const round = async () => {
    try {
      for (;;) {
        const r = await drainNotifications(deps, BATCH)
        if (stopped || r.sent + r.failed + r.retrying + r.skipped < BATCH) break
      }
    } catch (err) {
      deps.log?.warn({ err }, 'notification drain failed')
    }
  }
  const tick = () => {
    running = round().finally(() => {
      if (!stopped) timer = setTimeout(tick, intervalMs)
    })
  }
  timer = setTimeout(tick, intervalMs)
  timer.unref?.()
  return async () => {
    stopped = true
    if (timer) clearTimeout(timer)
    await running
  }
}
