import { describe, expect, it, vi } from 'vitest'
import type { Claim, CreateClaimBody } from '@huxin/shared'
import { PRIVACY_POLICY_VERSION } from '@huxin/shared/domain/claim-rules'
import { ApiError, apiErrorFromResponse, networkError } from '../src/api/errors'
import { DRAFT_KEY, filledDraft as fixtureDraft, makeClaim } from './fixtures'
import {
  amountPreview,
  answerWasLost,
  emptyDraft,
  fieldIdForPath,
  firstErrorFieldId,
  FORM_FIELDS,
  INDUSTRY_OPTIONS,
  isBlankDraft,
  NETWORK_MESSAGE,
  placeFieldErrors,
  prepareSubmission,
  restoreDraft,
  submitErrorMessage,
  submitWithRecovery,
  TOWN_OPTIONS,
  withNewKey,
  type ClaimDraft,
} from '../src/pages/claims/new/form'

const NOW = new Date('2026-11-28T04:00:00Z')
const KEY = DRAFT_KEY

/** Names with spaces around them: the form trims what people type. */
const filledDraft = (overrides: Partial<ClaimDraft> = {}) => fixtureDraft({ claimantName: ' 张三 ', ...overrides })

const claim: Claim = makeClaim()

describe('choices', () => {
  it('offers the four industries and every town, labelled in Chinese', () => {
    expect(INDUSTRY_OPTIONS.map((o) => o.label)).toEqual(['建筑业', '制造业', '服务业', '其他'])
    expect(INDUSTRY_OPTIONS.map((o) => o.value)).toEqual(['construction', 'manufacturing', 'services', 'other'])
    expect(TOWN_OPTIONS.map((o) => o.label)).toContain('横林镇')
    expect(TOWN_OPTIONS).toHaveLength(6)
  })
})

