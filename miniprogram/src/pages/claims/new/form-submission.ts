/**
 * Draft → the `POST /api/v1/claims` body, checked with the same rules the server applies. No Taro
 * import (test/claim-form.test.ts).
 */
import type { CreateClaimBody, FieldError } from '@huxin/shared'
import { PRIVACY_POLICY_VERSION, validateClaimInput } from '@huxin/shared/domain/claim-rules'
import { MOBILE_PATTERN } from '@huxin/shared/domain/identity'
import { formatFen, MAX_AMOUNT_FEN, parseYuanToFen } from '@huxin/shared/domain/money'
import { MAX_CO_WORKERS, MONTH, TOWN_OPTIONS, type ClaimDraft } from './form-draft'

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
  // Required: without a number that works the bureau cannot reach the worker (issue 14).
  if (phone === '') fail('claimant.phone', '请填写手机号，工作人员要打这个号码联系您')
  else if (!MOBILE.test(phone)) fail('claimant.phone', '这个号码不对，请再看看：手机号是 1 开头的 11 位数字')

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
  else if (amountOwedFen > MAX_AMOUNT_FEN) fail('amountOwedFen', '这个金额太大了，请再看看')

  const coWorkers: NonNullable<CreateClaimBody['coWorkers']> = []
  draft.coWorkers.forEach((row, index) => {
    const rowName = row.name.trim()
    const rowPhone = normalisePhone(row.phone)
    if (rowName === '' && rowPhone === '') return // an empty row is ignored
    if (rowName === '') fail(`coWorkers.${index}.name`, '请填写这位工友的姓名，或删除这一行')
    else if (rowName.length > 50) fail(`coWorkers.${index}.name`, '姓名不能超过 50 个字')
    if (rowPhone !== '' && !MOBILE.test(rowPhone)) fail(`coWorkers.${index}.phone`, '这个号码不对，请再看看：手机号是 1 开头的 11 位数字')
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

  const siteAddress = draft.siteAddress.trim()
  if (siteAddress.length > 200) fail('site.address', '地址不能超过 200 个字')
  const site: CreateClaimBody['site'] =
    draft.siteLat !== null && draft.siteLng !== null
      ? { lat: draft.siteLat, lng: draft.siteLng, ...(siteAddress === '' ? {} : { address: siteAddress }) }
      : siteAddress === ''
        ? undefined
        : { address: siteAddress }

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
    ...(site === undefined ? {} : { site }),
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
