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
import { CLAIM_STATUS_LABELS, type ClaimStatus } from '@huxin/shared'
import type { FastifyBaseLogger } from 'fastify'
import type { RawQuery } from '../../db/client'
import { SmsGatewayError, type SmsPort } from '../sms/index'
import { WechatApiError, WechatErrcode, type WechatPort } from '../wechat/index'
import type { PiiCipher } from '../pii/index'

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
  const base = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1))
  return Math.round(base / 2 + random() * (base / 2))
}

interface LeasedRow {
  id: string
  claim_id: string
  attempts: number
  reference: string
  status: string
  created_at: Date | string
  openid: string | null
  user_phone_enc: string | null
  claimant_phone_enc: string | null
}

const LEASE = `
with due as (
  select id from notification_outbox
  where state = 'pending' and next_attempt_at <= now() and (leased_until is null or leased_until < now())
  order by next_attempt_at
  limit $1
  for update skip locked
), leased as (
  update notification_outbox o
  set leased_until = now() + ($2::int * interval '1 millisecond'), attempts = o.attempts + 1
  from due where o.id = due.id
  returning o.id, o.claim_id, o.user_id, o.event_id, o.attempts
)
select l.id, l.claim_id, l.attempts, c.reference, c.status, e.created_at,
       u.wechat_openid as openid, u.phone_enc as user_phone_enc, c.claimant_phone_enc
from leased l
join claims c on c.id = l.claim_id
join claim_events e on e.id = l.event_id
left join users u on u.id = l.user_id`

const SENT = `update notification_outbox set state = 'sent', channel = $2, sent_at = now(), leased_until = null, last_error = null where id = $1`
const FAILED = `update notification_outbox set state = $2, channel = $3, leased_until = null, last_error = $4 where id = $1`
const RETRY = `update notification_outbox set channel = $2, leased_until = null, last_error = $3,
  next_attempt_at = now() + ($4::int * interval '1 millisecond') where id = $1`

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai, the form WeChat's `time` template fields take. */
function shanghaiMinute(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
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

/** Sends up to `batch` due notifications; returns what became of them. */
export async function drainNotifications(deps: NotificationDeps, batch = 20): Promise<DrainResult> {
  const result: DrainResult = { sent: 0, failed: 0, retrying: 0, skipped: 0 }
  const { rows } = await deps.query<LeasedRow>(LEASE, [batch, LEASE_MS])
  await Promise.all(
    rows.map(async (row) => {
      const statusLabel = CLAIM_STATUS_LABELS[row.status as ClaimStatus] ?? row.status
      const phoneEnc = row.user_phone_enc ?? row.claimant_phone_enc
      const channel = row.openid ? 'wechat' : phoneEnc ? 'sms' : null
      if (channel === null) {
        await deps.query(FAILED, [row.id, 'skipped', null, 'no WeChat openid and no phone'])
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
              thing4: { value: '点击查看投诉进度' },
            },
          })
        } else if (phoneEnc) {
          await deps.sms.sendClaimUpdate(deps.pii.decrypt(phoneEnc), { reference: row.reference, status: statusLabel }, row.id)
        }
        outcome = { kind: 'sent' }
      } catch (error) {
        outcome = classify(error)
      }
      if (outcome.kind === 'sent') {
        await deps.query(SENT, [row.id, channel])
        result.sent++
      } else if (outcome.kind === 'permanent' || row.attempts >= MAX_ATTEMPTS) {
        await deps.query(FAILED, [row.id, 'failed', channel, outcome.error])
        deps.log?.warn({ notification: row.id, error: outcome.error, attempts: row.attempts }, 'notification failed for good')
        result.failed++
      } else {
        await deps.query(RETRY, [row.id, channel, outcome.error, retryDelayMs(row.attempts, deps.random)])
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
