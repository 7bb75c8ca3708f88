/**
 * Pure logic of the claim form (pages/claims/new): the draft kept on the phone, its conversion to
 * the API body, error placement and retry recovery. No Taro import, so it is unit-tested under Node
 * (test/claim-form.test.ts).
 *
 * Runtime values come from `@huxin/shared/domain/*` only: the package root also exports the TypeBox
 * schemas, which would pull TypeBox into the mini-program bundle.
 */
import type { Claim, CreateClaimBody, FieldError, Industry, TownCode } from '@huxin/shared'
import { PRIVACY_POLICY_VERSION, validateClaimInput } from '@huxin/shared/domain/claim-rules'
import { MOBILE_PATTERN } from '@huxin/shared/domain/identity'
import { formatFen, MAX_AMOUNT_FEN, parseYuanToFen } from '@huxin/shared/domain/money'
import { TOWNS } from '@huxin/shared/domain/towns'
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

/**
 * What the worker has typed so far, exactly as typed (strings), saved on the phone after every
 * change so that closing the app or losing the network loses nothing.
 */
export interface ClaimDraft {
  v: 1
  claimantName: string
  claimantPhone: string
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
  description: string
  confidential: boolean
  consent: boolean
  /** One key per draft, reused by every retry of it (API.md, Claims: Idempotency-Key). */
  idempotencyKey: string
  /**
   * JSON of bodies sent with `idempotencyKey` whose answer never arrived (network error, 5xx):
   * one of them may have been stored by the server, see `submitWithRecovery`.
   */
  unansweredBodies: string[]
}

