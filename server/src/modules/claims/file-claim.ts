/**
 * Filing a claim: validation beyond the schema, PII encryption, the legal acceptance deadline,
 * the reference number and the first timeline event, stored atomically and made safe to retry by
 * the Idempotency-Key.
 */
import { createHash } from 'node:crypto'
import {
  CLAIM_SOURCE_LABELS,
  employerKey,
  groupKey,
  maskIdNumber,
  maskPhone,
  shanghaiDate,
  validateClaimInput,
  type CreateClaimBody,
} from '@huxin/shared'
import { HttpError, validationFailed } from '../../lib/http-errors'
import { groupIdOf, uuidv7 } from '../../lib/ids'
import type { PiiCipher } from '../pii/index'
import type { WorkingDayCalendar } from '../calendar/index'
import type { ClaimEventRow, ClaimRow, ClaimsRepository, FilingRefusal, StoredCoWorker } from './repository/index'

/** 关于实施《劳动保障监察条例》若干规定 Art. 18: accept or reject within 5 working days. */
export const ACCEPTANCE_WORKING_DAYS = 5

/** What a claim filed through a project's site sign takes from the project (modules/projects). */
export interface ProjectForFiling {
  id: string
  name: string
  town: string
  generalContractor: { name: string; creditCode: string | null }
  site: { lat: number | null; lng: number | null; address: string | null }
}

export interface FileClaimDeps {
  claims: ClaimsRepository
  pii: PiiCipher
  calendar: WorkingDayCalendar
  /** Looks up the project a claim names (`projectId`); absent where projects are not served. */
  projectOf?: (id: string) => Promise<ProjectForFiling | undefined>
  now?: () => Date
}

export interface FileClaimResult {
  claim: ClaimRow
  /** The worker-visible timeline, when known without another query. */
  events?: ClaimEventRow[]
  replayed: boolean
  /** Workers of the new claim's group, when the filing statement counted them. */
  groupWorkers?: number
}

/** The case-work columns of a claim nobody has worked on yet (filed, or dispatched by the platform). */
export const NEW_CASE_FIELDS = {
  closeDueAt: null,
  closeDueProvisional: false,
  acceptClockFrom: null,
  acceptPausedDays: 0,
  materialRequestedAt: null,
  rejectReason: null,
  referToHelpPointId: null,
  transferTo: null,
  assigneeId: null,
  mergedIntoId: null,
  acceptedAt: null,
  extendedAt: null,
  orderServedAt: null,
  orderPayDueAt: null,
  unpaidProofAt: null,
  blacklistAppliedAt: null,
  finishedAt: null,
  workersCountConfirmed: null,
  ratingScore: null,
  ratingComment: null,
  ratedAt: null,
  projectId: null,
  caseType: 'complaint',
  reportKind: null,
  anonymous: false,
  reporterName: null,
  reporterPhoneEnc: null,
  reporterPhoneHash: null,
  reporterPhoneMasked: null,
  inspectionDrawId: null,
  personalDataErasedAt: null,
} as const satisfies Partial<ClaimRow>

/** The employer and group a claim joins (docs/casework.md): keys, and the group's derived id. */
export function groupFieldsOf(employer: { name: string; creditCode?: string | null | undefined }, projectName: string | null | undefined) {
  const employerKeyValue = employerKey(employer)
  const groupKeyValue = groupKey(employerKeyValue, projectName)
  return { employerKey: employerKeyValue, groupKey: groupKeyValue, groupId: groupIdOf(groupKeyValue) }
}

/**
 * Key order must not change the fingerprint of a retried body. (Loops and concatenation rather
 * than entries/filter/map/join: the same text at about half the CPU, on every filing.)
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value)
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (canonicalJson(value[i]) ?? '')
    return `${out}]`
  }
  const record = value as Record<string, unknown>
  let out = '{'
  for (const key of Object.keys(record).sort()) {
    const item = record[key]
    if (item === undefined) continue
    out += `${out.length === 1 ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`
  }
  return `${out}}`
}

/**
 * Who files: a signed-in worker for themself, or a staff member for a worker who called, came in,
 * wrote or was referred (the channel becomes the claim's source). A claim staff entered has no
 * claimant account until the worker proves the same phone number by SMS (auth module).
 */
