/**
 * Reports (举报) and inspections: cases without a worker to answer, stored as claims of their own
 * case type so they enter the same triage queue and get the same decisions, documents and
 * outcomes (docs/casework.md, Reports and inspections).
 */
import { createHash } from 'node:crypto'
import {
  ANONYMOUS_REPORT_LIMITS,
  CLAIM_SOURCE_LABELS,
  maskPhone,
  REPORT_KIND_LABELS,
  shanghaiDate,
  type CreateDrawBody,
  type CreateInspectionBody,
  type CreateReportBody,
  type ReportKind,
} from '@huxin/shared'
import { HttpError, validationFailed } from '../../lib/http-errors'
import { uuidv7 } from '../../lib/ids'
import type { WorkingDayCalendar } from '../calendar/index'
import { ACCEPTANCE_WORKING_DAYS, groupFieldsOf, NEW_CASE_FIELDS, type ClaimEventRow, type ClaimRow, type ClaimsRepository } from '../claims/index'
import { reachesNationalPlatform, reportRegisterPayload } from '../national-sync/index'
import type { PiiCipher } from '../pii/index'
import { drawEmployers, newSeed, poolDigest } from './draw'
import type { DrawRow, KeyRef, RateLimitSpec, ReportsRepository, StoreOutcome } from './repository'

export interface ReportDeps {
  repo: ReportsRepository
  claims: ClaimsRepository
  pii: PiiCipher
  calendar: WorkingDayCalendar
  now?: () => Date
}

/** Who sends a report: a staff member (any channel), or the app (anonymous, per-IP limits). */
export type Reporter = { kind: 'staff'; staffId: string } | { kind: 'app'; userId?: string; ip: string }

const HOUR_MS = 3_600_000

const fingerprint = (body: unknown) => createHash('sha256').update(JSON.stringify(body)).digest('hex')

/** The columns every case without a claimant shares: no amount, no workers, no consent. */
function baseCase(now: Date, month: string, fields: Partial<ClaimRow>): ClaimRow {
  return {
    ...NEW_CASE_FIELDS,
    nationalClueId: null,
    claimantUserId: null,
    claimantName: '',
    claimantPhoneEnc: null,
    claimantPhoneHash: null,
    claimantPhoneMasked: null,
    claimantIdEnc: null,
    claimantIdHash: null,
    claimantIdMasked: null,
    projectName: null,
    projectAddress: null,
    siteLat: null,
    siteLng: null,
    siteAddress: null,
    periodFrom: month,
    periodTo: month,
    amountOwedFen: 0,
    workersCount: 0,
    coWorkers: [],
    confidential: false,
    consentPrivacyVersion: '',
    consentSensitiveInfo: false,
    consentAt: now,
    nationalDueAt: null,
    filedBy: null,
    workerConsentHow: null,
    workerConsentNote: null,
    createdAt: now,
    updatedAt: now,
    ...fields,
  } as ClaimRow
}

function firstEvent(claim: ClaimRow, type: string, actorId: string | null, note: string, now: Date): ClaimEventRow {
  return {
    id: uuidv7(now.getTime()),
    claimId: claim.id,
    type,
    visibility: 'internal',
    actorId,
    note,
    fromStatus: null,
    toStatus: claim.status,
    reason: null,
    detail: null,
    createdAt: now,
  }
}

function refuseStored(outcome: StoreOutcome): never {
  if (outcome.outcome === 'limited') {
    const minutes = Math.ceil(outcome.retryAfterSeconds / 60)
    throw new HttpError(429, 'REPORT_LIMITED', `举报过于频繁，请 ${minutes} 分钟后再试；紧急情况请拨打 12333。`, undefined, {
      'retry-after': String(outcome.retryAfterSeconds),
    })
  }
  throw new HttpError(422, 'IDEMPOTENCY_KEY_REUSED', '该提交编号已用于另一份提交，请重新提交')
}

