/**
 * Personal information at rest (DOMAIN.md, Privacy; PIPL Art. 28): AES-256-GCM ciphertext for
 * recovery by authorised staff, and an HMAC-SHA256 keyed hash for matching without decrypting.
 * Both keys are derived from one configured master key with HKDF, so neither is reused.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomFillSync } from 'node:crypto'

const VERSION = 'v1'

export interface PiiCipher {
  encrypt(plaintext: string): string
  decrypt(ciphertext: string): string
  /** Keyed hash of a normalised value, stable across restarts for the same master key. */
  hash(value: string): string
}

export function createPiiCipher(masterKey: Buffer): PiiCipher {
  // Key objects made once: a Buffer key is turned into one on every call (filing encrypts and
  // hashes several values per claim).
  const encKey = createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'huxin pii encryption v1', 32)))
  const macKey = createSecretKey(Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'huxin pii matching v1', 32)))
  // Random IVs drawn from the CSPRNG 64 at a time (one call instead of one per value); each
  // 12 bytes is used once and the pool is refilled when spent.
  const ivPool = Buffer.alloc(12 * 64)
  let ivNext = ivPool.length
  const nextIv = () => {
    if (ivNext === ivPool.length) {
      randomFillSync(ivPool)
      ivNext = 0
    }
    const iv = Buffer.from(ivPool.subarray(ivNext, ivNext + 12))
    ivNext += 12
    return iv
  }
  return {
    encrypt(plaintext) {
      const iv = nextIv()
      const cipher = createCipheriv('aes-256-gcm', encKey, iv)
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      const tag = cipher.getAuthTag()
      return `${VERSION}:${Buffer.concat([iv, tag, body]).toString('base64')}`
    },
    decrypt(ciphertext) {
      const [version, payload] = ciphertext.split(':')
      if (version !== VERSION || payload === undefined) throw new Error('Unknown PII ciphertext format')
      const raw = Buffer.from(payload, 'base64')
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12))
      decipher.setAuthTag(raw.subarray(12, 28))
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')
    },
    hash(value) {
      return createHmac('sha256', macKey).update(value.trim().toUpperCase()).digest('hex')
    },
  }
}