export type Filer = { kind: 'worker'; userId: string } | { kind: 'staff'; staffId: string }

export async function fileClaim(
  deps: FileClaimDeps,
  input: { body: CreateClaimBody; idempotencyKey: string; filer: Filer },
): Promise<FileClaimResult> {
  const now = deps.now?.() ?? new Date()
  const { body, filer } = input
  const errors = validateClaimInput(body, now)
  if (filer.kind === 'worker') {
    if (body.channel !== undefined) errors.push({ field: 'channel', message: '渠道由工作人员代为登记时填写' })
    if (body.workerConsent !== undefined) errors.push({ field: 'workerConsent', message: '渠道由工作人员代为登记时填写' })
  } else {
    if (body.channel === undefined) errors.push({ field: 'channel', message: '请选择投诉渠道（热线、来访、来信、转来）' })
    // The worker's own consent to the claim and its processing, as staff recorded it (PIPL Art. 14).
    if (body.workerConsent === undefined) errors.push({ field: 'workerConsent', message: '请记录劳动者同意代为登记的方式' })
  }
  // A claim filed through a project's sign joins the project's group: its general contractor is
  // the employer and its name the project, whatever the wizard sent (the worker typed neither).
  const project = body.projectId === undefined ? undefined : await deps.projectOf?.(body.projectId)
  if (body.projectId !== undefined && !project) errors.push({ field: 'projectId', message: '项目不存在' })
  if (errors.length > 0) throw validationFailed(errors)

  const requestHash = createHash('sha256').update(canonicalJson(body)).digest('hex')
  // Keys are scoped to the signed-in filer: another person's key can never collide.
  const scope = filer.kind === 'worker' ? filer.userId : `staff:${filer.staffId}`
  const actorId = filer.kind === 'worker' ? filer.userId : filer.staffId
  const channel = filer.kind === 'staff' ? body.channel! : undefined

  const reference = await deps.claims.nextReference(shanghaiDate(now))
  const due = deps.calendar.addWorkingDays(now, ACCEPTANCE_WORKING_DAYS)
  const { claimant } = body
  const employer = project
    ? { name: project.generalContractor.name, creditCode: project.generalContractor.creditCode ?? undefined, address: body.employer.address }
    : body.employer
  const projectName = project ? project.name : body.project?.name.trim()
  const site = body.site ?? (project && project.site.lat !== null && project.site.lng !== null
    ? { lat: project.site.lat, lng: project.site.lng, address: project.site.address ?? undefined }
    : undefined)
  const idNumber = claimant.idNumber?.toUpperCase()
  const coWorkers: StoredCoWorker[] = (body.coWorkers ?? []).map((c) =>
    c.phone
      ? { name: c.name.trim(), phoneEnc: deps.pii.encrypt(c.phone), phoneHash: deps.pii.hash(c.phone), phoneMasked: maskPhone(c.phone) }
      : { name: c.name.trim() },
  )
  // Every column is given here, so the stored row is known without reading it back.
  const claim: ClaimRow = {
    id: uuidv7(now.getTime()),
    reference,
    status: 'submitted',
    source: channel ?? 'miniprogram',
    nationalClueId: null,
    claimantUserId: filer.kind === 'worker' ? filer.userId : null,
    town: project?.town ?? body.town,
    industry: body.industry,
    claimantName: claimant.name.trim(),
    claimantPhoneEnc: claimant.phone ? deps.pii.encrypt(claimant.phone) : null,
    claimantPhoneHash: claimant.phone ? deps.pii.hash(claimant.phone) : null,
    claimantPhoneMasked: claimant.phone ? maskPhone(claimant.phone) : null,
    claimantIdEnc: idNumber ? deps.pii.encrypt(idNumber) : null,
    claimantIdHash: idNumber ? deps.pii.hash(idNumber) : null,
    claimantIdMasked: idNumber ? maskIdNumber(idNumber) : null,
    employerName: employer.name.trim(),
    employerCreditCode: employer.creditCode?.toUpperCase() ?? null,
    employerAddress: employer.address?.trim() || null,
    projectName: projectName ?? null,
    projectAddress: body.project?.address?.trim() || project?.site.address || null,
    // Both or neither (validateClaimInput): a point, or an address alone.
    siteLat: site?.lng === undefined ? null : (site?.lat ?? null),
    siteLng: site?.lat === undefined ? null : (site?.lng ?? null),
    siteAddress: site?.address?.trim() || null,
    periodFrom: body.periodFrom,
    periodTo: body.periodTo,
    amountOwedFen: body.amountOwedFen,
    workersCount: body.workersCount,
    coWorkers,
    description: body.description.trim(),
    confidential: body.confidential,
    consentPrivacyVersion: body.consent.privacyVersion,
    consentSensitiveInfo: body.consent.sensitiveInfo,
    consentAt: now,
    acceptDueAt: due.dueAt,
    acceptDueProvisional: due.provisional,
    nationalDueAt: null,
    filedBy: filer.kind === 'staff' ? filer.staffId : null,
    workerConsentHow: filer.kind === 'staff' ? body.workerConsent!.how : null,
    workerConsentNote: filer.kind === 'staff' ? body.workerConsent!.note?.trim() || null : null,
    ...NEW_CASE_FIELDS,
    ...groupFieldsOf(employer, projectName),
    projectId: project?.id ?? null,
    createdAt: now,
    updatedAt: now,
  }
  const filed: ClaimEventRow = {
    id: uuidv7(now.getTime()),
    claimId: claim.id,
    type: 'filed',
    visibility: 'worker',
    actorId,
    note: channel ? `工作人员代为登记（${CLAIM_SOURCE_LABELS[channel]}）` : null,
    fromStatus: null,
    toStatus: 'submitted',
    reason: null,
    detail: null,
    createdAt: now,
  }
  // Claim, first event and idempotency key: one atomic statement.
  const { outcome, groupWorkers, limit } = await deps.claims.insertFiled(claim, filed, { scope, key: input.idempotencyKey, requestHash })
  if (outcome === 'created') return { claim, events: [filed], replayed: false, groupWorkers }
  if (outcome === 'in_flight') throw inFlight()
  // The key was used before: the same submission again (replay) or another one (422). A refused
  // filing whose key was used before is that too: a replay never counts against the limit.
  const existing = await deps.claims.idempotency.find(scope, input.idempotencyKey)
  if (outcome === 'limited' && !existing) throw filingLimited(limit)
  if (!existing) throw inFlight()
  const stored = existing.claimId ? await deps.claims.findById(existing.claimId) : undefined
  if (existing.requestHash !== requestHash) throw keyReused(stored)
  if (!stored) throw new Error(`idempotency key points at a missing claim ${existing.claimId ?? ''}`)
  return { claim: stored, replayed: true }
}