export async function fileReport(
  deps: ReportDeps,
  input: { body: CreateReportBody; idempotencyKey: string; reporter: Reporter },
): Promise<{ claim: ClaimRow; replayed: boolean }> {
  const now = deps.now?.() ?? new Date()
  const { body, reporter } = input
  const errors = []
  if (body.anonymous && body.reporter !== undefined) errors.push({ field: 'reporter', message: '匿名举报不留举报人信息' })
  if (reporter.kind === 'app') {
    if (!body.anonymous) errors.push({ field: 'anonymous', message: '在小程序中举报均为匿名；实名举报请拨打 12333 或到大队来访' })
    if (body.channel !== undefined) errors.push({ field: 'channel', message: '渠道由工作人员登记时填写' })
  }
  if (errors.length > 0) throw validationFailed(errors)

  const staff = reporter.kind === 'staff'
  const channel = staff ? (body.channel ?? 'hotline') : 'miniprogram'
  // An anonymous report's key is scoped to the app, not to a person: nothing links it to the sender.
  const scope = staff ? `report:staff:${reporter.staffId}` : 'report:app'
  const ref: KeyRef = { scope, key: input.idempotencyKey, requestHash: fingerprint(body) }
  // Per IP, as a keyed hash: the limit needs to recognise the sender, the row keeps no address.
  const limits: RateLimitSpec[] = staff
    ? []
    : [
        { bucket: `report:ip:h:${deps.pii.hash(reporter.ip)}`, max: ANONYMOUS_REPORT_LIMITS.perHour, windowMs: HOUR_MS },
        { bucket: `report:ip:d:${deps.pii.hash(reporter.ip)}`, max: ANONYMOUS_REPORT_LIMITS.perDay, windowMs: 24 * HOUR_MS },
      ]
  const named = !body.anonymous && body.reporter
  const phone = named ? body.reporter?.phone : undefined
  const due = deps.calendar.addWorkingDays(now, ACCEPTANCE_WORKING_DAYS)
  const claim = baseCase(now, shanghaiDate(now).slice(0, 7), {
    id: uuidv7(now.getTime()),
    reference: await deps.claims.nextReference(shanghaiDate(now)),
    status: 'submitted',
    source: channel,
    town: body.town,
    industry: body.industry ?? 'other',
    employerName: body.employer.name.trim(),
    employerCreditCode: body.employer.creditCode?.toUpperCase() ?? null,
    employerAddress: body.employer.address?.trim() || null,
    description: body.description.trim(),
    acceptDueAt: due.dueAt,
    acceptDueProvisional: due.provisional,
    filedBy: staff ? reporter.staffId : null,
    caseType: 'report',
    reportKind: body.kind,
    anonymous: body.anonymous,
    reporterName: (named && body.reporter?.name?.trim()) || null,
    reporterPhoneEnc: phone ? deps.pii.encrypt(phone) : null,
    reporterPhoneHash: phone ? deps.pii.hash(phone) : null,
    reporterPhoneMasked: phone ? maskPhone(phone) : null,
    ...groupFieldsOf(body.employer, null),
  })
  const label = REPORT_KIND_LABELS[body.kind]
  const note = `举报：${label}（${CLAIM_SOURCE_LABELS[channel]}${body.anonymous ? '，匿名' : ''}）`
  const event = firstEvent(claim, 'reported', staff ? reporter.staffId : null, note, now)
  const registrations = reachesNationalPlatform(claim) ? [reportRegisterPayload({ ...claim, anonymous: body.anonymous })] : []
  const outcome = await deps.repo.storeCases([{ claim, event }], ref, { limits, now, registrations })
  if (outcome.outcome === 'created') return { claim, replayed: false }
  if (outcome.outcome === 'replay') {
    const stored = await deps.repo.findCase(outcome.claimId)
    if (!stored) throw new Error(`idempotency key points at a missing report ${outcome.claimId}`)
    return { claim: stored, replayed: true }
  }
  refuseStored(outcome)
}

/** A case the bureau opens itself: no acceptance decision, investigated from the start. */
function inspectionCase(
  now: Date,
  reference: string,
  fields: { town: string; industry: string; employer: { name: string; creditCode?: string | null; address?: string | null }; kind: ReportKind; description: string; staffId: string; drawId: string | null },
): ClaimRow {
  return baseCase(now, shanghaiDate(now).slice(0, 7), {
    id: uuidv7(now.getTime()),
    reference,
    status: 'investigating',
    source: 'inspection',
    town: fields.town,
    industry: fields.industry,
    employerName: fields.employer.name.trim(),
    employerCreditCode: fields.employer.creditCode?.toUpperCase() ?? null,
    employerAddress: fields.employer.address?.trim() || null,
    description: fields.description,
    // No complaint, no acceptance clock: the deadline shown is the day the case was opened.
    acceptDueAt: now,
    acceptDueProvisional: false,
    filedBy: fields.staffId,
    assigneeId: null,
    caseType: 'inspection',
    reportKind: fields.kind,
    inspectionDrawId: fields.drawId,
    ...groupFieldsOf(fields.employer, null),
  })
}

