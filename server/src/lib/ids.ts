import { createHash, randomUUID } from 'node:crypto'

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Ids made in time
 * order land at the right edge of their B-tree indexes instead of on random pages, which keeps
 * inserts cheap as tables grow. Within one millisecond the order is random; that is fine for
 * keys (ordering by time uses `created_at`). The random part comes from `randomUUID`, which
 * draws on a buffered entropy pool (much cheaper per call than `randomBytes`).
 */
export function uuidv7(now = Date.now()): string {
  const random = randomUUID() // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx, V ∈ 8..b (variant 1)
  const time = now.toString(16).padStart(12, '0').slice(-12)
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`
}

/** A uuid-shaped md5 of `text`, the same as PostgreSQL's `md5(text)::uuid` (used by migrations). */
export function md5Uuid(text: string): string {
  const h = createHash('md5').update(text).digest('hex')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** The id of a claim group: derived from its key, so filing needs no lookup. */
export const groupIdOf = (groupKey: string) => md5Uuid(`group:${groupKey}`)
