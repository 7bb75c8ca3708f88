/**
 * A worker in the H5 app, as the browser tests drive one: signing in by phone with the code the
 * SMS simulator kept (API.md, development affordances), and what the app keeps in storage.
 */
import { expect } from 'vitest'
import type { Page } from 'playwright-core'

interface SimulatedSms {
  phone: string
  /** Null for messages that are not sign-in codes (claim updates). */
  code: string | null
  sentAt: string
}

/** The newest code the SMS simulator holds for the phone, sent after `since` (epoch ms). */
export async function readSmsCode(serverUrl: string, phone: string, since: number): Promise<string> {
  const deadline = Date.now() + 15_000
  while (Date.now() < deadline) {
    const response = await fetch(`${serverUrl}/__sim/sms/messages?phone=${phone}`)
    if (response.ok) {
      const { items } = (await response.json()) as { items: SimulatedSms[] }
      const fresh = items.find((m) => m.phone === phone && m.code !== null && Date.parse(m.sentAt) >= since - 2_000)
      if (fresh?.code) return fresh.code
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`no SMS for ${phone} in the simulator`)
}

/**
 * Signs in on the H5 sign-in page; ends on the claim wizard. The code is read from the SMS
 * simulator at `smsServerUrl` (default: the server's own, mounted in development).
 */
export async function signInByPhone(page: Page, serverUrl: string, phone: string, smsServerUrl = serverUrl): Promise<void> {
  await page.goto(`${serverUrl}/#/pages/login/index`)
  await page.check('#privacy-consent')
  await page.fill('#login-phone input', phone)
  const since = Date.now()
  await page.click('#sms-send')
  await expect.poll(() => page.locator('#sms-send').textContent()).toMatch(/\d+ 秒后重发/)
  await page.fill('#login-code input', await readSmsCode(smsServerUrl, phone, since))
  await page.click('#login-submit')
  await page.waitForSelector('#step-1')
}

/** The worker's tokens as the app keeps them (Taro wraps storage values as {"data": …}). */
export async function storedSession(page: Page): Promise<{ accessToken: string; refreshToken: string }> {
  const raw = await page.evaluate(() => localStorage.getItem('huxin:session:v1'))
  expect(raw).toBeTruthy()
  return (JSON.parse(raw ?? '{}') as { data: { accessToken: string; refreshToken: string } }).data
}