export function emptyDraft(makeKey: () => string = newIdempotencyKey): ClaimDraft {
  return {
    v: 1,
    claimantName: '',
    claimantPhone: '',
    employerName: '',
    employerCreditCode: '',
    projectName: '',
    industry: '',
    town: '',
    periodFrom: '',
    periodTo: '',
    amountYuan: '',
    workersCount: '1',
    description: '',
    confidential: false,
    consent: false,
    idempotencyKey: makeKey(),
    unansweredBodies: [],
  }
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** Earliest month the pickers offer; `validateClaimInput` refuses anything before it. */
export const EARLIEST_MONTH = '1990-01'

/**
 * Rebuilds a draft from whatever storage returned (possibly nothing, an older shape, or damaged
 * data): every field that is missing or of the wrong type falls back to the empty draft's value.
 */
export function restoreDraft(stored: unknown, makeKey: () => string = newIdempotencyKey): ClaimDraft {
  const draft = emptyDraft(makeKey)
  if (typeof stored !== 'object' || stored === null) return draft
  const s = stored as Record<string, unknown>
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
  return {
    ...draft,
    claimantName: text('claimantName') ?? draft.claimantName,
    claimantPhone: text('claimantPhone') ?? draft.claimantPhone,
    employerName: text('employerName') ?? draft.employerName,
    employerCreditCode: text('employerCreditCode') ?? draft.employerCreditCode,
    projectName: text('projectName') ?? draft.projectName,
    industry: isIndustry(s.industry) ? s.industry : '',
    town: isTownCode(s.town) ? s.town : '',
    periodFrom: month('periodFrom'),
    periodTo: month('periodTo'),
    amountYuan: text('amountYuan') ?? draft.amountYuan,
    workersCount: text('workersCount') ?? draft.workersCount,
    description: text('description') ?? draft.description,
    confidential: flag('confidential') ?? draft.confidential,
    consent: flag('consent') ?? draft.consent,
    idempotencyKey: isValidIdempotencyKey(s.idempotencyKey) ? s.idempotencyKey : draft.idempotencyKey,
    unansweredBodies: Array.isArray(s.unansweredBodies)
      ? s.unansweredBodies.filter((b): b is string => typeof b === 'string')
      : [],
  }
}

/** True when nothing worth keeping has been typed (the key alone is not worth a "draft restored"). */
export function isBlankDraft(draft: ClaimDraft): boolean {
  const blank = emptyDraft(() => draft.idempotencyKey)
  return (Object.keys(blank) as Array<keyof ClaimDraft>).every(
    (key) => key === 'unansweredBodies' || blank[key] === draft[key],
  )
}

const MAX_UNANSWERED = 5

/** Remembers a body sent with the draft's key whose answer was lost. */
export function rememberUnansweredBody(draft: ClaimDraft, body: CreateClaimBody): ClaimDraft {
  const json = JSON.stringify(body)
  if (draft.unansweredBodies.includes(json)) return draft
  return { ...draft, unansweredBodies: [...draft.unansweredBodies, json].slice(-MAX_UNANSWERED) }
}

/** Same contents, new key: after the server refused the old key for a different body (422). */
export function withNewKey(draft: ClaimDraft, makeKey: () => string = newIdempotencyKey): ClaimDraft {
  return { ...draft, idempotencyKey: makeKey(), unansweredBodies: [] }
}

// ---------------------------------------------------------------------------------------------
// Fields and error placement

/**
 * Every control of the form: its element `id` (stable, used by the browser tests), the path of the
 * body field it fills (the `field` of a FieldError) and its label.
 */
export const FORM_FIELDS = [
  { id: 'claimant-name', path: 'claimant.name', label: '姓名' },
  { id: 'claimant-phone', path: 'claimant.phone', label: '手机号' },
  { id: 'employer-name', path: 'employer.name', label: '用人单位名称' },
  { id: 'employer-credit-code', path: 'employer.creditCode', label: '统一社会信用代码' },
  { id: 'project-name', path: 'project.name', label: '工程项目名称' },
  { id: 'industry', path: 'industry', label: '行业' },
  { id: 'town', path: 'town', label: '所在镇/街道' },
  { id: 'period-from', path: 'periodFrom', label: '欠薪开始月份' },
  { id: 'period-to', path: 'periodTo', label: '欠薪结束月份' },
  { id: 'amount-yuan', path: 'amountOwedFen', label: '欠薪金额（元）' },
  { id: 'workers-count', path: 'workersCount', label: '涉及人数' },
  { id: 'description', path: 'description', label: '情况说明' },
  { id: 'confidential', path: 'confidential', label: '是否要求对身份保密' },
  { id: 'consent', path: 'consent', label: '隐私政策同意' },
] as const

export type FieldId = (typeof FORM_FIELDS)[number]['id']
export type FieldMessages = Partial<Record<FieldId, string>>

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
 * The control an error belongs to: the field with that path, else the field inside it (`project`
 * → project name) or around it (`consent.privacyVersion` → consent); undefined when the form has no
 * such control (e.g. `claimant.idNumber`, not asked on this page).
 */
export function fieldIdForPath(field: string): FieldId | undefined {
  const path = normaliseFieldPath(field)
  if (path === '') return undefined
  const exact = FORM_FIELDS.find((f) => f.path === path)
  if (exact) return exact.id
  const around = FORM_FIELDS.find((f) => path.startsWith(`${f.path}.`))
  if (around) return around.id
  const inside = FORM_FIELDS.find((f) => f.path.startsWith(`${path}.`))
  return inside?.id
}

/**
 * Places errors next to their controls (first message per control wins); errors for fields the
 * form does not show are returned in `other`, prefixed with nothing: their messages already say
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
  return FORM_FIELDS.find((f) => byField[f.id] !== undefined)?.id
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

  const workersText = toHalfWidth(draft.workersCount).trim()
  const workersCount = /^\d{1,5}$/.test(workersText) ? Number(workersText) : Number.NaN
  if (!(workersCount >= 1 && workersCount <= 10_000)) {
    fail('workersCount', '涉及人数请填 1 到 10000 之间的整数')
  }

  const description = draft.description.trim()
  if (description === '') fail('description', '请简要说明欠薪情况')
  else if (description.length > 2000) fail('description', '情况说明不能超过 2000 个字')

  if (!draft.consent) fail('consent', '请先阅读并同意隐私政策')

  const body: CreateClaimBody = {
    claimant: phone === '' ? { name } : { name, phone },
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
    description,
    confidential: draft.confidential,
    consent: {
      privacyVersion: PRIVACY_POLICY_VERSION,
      // No ID number is asked on this page, so no separate sensitive-information consent.
      sensitiveInfo: false,
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

/**
 * Sends the body with the draft's key. A 422 means the key was already used with another body:
 * an earlier attempt whose answer was lost did reach the server before the worker edited the
 * draft. Re-sending that earlier body with the same key returns the claim it created (same key +
 * same body → the same claim), so the worker still gets the reference number instead of a
 * duplicate claim or a dead end.
 */
export async function submitWithRecovery(
  body: CreateClaimBody,
  draft: Pick<ClaimDraft, 'idempotencyKey' | 'unansweredBodies'>,
  send: SendClaim,
): Promise<{ claim: Claim; earlierVersion: boolean }> {
  try {
    return { claim: await send(body, draft.idempotencyKey), earlierVersion: false }
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 422) throw error
    const current = JSON.stringify(body)
    for (const json of [...draft.unansweredBodies].reverse()) {
      if (json === current) continue
      try {
        const earlier = JSON.parse(json) as CreateClaimBody
        return { claim: await send(earlier, draft.idempotencyKey), earlierVersion: true }
      } catch (retryError) {
        if (!(retryError instanceof ApiError) || retryError.status !== 422) throw retryError
      }
    }
    throw error
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
      return '提交太频繁，请过几分钟再试，草稿已保存'
    default:
      return error.status >= 500 ? '服务暂时不可用，已保存草稿，请稍后重试' : error.message
  }
}
