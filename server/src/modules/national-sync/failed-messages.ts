/** Messages parked after too many attempts (or a refusal), as the admins see and retry them. */
import type { Database } from '../../db/client'
import { createNationalSyncRepository, type FailedMessage } from './repository/index'

/** Failed (parked) messages, newest first, for the admin list. */
export async function listFailed(db: Database, limit: number): Promise<FailedMessage[]> {
  return createNationalSyncRepository(db).listFailed(limit)
}

/** An admin's retry: the parked row is due again with a fresh attempt budget. False when no such failed row. */
export async function retryFailed(db: Database, id: number): Promise<boolean> {
  return createNationalSyncRepository(db).retryFailed(id)
}
