import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DataDirLockedError, lockDataDir } from '../../src/db/data-dir-lock'
import { openDatabase } from '../../src/db/client'

const tmp = () => mkdtempSync(path.join(tmpdir(), 'huxin-lock-'))

describe('data directory lock', () => {
  it('refuses a second opener while the first holds it, and frees it on release', () => {
    const dir = tmp()
    const first = lockDataDir(dir)
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError)
    first.release()
    expect(existsSync(first.file)).toBe(false)
    lockDataDir(dir).release()
  })

  it('takes over a lock whose process is gone (kill -9)', () => {
    const dir = tmp()
    // A pid that certainly existed and has exited: a finished child process.
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])
    const deadPid = Number(child.stdout.toString())
    writeFileSync(path.join(dir, 'huxin.lock'), JSON.stringify({ pid: deadPid, host: hostname(), since: '' }))
    const lock = lockDataDir(dir)
    lock.release()
  })

  it('keeps a second PGlite off an open data directory', async () => {
    const dir = tmp()
    const first = await openDatabase({ pgliteDir: path.join(dir, 'pglite') })
    await expect(openDatabase({ pgliteDir: path.join(dir, 'pglite') })).rejects.toThrow(DataDirLockedError)
    await first.close()
    const again = await openDatabase({ pgliteDir: path.join(dir, 'pglite') })
    await again.close()
  })
})
