/**
 * Debian's Chromium driven by playwright-core. On a machine without it the browser tests are
 * skipped with a plain reason; every launch gets a fresh, empty profile; CI sets HUXIN_REQUIRE_BROWSER=1 to make that a failure instead.
 */
import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const browserAvailable = existsSync(CHROMIUM_PATH)
export const browserRequired = process.env.HUXIN_REQUIRE_BROWSER === '1'

export const BROWSER_SKIP_REASON = `Chromium not found at ${CHROMIUM_PATH}: browser tests skipped (apt-get install chromium, or set CHROMIUM_PATH)`

if (!browserAvailable) {
  if (browserRequired) {
    throw new Error(`${BROWSER_SKIP_REASON.split(':')[0]}, and HUXIN_REQUIRE_BROWSER=1 makes that a failure`)
  }
  console.warn(`\n*** ${BROWSER_SKIP_REASON} ***\n`)
}

/** `extraArgs`: more Chromium switches, e.g. `--ignore-certificate-errors-spki-list=…` to trust one test certificate. */
export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  })
}
