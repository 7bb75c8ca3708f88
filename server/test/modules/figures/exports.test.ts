/**
 * GET /api/v1/stats.csv and .xlsx: rows per town, per month and a total, Chinese headers, yuan with
 * two decimals, UTF-8 with BOM. Each file is read back (the CSV parsed, the xlsx opened with
 * exceljs) and every cell compared with GET /api/v1/stats for that row's days and town.
 */
import ExcelJS from 'exceljs'
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { FIGURES, figureUnitSuffix, figureValue, shanghaiDate, TOWNS, type Stats, type StatsBreakdown } from '@huxin/shared'
import { monthsOfPeriod } from '../../../src/modules/figures/export'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, postAs, type SignedInStaff, signInStaff } from '../../helpers/staff'

/** RFC 4180: quoted cells may hold commas, quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  return rows
}

const header = (key: string) => {
  const f = FIGURES.find((x) => x.key === key)!
  return `${f.label}${figureUnitSuffix(f.unit)}`
}

/** What /stats says, as the export writes it. */
function expected(stats: Stats, key: string): string {
  const f = FIGURES.find((x) => x.key === key)!
  const v = figureValue(stats as Record<string, unknown>, key)
  if (typeof v !== 'number') return ''
  if (f.unit === 'fen') return `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}`
  if (f.unit === 'rate') return (Math.round(v * 10_000) / 100).toFixed(2)
  return String(v)
}

describe('months of a period', () => {
  it('clips the first and last month to the period, leap February included', () => {
    expect(monthsOfPeriod('2024-01-15', '2024-03-10')).toEqual([
      ['2024-01-15', '2024-01-31', '2024年1月'],
      ['2024-02-01', '2024-02-29', '2024年2月'],
      ['2024-03-01', '2024-03-10', '2024年3月'],
    ])
    expect(monthsOfPeriod('2024-12-01', '2025-01-31').map((m) => m[2])).toEqual(['2024年12月', '2025年1月'])
    expect(monthsOfPeriod('2024-01-01', '2024-12-31')).toHaveLength(12)
  })
})

