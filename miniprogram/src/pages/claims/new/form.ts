/**
 * Pure logic of the claim wizard (pages/claims/new): the draft kept on the phone (and its migration
 * from the single-page form's `huxin:claim-draft:v1`), its conversion to the API body, error
 * placement and retry recovery. No Taro import, so it is unit-tested under Node
 * (test/claim-form.test.ts, test/wizard.test.ts).
 *
 * Runtime values come from `@huxin/shared/domain/*` only: the package root also exports the TypeBox
 * schemas, which would pull TypeBox into the mini-program bundle.
 */
import { isRecord } from '@huxin/shared/domain/is-record'
import type { Claim, CreateClaimBody, FieldError, Industry, TownCode } from '@huxin/shared'
import { PRIVACY_POLICY_VERSION, validateClaimInput } from '@huxin/shared/domain/claim-rules'
import { MOBILE_PATTERN } from '@huxin/shared/domain/identity'
import { formatFen, MAX_AMOUNT_FEN, parseYuanToFen } from '@huxin/shared/domain/money'
import { TOWNS } from '@huxin/shared/domain/towns'
import { MAX_ATTACHMENTS_PER_CLAIM } from '@huxin/shared/domain/claim-status'
import { ApiError } from '../../../api/errors'
import { isValidIdempotencyKey, newIdempotencyKey } from '../../../lib/idempotency'

// ---------------------------------------------------------------------------------------------
// Choices

const INDUSTRY_LABELS: Record<Industry, string> = {
  construction: '建筑业',
  manufacturing: '制造业',
  services: '服务业',
  other: '其他',
}

export const INDUSTRY_OPTIONS: ReadonlyArray<{ value: Industry; label: string }> = (
  ['construction', 'manufacturing', 'services', 'other'] as const
).map((value) => ({ value, label: INDUSTRY_LABELS[value] }))

export const TOWN_OPTIONS: ReadonlyArray<{ value: TownCode; label: string }> = TOWNS.map((t) => ({
  value: t.code,
  label: t.name,
}))

function isIndustry(value: unknown): value is Industry {
  return INDUSTRY_OPTIONS.some((o) => o.value === value)
}

function isTownCode(value: unknown): value is TownCode {
  return TOWN_OPTIONS.some((o) => o.value === value)
}

// ---------------------------------------------------------------------------------------------
// Draft

/** `coWorkers` holds at most 200 (CreateClaimBody). */
export const MAX_CO_WORKERS = 200
/** Photos per claim (API.md: 409 beyond nine). */
export const MAX_PHOTOS = MAX_ATTACHMENTS_PER_CLAIM

/** One co-worker as typed (API.md: `coWorkers: [{ name, phone? }]`). */
export interface CoWorkerDraft {
  name: string
  phone: string
}

/** One evidence photo chosen on the phone. */
export interface PhotoDraft {
  /** Local id (list key). */
  id: string
  /**
   * Local file: a saved file or temp path in WeChat, a blob: URL in H5 (which dies with the page:
   * see lib/photos.h5.ts).
   */
  path: string
  /** Bytes, 0 when unknown. */
  size: number
  /** Set once the server stored it. */
  attachmentId?: string
  /** Set when the server refused it for good (too large, not a photo): the worker's words. */
  refused?: string
}

/** The claim the server created for this draft, kept until every photo is sent. */
export interface FiledClaim {
  id: string
  reference: string
  acceptDueAt: string
  acceptDueProvisional: boolean
  /** The claim is an earlier version of the draft, filed before the network dropped. */
  earlierVersion: boolean
}

export const WIZARD_STEPS = [1, 2, 3, 4, 5] as const
export type WizardStep = (typeof WIZARD_STEPS)[number]

/**
 * What the worker has typed so far, exactly as typed (strings), saved on the phone after every
 * change so that closing the app or losing the network loses nothing — including the step.
 */
