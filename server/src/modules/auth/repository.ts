/**
 * The auth module's tables: users, and what signs them in — SMS one-time codes, refresh tokens
 * and the rate-limit events that throttle both. Methods that take `tx` run inside the caller's
 * transaction when given one.
 */
import { and, count, desc, eq, gt, inArray, isNotNull, isNull, lt, min, or, sql } from 'drizzle-orm'
import type { Database, Executor, Transaction } from '../../db/client'
import { STAFF_INTAKE_CHANNELS } from '@huxin/shared'
import { claimEvents, claims, rateEvents, refreshTokens, smsCodes, users } from '../../db/schema/index'

export type UserRow = typeof users.$inferSelect
export type SmsCodeRow = typeof smsCodes.$inferSelect
export type RefreshTokenRow = typeof refreshTokens.$inferSelect
export type Role = 'worker' | 'inspector' | 'supervisor' | 'admin'

/** What every staff request is authorised from (the auth guard's one indexed query). */
export interface StaffAuthorization {
  role: string
  towns: string[]
  disabledAt: Date | null
  sessionVersion: number
}

export function createUsersRepository(db: Database) {
  return {
    // Users

    async findByUsername(username: string, tx: Executor = db): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.username, username)).limit(1)
      return row
    },

    async findById(id: string, tx: Executor = db): Promise<UserRow | undefined> {
      const [row] = await tx.select().from(users).where(eq(users.id, id)).limit(1)
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

    /** Role, towns, disabled and authorisation version of an account: one primary-key lookup. */
    async findAuthorization(id: string, tx: Executor = db): Promise<StaffAuthorization | undefined> {
      const [row] = await tx
        .select({ role: users.role, towns: users.towns, disabledAt: users.disabledAt, sessionVersion: users.sessionVersion })
        .from(users)
        .where(eq(users.id, id))
        .limit(1)
      return row
    },

    /** Every access token issued to the account so far stops working (logout, account changes). */
    async bumpSessionVersion(id: string, tx: Executor = db): Promise<void> {
      await tx
        .update(users)
        .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
        .where(eq(users.id, id))
    },

    /**
     * For the admins' view: some address is locked out of the account until `until` (the lock
     * itself is the sign-in failures kept in `rate_events`, see staff-sign-in.ts).
     */
    async noteLockedUntil(id: string, until: Date, tx: Executor = db): Promise<void> {
      await tx
        .update(users)
        .set({ lockedUntil: sql`greatest(coalesce(${users.lockedUntil}, ${until}), ${until})` })
        .where(eq(users.id, id))
    },

    /**
     * A successful sign-in: the TOTP step is spent, in one statement that only matches while the
     * step is unspent. False when another sign-in spent it. A lock is not touched: a success
     * never clears a lock that was reached.
     */
    async recordStaffLogin(id: string, totpStep: number | undefined, tx: Executor = db): Promise<boolean> {
      const spendStep =
        totpStep === undefined
          ? sql`true`
          : sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${totpStep})`
      const updated = await tx
        .update(users)
        .set({ lastLoginAt: sql`now()`, ...(totpStep === undefined ? {} : { totpLastStep: totpStep }) })
        .where(and(eq(users.id, id), spendStep))
        .returning({ id: users.id })
      return updated.length > 0
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

    /**
     * Claims staff entered for this phone (hotline, walk-in, letter, referral) and nobody has
     * taken yet become the worker's own, each with an internal `claimant_linked` event: proving
     * the phone by SMS is what entitles the worker to follow them. Returns how many.
     */
    async linkStaffFiledClaims(userId: string, phoneHash: string, tx: Executor = db): Promise<number> {
      const linked = await tx
        .update(claims)
        .set({ claimantUserId: userId, updatedAt: sql`now()` })
        .where(
          and(
            eq(claims.claimantPhoneHash, phoneHash),
            isNull(claims.claimantUserId),
            sql`${claims.source} in (${sql.join(
              STAFF_INTAKE_CHANNELS.map((c) => sql`${c}`),
              sql`, `,
            )})`,
          ),
        )
        .returning({ id: claims.id })
      if (linked.length > 0) {
        await tx.insert(claimEvents).values(
          linked.map(({ id }) => ({
            claimId: id,
            type: 'claimant_linked',
            visibility: 'internal',
            actorId: userId,
            note: '劳动者以登记的手机号短信验证登录，可在小程序中查看本投诉',
          })),
        )
      }
      return linked.length
    },

    // SMS one-time codes

    /** Stores a new code for the phone; any earlier unspent one is spent, so only the newest counts. */
    async replaceSmsCode(code: { phoneHash: string; codeHash: string; expiresAt: Date }, tx: Executor = db): Promise<void> {
      await tx
        .update(smsCodes)
        .set({ consumedAt: sql`now()` })
        .where(and(eq(smsCodes.phoneHash, code.phoneHash), isNull(smsCodes.consumedAt)))
      await tx.insert(smsCodes).values(code)
    },

    /** The phone's newest unspent, unexpired code, locked until the transaction ends. */
    async lockCurrentSmsCode(phoneHash: string, now: Date, tx: Transaction): Promise<SmsCodeRow | undefined> {
      const [row] = await tx
        .select()
        .from(smsCodes)
        .where(and(eq(smsCodes.phoneHash, phoneHash), isNull(smsCodes.consumedAt), gt(smsCodes.expiresAt, now)))
        .orderBy(desc(smsCodes.createdAt))
        .limit(1)
        .for('update')
      return row
    },

    async countWrongSmsCode(id: string, tx: Executor = db): Promise<void> {
      await tx
        .update(smsCodes)
        .set({ attempts: sql`${smsCodes.attempts} + 1` })
        .where(eq(smsCodes.id, id))
    },

    async spendSmsCode(id: string, tx: Executor = db): Promise<void> {
      await tx.update(smsCodes).set({ consumedAt: sql`now()` }).where(eq(smsCodes.id, id))
    },

    /** Spent codes, and codes that expired before `expiredBefore`, are of no further use. */
    async purgeSmsCodes(expiredBefore: Date, tx: Executor = db): Promise<void> {
      await tx.delete(smsCodes).where(or(lt(smsCodes.expiresAt, expiredBefore), isNotNull(smsCodes.consumedAt)))
    },

    // Refresh tokens

    async insertRefreshToken(
      token: { id: string; familyId: string; userId: string; tokenHash: string; expiresAt: Date },
      tx: Executor = db,
    ): Promise<void> {
      await tx.insert(refreshTokens).values(token)
    },

    async findRefreshToken(id: string, tx: Executor = db): Promise<RefreshTokenRow | undefined> {
      const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.id, id)).limit(1)
      return row
    },

    /** The token, locked until the transaction ends, so it is spent at most once. */
    async lockRefreshToken(id: string, tx: Transaction): Promise<RefreshTokenRow | undefined> {
      const [row] = await tx.select().from(refreshTokens).where(eq(refreshTokens.id, id)).limit(1).for('update')
      return row
    },

    async spendRefreshToken(id: string, tx: Executor = db): Promise<void> {
      await tx.update(refreshTokens).set({ usedAt: sql`now()` }).where(eq(refreshTokens.id, id))
    },

    /** Revokes every token of a family that is not revoked yet. */
    async revokeRefreshTokenFamily(familyId: string, tx: Executor = db): Promise<void> {
      await tx
        .update(refreshTokens)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)))
    },

    // Rate-limit events

    /**
     * Waits for, then holds until the transaction ends, an advisory lock on the bucket, so
     * concurrent check-and-record sequences on one bucket run one after the other.
     */
    async lockRateBucket(bucket: string, tx: Transaction): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${bucket}, 0))`)
    },

    /** How many events the bucket holds after `since`, and the oldest of them. */
    async rateEventsSince(bucket: string, since: Date, tx: Executor = db): Promise<{ n: number; oldest: Date | null }> {
      const [row] = await tx
        .select({ n: count(), oldest: min(rateEvents.createdAt) })
        .from(rateEvents)
        .where(and(eq(rateEvents.bucket, bucket), gt(rateEvents.createdAt, since)))
      return { n: row?.n ?? 0, oldest: row?.oldest ? new Date(row.oldest) : null }
    },

    /** Records one event in each bucket; returns their ids (to take an event back, see below). */
    /** When the bucket's events after `since` happened, oldest first (at most `limit`, newest kept). */
    async rateEventTimes(bucket: string, since: Date, limit: number, tx: Executor = db): Promise<Date[]> {
      const rows = await tx
        .select({ at: rateEvents.createdAt })
        .from(rateEvents)
        .where(and(eq(rateEvents.bucket, bucket), gt(rateEvents.createdAt, since)))
        .orderBy(desc(rateEvents.createdAt))
        .limit(limit)
      return rows.map((row) => new Date(row.at)).reverse()
    },

    async recordRateEvents(buckets: string[], at: Date, tx: Executor = db): Promise<string[]> {
      const rows = await tx
        .insert(rateEvents)
        .values(buckets.map((bucket) => ({ bucket, createdAt: at })))
        .returning({ id: rateEvents.id })
      return rows.map((row) => row.id)
    },

    /** Takes recorded events back (a sign-in attempt that turned out not to be a failure). */
    async deleteRateEvents(ids: string[], tx: Executor = db): Promise<void> {
      if (ids.length > 0) await tx.delete(rateEvents).where(inArray(rateEvents.id, ids))
    },

    /** Forgets a bucket's events recorded before `before`. */
    async clearRateBucket(bucket: string, before: Date, tx: Executor = db): Promise<void> {
      await tx.delete(rateEvents).where(and(eq(rateEvents.bucket, bucket), lt(rateEvents.createdAt, before)))
    },

    /** Old events serve no window any more. */
    async purgeRateEvents(olderThan: Date, tx: Executor = db): Promise<void> {
      await tx.delete(rateEvents).where(lt(rateEvents.createdAt, olderThan))
    },
  }
}

export type UsersRepository = ReturnType<typeof createUsersRepository>