describe('prepareSubmission', () => {
  it('turns a filled draft into the API body', () => {
    const { body, errors } = prepareSubmission(filledDraft(), NOW)
    expect(errors).toEqual([])
    expect(body).toEqual<CreateClaimBody>({
      claimant: { name: '张三', phone: '13812341234' },
      employer: { name: '某某建筑工程有限公司' },
      industry: 'construction',
      town: 'henglin',
      periodFrom: '2025-03',
      periodTo: '2025-06',
      amountOwedFen: 800050,
      workersCount: 3,
      description: '干了四个月活，老板一直拖着不给工资。',
      confidential: false,
      consent: { privacyVersion: PRIVACY_POLICY_VERSION, sensitiveInfo: false },
    })
  })

  it('includes optional fields only when filled, normalised', () => {
    const { body, errors } = prepareSubmission(
      filledDraft({
        claimantPhone: '138 1234-5678',
        employerCreditCode: ' 91320400ma1mabcd1m ',
        projectName: ' 某某花园二期 ',
        confidential: true,
      }),
      NOW,
    )
    expect(errors).toEqual([])
    expect(body?.claimant).toEqual({ name: '张三', phone: '13812345678' })
    expect(body?.employer).toEqual({ name: '某某建筑工程有限公司', creditCode: '91320400MA1MABCD1M' })
    expect(body?.project).toEqual({ name: '某某花园二期' })
    expect(body?.confidential).toBe(true)
  })

  it('parses amounts typed the Chinese way into integer fen', () => {
    expect(prepareSubmission(filledDraft({ amountYuan: '￥１２,３４５.６' }), NOW).body?.amountOwedFen).toBe(1234560)
    expect(prepareSubmission(filledDraft({ amountYuan: '3500' }), NOW).body?.amountOwedFen).toBe(350000)
  })

  it('reports every missing required field at once, in the worker’s words', () => {
    const { body, errors } = prepareSubmission(emptyDraft(() => KEY), NOW)
    expect(body).toBeUndefined()
    const byField = Object.fromEntries(errors.map((e) => [e.field, e.message]))
    expect(byField).toMatchObject({
      'claimant.name': '请填写姓名',
      'employer.name': '请填写用人单位名称',
      industry: '请选择行业',
      town: '请选择所在镇/街道',
      periodFrom: '请选择欠薪开始月份',
      periodTo: '请选择欠薪结束月份',
      amountOwedFen: '请填写欠薪金额',
      description: '请简要说明欠薪情况',
      consent: '请先阅读并同意隐私政策',
    })
    // one message per field: the missing value, not the rules about its value
    expect(new Set(errors.map((e) => e.field)).size).toBe(errors.length)
  })

  it('applies the shared rules (validateClaimInput) too', () => {
    const reversed = prepareSubmission(filledDraft({ periodFrom: '2025-06', periodTo: '2025-03' }), NOW)
    expect(reversed.errors).toContainEqual({ field: 'periodTo', message: '欠薪结束月份不能早于开始月份' })
    const future = prepareSubmission(filledDraft({ periodTo: '2026-12' }), NOW)
    expect(future.errors).toContainEqual({ field: 'periodTo', message: '欠薪月份不能晚于本月' })
    const badCode = prepareSubmission(filledDraft({ employerCreditCode: '91320400MA1MABCD1N' }), NOW)
    expect(badCode.errors.map((e) => e.field)).toEqual(['employer.creditCode'])
  })

  it('rejects unreadable numbers', () => {
    const errors = (d: Partial<ClaimDraft>) => prepareSubmission(filledDraft(d), NOW).errors.map((e) => e.field)
    expect(errors({ amountYuan: '八千' })).toEqual(['amountOwedFen'])
    expect(errors({ amountYuan: '0' })).toEqual(['amountOwedFen'])
    expect(errors({ amountYuan: '1.234' })).toEqual(['amountOwedFen'])
    expect(errors({ workersCount: '0' })).toEqual(['workersCount'])
    expect(errors({ workersCount: '2.5' })).toEqual(['workersCount'])
    expect(errors({ workersCount: '' })).toEqual(['workersCount'])
    expect(errors({ claimantPhone: '12345' })).toEqual(['claimant.phone'])
    expect(errors({ employerCreditCode: '123' })).toEqual(['employer.creditCode'])
  })

  it('sends no ID number and no sensitive-information consent unless the worker gave both', () => {
    expect(prepareSubmission(filledDraft(), NOW).body?.consent.sensitiveInfo).toBe(false)
    expect(prepareSubmission(filledDraft(), NOW).body?.claimant).toEqual({ name: '张三', phone: '13812341234' })
    // typed, then the consent withdrawn: the number stays on the phone only until cleared, never sent
    const withoutConsent = prepareSubmission(filledDraft({ idNumber: '11010519491231002X' }), NOW)
    expect(withoutConsent.body?.claimant.idNumber).toBeUndefined()
  })

  it('sends a valid ID number with the separate consent (PIPL Art. 29), normalised', () => {
    const { body, errors } = prepareSubmission(filledDraft({ sensitiveConsent: true, idNumber: ' 11010519491231002x ' }), NOW)
    expect(errors).toEqual([])
    expect(body?.claimant.idNumber).toBe('11010519491231002X')
    expect(body?.consent.sensitiveInfo).toBe(true)
    const bad = prepareSubmission(filledDraft({ sensitiveConsent: true, idNumber: '110105194912310021' }), NOW)
    expect(bad.errors.map((e) => e.field)).toEqual(['claimant.idNumber'])
    const short = prepareSubmission(filledDraft({ sensitiveConsent: true, idNumber: '1101' }), NOW)
    expect(short.errors).toEqual([{ field: 'claimant.idNumber', message: expect.stringContaining('18 位') }])
  })

  it('sends co-workers with a name, ignores empty rows and checks phones', () => {
    const rows = [
      { name: ' 李四 ', phone: '139 0000 1111' },
      { name: '', phone: '' },
      { name: '王五', phone: '' },
    ]
    const { body, errors } = prepareSubmission(filledDraft({ coWorkers: rows, workersCount: '3' }), NOW)
    expect(errors).toEqual([])
    expect(body?.coWorkers).toEqual([{ name: '李四', phone: '13900001111' }, { name: '王五' }])
    const bad = prepareSubmission(filledDraft({ coWorkers: [{ name: '', phone: '13900001111' }, { name: '赵六', phone: '123' }] }), NOW)
    expect(bad.errors.map((e) => e.field)).toEqual(['coWorkers.0.name', 'coWorkers.1.phone'])
    // the shared rule: you plus the co-workers named
    const tooFew = prepareSubmission(filledDraft({ coWorkers: [{ name: '李四', phone: '' }, { name: '王五', phone: '' }], workersCount: '2' }), NOW)
    expect(tooFew.errors.map((e) => e.field)).toEqual(['workersCount'])
  })
})

