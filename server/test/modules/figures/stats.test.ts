import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate, type Stats } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, postAs, type SignedInStaff, signInStaff } from '../../helpers/staff'
import { serveOverdueOrder } from '../../helpers/documents'

describe.each(DATABASE_KINDS)('stats on %s', (kind) => {
  const t = useTestApp(kind)
  let inspector: SignedInStaff
  let supervisor: SignedInStaff
  const today = shanghaiDate(new Date())
  const monthAgo = shanghaiDate(new Date(Date.now() - 30 * 86_400_000))
  const yesterday = () => new Date(Date.now() - 3_600_000).toISOString()

  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['lucheng'])
    supervisor = await signInStaff(t, 'supervisor', [])
    const town = { town: 'lucheng' as const, coWorkers: [] }
    const db = t.database.handle.db
    const run = async (id: string, ...steps: Record<string, unknown>[]) => {
      for (const step of steps) {
        const response = await act(t, inspector, id, step)
        if (response.statusCode !== 200) throw new Error(`${String(step.action)}: ${response.body}`)
      }
    }
    const recover = async (id: string, kind: string, amountFen: number) => {
      const response = await postAs(t, inspector, `/api/v1/claims/${id}/recoveries`, { kind, amountFen, paidAt: yesterday() })
      if (response.statusCode !== 201) throw new Error(response.body)
    }
    const group = { employer: { name: '甲公司' }, project: { name: '甲工地' } }
    const c1 = (await fileAs(t, { ...town, ...group, workersCount: 3 })).claim
    await run(c1.id, { action: 'accept' }, { action: 'investigate' }, { action: 'order_payment' })
    await serveOverdueOrder(t, inspector, c1.id)
    await run(c1.id, { action: 'transfer_police', unpaidProof: '银行流水' })
    for (const [k, fen] of [['wages', 100_000], ['compensation', 20_000], ['social_insurance', 5_000], ['indemnity', 7_000]] as const) {
      await recover(c1.id, k, fen)
    }
    await run(c1.id, { action: 'close' })
    const c2 = (await fileAs(t, { ...town, ...group, workersCount: 2 })).claim
    await run(c2.id, { action: 'accept' }, { action: 'investigate' }, { action: 'resolve' }, { action: 'apply_blacklist' })
    await recover(c2.id, 'wages', 50_000)
    const c3 = (await fileAs(t, { ...town, employer: { name: '乙公司' }, workersCount: 1 })).claim
    await run(c3.id, { action: 'accept' })
    await db.execute(sql`update claims set close_due_at = now() - interval '1 day' where id = ${c3.id}`)
    const c4 = (await fileAs(t, { ...town, employer: { name: '丙公司' }, workersCount: 1 })).claim
    await db.execute(sql`update claims set source = 'national_platform', accept_due_at = now() - interval '1 day' where id = ${c4.id}`)
    // A second clue about c3's case joined it (national inbox, disposition `linked`).
    await db.execute(
      sql`insert into national_clues (clue_id, claim_id, disposition, payload, received_via) values ('clue-linked-1', ${c3.id}, 'linked', '{}'::jsonb, 'pull')`,
    )
    // The register of employers under supervision: four in lucheng, two in dingyan.
    const admin = await signInStaff(t, 'admin', [])
    for (const [i, registerTown] of ['lucheng', 'lucheng', 'lucheng', 'lucheng', 'dingyan', 'dingyan'].entries()) {
      const entry = await postAs(t, admin, '/api/v1/employers', { name: `名录单位${i}号`, town: registerTown, industry: 'other' })
      if (entry.statusCode !== 201) throw new Error(entry.body)
    }
    const c5 = (await fileAs(t, { ...town, employer: { name: '丁公司' }, workersCount: 1 })).claim
    await run(c5.id, { action: 'reject', note: '不属于管辖范围' })
    // Another town.
    const townB = await signInStaff(t, 'inspector', ['dingyan'])
    const c6 = (await fileAs(t, { town: 'dingyan', employer: { name: '戊公司' }, workersCount: 7, coWorkers: [] })).claim
    expect((await act(t, townB, c6.id, { action: 'accept' })).statusCode).toBe(200)
    await postAs(t, townB, `/api/v1/claims/${c6.id}/recoveries`, { kind: 'wages', amountFen: 999, paidAt: yesterday() })
  })

  const stats = async (who: SignedInStaff, query: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/stats?${query}`, headers: who.headers })
    return { status: response.statusCode, body: response.json<Stats>() }
  }

  it('reproduces the figures of a fixture with known answers', async () => {
    const { status, body } = await stats(inspector, `from=${monthAgo}&to=${today}&town=lucheng`)
    expect(status).toBe(200)
    expect(body).toMatchObject({
      // Every clue: the one that made c4 and the one that joined c3.
      cluesReceived: 2,
      cluesLinked: 1,
      // The employers the clues named (丙公司, 乙公司) ÷ lucheng's four in the register.
      clueIncidenceRate: 2 / 4,
      complaintsAccepted: 3,
      groupCases: 1,
      workersInvolved: 6,
      wagesRecoveredFen: 170_000,
      wagesOnlyRecoveredFen: 150_000,
      compensationRecoveredFen: 20_000,
      indemnityRecoveredFen: 7_000,
      socialInsurancePaidFen: 5_000,
      socialInsuranceOrderedFen: 0,
      closedCases: 2,
      closureRate: 2 / 3,
      policeTransfers: 1,
      blacklistApplications: 1,
      overdueAcceptance: 1,
      overdueClosure: 1,
    })
  })

  it('keeps to the jurisdiction and the period; the CSV carries the same figures', async () => {
    const all = await stats(supervisor, `from=${monthAgo}&to=${today}`)
    expect(all.body).toMatchObject({ complaintsAccepted: 4, groupCases: 2, workersInvolved: 13, wagesOnlyRecoveredFen: 150_999, clueIncidenceRate: 2 / 6 })
    // The inspector without a town sees only theirs.
    expect((await stats(inspector, `from=${monthAgo}&to=${today}`)).body.complaintsAccepted).toBe(3)
    expect((await stats(inspector, `from=${monthAgo}&to=${today}&town=dingyan`)).status).toBe(404)
    const lastYear = await stats(supervisor, 'from=2024-01-01&to=2024-12-31')
    expect(lastYear.body).toMatchObject({ cluesReceived: 0, complaintsAccepted: 0, wagesRecoveredFen: 0, closureRate: 0 })
    expect((await stats(supervisor, 'from=2025-02-01&to=2025-01-01')).status).toBe(400)
    // No period: the current year in Shanghai.
    const year = today.slice(0, 4)
    const thisYear = await stats(supervisor, '')
    expect(thisYear.body).toMatchObject({ from: `${year}-01-01`, to: `${year}-12-31` })
    expect(thisYear.body.complaintsAccepted).toBe(4)
    const badDay = await stats(supervisor, 'from=2025-13')
    expect(badDay.status).toBe(400)
    expect(badDay.body).toMatchObject({ error: { details: [expect.objectContaining({ field: expect.stringContaining('from') })] } })

    const csv = await t.app.inject({ method: 'GET', url: `/api/v1/stats.csv?from=${monthAgo}&to=${today}&town=lucheng`, headers: inspector.headers })
    expect(csv.statusCode).toBe(200)
    expect(csv.headers['content-type']).toContain('text/csv')
    const lines = csv.body.replace('\uFEFF', '').trim().split('\r\n')
    const header = lines[0]!.split(',')
    const total = lines.at(-1)!.split(',')
    const record = Object.fromEntries(header.map((k, i) => [k, total[i]]))
    expect(record).toMatchObject({ 类别: '合计', '受理投诉举报案件': '3', '追讨工资（含经济补偿金）（元）': '1700.00', '移送公安（案件）': '1' })
  })
})
