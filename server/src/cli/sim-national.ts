/**
 * `npm run sim:national`: the national-platform simulator on its own port (NATIONAL_SIM_PORT,
 * default 3400), under the same `/__sim/national` prefix as in development. It accepts the
 * bureau's configured credentials (NATIONAL_APP_ID / NATIONAL_APP_SECRET, development defaults)
 * and generates NATIONAL_SIM_CLUES_PER_MINUTE clues (0: only through POST /__control/dispatch).
 * Point the server at it with NATIONAL_API_BASE=http://127.0.0.1:3400/__sim/national.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify from 'fastify'
import { ConfigError, loadConfig } from '../config'
import { NATIONAL_WEBHOOK_PATH, nationalSimulator } from '../modules/national-sync/index'
import { SIMULATOR_PREFIXES } from '../simulators'

async function main() {
  const config = loadConfig()
  const app = Fastify({ logger: { level: config.logLevel }, forceCloseConnections: true }).withTypeProvider<TypeBoxTypeProvider>()
  await app.register(nationalSimulator, {
    prefix: SIMULATOR_PREFIXES.national,
    appId: config.national.appId,
    appSecret: config.national.appSecret,
    webhookUrl: `http://127.0.0.1:${config.port}${NATIONAL_WEBHOOK_PATH}`,
    cluesPerMinute: config.national.simCluesPerMinute,
  })
  const address = await app.listen({ host: config.host, port: config.national.simPort })
  console.log(`  National platform simulator: ${address}${SIMULATOR_PREFIXES.national}  (control: ${SIMULATOR_PREFIXES.national}/__control)`)
  const stop = () => void app.close().then(() => process.exit(0))
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
})
