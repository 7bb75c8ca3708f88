/**
 * Creates a staff account (API.md: `npm run user:create -- --username U --password P --role R
 * [--town T]…`). Applies the migrations first, so it works on a fresh data directory. For roles
 * that need the second factor it prints the TOTP enrolment as an otpauth:// URI.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'
import { STAFF_ROLES, TOWN_CODES, type StaffRole } from '@huxin/shared'
import { ConfigError, loadConfig } from '../config'
import { openDatabase } from '../db/client'
import { DataDirLockedError } from '../db/data-dir-lock'
import { createUsersRepository, hashPassword, needsTotp, newTotpSecret, otpauthUri, passwordProblem } from '../modules/auth/index'
import { createPiiCipher } from '../modules/pii/index'

const USAGE =
  'usage: npm run user:create -- --username U --password P --role inspector|supervisor|admin [--town T]…\n' +
  `towns: ${TOWN_CODES.join(', ')}`

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`)
  process.exit(2)
}

async function main() {
  let values: { username?: string; password?: string; role?: string; town?: string[] }
  try {
    ;({ values } = parseArgs({
      options: {
        username: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string' },
        town: { type: 'string', multiple: true },
      },
      strict: true,
    }))
  } catch (error) {
    fail((error as Error).message)
  }
  const username = values.username?.trim()
  if (!username || !/^[A-Za-z0-9_.-]{2,64}$/.test(username)) fail('--username: 2–64 letters, digits, _ . -')
  if (!values.password) fail('--password is required')
  const problem = passwordProblem(values.password)
  if (problem) fail(`--password: ${problem}`)
  if (!values.role || !(STAFF_ROLES as readonly string[]).includes(values.role)) fail(`--role must be one of ${STAFF_ROLES.join(', ')}`)
  const role = values.role as StaffRole
  const towns = values.town ?? []
  for (const town of towns) if (!(TOWN_CODES as readonly string[]).includes(town)) fail(`--town: unknown town "${town}"`)
  if (role === 'inspector' && towns.length === 0) fail('--town: an inspector serves at least one town or street')

  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite') })
  try {
    await database.migrate(config.migrationsDir)
    const users = createUsersRepository(database.db)
    if (await users.findByUsername(username)) fail(`--username: "${username}" already exists`)
    const pii = createPiiCipher(config.piiKey)
    const secret = needsTotp(role) ? newTotpSecret() : undefined
    const user = await users.createStaff({
      username,
      role,
      passwordHash: await hashPassword(values.password),
      totpSecretEnc: secret ? pii.encrypt(secret) : null,
      towns,
    })
    console.log(`created ${role} ${username} (${user.id})${towns.length ? ` serving ${towns.join(', ')}` : ''}`)
    if (secret) {
      console.log('Second factor: add this to an authenticator app (or show it as a QR code):')
      console.log(otpauthUri(secret, username))
    }
  } finally {
    await database.close()
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataDirLockedError) console.error(error.message)
  else console.error('user:create failed:', error)
  process.exit(1)
})
