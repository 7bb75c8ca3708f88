/**
 * Who acts and what they open: the account behind a staff request, an inspector named for
 * assignment, and the log of every reveal of a claimant's personal data.
 */
import { eq, sql } from 'drizzle-orm'
import type { Database, Executor } from '../../../db/client'
import { perDatabase } from '../../../db/prepared'
import { piiAccessLog, users } from '../../../db/schema/index'

/** A user account as far as jurisdiction is concerned. */
export interface AccountAccess {
  id: string
  role: string
  towns: string[]
  disabledAt: Date | null
}

/** Read on every staff request: built once per database as the prepared statement huxin_load_actor. */
const actorStatement = perDatabase((db) =>
  db
    .select({ id: users.id, role: users.role, towns: users.towns, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .limit(1)
    .prepare('huxin_load_actor'),
)

/** The account behind a signed-in staff member (a standalone function: callers hold only `db`). */
export async function findActorAccount(db: Database, id: string): Promise<AccountAccess | undefined> {
  const [row] = await actorStatement(db).execute({ id })
  return row
}

export function accessQueries(db: Database) {
  return {
    /** An account's role, towns and state, read inside the caller's transaction (assignment). */
    async findAccountAccess(id: string, tx: Executor = db): Promise<AccountAccess | undefined> {
      const [row] = await tx
        .select({ id: users.id, role: users.role, towns: users.towns, disabledAt: users.disabledAt })
        .from(users)
        .where(eq(users.id, id))
        .limit(1)
      return row
    },

    /** One line of pii_access_log: who saw which fields of which claim, when. */
    async logPiiAccess(entry: { actorId: string; claimId: string; fields: string[]; at: Date }, tx: Executor = db): Promise<void> {
      await tx.insert(piiAccessLog).values(entry)
    },
  }
}
