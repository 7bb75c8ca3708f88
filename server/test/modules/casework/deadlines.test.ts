import { beforeAll, describe, expect, it } from 'vitest'
import { shanghaiDate, type ClaimDetail } from '@huxin/shared'
import { createWorkingDayCalendar } from '../../../src/modules/calendar/working-days'
import { acceptanceDeadline, closureDeadline } from '../../../src/modules/casework/deadlines'
import { receiveClue } from '../../../src/modules/national-sync/inbox'
import { useTestApp } from '../../helpers/app'
import { newKey, validClaimBody } from '../../helpers/claims'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, signInStaff, type SignedInStaff } from '../../helpers/staff'
import { signInWorker } from '../../helpers/auth'

const day = (iso: string | undefined) => shanghaiDate(new Date(iso!))

describe('legal clocks counted from the claim row', () => {
  const calendar = createWorkingDayCalendar()

  it('marks a closure deadline beyond the known calendar provisional (accepted 2026-12-07 → 2027-03-01)', () => {
    const close = closureDeadline(calendar, { acceptedAt: new Date('2026-12-07T02:00:00Z'), extendedAt: null })!
    expect(close.day).toBe('2027-03-01')
    expect(close.provisional).toBe(true)
    const known = closureDeadline(calendar, { acceptedAt: new Date('2025-06-09T02:00:00Z'), extendedAt: null })!
    expect(known.provisional).toBe(false)
    expect(closureDeadline(calendar, { acceptedAt: null, extendedAt: null })).toBeUndefined()
  })

  it('adds the paused working days to the acceptance clock, from its restart', () => {
    const createdAt = new Date('2025-06-09T02:00:00Z') // Monday
    expect(acceptanceDeadline(calendar, { createdAt, acceptClockFrom: null, acceptPausedDays: 0 }).day).toBe('2025-06-16')
    expect(acceptanceDeadline(calendar, { createdAt, acceptClockFrom: null, acceptPausedDays: 2 }).day).toBe('2025-06-18')
    const reopened = new Date('2025-06-23T02:00:00Z')
    expect(acceptanceDeadline(calendar, { createdAt, acceptClockFrom: reopened, acceptPausedDays: 0 }).day).toBe('2025-06-30')
  })
})