describe.each(DATABASE_KINDS)('stats exports on %s', (kind) => {
  const t = useTestApp(kind)
  let lucheng: SignedInStaff
  let supervisor: SignedInStaff
  const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000)
  const from = shanghaiDate(daysAgo(100))
  const to = shanghaiDate(new Date())

  beforeAll(async () => {
    lucheng = await signInStaff(t, 'inspector', ['lucheng'])
    const dingyan = await signInStaff(t, 'inspector', ['dingyan'])
    supervisor = await signInStaff(t, 'supervisor', [])
    const db = t.database.handle.db
    const a = (await fileAs(t, { town: 'lucheng', coWorkers: [], workersCount: 4, employer: { name: '导出甲公司' } })).claim
    expect((await act(t, lucheng, a.id, { action: 'accept' })).statusCode).toBe(200)
    // Accepted two months ago (the daily totals follow: migration 0010's triggers).
    await db.execute(sql`update claims set accepted_at = ${daysAgo(60).toISOString()}::timestamptz where id = ${a.id}`)
    expect((await postAs(t, lucheng, `/api/v1/claims/${a.id}/recoveries`, { kind: 'wages', amountFen: 1_234_567, paidAt: daysAgo(55).toISOString() })).statusCode).toBe(201)
    expect((await postAs(t, lucheng, `/api/v1/claims/${a.id}/outcomes`, { kind: 'social_insurance_order', amountFen: 50_001, decidedAt: daysAgo(50).toISOString() })).statusCode).toBe(201)
    const b = (await fileAs(t, { town: 'dingyan', coWorkers: [], workersCount: 2, employer: { name: '导出乙公司' } })).claim
    expect((await act(t, dingyan, b.id, { action: 'accept' })).statusCode).toBe(200)
    expect((await act(t, dingyan, b.id, { action: 'investigate' })).statusCode).toBe(200)
    expect((await act(t, dingyan, b.id, { action: 'resolve' })).statusCode).toBe(200)
    expect((await postAs(t, dingyan, `/api/v1/claims/${b.id}/recoveries`, { kind: 'compensation', amountFen: 99, paidAt: daysAgo(1).toISOString() })).statusCode).toBe(201)
  })

  const stats = async (who: SignedInStaff, query: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/stats?${query}`, headers: who.headers })
    expect(response.statusCode).toBe(200)
    return response.json<Stats>()
  }
  const townCode = (name: string) => TOWNS.find((x) => x.name === name)?.code

  /** Every row of the table equals /stats for its days and town. */
  async function expectRowsEqualStats(who: SignedInStaff, table: string[][], town: string | undefined) {
    const [head, ...rows] = table
    expect(head!.slice(0, 4)).toEqual(['类别', '范围', '开始日期', '结束日期'])
    const keys = head!.slice(4).map((h) => FIGURES.find((f) => header(f.key) === h)?.key)
    expect(keys).not.toContain(undefined)
    for (const row of rows) {
      const [rowKind, scope, rowFrom, rowTo] = row
      const rowTown = rowKind === '分街镇' ? townCode(scope!) : town
      const truth = await stats(who, `from=${rowFrom}&to=${rowTo}${rowTown ? `&town=${rowTown}` : ''}`)
      keys.forEach((key, i) => {
        const now = FIGURES.find((f) => f.key === key)!.scope === 'now'
        expect(row[4 + i], `${scope} ${key}`).toBe(rowKind === '分月' && now ? '' : expected(truth, key!))
      })
    }
    return { keys: keys as string[], rows }
  }

  it('writes a row per town, per month and a total that equal /stats, in a CSV Excel opens', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/stats.csv?from=${from}&to=${to}`, headers: supervisor.headers })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/csv')
    expect(response.headers['content-disposition']).toContain('.csv')
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]))
    const table = parseCsv(response.body.replace(/^\uFEFF/, ''))
    const { keys, rows } = await expectRowsEqualStats(supervisor, table, undefined)
    for (const key of ['complaintsAccepted', 'wagesRecoveredFen', 'socialInsuranceOrderedFen', 'socialInsuranceRegistrations', 'closureRate']) {
      expect(keys).toContain(key)
    }
    expect(rows.filter((r) => r[0] === '分街镇').map((r) => r[1])).toEqual(TOWNS.map((x) => x.name))
    const months = rows.filter((r) => r[0] === '分月')
    expect(months).toHaveLength(monthsOfPeriod(from, to).length)
    const total = rows.at(-1)!
    expect(total.slice(0, 4)).toEqual(['合计', '合计', from, to])
    const col = (key: string) => 4 + keys.indexOf(key)
    // Known answers: 12,345.67 yuan of wages + 0.99 of compensation; the order of 500.01 yuan.
    expect(total[col('wagesRecoveredFen')]).toBe('12346.66')
    expect(total[col('socialInsuranceOrderedFen')]).toBe('500.01')
    expect(total[col('complaintsAccepted')]).toBe('2')
    expect(total[col('closureRate')]).toBe('50.00')
    // The months add up to the total for the additive figures.
    const sum = (key: string) => months.reduce((s, r) => s + Math.round(Number(r[col(key)]) * 100), 0)
    expect(sum('wagesRecoveredFen')).toBe(1_234_666)
    expect(sum('workersInvolved') / 100).toBe(6)
  })

  it('keeps to the inspector’s towns and the chosen town; the xlsx has the same rows', async () => {
    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/stats.csv?from=${from}&to=${to}`, headers: lucheng.headers })
    expect(csv.statusCode).toBe(200)
    const table = parseCsv(csv.body.replace(/^\uFEFF/, ''))
    expect(table.slice(1).filter((r) => r[0] === '分街镇').map((r) => r[1])).toEqual(['潞城街道'])
    await expectRowsEqualStats(lucheng, table, undefined)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/stats.csv?town=dingyan`, headers: lucheng.headers })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/stats.xlsx?town=dingyan`, headers: lucheng.headers })).statusCode).toBe(404)
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/stats.xlsx` })).statusCode).toBe(401)
    const tooLong = await t.app.inject({ method: 'GET', url: `/api/v1/stats.csv?from=2000-01-01&to=2020-12-31`, headers: supervisor.headers })
    expect(tooLong.statusCode).toBe(400)
    expect(tooLong.body).toContain('querystring.to')

    const query = `from=${from}&to=${to}&town=lucheng`
    const csvTown = await t.app.inject({ method: 'GET', url: `/api/v1/stats.csv?${query}`, headers: supervisor.headers })
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/v1/stats.xlsx?${query}`, headers: supervisor.headers })
    expect(xlsx.statusCode).toBe(200)
    expect(xlsx.headers['content-type']).toContain('spreadsheetml')
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]!
    const csvRows = parseCsv(csvTown.body.replace(/^\uFEFF/, ''))
    expect(sheet.rowCount).toBe(csvRows.length)
    const keys = csvRows[0]!.slice(4).map((h) => FIGURES.find((f) => header(f.key) === h)!)
    csvRows.forEach((csvRow, r) => {
      const cells = (sheet.getRow(r + 1).values as unknown[]).slice(1)
      if (r === 0) return expect(cells).toEqual(csvRow)
      expect(cells.slice(0, 4)).toEqual(csvRow.slice(0, 4))
      keys.forEach((f, i) => {
        const cell = cells[4 + i]
        const text = cell === null || cell === undefined ? '' : f.unit === 'fen' ? (cell as number).toFixed(2) : f.unit === 'rate' ? (Math.round((cell as number) * 10_000) / 100).toFixed(2) : String(cell)
        expect(text, `${csvRow[1]} ${f.key}`).toBe(csvRow[4 + i])
      })
    })
    await expectRowsEqualStats(supervisor, csvRows, 'lucheng')

    // The same rows as JSON for the dashboard's charts.
    const breakdown = await t.app.inject({ method: 'GET', url: `/api/v1/stats/breakdown?from=${from}&to=${to}`, headers: lucheng.headers })
    expect(breakdown.statusCode).toBe(200)
    const body = breakdown.json<StatsBreakdown>()
    expect(body.total).toEqual(await stats(lucheng, `from=${from}&to=${to}`))
    expect(body.towns.map((r) => r.town)).toEqual(['lucheng'])
    expect(body.months.map((m) => m.month)).toEqual(monthsOfPeriod(from, to).map(([first]) => first.slice(0, 7)))
    expect(body.months.reduce((sum, m) => sum + m.stats.wagesRecoveredFen, 0)).toBe(1_234_567)
  })
})
