/**
 * The claims module's repository: all of its SQL, in parts by responsibility — filing (reference
 * numbers and the batched filing statement), the records (claims, events, attachments), the facts
 * a claim view adds (recovered money, group size) and the idempotency keys of filings.
 */
import type { Database, RawQuery } from '../../../db/client'
import { createClaimFacts } from './facts'
import { createFilingQueries, type FilingLimits } from './filing'
import { createIdempotencyKeys } from './idempotency'
import { createClaimRecords } from './records'

export { emptyRecovered, type ClaimFacts, type RecoveredFen } from './facts'
export { NO_FILING_LIMITS, type FilingLimits, type FilingRefusal } from './filing'
export {
  decodeCursor,
  encodeCursor,
  type AttachmentRow,
  type ClaimEventRow,
  type ClaimRow,
  type EventVisibility,
  type ListCursor,
  type RecoveryRow,
  type StoredCoWorker,
} from './records'

export function createClaimsRepository(db: Database, query: RawQuery, options: { filingLimits?: FilingLimits } = {}) {
  return {
    ...createFilingQueries(db, query, options.filingLimits),
    ...createClaimRecords(db),
    ...createClaimFacts(db),
    /** Kept apart: housekeeping gets only the keys (`app.repos.idempotency`). */
    idempotency: createIdempotencyKeys(db),
  }
}

export type ClaimsRepository = ReturnType<typeof createClaimsRepository>
export type IdempotencyRepository = ClaimsRepository['idempotency']
