/**
 * The national-sync module's one repository: every statement the module runs, on the outbox, the
 * clues and the claims they touch, and the engine's state. Methods take an optional executor; inside
 * a transaction the caller passes its `tx`.
 */
import type { Database } from '../../../db/client'
import { clueQueries } from './clues'
import { outboxQueries } from './outbox'
import { stateQueries } from './state'

export { enqueueNationalMessage } from './outbox'
export type { ClaimedRow, FailedAttempt, FailedMessage, NationalMessageInput, OutboxDepth, SentAttempt } from './outbox'
export type { ClaimGroupKeys, ClaimWithClue } from './clues'
export type { SyncStateKey } from './state'

export function createNationalSyncRepository(db: Database) {
  return { ...outboxQueries(db), ...clueQueries(db), ...stateQueries(db) }
}

export type NationalSyncRepository = ReturnType<typeof createNationalSyncRepository>
