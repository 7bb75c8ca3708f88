/**
 * Staff sign-in (username, password, and a TOTP code for supervisors and admins) and what keeps
 * guessing out of it. Every attempt is counted *before* its password is checked: in one short
 * transaction, holding the account's and the address's advisory locks, the attempt is refused if
 * a limit is reached, else it is recorded as a failure; a success takes its record back. So however
 * many requests arrive at once, no more are evaluated than the limits allow, and no transaction is
 * held open while scrypt runs. The counts are `rate_events` rows, shared by every server process.
 *
 * - five failures from one address against one account within 15 minutes lock that address out
 *   of that account for 15 minutes (423). Locking the pair, not the account, means a stranger
 *   cannot keep a known username locked: the user signs in from their own address meanwhile;
 * - failures from one address, whatever the usernames (a flood, password spraying): 429;
 * - failures against one account from every address (guessing spread over many addresses): 429.
 */
import type { Executor } from '../../db/client'
import { HttpError } from '../../lib/http-errors'
import { decoyHash, verifyPassword } from './passwords'
import type { Role, UserRow } from './repository'
import { issueTokens, tooManyRequests, unauthorized, type AuthDeps, type TokenPair } from './service'
import { verifyTotp } from './totp'

const MINUTE = 60_000

export const STAFF_SIGN_IN_LIMITS = {
  /** Failures of one address against one account within `windowMs` that lock the pair for `windowMs`. */
  pair: { max: 5, windowMs: 15 * MINUTE },
  /** Failures of one address within the window, any usernames. */
  address: { max: 20, windowMs: 15 * MINUTE },
  /** Failures against one account within the window, all addresses together. */
  account: { max: 50, windowMs: 15 * MINUTE },
} as const

/** Where the failures are counted (`rate_events.bucket`). */
export const staffFailureBuckets = {
  pair: (userId: string, ip: string) => `staff:fail:pair:${userId}:${ip}`,
  pairPrefix: (userId: string) => `staff:fail:pair:${userId}:`,
  address: (ip: string) => `staff:fail:ip:${ip}`,
  account: (userId: string) => `staff:fail:user:${userId}`,
}

/** Supervisors and admins need the TOTP second factor. */
export const needsTotp = (role: Role) => role === 'supervisor' || role === 'admin'

/**
 * Until when the pair is locked (or undefined): five failures within the window lock it for the
 * window's length from the fifth.
 */
async function pairLockedUntil(deps: AuthDeps, bucket: string, now: Date, tx?: Executor): Promise<Date | undefined> {
  const { max, windowMs } = STAFF_SIGN_IN_LIMITS.pair
  const times = await deps.users.rateEventTimes(bucket, new Date(now.getTime() - 2 * windowMs), 10 * max, tx)
  let until: number | undefined
  for (let i = max - 1; i < times.length; i++) {
    const fifth = times[i]!.getTime()
    if (fifth - times[i - max + 1]!.getTime() <= windowMs) until = Math.max(until ?? 0, fifth + windowMs)
  }
  return until !== undefined && until > now.getTime() ? new Date(until) : undefined
}

/** Seconds until a sliding window of failures lets one more in, or 0 when it does now. */
async function throttled(deps: AuthDeps, bucket: string, limit: { max: number; windowMs: number }, now: Date, tx: Executor) {
  const { n, oldest } = await deps.users.rateEventsSince(bucket, new Date(now.getTime() - limit.windowMs), tx)
  if (n < limit.max || !oldest) return 0
  return Math.max(1, Math.ceil((oldest.getTime() + limit.windowMs - now.getTime()) / 1000))
}

const disabledError = () => new HttpError(403, 'ACCOUNT_DISABLED', '该账号已停用')

const lockedError = (until: Date) =>
  new HttpError(423, 'ACCOUNT_LOCKED', '密码错误次数过多，账号已锁定 15 分钟', undefined, {
    'retry-after': String(Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))),
  })
const throttledError = (seconds: number) => tooManyRequests(seconds, '登录尝试太频繁，请稍后再试')

type Reservation = { ids: string[] } | { refused: HttpError }