/** 429 with Retry-After (docs/security.md): the worker's hourly or daily filing limit. */
function filingLimited(limit: FilingRefusal | undefined): HttpError {
  const seconds = limit?.retryAfterSeconds ?? 3600
  const wait = seconds < 3600 ? `${Math.ceil(seconds / 60)} 分钟` : `${Math.ceil(seconds / 3600)} 小时`
  const window = limit?.window === 'day' ? '24 小时内' : '1 小时内'
  return new HttpError(
    429,
    'FILING_LIMITED',
    `提交过于频繁：每人${window}最多提交 ${limit?.max ?? ''} 件投诉，请 ${wait}后再试。如有紧急情况，请拨打 12333 或到劳动保障监察大队反映。`,
    undefined,
    { 'retry-after': String(seconds) },
  )
}

const inFlight = () => new HttpError(409, 'IDEMPOTENCY_KEY_IN_FLIGHT', '上一次提交仍在处理中，请稍候再试')

/**
 * The key filed another body before. The answer names the claim it filed (`error.claim`, its
 * schema in routes.ts): an earlier version of the worker's draft whose answer was lost, which the
 * app then shows instead of asking to file again.
 */
function keyReused(stored: ClaimRow | undefined): HttpError {
  const claim = stored && {
    id: stored.id,
    reference: stored.reference,
    acceptDueAt: stored.acceptDueAt.toISOString(),
    acceptDueProvisional: stored.acceptDueProvisional,
  }
  return new HttpError(422, 'IDEMPOTENCY_KEY_REUSED', '该提交编号已用于另一份投诉，请重新提交', undefined, undefined, claim && { claim })
}
