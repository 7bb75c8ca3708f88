import type { Claim, CreateClaimBody, TokenPair } from '@huxin/shared'
import { hashPassword } from '../../src/modules/auth/passwords'
import { newTotpSecret, totpAt, totpStep } from '../../src/modules/auth/totp'
import type { TestApp } from './app'
import { signInWorker, type SignedIn } from './auth'
import { newKey, validClaimBody } from './claims'

const STAFF_PASSWORD = 'Inspector-2026'
let seq = 0
let passwordHash: Promise<string> | undefined

export interface SignedInStaff {
  id: string
  role: 'inspector' | 'supervisor' | 'admin'
  username: string
  headers: { authorization: string }
  refreshToken: string
}

/** Creates a staff account through the repository and signs it in through the real login (TOTP too). */
export async function signInStaff(
  t: TestApp,
  role: SignedInStaff['role'],
  towns: string[] = ['yaoguan'],
): Promise<SignedInStaff> {
  const username = `${role}-${process.pid}-${++seq}`
  const secret = role === 'inspector' ? undefined : newTotpSecret()
  passwordHash ??= hashPassword(STAFF_PASSWORD)
  const user = await t.app.repos.users.createStaff({
    username,
    role,
    passwordHash: await passwordHash,
    totpSecretEnc: secret ? t.app.pii.encrypt(secret) : null,
    towns,
  })
  const payload = { username, password: STAFF_PASSWORD, ...(secret ? { totp: totpAt(secret, totpStep(Date.now())) } : {}) }
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/staff/login', payload })
  if (response.statusCode !== 200) throw new Error(`staff login failed: ${response.statusCode} ${response.body}`)
  const tokens = response.json<TokenPair>()
  return { id: user.id, role, username, headers: { authorization: `Bearer ${tokens.accessToken}` }, refreshToken: tokens.refreshToken }
}

/** A worker files a claim through the API; returns the claim and the worker. */
export async function fileAs(t: TestApp, overrides: Partial<CreateClaimBody> = {}, worker?: SignedIn) {
  const w = worker ?? (await signInWorker(t))
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/claims',
    headers: { ...w.headers, 'idempotency-key': newKey() },
    payload: validClaimBody(overrides),
  })
  if (response.statusCode !== 201) throw new Error(`filing failed: ${response.statusCode} ${response.body}`)
  return { claim: response.json<Claim>(), worker: w }
}

export function act(t: TestApp, staff: Pick<SignedInStaff, 'headers'> & Partial<SignedInStaff>, claimId: string, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: `/api/v1/claims/${claimId}/transitions`, headers: staff.headers, payload: body })
}

/** A staff member POSTs `payload` to `url` (a case action other than a transition: assign, merge, split …). */
export function postAs(t: TestApp, staff: Pick<SignedInStaff, 'headers'> & Partial<SignedInStaff>, url: string, payload: Record<string, unknown> = {}) {
  return t.app.inject({ method: 'POST', url, headers: staff.headers, payload })
}