/** Checks the limits and, when none is reached, records the attempt as a failure (taken back on success). */
async function reserveAttempt(deps: AuthDeps, staff: UserRow | undefined, ip: string, now: Date): Promise<Reservation> {
  return deps.db.transaction(async (tx): Promise<Reservation> => {
    // Always the account's lock before the address's: two attempts never wait on each other crosswise.
    if (staff) await deps.users.lockRateBucket(staffFailureBuckets.account(staff.id), tx)
    await deps.users.lockRateBucket(staffFailureBuckets.address(ip), tx)
    if (staff) {
      const until = await pairLockedUntil(deps, staffFailureBuckets.pair(staff.id, ip), now, tx)
      if (until) return { refused: lockedError(until) }
      const wait = await throttled(deps, staffFailureBuckets.account(staff.id), STAFF_SIGN_IN_LIMITS.account, now, tx)
      if (wait > 0) return { refused: throttledError(wait) }
    }
    const wait = await throttled(deps, staffFailureBuckets.address(ip), STAFF_SIGN_IN_LIMITS.address, now, tx)
    if (wait > 0) return { refused: throttledError(wait) }
    const buckets = staff
      ? [staffFailureBuckets.pair(staff.id, ip), staffFailureBuckets.account(staff.id), staffFailureBuckets.address(ip)]
      : [staffFailureBuckets.address(ip)]
    return { ids: await deps.users.recordRateEvents(buckets, now, tx) }
  })
}

export async function signInStaff(
  deps: AuthDeps,
  input: { username: string; password: string; totp?: string | undefined },
  ip: string,
  now = new Date(),
): Promise<TokenPair> {
  const badCredentials = () => unauthorized('用户名或密码错误', 'INVALID_CREDENTIALS')
  const user = await deps.users.findByUsername(input.username.trim())
  const staff = user && user.role !== 'worker' && user.passwordHash ? user : undefined

  const reservation = await reserveAttempt(deps, staff, ip, now)
  if ('refused' in reservation) throw reservation.refused
  if (!staff?.passwordHash) {
    await verifyPassword(input.password, await decoyHash()) // same time as a real check
    throw badCredentials()
  }

  const role = staff.role as Role
  const passwordOk = await verifyPassword(input.password, staff.passwordHash)
  if (passwordOk && needsTotp(role) && input.totp === undefined) {
    // The right password alone: ask for the code, without counting a failure.
    await deps.users.deleteRateEvents(reservation.ids)
    throw unauthorized('请输入动态验证码', 'TOTP_REQUIRED')
  }
  let step: number | undefined
  if (passwordOk && needsTotp(role)) {
    const secret = staff.totpSecretEnc ? deps.pii.decrypt(staff.totpSecretEnc) : undefined
    step = secret ? verifyTotp(secret, input.totp ?? '', now.getTime(), staff.totpLastStep) : undefined
  }
  if (!passwordOk || (needsTotp(role) && step === undefined)) {
    // The attempt's record stands as the failure; was it the one that locks the pair?
    const until = await pairLockedUntil(deps, staffFailureBuckets.pair(staff.id, ip), new Date())
    if (until) {
      await deps.users.noteLockedUntil(staff.id, until)
      throw lockedError(until)
    }
    throw passwordOk ? unauthorized('动态验证码错误', 'TOTP_INVALID') : badCredentials()
  }
  // Only after the credentials were proven: before, a stranger could tell a disabled account
  // from an unknown username without its password.
  if (staff.disabledAt) {
    await deps.users.deleteRateEvents(reservation.ids)
    throw disabledError()
  }
  // Spends the TOTP step atomically: two sign-ins with one code cannot both pass (a replay counts as a failure).
  if (!(await deps.users.recordStaffLogin(staff.id, step))) throw unauthorized('动态验证码已使用', 'TOTP_INVALID')
  return deps.db.transaction(async (tx) => {
    // A success takes its own record back and forgets this address's earlier failures on the
    // account; attempts counted after it stay counted, so a lock that was reached stays.
    await deps.users.deleteRateEvents(reservation.ids, tx)
    await deps.users.clearRateBucket(staffFailureBuckets.pair(staff.id, ip), now, tx)
    const current = (await deps.users.findById(staff.id, tx)) ?? staff
    if (current.disabledAt) throw disabledError() // disabled while this sign-in ran
    return issueTokens(deps, tx, current)
  })
}
