import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

/**
 * Everyone who signs in: workers (by WeChat openid or phone) and, later, staff. A worker's phone
 * is PII: encrypted, with a keyed hash for lookup and a masked copy for display.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    role: text('role').notNull(),
    wechatOpenid: text('wechat_openid').unique(),
    wechatUnionid: text('wechat_unionid'),
    phoneEnc: text('phone_enc'),
    phoneHash: text('phone_hash').unique(),
    phoneMasked: text('phone_masked'),
    // Staff accounts (inspector, supervisor, admin) sign in with a username and password, and
    // supervisors and admins with a TOTP second factor as well.
    username: text('username').unique(),
    passwordHash: text('password_hash'),
    totpSecretEnc: text('totp_secret_enc'),
    /** Last TOTP time step accepted: a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** Towns/streets an inspector serves (codes from shared/domain/towns). */
    towns: text('towns').array().notNull().default(sql`'{}'::text[]`),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /**
     * Staff authorisation version, carried in each staff access token (`sv`) and compared on every
     * staff request: a change of role, towns, password or second factor, a disable or a logout
     * bumps it, and every access token issued before stops working at once.
     */
    sessionVersion: integer('session_version').notNull().default(0),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [check('users_role_known', sql`${t.role} in ('worker','inspector','supervisor','admin')`)],
)

/**
 * Rotating refresh tokens, stored as SHA-256 hashes. Each use spends the token and issues the
 * next one in the same family; presenting a spent token revokes the whole family (token theft).
 */
export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    familyId: uuid('family_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId), index('refresh_tokens_user_idx').on(t.userId)],
)

/** One-time SMS sign-in codes: hashed, valid 5 minutes, at most 5 tries. */
export const smsCodes = pgTable(
  'sms_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phoneHash: text('phone_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('sms_codes_phone_idx').on(t.phoneHash, t.createdAt)],
)

/**
 * Sliding-window rate limiting kept in the database, so it holds across several server
 * processes without another service. `bucket` is e.g. `sms:phone:<hash>` or `sms:ip:<ip>`.
 */
export const rateEvents = pgTable(
  'rate_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bucket: text('bucket').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('rate_events_bucket_idx').on(t.bucket, t.createdAt)],
)