describe('amountPreview', () => {
  it('shows the amount back formatted, or nothing when unreadable', () => {
    expect(amountPreview('8000.5')).toBe('即 8,000.50 元')
    expect(amountPreview('')).toBeUndefined()
    expect(amountPreview('abc')).toBeUndefined()
    expect(amountPreview('0')).toBeUndefined()
  })
})

describe('draft storage shape', () => {
  it('starts with one workers and a valid key', () => {
    const draft = emptyDraft()
    expect(draft.workersCount).toBe('1')
    expect(draft.idempotencyKey).toMatch(/^[A-Za-z0-9_:-]{8,128}$/)
    expect(isBlankDraft(draft)).toBe(true)
    expect(isBlankDraft({ ...draft, claimantName: '张' })).toBe(false)
  })

  it('restores a stored draft, keeping its key', () => {
    const stored = JSON.parse(JSON.stringify(filledDraft())) as unknown
    expect(restoreDraft(stored, () => 'hx-other-key-000000')).toEqual(filledDraft())
  })

  it('repairs damaged or foreign data field by field', () => {
    const restored = restoreDraft(
      { claimantName: '李四', industry: 'mining', town: 42, periodFrom: '2025-13', idempotencyKey: 'x', unansweredBodies: ['{}', 7] },
      () => KEY,
    )
    expect(restored).toEqual({ ...emptyDraft(() => KEY), claimantName: '李四' })
    expect(restoreDraft(undefined, () => KEY)).toEqual(emptyDraft(() => KEY))
    expect(restoreDraft('', () => KEY)).toEqual(emptyDraft(() => KEY))
  })

  it('gets a new key, keeping what was typed, when the server refused the old key', () => {
    const draft = withNewKey(filledDraft(), () => 'hx-new-key-000000')
    expect(draft.idempotencyKey).toBe('hx-new-key-000000')
    expect(draft.claimantName).toBe(' 张三 ')
  })
})

describe('error placement', () => {
  it('maps API field paths in either notation to the form controls', () => {
    expect(fieldIdForPath('claimant.name')).toBe('claimant-name')
    expect(fieldIdForPath('/claimant/name')).toBe('claimant-name')
    expect(fieldIdForPath('body.employer.creditCode')).toBe('employer-credit-code')
    expect(fieldIdForPath('amountOwedFen')).toBe('amount-yuan')
    expect(fieldIdForPath('project')).toBe('project-name')
    expect(fieldIdForPath('consent.privacyVersion')).toBe('consent')
    expect(fieldIdForPath('consent.sensitiveInfo')).toBe('sensitive-consent')
    expect(fieldIdForPath('claimant.idNumber')).toBe('id-number')
    expect(fieldIdForPath('/coWorkers/2/phone')).toBe('co-worker-2-phone')
    expect(fieldIdForPath('coWorkers[0].name')).toBe('co-worker-0-name')
    expect(fieldIdForPath('coWorkers')).toBe('co-workers')
    expect(fieldIdForPath('site.lat')).toBe('site-map')
    expect(fieldIdForPath('site.address')).toBe('site-address')
    expect(fieldIdForPath('employer.address')).toBeUndefined()
    expect(fieldIdForPath('')).toBeUndefined()
  })

  it('has a control for every field of the body the wizard asks for, keeping the old form’s ids', () => {
    expect(FORM_FIELDS.map((f) => f.id)).toEqual([
      'claimant-name',
      'claimant-phone',
      'sensitive-consent',
      'id-number',
      'employer-name',
      'employer-credit-code',
      'project-name',
      'industry',
      'town',
      'site-map',
      'site-address',
      'period-from',
      'period-to',
      'amount-yuan',
      'workers-count',
      'co-workers',
      'description',
      'photos',
      'confidential',
      'consent',
    ])
  })

  it('puts the first message of each field beside it and the rest in a list', () => {
    const placed = placeFieldErrors([
      { field: '/periodTo', message: '结束月份不对' },
      { field: 'periodTo', message: '第二条' },
      { field: 'employer.address', message: '地址不对' },
      { field: 'employer.address', message: '地址不对' },
      { field: 'coWorkers.0.name', message: '请填写姓名' },
    ])
    expect(placed.byField).toEqual({ 'period-to': '结束月份不对', 'co-worker-0-name': '请填写姓名' })
    expect(placed.other).toEqual(['地址不对'])
    expect(firstErrorFieldId({ consent: 'x', 'claimant-name': 'y' })).toBe('claimant-name')
    expect(firstErrorFieldId({ description: 'x', 'co-worker-1-phone': 'y', 'co-worker-0-name': 'z' })).toBe('co-worker-0-name')
    expect(firstErrorFieldId({ description: 'x', 'co-worker-1-phone': 'y' })).toBe('co-worker-1-phone')
    expect(firstErrorFieldId({})).toBeUndefined()
  })
})