export interface ClaimDraft {
  v: 2
  step: WizardStep
  claimantName: string
  claimantPhone: string
  /** Separate consent to process sensitive personal information (PIPL Art. 29): shows the ID field. */
  sensitiveConsent: boolean
  idNumber: string
  employerName: string
  employerCreditCode: string
  projectName: string
  industry: Industry | ''
  town: TownCode | ''
  /** `YYYY-MM` or '' */
  periodFrom: string
  /** `YYYY-MM` or '' */
  periodTo: string
  amountYuan: string
  workersCount: string
  coWorkers: CoWorkerDraft[]
  description: string
  photos: PhotoDraft[]
  confidential: boolean
  consent: boolean
  /** One key per draft, reused by every retry of it (API.md, Claims: Idempotency-Key). */
  idempotencyKey: string
  /** Set once `POST /api/v1/claims` answered: retries then only send the remaining photos. */
  filed?: FiledClaim
}

export function emptyDraft(makeKey: () => string = newIdempotencyKey): ClaimDraft {
  return {
    v: 2,
    step: 1,
    claimantName: '',
    claimantPhone: '',
    sensitiveConsent: false,
    idNumber: '',
    employerName: '',
    employerCreditCode: '',
    projectName: '',
    industry: '',
    town: '',
    periodFrom: '',
    periodTo: '',
    amountYuan: '',
    workersCount: '1',
    coWorkers: [],
    description: '',
    photos: [],
    confidential: false,
    consent: false,
    idempotencyKey: makeKey(),
  }
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** Earliest month the pickers offer; `validateClaimInput` refuses anything before it. */
export const EARLIEST_MONTH = '1990-01'

function isWizardStep(value: unknown): value is WizardStep {
  return WIZARD_STEPS.some((step) => step === value)
}

function readCoWorkers(value: unknown): CoWorkerDraft[] {
  if (!Array.isArray(value)) return []
  return value
    .filter(isRecord)
    .map((row) => ({
      name: typeof row.name === 'string' ? row.name : '',
      phone: typeof row.phone === 'string' ? row.phone : '',
    }))
    .slice(0, MAX_CO_WORKERS)
}

function readPhotos(value: unknown): PhotoDraft[] {
  if (!Array.isArray(value)) return []
  const photos: PhotoDraft[] = []
  for (const row of value) {
    if (!isRecord(row) || typeof row.path !== 'string' || row.path === '' || typeof row.id !== 'string') continue
    const photo: PhotoDraft = { id: row.id, path: row.path, size: typeof row.size === 'number' && row.size >= 0 ? row.size : 0 }
    if (typeof row.attachmentId === 'string') photo.attachmentId = row.attachmentId
    if (typeof row.refused === 'string') photo.refused = row.refused
    photos.push(photo)
  }
  return photos.slice(0, MAX_PHOTOS)
}

function readFiled(value: unknown): FiledClaim | undefined {
  if (!isRecord(value)) return undefined
  const { id, reference, acceptDueAt, acceptDueProvisional, earlierVersion } = value
  if (typeof id !== 'string' || typeof reference !== 'string' || typeof acceptDueAt !== 'string') return undefined
  return {
    id,
    reference,
    acceptDueAt,
    acceptDueProvisional: acceptDueProvisional === true,
    earlierVersion: earlierVersion === true,
  }
}

/**
 * Rebuilds a draft from whatever storage returned: the current shape (v2), the single-page form's
 * draft (v1, stored under `huxin:claim-draft:v1`: same fields without step, ID number, co-workers
 * and photos), nothing, or damaged data. Every field that is missing or of the wrong type falls back
 * to the empty draft's value; the idempotency key is kept, so a v1 draft whose submission may have
 * reached the server is still recognised by it.
 */
export function restoreDraft(stored: unknown, makeKey: () => string = newIdempotencyKey): ClaimDraft {
  const draft = emptyDraft(makeKey)
  if (!isRecord(stored)) return draft
  const s = stored
  const text = (key: keyof ClaimDraft): string | undefined => {
    const value = s[key]
    return typeof value === 'string' ? value : undefined
  }
  const flag = (key: keyof ClaimDraft): boolean | undefined => {
    const value = s[key]
    return typeof value === 'boolean' ? value : undefined
  }
  const month = (key: 'periodFrom' | 'periodTo'): string => {
    const value = text(key)
    return value !== undefined && MONTH.test(value) ? value : ''
  }
  const sensitiveConsent = flag('sensitiveConsent') ?? false
  const restored: ClaimDraft = {
    ...draft,
    step: isWizardStep(s.step) ? s.step : 1,
    claimantName: text('claimantName') ?? draft.claimantName,
    claimantPhone: text('claimantPhone') ?? draft.claimantPhone,
    sensitiveConsent,
    // Never keep an ID number without its consent (PIPL Art. 29).
    idNumber: sensitiveConsent ? (text('idNumber') ?? '') : '',
    employerName: text('employerName') ?? draft.employerName,
    employerCreditCode: text('employerCreditCode') ?? draft.employerCreditCode,
    projectName: text('projectName') ?? draft.projectName,
    industry: isIndustry(s.industry) ? s.industry : '',
    town: isTownCode(s.town) ? s.town : '',
    periodFrom: month('periodFrom'),
    periodTo: month('periodTo'),
    amountYuan: text('amountYuan') ?? draft.amountYuan,
    workersCount: text('workersCount') ?? draft.workersCount,
    coWorkers: readCoWorkers(s.coWorkers),
    description: text('description') ?? draft.description,
    photos: readPhotos(s.photos),
    confidential: flag('confidential') ?? draft.confidential,
    consent: flag('consent') ?? draft.consent,
    idempotencyKey: isValidIdempotencyKey(s.idempotencyKey) ? s.idempotencyKey : draft.idempotencyKey,
  }
  const filed = readFiled(s.filed)
  if (filed) restored.filed = filed
  return restored
}

/**
 * The draft to continue with: the v2 one if there is one, else the old single-page form's v1 draft
 * (to be saved as v2 and its old key removed by the caller), else a new one.
 */
export function pickStoredDraft(v2: unknown, v1: unknown, makeKey: () => string = newIdempotencyKey): {
  draft: ClaimDraft
  migrated: boolean
} {
  if (isRecord(v2)) return { draft: restoreDraft(v2, makeKey), migrated: false }
  if (isRecord(v1)) return { draft: restoreDraft(v1, makeKey), migrated: true }
  return { draft: emptyDraft(makeKey), migrated: false }
}

/** True when nothing worth keeping has been typed (the key and the step alone are not worth a "draft restored"). */
export function isBlankDraft(draft: ClaimDraft): boolean {
  const blank = emptyDraft(() => draft.idempotencyKey)
  const ignored: ReadonlyArray<keyof ClaimDraft> = ['step', 'coWorkers', 'photos', 'filed']
  return (
    (Object.keys(blank) as Array<keyof ClaimDraft>).every((key) => ignored.includes(key) || blank[key] === draft[key]) &&
    draft.coWorkers.every((c) => c.name.trim() === '' && c.phone.trim() === '') &&
    draft.photos.length === 0 &&
    draft.filed === undefined
  )
}

/** Same contents, new key: after the server refused the old key for a different body (422). */
export function withNewKey(draft: ClaimDraft, makeKey: () => string = newIdempotencyKey): ClaimDraft {
  return { ...draft, idempotencyKey: makeKey() }
}

// ---------------------------------------------------------------------------------------------
// Fields and error placement

/**
 * Every control of the wizard: its element `id` (stable, used by the browser tests), the path of
 * the body field it fills (the `field` of a FieldError), its label and the step that shows it.
 * Co-worker rows have ids `co-worker-<i>-name` / `co-worker-<i>-phone` (see `fieldIdForPath`).
 */
export const FORM_FIELDS = [
  { id: 'claimant-name', path: 'claimant.name', label: '姓名', step: 1 },
  { id: 'claimant-phone', path: 'claimant.phone', label: '手机号', step: 1 },
  { id: 'sensitive-consent', path: 'consent.sensitiveInfo', label: '同意处理身份证号码', step: 1 },
  { id: 'id-number', path: 'claimant.idNumber', label: '身份证号码', step: 1 },
  { id: 'employer-name', path: 'employer.name', label: '用人单位名称', step: 2 },
  { id: 'employer-credit-code', path: 'employer.creditCode', label: '统一社会信用代码', step: 2 },
  { id: 'project-name', path: 'project.name', label: '工程项目名称', step: 2 },
  { id: 'industry', path: 'industry', label: '行业', step: 2 },
  { id: 'town', path: 'town', label: '所在镇/街道', step: 2 },
  { id: 'period-from', path: 'periodFrom', label: '欠薪开始月份', step: 3 },
  { id: 'period-to', path: 'periodTo', label: '欠薪结束月份', step: 3 },
  { id: 'amount-yuan', path: 'amountOwedFen', label: '欠薪金额（元）', step: 3 },
  { id: 'workers-count', path: 'workersCount', label: '涉及人数', step: 3 },
  { id: 'co-workers', path: 'coWorkers', label: '一起被欠薪的工友', step: 3 },
  { id: 'description', path: 'description', label: '情况说明', step: 4 },
  { id: 'photos', path: 'photos', label: '证据照片', step: 4 },
  { id: 'confidential', path: 'confidential', label: '是否要求对身份保密', step: 5 },
  { id: 'consent', path: 'consent', label: '隐私政策同意', step: 5 },
] as const satisfies ReadonlyArray<{ id: string; path: string; label: string; step: WizardStep }>

export type StaticFieldId = (typeof FORM_FIELDS)[number]['id']
export type CoWorkerFieldId = `co-worker-${number}-name` | `co-worker-${number}-phone`
export type FieldId = StaticFieldId | CoWorkerFieldId
export type FieldMessages = Partial<Record<FieldId, string>>

export function coWorkerFieldId(index: number, part: 'name' | 'phone'): CoWorkerFieldId {
  return `co-worker-${index}-${part}`
}

const CO_WORKER_ID = /^co-worker-(\d+)-(name|phone)$/

/** The step that shows a control. */
export function stepOfField(id: FieldId): WizardStep {
  if (CO_WORKER_ID.test(id)) return 3
  return FORM_FIELDS.find((f) => f.id === id)?.step ?? 5
}

/** Form order of a control, for "first error": co-worker rows sit after the list's own slot. */
function orderOfField(id: FieldId): number {
  const row = CO_WORKER_ID.exec(id)
  if (row) {
    const base = FORM_FIELDS.findIndex((f) => f.id === 'co-workers')
    return base + 0.001 * (Number(row[1]) * 2 + (row[2] === 'phone' ? 1 : 0) + 1)
  }
  return FORM_FIELDS.findIndex((f) => f.id === id)
}

/**
 * `claimant.name`, `/claimant/name` (JSON pointer, as Ajv reports it) and `body.claimant.name` all
 * become `claimant.name`; array indexes stay (`coWorkers.0.name`).
 */
export function normaliseFieldPath(field: string): string {
  return field
    .trim()
    .replace(/^\//, '')
    .replace(/\//g, '.')
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^body\./, '')
}

/**
 * The control an error belongs to: the field with that path, a co-worker row's own box, else the
 * field inside it (`project` → project name) or around it (`consent.privacyVersion` → consent);
 * undefined when the wizard has no such control.
 */
export function fieldIdForPath(field: string): FieldId | undefined {
  const path = normaliseFieldPath(field)
  if (path === '') return undefined
  const row = /^coWorkers\.(\d+)(?:\.(name|phone))?/.exec(path)
  if (row) return coWorkerFieldId(Number(row[1]), row[2] === 'phone' ? 'phone' : 'name')
  const exact = FORM_FIELDS.find((f) => f.path === path)
  if (exact) return exact.id
  const around = FORM_FIELDS.find((f) => path.startsWith(`${f.path}.`))
  if (around) return around.id
  const inside = FORM_FIELDS.find((f) => f.path.startsWith(`${path}.`))
  return inside?.id
}

/**
 * Places errors next to their controls (first message per control wins); errors for fields the
 * wizard does not show are returned in `other`, prefixed with nothing: their messages already say
 * what is wrong in the worker's words.
 */
export function placeFieldErrors(errors: readonly FieldError[]): { byField: FieldMessages; other: string[] } {
  const byField: FieldMessages = {}
  const other: string[] = []
  for (const error of errors) {
    const id = fieldIdForPath(error.field)
    if (id === undefined) {
      if (!other.includes(error.message)) other.push(error.message)
    } else if (byField[id] === undefined) {
      byField[id] = error.message
    }
  }
  return { byField, other }
}

/** Id of the first control, in form order, that has an error (to scroll to it). */
export function firstErrorFieldId(byField: FieldMessages): FieldId | undefined {
  const ids = (Object.keys(byField) as FieldId[]).filter((id) => byField[id] !== undefined)
  ids.sort((a, b) => orderOfField(a) - orderOfField(b))
  return ids[0]
}

// ---------------------------------------------------------------------------------------------
// Draft → API body

/** Full-width digits and letters from Chinese input methods → ASCII. */
function toHalfWidth(value: string): string {
  return value.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
}

export function normalisePhone(value: string): string {
  return toHalfWidth(value).replace(/[\s-]/g, '')
}

export function normaliseCreditCode(value: string): string {
  return toHalfWidth(value).replace(/\s/g, '').toUpperCase()
}

/** ID numbers as typed: full-width digits, spaces, a lower-case x. */
export function normaliseIdNumber(value: string): string {
  return toHalfWidth(value).replace(/\s/g, '').toUpperCase()
}

/** `￥3500` → `即 3,500.00 元`, shown under the amount so the worker can check it; undefined if unreadable. */
export function amountPreview(amountYuan: string): string | undefined {
  if (amountYuan.trim() === '') return undefined
  const fen = parseYuanToFen(amountYuan)
  if (fen === undefined || fen <= 0 || fen > MAX_AMOUNT_FEN) return undefined
  return `即 ${formatFen(fen)} 元`
}

const MOBILE = new RegExp(MOBILE_PATTERN)

/**
 * Converts the draft into the `POST /api/v1/claims` body and checks it with the same rules the
 * server applies (`validateClaimInput` from @huxin/shared) plus what its JSON schema requires.
 * `body` is set only when there is no error.
 */
export function prepareSubmission(
  draft: ClaimDraft,
  now: Date = new Date(),
): { body: CreateClaimBody | undefined; errors: FieldError[] } {
  const errors: FieldError[] = []
  const fail = (field: string, message: string) => errors.push({ field, message })

  const name = draft.claimantName.trim()
  if (name === '') fail('claimant.name', '请填写姓名')
  else if (name.length > 50) fail('claimant.name', '姓名不能超过 50 个字')

  const phone = normalisePhone(draft.claimantPhone)
  if (phone !== '' && !MOBILE.test(phone)) fail('claimant.phone', '手机号应为 11 位数字，以 1 开头')

  // The ID number is asked only after its separate consent (PIPL Art. 29); without it, it is not sent.
  const idNumber = draft.sensitiveConsent ? normaliseIdNumber(draft.idNumber) : ''
  if (idNumber !== '' && !/^\d{17}[\dX]$/.test(idNumber)) {
    fail('claimant.idNumber', '身份证号码应为 18 位（最后一位可能是 X），不想填可以不填')
  }

  const employerName = draft.employerName.trim()
  if (employerName === '') fail('employer.name', '请填写用人单位名称')
  else if (employerName.length > 100) fail('employer.name', '单位名称不能超过 100 个字')

  const creditCode = normaliseCreditCode(draft.employerCreditCode)
  if (creditCode !== '' && creditCode.length !== 18) {
    fail('employer.creditCode', '统一社会信用代码应为 18 位，不知道可以不填')
  }

  const projectName = draft.projectName.trim()
  if (projectName.length > 100) fail('project.name', '项目名称不能超过 100 个字')

  if (draft.industry === '') fail('industry', '请选择行业')
  if (draft.town === '') fail('town', '请选择所在镇/街道')
  if (!MONTH.test(draft.periodFrom)) fail('periodFrom', '请选择欠薪开始月份')
  if (!MONTH.test(draft.periodTo)) fail('periodTo', '请选择欠薪结束月份')

  const amountOwedFen = parseYuanToFen(draft.amountYuan)
  if (draft.amountYuan.trim() === '') fail('amountOwedFen', '请填写欠薪金额')
  else if (amountOwedFen === undefined) fail('amountOwedFen', '金额请只填数字，例如 3500 或 3500.50')
  else if (amountOwedFen <= 0) fail('amountOwedFen', '欠薪金额要大于 0')
  else if (amountOwedFen > MAX_AMOUNT_FEN) fail('amountOwedFen', '金额太大，请核对')

  const coWorkers: NonNullable<CreateClaimBody['coWorkers']> = []
  draft.coWorkers.forEach((row, index) => {
    const rowName = row.name.trim()
    const rowPhone = normalisePhone(row.phone)
    if (rowName === '' && rowPhone === '') return // an empty row is ignored
    if (rowName === '') fail(`coWorkers.${index}.name`, '请填写这位工友的姓名，或删除这一行')
    else if (rowName.length > 50) fail(`coWorkers.${index}.name`, '姓名不能超过 50 个字')
    if (rowPhone !== '' && !MOBILE.test(rowPhone)) fail(`coWorkers.${index}.phone`, '手机号应为 11 位数字，以 1 开头')
    coWorkers.push(rowPhone === '' ? { name: rowName } : { name: rowName, phone: rowPhone })
  })
  if (coWorkers.length > MAX_CO_WORKERS) fail('coWorkers', `工友最多填 ${MAX_CO_WORKERS} 位`)

  const workersText = toHalfWidth(draft.workersCount).trim()
  const workersCount = /^\d{1,5}$/.test(workersText) ? Number(workersText) : Number.NaN
  if (!(workersCount >= 1 && workersCount <= 10_000)) {
    fail('workersCount', '涉及人数请填 1 到 10000 之间的整数')
  }

  const description = draft.description.trim()
  if (description === '') fail('description', '请简要说明欠薪情况')
  else if (description.length > 2000) fail('description', '情况说明不能超过 2000 个字')

  if (!draft.consent) fail('consent', '请先阅读并同意隐私政策')

  const claimant: CreateClaimBody['claimant'] = { name }
  if (phone !== '') claimant.phone = phone
  if (idNumber !== '') claimant.idNumber = idNumber

  const body: CreateClaimBody = {
    claimant,
    employer: creditCode === '' ? { name: employerName } : { name: employerName, creditCode },
    ...(projectName === '' ? {} : { project: { name: projectName } }),
    // Placeholders only stand in where an error is already recorded, so that the shared rules
    // below can still report everything else in one go.
    industry: draft.industry === '' ? 'other' : draft.industry,
    town: draft.town === '' ? (TOWN_OPTIONS[0]?.value ?? 'yaoguan') : draft.town,
    periodFrom: draft.periodFrom,
    periodTo: draft.periodTo,
    amountOwedFen: amountOwedFen ?? 0,
    workersCount: Number.isNaN(workersCount) ? 1 : workersCount,
    ...(coWorkers.length === 0 ? {} : { coWorkers }),
    description,
    confidential: draft.confidential,
    consent: {
      privacyVersion: PRIVACY_POLICY_VERSION,
      // What the worker ticked on step 1: the separate consent of PIPL Art. 29.
      sensitiveInfo: draft.sensitiveConsent,
    },
  }

  const seen = new Set(errors.map((e) => e.field))
  for (const error of validateClaimInput(body, now)) {
    // A field with a missing value already has a clearer message than the rule on its value.
    if (!seen.has(error.field)) {
      seen.add(error.field)
      errors.push(error)
    }
  }
  return { body: errors.length === 0 ? body : undefined, errors }
}

// ---------------------------------------------------------------------------------------------
// Sending

export type SendClaim = (body: CreateClaimBody, idempotencyKey: string) => Promise<Claim>

/** What the wizard keeps of a filed claim: enough for the success screen and the photo uploads. */
export type FiledClaimSummary = Pick<Claim, 'id' | 'reference' | 'acceptDueAt' | 'acceptDueProvisional'>

/** The claim a reused key filed, as the server's 422 names it (`error.claim`); undefined if it does not. */
export function claimOfReusedKey(error: ApiError): FiledClaimSummary | undefined {
  const claim = error.fields.claim
  if (!isRecord(claim)) return undefined
  const { id, reference, acceptDueAt, acceptDueProvisional } = claim
  if (typeof id !== 'string' || typeof reference !== 'string' || typeof acceptDueAt !== 'string') return undefined
  return { id, reference, acceptDueAt, acceptDueProvisional: acceptDueProvisional === true }
}

/**
 * Sends the body with the draft's key. A 422 means the key was already used with another body:
 * an earlier attempt whose answer was lost did reach the server before the worker edited the
 * draft. The 422 names the claim that attempt filed, so the worker still gets its reference number
 * instead of a duplicate claim or a dead end.
 */
export async function submitWithRecovery(
  body: CreateClaimBody,
  draft: Pick<ClaimDraft, 'idempotencyKey'>,
  send: SendClaim,
): Promise<{ claim: FiledClaimSummary; earlierVersion: boolean }> {
  try {
    return { claim: await send(body, draft.idempotencyKey), earlierVersion: false }
  } catch (error) {
    const earlier = error instanceof ApiError && error.status === 422 ? claimOfReusedKey(error) : undefined
    if (earlier === undefined) throw error
    return { claim: earlier, earlierVersion: true }
  }
}

/** Whether the server may have stored the request although no answer came back. */
export function answerWasLost(error: unknown): boolean {
  return error instanceof ApiError && (error.isNetworkError || error.status >= 500)
}

export const NETWORK_MESSAGE = '网络不好，已保存草稿，请稍后重试'

/** The sentence shown above the submit button when sending failed. */
export function submitErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return '提交没有成功，已保存草稿，请稍后重试'
  if (error.isNetworkError) return NETWORK_MESSAGE
  switch (error.status) {
    case 400:
      return '有几处需要修改，请看红色提示'
    case 401:
    case 403:
      return '请先登录后再提交，草稿已保存'
    case 409:
      return '上一次提交还在处理中，请稍等一会再点提交'
    case 413:
      return '内容太多，请把情况说明写短一些'
    case 422:
      return '这份投诉之前可能已经提交过。如确认要再次提交，请再点一次“提交投诉”'
    case 429:
      // The per-worker filing limit: the server's sentence names the limit and the wait.
      if (error.code === 'FILING_LIMITED' && error.message) return `${error.message}（草稿已保存）`
      return '提交太频繁，请过几分钟再试，草稿已保存'
    default:
      return error.status >= 500 ? '服务暂时不可用，已保存草稿，请稍后重试' : error.message
  }
}
