import type { TokenPair } from '@huxin/shared'
import { hashPassword } from '../../src/lib/passwords'
import { newTotpSecret, totpAt, totpStep } from '../../src/lib/totp'
import type { TestApp } from './app'

let seq = 0
const PASSWORD = 'Staff-Pass-2026'

/** Creates a staff account and signs it in through the real login route (TOTP for supervisors and admins). */
export async function signInStaff(t: TestApp, role: 'inspector' | 'supervisor' | 'admin', towns: string[] = ['yaoguan']) {
  const username = `${role}-${process.pid}-${++seq}`
  const secret = role === 'inspector' ? undefined : newTotpSecret()
  const user = await t.app.repos.users.createStaff({
    username,
    role,
    passwordHash: await hashPassword(PASSWORD),
    totpSecretEnc: secret ? t.app.pii.encrypt(secret) : null,
    towns,
  })
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/staff/login',
    payload: { username, password: PASSWORD, ...(secret ? { totp: totpAt(secret, totpStep(Date.now())) } : {}) },
  })
  if (response.statusCode !== 200) throw new Error(`staff sign-in failed: ${response.statusCode} ${response.body}`)
  const tokens = response.json<TokenPair>()
  return { id: user.id, username, headers: { authorization: `Bearer ${tokens.accessToken}` } }
}
