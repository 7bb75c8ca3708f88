/**
 * The notification outbox (db/schema/notifications.ts) as the drainer reads and writes it, in
 * statements sent straight to the driver. Rows are leased (`leased_until`) by an UPDATE over a
 * `FOR UPDATE SKIP LOCKED` selection, so drainers in several processes never hold the same row.
 */
import type { RawQuery } from '../../db/client'

/** A leased row with what its message needs: the claim, the event's time and where to send it. */
export interface LeasedNotification {
  id: string
  claim_id: string
  attempts: number
  reference: string
  status: string
  created_at: Date | string
  openid: string | null
  user_phone_enc: string | null
  claimant_phone_enc: string | null
  /** The event's type and legal ground (a decision's reason travels in the message). */
  event_type: string
  event_reason: string | null
  /** A recovery event's amount (claim_events.detail.amountFen; negative for a reversal), as text. */
  event_amount_fen?: string | null
}

export type NotificationChannel = 'wechat' | 'sms'

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
select l.id, l.claim_id, l.attempts, c.reference, c.status, e.created_at, e.type as event_type, e.reason as event_reason,
       e.detail->>'amountFen' as event_amount_fen,
       u.wechat_openid as openid, u.phone_enc as user_phone_enc, c.claimant_phone_enc
from leased l
join claims c on c.id = l.claim_id
join claim_events e on e.id = l.event_id
left join users u on u.id = l.user_id`

const SENT = `update notification_outbox set state = 'sent', channel = $2, sent_at = now(), leased_until = null, last_error = null where id = $1`
const ENDED = `update notification_outbox set state = $2, channel = $3, leased_until = null, last_error = $4 where id = $1`
const RETRY = `update notification_outbox set channel = $2, leased_until = null, last_error = $3,
  next_attempt_at = now() + ($4::int * interval '1 millisecond') where id = $1`

export function createNotificationsRepository(query: RawQuery) {
  return {
    /** Up to `limit` due rows, leased for `leaseMs` and counted as an attempt. */
    async leaseDue(limit: number, leaseMs: number): Promise<LeasedNotification[]> {
      const { rows } = await query<LeasedNotification>(LEASE, [limit, leaseMs])
      return rows
    },

    async markSent(id: string, channel: NotificationChannel): Promise<void> {
      await query(SENT, [id, channel])
    },

    /** The row ends without being sent: `failed` for good, or `skipped` when it had nowhere to go. */
    async markEnded(id: string, state: 'failed' | 'skipped', channel: NotificationChannel | null, error: string): Promise<void> {
      await query(ENDED, [id, state, channel, error])
    },

    /** The row is due again after `delayMs`. */
    async scheduleRetry(id: string, channel: NotificationChannel, error: string, delayMs: number): Promise<void> {
      await query(RETRY, [id, channel, error, delayMs])
    },
  }
}

export type NotificationsRepository = ReturnType<typeof createNotificationsRepository>
