/**
 * Guards a PGlite data directory against a second opener: two processes writing one PGlite
 * directory corrupt it (TOOLCHAIN.md). The lock is a file created with O_EXCL holding the owner's
 * pid; a lock whose owner is gone (kill -9, power loss) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs'
import { hostname } from 'node:os'
import path from 'node:path'

export class DataDirLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number,
  ) {
    super(
      `The data directory is in use by another HuXin process (pid ${ownerPid}, lock ${lockFile}). ` +
        'Stop that process, or point HUXIN_DATA_DIR at another directory.',
    )
    this.name = 'DataDirLockedError'
  }
}

interface LockOwner {
  pid: number
  host: string
  since: string
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner
  } catch {
    return undefined
  }
}

export interface DataDirLock {
  file: string
  release(): void
}

export function lockDataDir(dir: string): DataDirLock {
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'huxin.lock')
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number
    try {
      fd = openSync(file, 'wx', 0o600)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const owner = readOwner(file)
      // The owner may be this very process: a second PGlite in one process corrupts the data too.
      if (owner && owner.host === hostname() && isAlive(owner.pid)) {
        throw new DataDirLockedError(file, owner.pid)
      }
      if (owner && owner.host !== hostname()) {
        // Another machine on a shared disk: we cannot know whether it is alive; never steal.
        throw new DataDirLockedError(file, owner.pid)
      }
      // Stale (owner dead) or half-written: remove and try again.
      rmSync(file, { force: true })
      continue
    }
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() }
    writeSync(fd, JSON.stringify(owner))
    closeSync(fd)
    let released = false
    return {
      file,
      release() {
        if (released) return
        released = true
        const current = readOwner(file)
        if (current?.pid === process.pid) rmSync(file, { force: true })
      },
    }
  }
  throw new Error(`Could not take the data directory lock ${file}`)
}
