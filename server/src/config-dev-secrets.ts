/**
 * Development secrets (config.ts): generated once beside the data, never used in production.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

interface DevSecrets {
  jwtSecret: string
  piiKey: string
}

/**
 * Development secrets are generated once and kept beside the data, so tokens and encrypted
 * fields stay valid across restarts. Production refuses to start without real ones.
 */
export function loadOrCreateDevSecrets(dataDir: string): DevSecrets {
  const file = path.join(dataDir, 'dev-secrets.json')
  if (existsSync(file)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<DevSecrets>
    if (typeof parsed.jwtSecret === 'string' && typeof parsed.piiKey === 'string') {
      return { jwtSecret: parsed.jwtSecret, piiKey: parsed.piiKey }
    }
  }
  mkdirSync(dataDir, { recursive: true })
  const secrets: DevSecrets = {
    jwtSecret: randomBytes(48).toString('base64url'),
    piiKey: randomBytes(32).toString('hex'),
  }
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  return secrets
}
