/**
 * Sign-in for workers (WeChat code or SMS one-time code) and the token pair every client holds:
 * a short-lived access JWT and a rotating refresh token (stored hashed, revocable; reusing a
 * spent one revokes its whole family).
 */
import { createHash, randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto'
import { maskPhone } from '@huxin/shared'
import type { WechatPort } from '../wechat/index'
import { WechatApiError } from '../wechat/index'
import type { SmsPort } from '../sms/index'
import { SmsErrorCode, SmsGatewayError } from '../sms/index'
import type { Database, Executor } from '../../db/client'
import { HttpError } from '../../lib/http-errors'
import type { PiiCipher } from '../pii/index'
import { consumeRateLimits } from './rate-limit'
import type { Role, UserRow, UsersRepository } from './repository'

const ACCESS_TOKEN_TTL_SECONDS = 15 * 60
const REFRESH_TOKEN_TTL_MS = 30 * 86_400_000
/**
 * Staff sessions end after 30 idle minutes: their refresh token lives 30 minutes and each use
 * issues the next, so only activity keeps a session alive.
 */
const STAFF_IDLE_TIMEOUT_MS = 30 * 60_000
const SMS_CODE_TTL_MS = 5 * 60_000
const SMS_CODE_MAX_TRIES = 5

/** Limits on asking for SMS codes: per phone and per client address. */
const SMS_REQUEST_LIMITS = {
  phonePerMinute: { max: 1, windowMs: 60_000 },
  phonePerHour: { max: 5, windowMs: 3_600_000 },
  ipPerHour: { max: 30, windowMs: 3_600_000 },
}
/** Wrong codes per client address per hour, across phones (guessing codes for many phones). */
const SMS_VERIFY_FAILURES_PER_IP_PER_HOUR = 30
const SMS_VERIFY_FAILURE_WINDOW_MS = 3_600_000
const verifyFailureBucket = (ip: string) => `sms:verify-fail:${ip}`

export interface AccessClaims {
  sub: string
  role: Role
  /** Staff only: the account's authorisation version when the token was issued. */
  sv?: number
}

export interface TokenPair {
  accessToken: string
  refreshToken: string
  expiresIn: number
  user: { id: string; role: Role }
}

export interface AuthDeps {
  db: Database
  users: UsersRepository
  pii: PiiCipher
  wechat: WechatPort
  sms: SmsPort
  signAccessToken(claims: AccessClaims): string
  log?: { error(details: object, message: string): void }
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex')

function equalHashes(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex')
  const y = Buffer.from(b, 'hex')
  return x.length === y.length && timingSafeEqual(x, y)
}

export const unauthorized = (message = '登录已失效，请重新登录', code = 'UNAUTHORIZED') => new HttpError(401, code, message)

export const tooManyRequests = (retryAfterSeconds: number, message: string) =>
  new HttpError(429, 'RATE_LIMITED', message, undefined, { 'retry-after': String(Math.max(1, retryAfterSeconds)) })

async function issueRefreshToken(deps: AuthDeps, tx: Executor, userId: string, familyId: string, role: Role): Promise<string> {
  const secret = randomBytes(32).toString('base64url')
  const id = randomUUID()
  await deps.users.insertRefreshToken(
    {
      id,
      familyId,
      userId,
      tokenHash: sha256(secret),
      expiresAt: new Date(Date.now() + (role === 'worker' ? REFRESH_TOKEN_TTL_MS : STAFF_IDLE_TIMEOUT_MS)),
    },
    tx,
  )
  // The id lets us find the row; only the secret's hash is stored.
  return `${id}.${secret}`
}

export async function issueTokens(deps: AuthDeps, tx: Executor, user: UserRow, familyId: string = randomUUID()): Promise<TokenPair> {
  const role = user.role as Role
  return {
    accessToken: deps.signAccessToken({ sub: user.id, role, ...(role === 'worker' ? {} : { sv: user.sessionVersion }) }),
    refreshToken: await issueRefreshToken(deps, tx, user.id, familyId, role),
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    user: { id: user.id, role },
  }
}

export async function signInWithWechat(deps: AuthDeps, code: string): Promise<TokenPair> {
  let session: Awaited<ReturnType<WechatPort['code2Session']>>
  try {
    session = await deps.wechat.code2Session(code)
  } catch (error) {
    if (error instanceof WechatApiError) {
      switch (error.errcode) {
        case 40029:
          throw new HttpError(401, 'WECHAT_CODE_INVALID', '微信登录凭证无效或已使用，请重新登录')
        case 40226:
          throw new HttpError(403, 'WECHAT_HIGH_RISK_USER', '微信提示该账号存在风险，请改用手机号登录或拨打 12333')
        case 45011:
          throw tooManyRequests(60, '登录太频繁，请一分钟后再试')
        default:
          throw new HttpError(503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试')
      }
    }
    throw new HttpError(503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后再试')
  }
  // session_key stays here: it is never stored, returned or logged.
  return deps.db.transaction(async (tx) => {
    const user = await deps.users.upsertWechatWorker(session.openid, session.unionid, tx)
    if (user.disabledAt) throw new HttpError(403, 'ACCOUNT_DISABLED', '该账号已停用')
    return issueTokens(deps, tx, user)
  })
}

export async function requestSmsCode(deps: AuthDeps, phone: string, ip: string): Promise<{ expiresIn: number }> {
  const phoneHash = deps.pii.hash(phone)
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0')
  await deps.db.transaction(async (tx) => {
    const decision = await consumeRateLimits(deps.users, tx, [
      { bucket: `sms:phone:m:${phoneHash}`, ...SMS_REQUEST_LIMITS.phonePerMinute },
      { bucket: `sms:phone:h:${phoneHash}`, ...SMS_REQUEST_LIMITS.phonePerHour },
      { bucket: `sms:ip:${ip}`, ...SMS_REQUEST_LIMITS.ipPerHour },
    ])
    if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds, '验证码发送太频繁，请稍后再试')
    await deps.users.replaceSmsCode(
      { phoneHash, codeHash: sha256(`${phoneHash}:${code}`), expiresAt: new Date(Date.now() + SMS_CODE_TTL_MS) },
      tx,
    )
  })
  // Sent after the commit: the gateway is never called inside a transaction.
  try {
    await deps.sms.sendVerificationCode(phone, code)
  } catch (error) {
    if (error instanceof SmsGatewayError && error.code === SmsErrorCode.MOBILE_NUMBER_ILLEGAL) {
      throw new HttpError(400, 'SMS_REJECTED', '短信无法发送到该号码，请核对手机号', [
        { field: 'phone', message: '短信无法发送到该号码' },
      ])
    }
    if (error instanceof SmsGatewayError && error.code === SmsErrorCode.RATE_LIMITED) {
      throw tooManyRequests(60, '验证码发送太频繁，请稍后再试')
    }
    // Signature, template, key or credit problems are ours to fix, not the worker's.
    deps.log?.error({ smsError: error instanceof SmsGatewayError ? error.code : String(error) }, 'SMS gateway refused')
    throw new HttpError(503, 'SMS_UNAVAILABLE', '短信服务暂时不可用，请稍后再试')
  }
  return { expiresIn: SMS_CODE_TTL_MS / 1000 }
}

export async function verifySmsCode(deps: AuthDeps, phone: string, code: string, ip: string): Promise<TokenPair> {
  const phoneHash = deps.pii.hash(phone)
  const outcome = await deps.db.transaction(async (tx) => {
    const current = await deps.users.lockCurrentSmsCode(phoneHash, new Date(), tx)
    if (!current) return { ok: false as const, error: unauthorized('验证码已过期，请重新获取', 'SMS_CODE_EXPIRED') }
    if (current.attempts >= SMS_CODE_MAX_TRIES) {
      return { ok: false as const, error: unauthorized('验证码错误次数过多，请重新获取', 'SMS_CODE_LOCKED') }
    }
    if (!equalHashes(current.codeHash, sha256(`${phoneHash}:${code}`))) {
      await deps.users.countWrongSmsCode(current.id, tx)
      const left = SMS_CODE_MAX_TRIES - current.attempts - 1
      return {
        ok: false as const,
        error: unauthorized(left > 0 ? `验证码不正确，还可以试 ${left} 次` : '验证码错误次数过多，请重新获取', 'SMS_CODE_WRONG'),
        failed: true,
      }
    }
    await deps.users.spendSmsCode(current.id, tx)
    const user = await deps.users.upsertPhoneWorker(
      { hash: phoneHash, enc: deps.pii.encrypt(phone), masked: maskPhone(phone) },
      tx,
    )
    if (user.disabledAt) return { ok: false as const, error: new HttpError(403, 'ACCOUNT_DISABLED', '该账号已停用') }
    // Claims staff entered for this phone are the worker's from now on (the same transaction).
    await deps.users.linkStaffFiledClaims(user.id, phoneHash, tx)
    return { ok: true as const, tokens: await issueTokens(deps, tx, user) }
  })
  if (outcome.ok) return outcome.tokens
  if ('failed' in outcome) {
    // Counted outside the code's transaction so the attempt is recorded even when refused.
    const limited = await deps.db.transaction((tx) =>
      consumeRateLimits(deps.users, tx, [
        { bucket: verifyFailureBucket(ip), max: SMS_VERIFY_FAILURES_PER_IP_PER_HOUR, windowMs: SMS_VERIFY_FAILURE_WINDOW_MS },
      ]),
    )
    if (!limited.allowed) throw tooManyRequests(limited.retryAfterSeconds, '尝试次数过多，请稍后再试')
  }
  throw outcome.error
}

/** Before verifying a code at all: has this address failed too often? */
export async function assertVerifyAllowed(deps: AuthDeps, ip: string): Promise<void> {
  const { n } = await deps.users.rateEventsSince(verifyFailureBucket(ip), new Date(Date.now() - SMS_VERIFY_FAILURE_WINDOW_MS))
  if (n >= SMS_VERIFY_FAILURES_PER_IP_PER_HOUR) throw tooManyRequests(3600, '尝试次数过多，请稍后再试')
}

function parseRefreshToken(token: string): { id: string; secret: string } | undefined {
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{20,100})$/.exec(token)
  return match ? { id: match[1]!, secret: match[2]! } : undefined
}

export async function refreshSession(deps: AuthDeps, token: string): Promise<TokenPair> {
  const parsed = parseRefreshToken(token)
  if (!parsed) throw unauthorized()
  // Refusals are returned, not thrown, so that a family's revocation commits.
  const outcome = await deps.db.transaction(async (tx) => {
    const row = await deps.users.lockRefreshToken(parsed.id, tx)
    if (!row || !equalHashes(row.tokenHash, sha256(parsed.secret))) return { error: unauthorized() }
    if (row.revokedAt || row.expiresAt.getTime() <= Date.now()) return { error: unauthorized() }
    if (row.usedAt) {
      // A spent token came back: someone holds a copy. Revoke every token of the family.
      await deps.users.revokeRefreshTokenFamily(row.familyId, tx)
      return { error: unauthorized('登录凭证已在别处使用，为安全起见请重新登录', 'REFRESH_TOKEN_REUSED') }
    }
    const user = await deps.users.findById(row.userId, tx)
    if (!user || user.disabledAt) return { error: unauthorized() }
    await deps.users.spendRefreshToken(row.id, tx)
    return { tokens: await issueTokens(deps, tx, user, row.familyId) }
  })
  if ('tokens' in outcome && outcome.tokens) return outcome.tokens
  throw outcome.error
}

/**
 * Ends a session: the refresh token's whole family is revoked (unknown tokens are ignored). For
 * staff every access token of the account stops working at once as well (its authorisation
 * version moves on); their other devices, whose refresh tokens still hold, refresh silently.
 */
export async function signOut(deps: AuthDeps, token: string, user: { sub: string; role: Role }): Promise<void> {
  if (user.role !== 'worker') await deps.users.bumpSessionVersion(user.sub)
  const parsed = parseRefreshToken(token)
  if (!parsed) return
  const row = await deps.users.findRefreshToken(parsed.id)
  if (!row || row.userId !== user.sub || !equalHashes(row.tokenHash, sha256(parsed.secret))) return
  await deps.users.revokeRefreshTokenFamily(row.familyId)
}
