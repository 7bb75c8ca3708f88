import { eq, sql } from 'drizzle-orm'
import type { Database, Executor } from '../db/client'
import { users } from '../db/schema/index'

export type UserRow = typeof users.$inferSelect
export type Role = 'worker' | 'inspector' | 'supervisor' | 'admin'

export function createUsersRepository(db: Database) {
  return {
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
