/**
 * Staff accounts as admins see them: the staff rows of `users` (never workers), the refresh
 * tokens that keep their sessions alive, and the sign-in failures counted against them.
 */
import { and, asc, eq, inArray, isNull, like, or, sql } from 'drizzle-orm'
import { STAFF_ROLES, type StaffRole } from '@huxin/shared'
import type { Database, Executor } from '../../db/client'
import { rateEvents, refreshTokens, users } from '../../db/schema/index'

export type StaffAccountRow = typeof users.$inferSelect

/** What an admin may change on a staff account. */
export type StaffAccountChanges = Partial<
  Pick<
    typeof users.$inferInsert,
    'role' | 'towns' | 'passwordHash' | 'totpSecretEnc' | 'totpLastStep' | 'failedLogins' | 'lockedUntil' | 'disabledAt'
  >
>

export function createStaffAccountsRepository(db: Database) {
  return {
    /** A staff account by id; undefined for workers and unknown ids. */
    async find(id: string, tx: Executor = db): Promise<StaffAccountRow | undefined> {
      const [row] = await tx.select().from(users).where(and(eq(users.id, id), inArray(users.role, [...STAFF_ROLES])))
      return row
    },

    /** Staff accounts by username, optionally of one role or serving one town. */
    async list(filter: { role?: StaffRole | undefined; town?: string | undefined }, tx: Executor = db): Promise<StaffAccountRow[]> {
      return tx
        .select()
        .from(users)
        .where(
          and(
            filter.role ? eq(users.role, filter.role) : inArray(users.role, [...STAFF_ROLES]),
            filter.town ? sql`${filter.town} = any(${users.towns})` : undefined,
          ),
        )
        .orderBy(asc(users.username))
    },

    /** The new account, or undefined when the username is taken. */
    async create(
      values: { username: string; role: StaffRole; towns: string[]; passwordHash: string; totpSecretEnc: string | null },
      tx: Executor = db,
    ): Promise<StaffAccountRow | undefined> {
      const [row] = await tx.insert(users).values(values).onConflictDoNothing({ target: users.username }).returning()
      return row
    },

    /**
     * `reauthorise`: the account's authorisation version moves on, so every access token issued
     * to it before is refused from the next request on (the auth guard compares it).
     */
    async update(id: string, changes: StaffAccountChanges, options: { reauthorise?: boolean } = {}, tx: Executor = db): Promise<StaffAccountRow> {
      const set = options.reauthorise ? { ...changes, sessionVersion: sql`${users.sessionVersion} + 1` } : changes
      const [row] = await tx.update(users).set(set).where(eq(users.id, id)).returning()
      if (!row) throw new Error('staff account update returned nothing')
      return row
    },

    /** Forgets the sign-in failures counted against the account (an admin's unlock). */
    async clearSignInFailures(buckets: { account: string; pairPrefix: string }, tx: Executor = db): Promise<void> {
      await tx
        .delete(rateEvents)
        .where(or(eq(rateEvents.bucket, buckets.account), like(rateEvents.bucket, `${buckets.pairPrefix}%`)))
    },

    /** Ends the account's sessions: every refresh token not yet revoked is revoked. */
    async revokeRefreshTokens(userId: string, tx: Executor = db): Promise<void> {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)))
    },
  }
}

export type StaffAccountsRepository = ReturnType<typeof createStaffAccountsRepository>
