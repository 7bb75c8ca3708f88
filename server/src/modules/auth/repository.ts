import { and, eq, sql } from 'drizzle-orm'
import type { Database, Executor } from '../../db/client'
import { users } from '../../db/schema/index'

export type UserRow = typeof users.$inferSelect
export type Role = 'worker' | 'inspector' | 'supervisor' | 'admin'

/** Five failed sign-ins lock a staff account for 15 minutes (issue: staff accounts). */
export const STAFF_MAX_FAILED_LOGINS = 5
export const STAFF_LOCKOUT_MINUTES = 15

export function createUsersRepository(db: Database) {
  return {
    async findByUsername(username: string, tx: Executor = db): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.username, username)).limit(1)
      return row
    },

    async createStaff(
      values: { username: string; role: Exclude<Role, 'worker'>; passwordHash: string; totpSecretEnc: string | null; towns: string[] },
      tx: Executor = db,
    ): Promise<UserRow> {
      const [row] = await tx.insert(users).values(values).returning()
      if (!row) throw new Error('user insert returned nothing')
      return row
    },

    /**
     * Counts a failed sign-in; the fifth in a row locks the account for 15 minutes and starts the
     * count again. One statement, so concurrent guesses cannot slip past the limit.
     */
    async recordFailedLogin(id: string): Promise<Date | null> {
      const [row] = await db
        .update(users)
        .set({
          failedLogins: sql`case when ${users.failedLogins} + 1 >= ${STAFF_MAX_FAILED_LOGINS} then 0 else ${users.failedLogins} + 1 end`,
          lockedUntil: sql`case when ${users.failedLogins} + 1 >= ${STAFF_MAX_FAILED_LOGINS} then now() + ${`${STAFF_LOCKOUT_MINUTES} minutes`}::interval else ${users.lockedUntil} end`,
        })
        .where(eq(users.id, id))
        .returning({ lockedUntil: users.lockedUntil })
      return row?.lockedUntil ?? null
    },

    /** A successful sign-in: the failure count is cleared and the TOTP step is spent. */
    async recordStaffLogin(id: string, totpStep: number | undefined): Promise<boolean> {
      const spendStep =
        totpStep === undefined
          ? sql`true`
          : sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${totpStep})`
      const updated = await db
        .update(users)
        .set({ failedLogins: 0, lockedUntil: null, lastLoginAt: sql`now()`, ...(totpStep === undefined ? {} : { totpLastStep: totpStep }) })
        .where(and(eq(users.id, id), spendStep))
        .returning({ id: users.id })
      return updated.length > 0
    },

    async findById(id: string, tx: Executor = db): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1)
      return row
    },

    /** The worker behind a WeChat openid, created on first sign-in (race-safe upsert). */
    async upsertWechatWorker(openid: string, unionid: string | undefined, tx: Executor = db): Promise<UserRow> {
      const [row] = await tx
        .insert(users)
        .values({ role: 'worker', wechatOpenid: openid, wechatUnionid: unionid ?? null, lastLoginAt: sql`now()` })
        .onConflictDoUpdate({
          target: users.wechatOpenid,
          set: { lastLoginAt: sql`now()`, wechatUnionid: sql`coalesce(excluded.wechat_unionid, ${users.wechatUnionid})` },
        })
        .returning()
      if (!row) throw new Error('user upsert returned nothing')
      return row
    },

    /** The worker behind a phone number (matched by keyed hash), created on first sign-in. */
    async upsertPhoneWorker(
      phone: { hash: string; enc: string; masked: string },
      tx: Executor = db,
    ): Promise<UserRow> {
      const [row] = await tx
        .insert(users)
        .values({ role: 'worker', phoneHash: phone.hash, phoneEnc: phone.enc, phoneMasked: phone.masked, lastLoginAt: sql`now()` })
        .onConflictDoUpdate({ target: users.phoneHash, set: { lastLoginAt: sql`now()` } })
        .returning()
      if (!row) throw new Error('user upsert returned nothing')
      return row
    },
  }
}

export type UsersRepository = ReturnType<typeof createUsersRepository>