describe.each(DATABASE_KINDS)('legal clocks on %s', (kind) => {
  const t = useTestApp(kind)
  let admin: SignedInStaff
  let inspector: SignedInStaff
  beforeAll(async () => {
    admin = await signInStaff(t, 'admin', [])
    inspector = await signInStaff(t, 'inspector', ['yaoguan'])
  })
  const detail = async (id: string, who: { headers: Record<string, string> } = inspector) =>
    (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${id}`, headers: who.headers })).json<ClaimDetail>()
  const setDay = (d: string, kind: 'holiday' | 'workday') =>
    t.app.inject({ method: 'PUT', url: `/api/v1/admin/calendar/${d}`, headers: admin.headers, payload: { kind } })

  it('an accepted claim says whether its closing deadline is provisional', async () => {
    const { claim } = await fileAs(t)
    expect(claim.closeDueProvisional).toBe(false)
    const accepted = (await act(t, inspector, claim.id, { action: 'accept' })).json<ClaimDetail>()
    const year = Number(day(accepted.closeDueAt).slice(0, 4))
    expect(accepted.closeDueProvisional).toBe(!t.app.calendar.isYearKnown(year))
  })

  it('a holiday override recomputes the open deadlines it moves, with an internal audit event, and undoing it moves them back', async () => {
    const { claim } = await fileAs(t)
    const { claim: other } = await fileAs(t)
    const accepted = (await act(t, inspector, other.id, { action: 'accept' })).json<ClaimDetail>()
    const acceptDay = day(claim.acceptDueAt)
    const closeDay = day(accepted.closeDueAt)

    expect((await setDay(acceptDay, 'holiday')).statusCode).toBe(200)
    expect((await setDay(closeDay, 'holiday')).statusCode).toBe(200)
    const moved = await detail(claim.id)
    expect(day(moved.acceptDueAt) > acceptDay).toBe(true)
    expect(t.app.calendar.isWorkday(day(moved.acceptDueAt))).toBe(true)
    const recomputed = moved.events?.filter((e) => e.type === 'deadline_recomputed') ?? []
    expect(recomputed).toHaveLength(1)
    expect(recomputed[0]).toMatchObject({ visibility: 'internal', note: expect.stringContaining(`${acceptDay} 调为休息日`) })
    const movedClose = await detail(other.id)
    expect(day(movedClose.closeDueAt) > closeDay).toBe(true)

    // Setting the same override again (a retry) writes nothing more.
    expect((await setDay(acceptDay, 'holiday')).statusCode).toBe(200)
    expect((await detail(claim.id)).events?.filter((e) => e.type === 'deadline_recomputed')).toHaveLength(1)

    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/calendar/${acceptDay}`, headers: admin.headers })).statusCode).toBe(204)
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/admin/calendar/${closeDay}`, headers: admin.headers })).statusCode).toBe(204)
    expect(day((await detail(claim.id)).acceptDueAt)).toBe(acceptDay)
    expect(day((await detail(other.id)).closeDueAt)).toBe(closeDay)
  })

  it('one override does not make a year known; an admin declares it complete, and provisional deadlines become final', async () => {
    const next = t.app.calendar.packagedThroughYear + 1
    expect((await setDay(`${next}-01-04`, 'holiday')).statusCode).toBe(200)
    expect(t.app.calendar.isYearKnown(next)).toBe(false)
    const { claim } = await fileAs(t)
    const accepted = (await act(t, inspector, claim.id, { action: 'accept' })).json<ClaimDetail>()
    const closeYear = Number(day(accepted.closeDueAt).slice(0, 4))

    const marked = await t.app.inject({ method: 'PUT', url: `/api/v1/admin/calendar/years/${closeYear}`, headers: admin.headers, payload: { complete: true } })
    if (closeYear <= t.app.calendar.packagedThroughYear) {
      expect(marked.statusCode).toBe(400)
      return
    }
    expect(marked.statusCode).toBe(200)
    expect(marked.json()).toMatchObject({ year: closeYear, complete: true, source: 'admin' })
    expect(accepted.closeDueProvisional).toBe(true)
    const after = await detail(claim.id)
    expect(after.closeDueProvisional).toBe(false)
    expect(after.events?.some((e) => e.type === 'deadline_recomputed' && e.note?.includes('已确认完整'))).toBe(true)
    const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json<{ paths: Record<string, object> }>()
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/admin/calendar/years', '/api/v1/admin/calendar/years/{year}']))
    const years = await t.app.inject({ method: 'GET', url: '/api/v1/admin/calendar/years', headers: admin.headers })
    expect(years.json<{ items: { year: number; complete: boolean }[] }>().items).toContainEqual(expect.objectContaining({ year: closeYear, complete: true }))
    // Years the package covers need no declaration; only admins declare.
    const packaged = await t.app.inject({ method: 'PUT', url: `/api/v1/admin/calendar/years/${t.app.calendar.packagedThroughYear}`, headers: admin.headers, payload: { complete: true } })
    expect(packaged.statusCode).toBe(400)
    expect(packaged.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field).toBe('params.year')
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/admin/calendar/years/${closeYear}`, headers: inspector.headers, payload: { complete: false } })).statusCode).toBe(403)
    await t.app.inject({ method: 'PUT', url: `/api/v1/admin/calendar/years/${closeYear}`, headers: admin.headers, payload: { complete: false } })
    expect((await detail(claim.id)).closeDueProvisional).toBe(true)
  })

  it('refuses an ID number born in the future, naming claimant.idNumber', async () => {
    const worker = await signInWorker(t)
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/claims',
      headers: { ...worker.headers, 'idempotency-key': newKey() },
      payload: validClaimBody({ claimant: { name: '王建国', idNumber: '130102203910043761' }, consent: { privacyVersion: '2026-11', sensitiveInfo: true } }),
    })
    expect(response.statusCode).toBe(400)
    expect(response.json<{ error: { details: { field: string }[] } }>().error.details.map((d) => d.field)).toContain('claimant.idNumber')
  })

  it("numbers a national-platform clue by the Shanghai day, and shows the platform's deadline to staff only", async () => {
    const receivedAt = new Date('2026-12-06T23:12:00Z') // 07:12 on 12-07 in Shanghai
    const dueAt = '2026-12-20T15:59:59.999Z'
    const { claimId } = await receiveClue(
      { db: t.app.db, repository: t.app.repos.nationalSync, claims: t.app.repos.claims, pii: t.app.pii, calendar: t.app.calendar, now: () => receivedAt },
      {
        clueId: `CLUE-SH-${kind}`,
        dispatchSeq: 1,
        dispatchedAt: receivedAt.toISOString(),
        dueAt,
        town: 'yaoguan',
        industry: 'construction',
        claimant: { name: '张三' },
        employer: { name: '常州某某线索公司' },
        periodFrom: '2026-05',
        periodTo: '2026-06',
        amountOwedFen: 100_000,
        workersCount: 1,
        description: '线索',
      },
      'pull',
    )
    const staffView = await detail(claimId)
    expect(staffView.reference).toMatch(/^JK-20261207-/)
    expect(staffView.nationalDueAt).toBe(dueAt)
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/claims?source=national_platform', headers: inspector.headers })
    expect(list.json<{ items: ClaimDetail[] }>().items.find((c) => c.id === claimId)?.nationalDueAt).toBe(dueAt)
  })
})