export async function openInspection(
  deps: ReportDeps,
  input: { body: CreateInspectionBody; idempotencyKey: string; staffId: string },
): Promise<{ claim: ClaimRow; replayed: boolean }> {
  const now = deps.now?.() ?? new Date()
  const { body } = input
  const kind = body.kind ?? 'wages'
  const claim = inspectionCase(now, await deps.claims.nextReference(shanghaiDate(now)), {
    town: body.town,
    industry: body.industry ?? 'other',
    employer: body.employer,
    kind,
    description: body.description.trim(),
    staffId: input.staffId,
    drawId: null,
  })
  const event = firstEvent(claim, 'inspection_opened', input.staffId, `主动检查（${REPORT_KIND_LABELS[kind]}）`, now)
  const ref = { scope: `inspection:${input.staffId}`, key: input.idempotencyKey, requestHash: fingerprint(body) }
  const outcome = await deps.repo.storeCases([{ claim, event }], ref, { now })
  if (outcome.outcome === 'created') return { claim, replayed: false }
  if (outcome.outcome === 'replay') {
    const stored = await deps.repo.findCase(outcome.claimId)
    if (stored) return { claim: stored, replayed: true }
  }
  refuseStored(outcome)
}

export async function drawInspections(
  deps: ReportDeps,
  input: { body: CreateDrawBody; idempotencyKey: string; staffId: string; towns: readonly string[] | undefined },
): Promise<{ draw: DrawRow; replayed: boolean }> {
  const now = deps.now?.() ?? new Date()
  const { body } = input
  const seed = body.seed ?? newSeed()
  const towns = body.town ? [body.town] : input.towns
  const pool = await deps.repo.drawPool(towns)
  if (pool.length === 0) throw new HttpError(409, 'EMPTY_REGISTER', '登记册中没有可抽取的用人单位', [{ field: 'town', message: body.town ?? '' }])
  const drawn = drawEmployers(seed, pool, body.count)
  const kind = body.kind ?? 'wages'
  const drawId = uuidv7(now.getTime())
  const draw: DrawRow = {
    id: drawId,
    seed,
    requested: body.count,
    town: body.town ?? null,
    poolSize: pool.length,
    poolDigest: poolDigest(pool.map((e) => e.key)),
    employers: drawn.map((e) => ({ key: e.key, name: e.name, town: e.town })),
    drawnBy: input.staffId,
    createdAt: now,
  }
  const day = shanghaiDate(now)
  const rows = []
  for (const employer of drawn) {
    const claim = inspectionCase(now, await deps.claims.nextReference(day), {
      town: employer.town ?? '',
      industry: employer.industry ?? 'other',
      employer: { name: employer.name, creditCode: employer.creditCode },
      kind,
      description: `随机抽查（种子 ${seed}，共抽取 ${drawn.length} 家，库中 ${pool.length} 家）`,
      staffId: input.staffId,
      drawId,
    })
    rows.push({ claim, event: firstEvent(claim, 'inspection_opened', input.staffId, `随机抽查：${REPORT_KIND_LABELS[kind]}`, now) })
  }
  // The key fingerprints the request with the seed actually used, so a retry without a seed replays.
  const ref = { scope: `inspection:${input.staffId}`, key: input.idempotencyKey, requestHash: fingerprint({ ...body, seed: body.seed ?? null }) }
  const outcome = await deps.repo.storeCases(rows, ref, { draw, now })
  if (outcome.outcome === 'created') return { draw, replayed: false }
  if (outcome.outcome === 'replay') {
    const stored = await deps.repo.drawOfCase(outcome.claimId)
    if (stored) return { draw: stored, replayed: true }
  }
  refuseStored(outcome)
}