describe('submitWithRecovery', () => {
  const body = prepareSubmission(filledDraft(), NOW).body as CreateClaimBody

  it('sends the body with the draft’s key', async () => {
    const send = vi.fn(async () => claim)
    const result = await submitWithRecovery(body, filledDraft(), send)
    expect(result).toEqual({ claim, earlierVersion: false })
    expect(send).toHaveBeenCalledWith(body, KEY)
  })

  it('reuses the same key on every retry of a draft', async () => {
    const send = vi
      .fn<(b: CreateClaimBody, key: string) => Promise<Claim>>()
      .mockRejectedValueOnce(networkError(new TypeError('Failed to fetch')))
      .mockResolvedValueOnce(claim)
    const draft = filledDraft()
    await expect(submitWithRecovery(body, draft, send)).rejects.toMatchObject({ code: 'NETWORK' })
    await submitWithRecovery(body, draft, send)
    expect(send.mock.calls.map((call) => call[1])).toEqual([KEY, KEY])
  })

  it('on 422 returns the claim the server says the key filed, without sending again', async () => {
    const filed = { id: claim.id, reference: 'JK-20261127-0007', acceptDueAt: '2026-12-04T15:59:59.999Z', acceptDueProvisional: true }
    const send = vi.fn(async () => {
      throw apiErrorFromResponse(422, { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'key reused', claim: filed } })
    })
    const result = await submitWithRecovery(body, filledDraft(), send)
    expect(result).toEqual({ claim: filed, earlierVersion: true })
    expect(send).toHaveBeenCalledTimes(1)
    expect(send).toHaveBeenCalledWith(body, KEY)
  })

  it('gives up with the 422 when it names no claim', async () => {
    for (const claimField of [undefined, 'c1', { id: 'c1' }]) {
      const reused = apiErrorFromResponse(422, { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'key reused', claim: claimField } })
      const send = vi.fn(async () => Promise.reject(reused))
      await expect(submitWithRecovery(body, filledDraft(), send)).rejects.toBe(reused)
      expect(send).toHaveBeenCalledTimes(1)
    }
  })

  it('passes other errors through untouched', async () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'bad', [{ field: 'claimant.name', message: 'x' }])
    await expect(submitWithRecovery(body, filledDraft(), async () => Promise.reject(error))).rejects.toBe(error)
  })
})

describe('messages after a failed submission', () => {
  it('tells the worker the draft is kept when the network failed', () => {
    const error = networkError(new Error('timeout'))
    expect(submitErrorMessage(error)).toBe(NETWORK_MESSAGE)
    expect(NETWORK_MESSAGE).toBe('网络不好，已保存草稿，请稍后重试')
    expect(answerWasLost(error)).toBe(true)
  })

  it('treats 5xx as possibly stored and 4xx as refused', () => {
    expect(answerWasLost(new ApiError(502, 'HTTP_502', 'x'))).toBe(true)
    expect(answerWasLost(new ApiError(400, 'VALIDATION_FAILED', 'x'))).toBe(false)
    expect(answerWasLost(new Error('x'))).toBe(false)
    expect(submitErrorMessage(new ApiError(503, 'HTTP_503', 'x'))).toContain('已保存草稿')
    expect(submitErrorMessage(new ApiError(400, 'VALIDATION_FAILED', 'x'))).toContain('红色提示')
    expect(submitErrorMessage(new ApiError(429, 'RATE_LIMITED', 'x'))).toContain('过几分钟再试')
    // The filing limit: the server's own sentence (limit and wait), and the draft is kept.
    const limited = new ApiError(429, 'FILING_LIMITED', '提交过于频繁：每人1 小时内最多提交 10 件投诉，请 42 分钟后再试。')
    expect(submitErrorMessage(limited)).toBe('提交过于频繁：每人1 小时内最多提交 10 件投诉，请 42 分钟后再试。（草稿已保存）')
    expect(submitErrorMessage(new ApiError(404, 'NOT_FOUND', '找不到'))).toBe('找不到')
  })
})
