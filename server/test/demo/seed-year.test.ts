/**
 * `npm run demo:seed-year` (server/src/demo/seed-year.ts): the generated 2024, loaded through the
 * API's own services on a fresh database, gives exactly the figures of the seed's 2024 report —
 * read back through GET /api/v1/stats, the CSV's total row, and the totals recomputed from the rows.
 * On PGlite by default (a few thousand claims: minutes on a loaded machine, bounded by the timeout).
 */
import { describe, expect, it } from 'vitest'
import type { Stats } from '@huxin/shared'
import { loadSeedYear, SEED_YEAR, SEED_YEAR_FIGURES } from '../../src/demo/seed-year'
import { useTestApp, type TestApp } from '../helpers/app'
import { DATABASE_KINDS } from '../helpers/database'
import { signInStaff } from '../helpers/staff'
import { keptAndRebuiltTotals } from '../helpers/totals'

/** How many deposit moves of each action the ledger holds. */
async function depositLedger(t: TestApp) {
  const result = await t.database.handle.query('select action, count(*)::int as n from project_deposit_events group by action', [])
  return Object.fromEntries((result.rows as { action: string; n: number }[]).map((r) => [r.action, Number(r.n)]))
}

describe.each(DATABASE_KINDS)("the seed's year on %s", (kind) => {
  const t = useTestApp(kind)

  it(
    'reproduces every figure of the 2024 report',
    async () => {
      const lines: string[] = []
      const result = await loadSeedYear(t.app, (line) => lines.push(line))
      expect(result.claims).toBe(2025)
      // The real clock is back.
      expect(Math.abs(Date.now() - new Date().getTime())).toBeLessThan(1000)
      expect(new Date().getUTCFullYear()).toBeGreaterThan(SEED_YEAR)

      const supervisor = await signInStaff(t, 'supervisor', [])
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/stats?from=${SEED_YEAR}-01-01&to=${SEED_YEAR}-12-31`, headers: supervisor.headers })
      expect(response.statusCode).toBe(200)
      const stats = response.json<Stats>()
      expect(stats).toMatchObject({ ...SEED_YEAR_FIGURES, cluesLinked: 0, policeTransfers: 2, blacklistApplications: 2, closedCases: 2025 })
      // As the report prints them.
      expect((stats.clueIncidenceRate * 100).toFixed(2)).toBe('0.48')
      expect((stats.wagesRecoveredFen / 1_000_000).toFixed(2)).toBe('2966.21')
      expect(stats.socialInsuranceOrderedFen / 1_000_000).toBe(146.5)
      // 72 permit holders, 70 stored (15 exempt), 1 deferred then completed, 1 deferred then the permit cancelled, 3,170余万.
      expect(stats).toMatchObject({ depositPermitHolders: 72, depositStored: 70, depositExempt: 15, depositDeferred: 2, depositDeferredCompleted: 1, depositPermitCancelled: 1 })
      expect(stats.depositStored + stats.depositDeferredCompleted + stats.depositPermitCancelled).toBe(stats.depositPermitHolders)
      expect(Math.floor(stats.depositAmountFen / 1_000_000)).toBe(3170)
      expect(stats.depositAmountFen % 1_000_000).toBeGreaterThan(0)
      // Nothing of it fell outside the year.
      const after = await t.app.inject({ method: 'GET', url: `/api/v1/stats?from=${SEED_YEAR + 1}-01-01&to=${SEED_YEAR + 1}-12-31`, headers: supervisor.headers })
      expect(after.json<Stats>()).toMatchObject({ complaintsAccepted: 0, cluesReceived: 0, wagesRecoveredFen: 0, groupCases: 0, depositPermitHolders: 0 })
      // The deposits went through the ledger: every move a row, three draws paid arrears and were topped up.
      const ledger = await depositLedger(t)
      expect(ledger).toMatchObject({ store: 56, exempt: 15, defer: 2, cancel_permit: 1, return: 3, draw: 3, top_up: 3 })
      const listed = await t.app.inject({ method: 'GET', url: '/api/v1/projects?limit=100', headers: supervisor.headers })
      expect(listed.json<{ items: unknown[] }>().items).toHaveLength(72)
      // The running totals equal the ones recomputed from the rows.
      const { kept, rebuilt } = await keptAndRebuiltTotals(t)
      expect(kept).toEqual(rebuilt)
      // The CSV's total row says the same.
      const csv = await t.app.inject({ method: 'GET', url: `/api/v1/stats.csv?from=${SEED_YEAR}-01-01&to=${SEED_YEAR}-12-31`, headers: supervisor.headers })
      const rows = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n').map((line) => line.split(','))
      const total = Object.fromEntries(rows[0]!.map((h, i) => [h, rows.at(-1)![i]]))
      expect(total).toMatchObject({
        接收国家平台线索: '914',
        '平台线索发生率（%）': '0.48',
        受理投诉举报案件: '2025',
        '5人以上群体性案件': '165',
        '涉及劳动者（人）': '2556',
        '追讨工资（含经济补偿金）（元）': '29662100.00',
        '责令补缴社会保险费（元）': '1465000.00',
        '新增参保登记（人）': '168',
        '举报投诉案件结案率（%）': '100.00',
        '移送公安（企业）': '2',
        '申请列入失信名单（企业）': '2',
        领取施工许可证的施工单位: '72',
        完成工资保证金存储: '70',
        其中免缴: '15',
        缓缴期间已竣工验收: '1',
        缓缴期间注销施工许可证: '1',
        '涉及保证金（元）': '31706800.00',
      })
    },
    30 * 60_000,
  )
})
