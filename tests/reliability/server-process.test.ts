import { describe, expect, it } from 'vitest'
import { startServer, tempDataDir } from '../helpers/server-process'

describe('the server process', () => {
  it('refuses to open a data directory that another running server holds', async () => {
    const dataDir = tempDataDir()
    const first = await startServer({ dataDir })
    try {
      const second = await startServer({ dataDir, waitReady: false })
      const code = await second.exited
      expect(code).not.toBe(0)
      expect(second.output()).toContain('in use by another HuXin process')
      // The first one is unharmed.
      expect((await fetch(`${first.url}/readyz`)).status).toBe(200)
    } finally {
      expect(await first.stop()).toBe(0)
    }
  })

  it('shuts down gracefully on SIGTERM and SIGINT, releasing the data directory', async () => {
    const dataDir = tempDataDir()
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      const server = await startServer({ dataDir })
      expect(await server.stop(signal)).toBe(0)
    }
  })

  it('stops at start-up on a bad setting, naming the variable', async () => {
    const server = await startServer({ env: { PORT: 'eighty' }, waitReady: false })
    expect(await server.exited).toBe(1)
    expect(server.output()).toContain('PORT')
    const production = await startServer({ env: { HUXIN_ENV: 'production' }, waitReady: false })
    expect(await production.exited).toBe(1)
    expect(production.output()).toContain('HUXIN_JWT_SECRET')
  })
})
