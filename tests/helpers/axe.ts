/**
 * Accessibility check of the page on screen with axe-core (the npm package, injected from its file:
 * no network), as the browser tests of both journeys run it on every page they visit. Fails on
 * serious or critical violations and prints each of them (rule, impact, help, the elements);
 * moderate and minor ones are printed only.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
let axeSource: string | undefined

function source(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  return axeSource
}

export interface AxeViolation {
  id: string
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null
  help: string
  helpUrl: string
  nodes: Array<{ target: unknown[]; html: string; failureSummary?: string }>
}

const BLOCKING = new Set(['serious', 'critical'])

/** Runs axe on the page (WCAG 2.1 A/AA rules and best practices); returns every violation. */
export async function axeViolations(page: Page, options: { exclude?: string[] } = {}): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object')
  // Evaluated through the DevTools protocol, not as a <script>: the app's CSP (script-src 'self')
  // rightly refuses inline scripts, and this check must run under the same policy users get.
  if (!loaded) await page.evaluate(source())
  return page.evaluate(async (exclude) => {
    type Axe = { run: (context: unknown, options: unknown) => Promise<{ violations: unknown[] }> }
    const axe = (window as unknown as { axe: Axe }).axe
    const context = exclude.length > 0 ? { include: [['body']], exclude: exclude.map((s) => [s]) } : document
    const result = await axe.run(context, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    })
    return result.violations as AxeViolation[]
  }, options.exclude ?? [])
}

function describe(v: AxeViolation): string {
  const nodes = v.nodes
    .slice(0, 5)
    .map((n) => `    - ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`)
    .join('\n')
  return `  [${v.impact ?? 'unknown'}] ${v.id}: ${v.help} (${v.nodes.length} element(s))\n${nodes}`
}

/**
 * Throws when the page has a serious or critical violation, naming them; `where` says which page
 * (and state) was checked.
 */
export async function expectNoSeriousAxeViolations(page: Page, where: string, options: { exclude?: string[] } = {}): Promise<void> {
  const violations = await axeViolations(page, options)
  const blocking = violations.filter((v) => v.impact !== null && BLOCKING.has(v.impact))
  const other = violations.filter((v) => !blocking.includes(v))
  if (other.length > 0) console.info(`axe, ${where}: ${other.length} moderate/minor finding(s)\n${other.map(describe).join('\n')}`)
  if (blocking.length > 0) {
    throw new Error(`axe found ${blocking.length} serious/critical violation(s) on ${where}:\n${blocking.map(describe).join('\n')}`)
  }
}
