import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_RETENTION_DAYS } from '../../../src/config-retention'
import { localFileStores } from '../../../src/modules/backup/index'
import { ERASED_TEXT, erasePersonalData } from '../../../src/modules/retention/index'
import { useTestApp } from '../../helpers/app'
import { seedCaseHistory, yearFigures } from '../../helpers/case-history'
import { DATABASE_KINDS } from '../../helpers/database'
import { act, fileAs, postAs, signInStaff } from '../../helpers/staff'

const YEARS_AGO = (n: number) => `now() - interval '${n} years'`

describe.each(DATABASE_KINDS)('retention of personal data on %s', (kind) => {
  const t = useTestApp(kind)
  const query = <Row,>(text: string, params: unknown[] = []) => t.database.handle.query<Row>(text, params).then((r) => r.rows)
  const evidenceFile = (sha256: string) => path.join(t.config.dataDir, 'evidence', sha256.slice(0, 2), sha256)
  const run = (batchSize = 200) =>
    erasePersonalData({ db: t.database.handle.db, stores: localFileStores(t.config.dataDir), retentionDays: DEFAULT_RETENTION_DAYS }, new Date(), batchSize)
  /** Every row of every table as text: what a search of the database for a person would find. */
  const everything = async () => {
    const tables = await query<{ name: string }>(`select tablename as name from pg_tables where schemaname = 'public'`)
    const rows: string[] = []
    for (const { name } of tables) rows.push(...(await query<{ r: string }>(`select row_to_json(t)::text as r from "${name}" t`)).map((x) => x.r))
    return rows.join('\n')
  }

  it('erases names, ID numbers, phones, addresses, free text and unshared evidence of claims closed long ago; figures, references, dates, amounts and statuses stay', async () => {
    const history = await seedCaseHistory(t)
    const [old, recent] = history.closed
    const figures = await yearFigures(t, history.admin)
    // The first claim was closed four years ago, and the platform has heard of it.
    await query(`update claims set finished_at = ${YEARS_AGO(4)} where id = $1`, [old!.id])
    await query(`update national_outbox set status = 'sent', sent_at = now() where claim_id = $1`, [old!.id])
    const kept = `select id, reference, status, source, town, amount_owed_fen::text, workers_count, employer_name, employer_key, group_id,
      created_at, accepted_at, finished_at, close_due_at, rating_score, project_id from claims order by id`
    const before = { claims: await query(kept), ledger: await query('select id, kind, amount_fen::text, paid_at, reversal_of from recoveries order by id') }
    const otherClaims = await query(`select row_to_json(c)::text as r from claims c where id <> $1 order by id`, [old!.id])
    const sharedSha = createHash('sha256').update(history.sharedPhoto).digest('hex')
    const oldOwnPhoto = history.attachments.find((a) => a.claimId === old!.id && a.sha256 !== sharedSha)!
    const shared = history.attachments.find((a) => a.claimId === recent!.id && a.sha256 === sharedSha)!
    expect(oldOwnPhoto).toBeDefined()
    expect(shared).toBeDefined()
    const oldPdf = history.documents[0]!
    const pdfOf = (id: string) => t.app.inject({ method: 'GET', url: `/api/v1/documents/${id}.pdf`, headers: history.admin.headers })
    expect((await pdfOf(oldPdf.id)).statusCode).toBe(200)
    expect(await everything()).toContain('王建国0')

    expect(await run()).toEqual({ claims: 1, evidenceRows: 2, documentFiles: 1 })

    const [row] = await query<Record<string, unknown>>(`select * from claims where id = $1`, [old!.id])
    expect(row).toMatchObject({
      claimant_name: ERASED_TEXT,
      claimant_user_id: null,
      claimant_phone_enc: null,
      claimant_phone_hash: null,
      claimant_phone_masked: null,
      claimant_id_enc: null,
      claimant_id_hash: null,
      claimant_id_masked: null,
      site_address: null,
      site_lat: null,
      co_workers: [],
      description: ERASED_TEXT,
    })
    // Nothing anywhere still names the claimant, the co-worker or the boss of the free text.
    const all = await everything()
    for (const trace of ['王建国0', '13812341000', '138****1000', '李四', '张三', '欠条-0']) {
      const hits = all.split('\n').filter((line) => line.includes(trace) && line.includes(old!.id))
      expect(hits, trace).toEqual([])
    }
    expect(await query(`select note from claim_events where claim_id = $1 and (note is not null or detail is not null)`, [old!.id])).toEqual([])
    expect(await query(`select 1 from recoveries where claim_id = $1 and (worker_name is not null or reason <> $2)`, [old!.id, ERASED_TEXT])).toEqual([])

    // The evidence only the erased claim had is gone; the photo another claim still has is kept.
    expect(existsSync(evidenceFile(oldOwnPhoto.sha256))).toBe(false)
    expect(existsSync(evidenceFile(shared.sha256))).toBe(true)
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${recent!.id}/attachments/${shared.id}`, headers: history.admin.headers })
    expect(got.statusCode).toBe(200)
    expect((await pdfOf(oldPdf.id)).statusCode).toBe(404)
    expect((await pdfOf(history.documents[1]!.id)).statusCode).toBe(200)

    // What the figures and the case register need is as it was, and the other claims untouched.
    expect(await yearFigures(t, history.admin)).toEqual(figures)
    expect({ claims: await query(kept), ledger: await query('select id, kind, amount_fen::text, paid_at, reversal_of from recoveries order by id') }).toEqual(before)
    expect(await query(`select row_to_json(c)::text as r from claims c where id <> $1 order by id`, [old!.id])).toEqual(otherClaims)
    const detail = await t.app.inject({ method: 'GET', url: `/api/v1/claims/${old!.id}`, headers: history.admin.headers })
    expect(detail.statusCode).toBe(200)
    expect(detail.json<{ reference: string }>().reference).toBe(old!.reference)

    // A second run finds nothing to do.
    expect(await run()).toEqual({ claims: 0, evidenceRows: 0, documentFiles: 0 })

    // Two processes at once, one claim per batch: each claim erased once, no error, figures the same.
    await query(`update claims set finished_at = ${YEARS_AGO(5)} where id <> $1 and finished_at is not null`, [old!.id])
    const [a, b] = await Promise.all([run(1), run(1)])
    expect(a!.claims + b!.claims).toBe(2)
    expect(await query(`select 1 from claims where personal_data_erased_at is null and finished_at is not null`)).toEqual([])
    // The open claim keeps everything; the shared photo is gone now that no kept claim has it.
    expect((await query<{ claimant_name: string }>(`select claimant_name from claims where id = $1`, [history.open.id]))[0]!.claimant_name).toBe('王建国3')
    expect(existsSync(evidenceFile(shared.sha256))).toBe(false)
    expect(await yearFigures(t, history.admin)).toEqual(figures)
  })

  it('keeps the audit log and the ledger append-only outside the retention job', async () => {
    const inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    const { claim } = await fileAs(t)
    expect((await act(t, inspector, claim.id, { action: 'accept', note: '予以立案' })).statusCode).toBe(200)
    const paidAt = new Date(Date.now() - 86_400_000).toISOString()
    const recovery = await postAs(t, inspector, `/api/v1/claims/${claim.id}/recoveries`, { kind: 'wages', amountFen: 100_000, paidAt })
    const reversal = await postAs(t, inspector, `/api/v1/claims/${claim.id}/recoveries/${recovery.json<{ id: string }>().id}/reversal`, { reason: '银行退回' })
    expect(reversal.statusCode).toBe(201)
    const event = (await query<{ id: string }>(`select id from claim_events where claim_id = $1 and note is not null`, [claim.id]))[0]!
    await expect(query(`update claim_events set note = null where id = $1`, [event.id])).rejects.toThrow(/append-only/)
    await expect(query(`delete from claim_events where id = $1`, [event.id])).rejects.toThrow(/append-only/)
    await expect(query(`update recoveries set reason = 'x' where id = $1`, [reversal.json<{ id: string }>().id])).rejects.toThrow(/append-only/)
  })
})
