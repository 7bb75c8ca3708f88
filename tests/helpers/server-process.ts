/**
 * Runs the HuXin server as `npm start` does — `scripts/ensure-h5.mjs`, then the server entry
 * under Node with tsx — in a child process with its own data directory and port.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

/** The first step of `npm start`: build the H5 app if its sources changed. */
export function ensureH5Built(): void {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'ensure-h5.mjs')], {
    cwd: REPO_ROOT,
    stdio: 'inherit',
  })
  if (result.status !== 0) throw new Error('H5 build failed')
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'huxin-e2e-'))
}

export interface ServerProcess {
  url: string
  port: number
  dataDir: string
  child: ChildProcess
  output(): string
  /** SIGTERM and wait for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>
  exited: Promise<number | null>
}

export interface StartOptions {
  dataDir?: string
  port?: number
  env?: Record<string, string>
  /** Wait until /readyz answers 200 (default), or return at once. */
  waitReady?: boolean
  /** Run the compiled server (`npm run build:server`) with plain node, as production does. */
  built?: boolean
  /** Extra node options before the script (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
  nodeArgs?: string[]
}

export async function startServer(options: StartOptions = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort())
  const dataDir = options.dataDir ?? tempDataDir()
  const entry = options.built ? [path.join(REPO_ROOT, 'server', 'dist', 'server.js')] : ['--import', 'tsx', path.join(REPO_ROOT, 'server', 'src', 'server.ts')]
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      HUXIN_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // No load shedding in the spawned servers: on a busy CI machine a freshly started process's
      // event loop lags for a while, and a 503 there would be the machine, not the app. Shedding
      // has its own test (server/test/plugins/connection-limits.test.ts).
      HUXIN_SHED_EVENT_LOOP_DELAY_MS: '0',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const url = `http://127.0.0.1:${port}`
  const server: ServerProcess = {
    url,
    port,
    dataDir,
    child,
    exited,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      return exited
    },
  }
  if (options.waitReady === false) return server

  const deadline = Date.now() + 120_000
  let done = false
  void exited.then(() => (done = true))
  while (Date.now() < deadline) {
    if (done) throw new Error(`server exited before it was ready:\n${output}`)
    try {
      const response = await fetch(`${url}/readyz`)
      if (response.status === 200) return server
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await server.stop('SIGKILL')
  throw new Error(`server not ready within 120 s:\n${output}`)
}
