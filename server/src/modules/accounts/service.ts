/**
 * Admins manage the staff accounts: create with a password that passes the strength rule (and a
 * TOTP enrolment for supervisors and admins, shown once), change role and towns, reset a password
 * or the second factor, unlock, disable. Disabling, a new password, a new role and a new second
 * factor end the account's sessions (refresh tokens revoked, access tokens refused at once); a
 * change of towns makes its access tokens refresh, so the next request sees the new towns. An admin cannot disable or demote themself, so the bureau is never left without one
 * by mistake.
 */
import type { StaffRole } from '@huxin/shared'
import { HttpError, notFound, validationFailed } from '../../lib/http-errors'
import { hashPassword, needsTotp, newTotpSecret, otpauthUri, passwordProblem, staffFailureBuckets } from '../auth/index'
import type { PiiCipher } from '../pii/index'
import type { StaffAccountChanges, StaffAccountRow, StaffAccountsRepository } from './repository'

export interface StaffAccountsDeps {
  accounts: StaffAccountsRepository
  pii: PiiCipher
}

export interface StaffAccountView {
  id: string
  username: string
  role: StaffRole
  towns: string[]
  totpEnrolled: boolean
  disabledAt?: string
  lockedUntil?: string
  lastLoginAt?: string
  createdAt: string
}

/** An account, with the otpauth:// URI of a second factor enrolled by this very change. */
export interface AccountWithEnrolment {
  account: StaffAccountView
  totpUri?: string
}

export interface StaffAccountChange {
  role?: StaffRole | undefined
  towns?: string[] | undefined
  password?: string | undefined
  unlock?: true | undefined
  disabled?: boolean | undefined
}

const view = (u: StaffAccountRow): StaffAccountView => ({
  id: u.id,
  username: u.username ?? '',
  role: u.role as StaffRole,
  towns: u.towns,
  totpEnrolled: u.totpSecretEnc !== null,
  ...(u.disabledAt ? { disabledAt: u.disabledAt.toISOString() } : {}),
  ...(u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? { lockedUntil: u.lockedUntil.toISOString() } : {}),
  ...(u.lastLoginAt ? { lastLoginAt: u.lastLoginAt.toISOString() } : {}),
  createdAt: u.createdAt.toISOString(),
})

function checkPassword(password: string, field: string) {
  const problem = passwordProblem(password)
  if (problem) throw validationFailed([{ field, message: problem }])
}

function checkTowns(role: StaffRole, towns: readonly string[], field: string) {
  if (role === 'inspector' && towns.length === 0) {
    throw validationFailed([{ field, message: '监察员至少负责一个镇（街道）' }])
  }
}

const sameTowns = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((town) => b.includes(town))

async function findAccount(deps: StaffAccountsDeps, id: string): Promise<StaffAccountRow> {
  const row = await deps.accounts.find(id)
  if (!row) throw notFound()
  return row
}

export async function listStaffAccounts(
  deps: StaffAccountsDeps,
  filter: { role?: StaffRole | undefined; town?: string | undefined },
): Promise<StaffAccountView[]> {
  return (await deps.accounts.list(filter)).map(view)
}

export async function createStaffAccount(
  deps: StaffAccountsDeps,
  input: { username: string; password: string; role: StaffRole; towns?: string[] | undefined },
): Promise<AccountWithEnrolment> {
  const { username, password, role } = input
  const towns = input.towns ?? []
  checkPassword(password, 'body.password')
  checkTowns(role, towns, 'body.towns')
  const secret = needsTotp(role) ? newTotpSecret() : undefined
  const row = await deps.accounts.create({
    username,
    role,
    towns,
    passwordHash: await hashPassword(password),
    totpSecretEnc: secret ? deps.pii.encrypt(secret) : null,
  })
  if (!row) throw new HttpError(409, 'USERNAME_TAKEN', '该用户名已被使用', [{ field: 'body.username', message: '该用户名已被使用' }])
  return { account: view(row), ...(secret ? { totpUri: otpauthUri(secret, username) } : {}) }
}

/** `by` is the admin making the change. */
export async function changeStaffAccount(
  deps: StaffAccountsDeps,
  id: string,
  change: StaffAccountChange,
  by: string,
): Promise<AccountWithEnrolment> {
  const current = await findAccount(deps, id)
  const self = current.id === by
  if (self && (change.disabled === true || (change.role !== undefined && change.role !== 'admin'))) {
    throw new HttpError(409, 'SELF_LOCKOUT', '不能停用自己的账号或取消自己的管理员权限')
  }
  const role = change.role ?? (current.role as StaffRole)
  const towns = change.towns ?? current.towns
  checkTowns(role, towns, change.towns !== undefined ? 'body.towns' : 'body.role')
  if (change.password !== undefined) checkPassword(change.password, 'body.password')
  // A role that now needs a second factor gets one enrolled here, shown once.
  const secret = needsTotp(role) && current.totpSecretEnc === null ? newTotpSecret() : undefined
  const changes: StaffAccountChanges = { role, towns }
  if (secret) changes.totpSecretEnc = deps.pii.encrypt(secret)
  if (change.password !== undefined) changes.passwordHash = await hashPassword(change.password)
  if (change.unlock) {
    changes.failedLogins = 0
    changes.lockedUntil = null
  }
  if (change.disabled !== undefined) changes.disabledAt = change.disabled ? (current.disabledAt ?? new Date()) : null
  const endSessions =
    change.disabled === true || change.password !== undefined || secret !== undefined || (change.role !== undefined && change.role !== current.role)
  const townsChanged = change.towns !== undefined && !sameTowns(change.towns, current.towns)
  const row = await deps.accounts.update(current.id, changes, { reauthorise: endSessions || townsChanged })
  if (endSessions) await deps.accounts.revokeRefreshTokens(current.id)
  if (change.unlock) {
    await deps.accounts.clearSignInFailures({
      account: staffFailureBuckets.account(current.id),
      pairPrefix: staffFailureBuckets.pairPrefix(current.id),
    })
  }
  return { account: view(row), ...(secret ? { totpUri: otpauthUri(secret, row.username ?? '') } : {}) }
}

/** A new second factor (a lost phone): the old one stops working and the sessions end. */
export async function reenrolSecondFactor(deps: StaffAccountsDeps, id: string): Promise<AccountWithEnrolment & { totpUri: string }> {
  const current = await findAccount(deps, id)
  const secret = newTotpSecret()
  const row = await deps.accounts.update(current.id, { totpSecretEnc: deps.pii.encrypt(secret), totpLastStep: null }, { reauthorise: true })
  await deps.accounts.revokeRefreshTokens(current.id)
  return { account: view(row), totpUri: otpauthUri(secret, row.username ?? '') }
}
