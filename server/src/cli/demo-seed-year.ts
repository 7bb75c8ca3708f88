/**
 * `npm run demo:seed-year`: loads the seed's 2024 (server/src/demo/seed-year.ts) into a FRESH
 * database — the configured one (DATABASE_URL, or PGlite under HUXIN_DATA_DIR) — through the API's
 * own services, then prints GET /api/v1/stats for 2024 beside the report's figures. Refuses a
 * database that already holds claims. Start the server on the same data directory afterwards to
 * see the year on the dashboard (inspector/dashboard, year 2024).
 */
import path from 'node:path'
import { buildApp } from '../app'
import { ConfigError, loadConfig } from '../config'
import { openDatabase } from '../db/client'
import { loadSeedYear, SEED_YEAR, SEED_YEAR_FIGURES } from '../demo/seed-year'
import { computeStats } from '../modules/figures/index'

// PGlite's timers read the (virtual) wall clock against deadlines taken before it moved and ask
// for delays past 2^31 ms; Node then warns once per timer. Those warnings say nothing to a reader
// of the demo: every other warning is still printed.
process.removeAllListeners('warning')
process.on('warning', (warning) => {
  if (warning.name !== 'TimeoutOverflowWarning') console.warn(warning)
})

async function main() {
  const config = loadConfig()
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: path.join(config.dataDir, 'pglite') })
  try {
    await database.migrate(config.migrationsDir)
    const existing = await database.query('select count(*)::int as n from claims', [])
    if (Number((existing.rows[0] as { n: number } | undefined)?.n ?? 0) > 0) {
      console.error('demo:seed-year: the database already holds claims; point HUXIN_DATA_DIR (or DATABASE_URL) at a fresh one')
      process.exitCode = 1
      return
    }
    const app = await buildApp({ config, database, logger: false })
    try {
      await app.ready()
      const result = await loadSeedYear(app, (line) => console.log(line))
      const stats = await computeStats(app.repos.figures, { id: 'demo', role: 'admin', towns: [] }, { from: `${SEED_YEAR}-01-01`, to: `${SEED_YEAR}-12-31` })
      console.log(`loaded ${result.claims} claims in ${(result.milliseconds / 1000).toFixed(1)} s`)
      let mismatches = 0
      for (const [key, expected] of Object.entries(SEED_YEAR_FIGURES)) {
        const actual = (stats as Record<string, unknown>)[key]
        const ok = actual === expected
        if (!ok) mismatches++
        console.log(`${ok ? 'ok  ' : 'DIFF'} ${key}: ${String(actual)}${ok ? '' : ` (report: ${expected})`}`)
      }
      if (mismatches > 0) process.exitCode = 1
    } finally {
      await app.close()
    }
  } finally {
    await database.close()
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? `demo:seed-year: ${error.message}` : error)
  process.exitCode = 1
})
