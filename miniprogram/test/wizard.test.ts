import { describe, expect, it } from 'vitest'
import { emptyDraft, isBlankDraft, pickStoredDraft, prepareSubmission, restoreDraft, type ClaimDraft } from '../src/pages/claims/new/form'
import { DRAFT_KEY, filledDraft } from './fixtures'
import {
  addCoWorker,
  addPhotos,
  dropLostPhotos,
  firstStepWithError,
  nextStep,
  photoAddNotice,
  previousStep,
  removeCoWorker,
  setSensitiveConsent,
  stepOfError,
  summarise,
  validateStep,
  withVerifiedPhone,
} from '../src/pages/claims/new/wizard'

const NOW = new Date('2026-11-28T04:00:00Z')
let ids = 0
const makeId = () => `photo-${++ids}`

const filled = filledDraft

const fields = (draft: ClaimDraft, step: 1 | 2 | 3 | 4 | 5) => validateStep(draft, step, NOW).map((e) => e.field)

describe('validation per step', () => {
  it('checks only the fields of the step on screen', () => {
    const blank = emptyDraft(() => DRAFT_KEY)
    expect(fields(blank, 1)).toEqual(['claimant.name', 'claimant.phone'])
    expect(fields(blank, 2)).toEqual(['employer.name', 'industry', 'town'])
    expect(fields(blank, 3)).toEqual(['periodFrom', 'periodTo', 'amountOwedFen'])
    expect(fields(blank, 4)).toEqual(['description'])
    expect(fields(blank, 5)).toEqual(['consent'])
    for (const step of [1, 2, 3, 4, 5] as const) expect(fields(filled(), step)).toEqual([])
  })

  it('applies the shared rules on the step they concern', () => {
    expect(fields(filled({ periodFrom: '2025-06', periodTo: '2025-03' }), 3)).toEqual(['periodTo'])
    expect(fields(filled({ employerCreditCode: '91320400MA1MABCD1N' }), 2)).toEqual(['employer.creditCode'])
    expect(fields(filled({ sensitiveConsent: true, idNumber: '110105194912310021' }), 1)).toEqual(['claimant.idNumber'])
    expect(fields(filled({ coWorkers: [{ name: '', phone: '13900001111' }] }), 3)).toEqual(['coWorkers.0.name'])
    expect(fields(filled({ workersCount: '1', coWorkers: [{ name: '李四', phone: '' }] }), 3)).toEqual(['workersCount'])
  })

  it('sends the worker back to the earliest step with an error', () => {
    const errors = validateStep(emptyDraft(() => DRAFT_KEY), 5, NOW)
    expect(firstStepWithError(errors)).toBe(5)
    expect(firstStepWithError([{ field: 'description', message: 'x' }, { field: 'town', message: 'y' }])).toBe(2)
    expect(firstStepWithError([])).toBeUndefined()
    // the work site is on step 2; a field no step shows (e.g. the employer's address) on the last step
    expect(stepOfError({ field: 'site.lat', message: 'x' })).toBe(2)
    expect(stepOfError({ field: 'employer.address', message: 'x' })).toBe(5)
    expect(stepOfError({ field: 'consent.sensitiveInfo', message: 'x' })).toBe(1)
  })

  it('moves one step at a time within 1 to 5', () => {
    expect(nextStep(1)).toBe(2)
    expect(nextStep(5)).toBe(5)
    expect(previousStep(3)).toBe(2)
    expect(previousStep(1)).toBe(1)
  })
})

describe('ID number consent', () => {
  it('forgets the typed ID number when the consent is withdrawn', () => {
    const on = setSensitiveConsent(filled(), true)
    const typed = { ...on, idNumber: '11010519491231002X' }
    const off = setSensitiveConsent(typed, false)
    expect(off.sensitiveConsent).toBe(false)
    expect(off.idNumber).toBe('')
  })

  it('never restores an ID number stored without its consent', () => {
    expect(restoreDraft({ ...filled(), idNumber: '11010519491231002X', sensitiveConsent: false }).idNumber).toBe('')
    expect(restoreDraft({ ...filled(), idNumber: '11010519491231002X', sensitiveConsent: true }).idNumber).toBe('11010519491231002X')
  })
})

describe('co-workers', () => {
  it('adds rows, raising the number of workers to at least you plus the rows', () => {
    let draft = filled({ workersCount: '1' })
    draft = addCoWorker(draft)
    expect(draft.coWorkers).toEqual([{ name: '', phone: '' }])
    expect(draft.workersCount).toBe('2')
    draft = addCoWorker(addCoWorker(filled({ workersCount: '10' })))
    expect(draft.workersCount).toBe('10')
    expect(draft.coWorkers).toHaveLength(2)
  })

  it('removes a row without touching the others', () => {
    const draft = { ...filled(), coWorkers: [{ name: 'a', phone: '' }, { name: 'b', phone: '' }, { name: 'c', phone: '' }] }
    expect(removeCoWorker(draft, 1).coWorkers.map((c) => c.name)).toEqual(['a', 'c'])
  })
})

describe('photos', () => {
  it('adds up to nine, leaving out files over 10 MB and duplicates', () => {
    const many = Array.from({ length: 11 }, (_, i) => ({ path: `blob:x/${i}`, size: 1000 }))
    const big = { path: 'blob:x/big', size: 11 * 1024 * 1024 }
    const result = addPhotos(filled(), [big, ...many, { path: 'blob:x/0', size: 1000 }], makeId)
    expect(result.draft.photos).toHaveLength(9)
    expect(result.tooLarge).toBe(1)
    expect(result.overLimit).toBe(3)
    expect(photoAddNotice(result.tooLarge, result.overLimit)).toBe('1 张照片太大（超过 10 MB），没有加上；最多 9 张，多出的 3 张没有加上')
    expect(photoAddNotice(0, 0)).toBeUndefined()
    const again = addPhotos(filled(), [{ path: 'blob:a', size: 1 }, { path: 'blob:a', size: 1 }], makeId)
    expect(again.draft.photos).toHaveLength(1)
  })

  it('drops photos whose file is gone, but keeps those already on the server', () => {
    const draft = {
      ...filled(),
      photos: [
        { id: '1', path: 'blob:old/1', size: 1 },
        { id: '2', path: 'blob:old/2', size: 1, attachmentId: 'a2' },
        { id: '3', path: 'blob:new/3', size: 1 },
      ],
    }
    const { draft: kept, lost } = dropLostPhotos(draft, (path) => path.startsWith('blob:new'))
    expect(lost).toBe(1)
    expect(kept.photos.map((p) => p.id)).toEqual(['2', '3'])
    expect(dropLostPhotos(draft, () => true).draft).toBe(draft)
  })
})

describe('summary of step 5', () => {
  it('says everything in plain words, masking the ID number', () => {
    const draft = {
      ...filled({ sensitiveConsent: true, idNumber: '11010519491231002X', amountYuan: '12345.6' }),
      coWorkers: [{ name: '李四', phone: '' }, { name: '', phone: '' }],
      photos: [{ id: '1', path: 'blob:1', size: 1 }],
    }
    const sections = summarise(draft)
    expect(sections.map((s) => s.title)).toEqual(['您的信息', '欠薪单位', '欠薪情况', '说明和证据'])
    const values = Object.fromEntries(sections.flatMap((s) => s.lines.map((l) => [l.label, l.value])))
    expect(values).toMatchObject({
      姓名: '张三',
      手机号: '13812341234',
      身份证号码: '1101**********002X',
      行业: '建筑业',
      '镇/街道': '横林镇',
      欠薪时间: '2025年3月 至 2025年6月',
      欠薪金额: '12,345.60 元',
      涉及人数: '3 人',
      工友: '李四',
      证据照片: '1 张',
    })
  })
})

describe('draft migration from the single-page form (huxin:claim-draft:v1)', () => {
  const v1 = {
    v: 1,
    claimantName: '王建国',
    claimantPhone: '13812341234',
    employerName: '常州某某建筑劳务有限公司',
    employerCreditCode: '',
    projectName: '遥观镇某小区三期',
    industry: 'construction',
    town: 'henglin',
    periodFrom: '2026-03',
    periodTo: '2026-06',
    amountYuan: '12345.67',
    workersCount: '2',
    description: '三月到六月的工资一直没发。',
    confidential: true,
    consent: true,
    idempotencyKey: 'hx-old-key-0000000001',
    unansweredBodies: ['{"a":1}'],
  }

  it('moves every field of an old draft into the wizard, at step 1, keeping its key', () => {
    const { draft, migrated } = pickStoredDraft(undefined, v1, () => 'hx-new-key-0000000')
    expect(migrated).toBe(true)
    // Bodies whose answer was lost are no longer kept: the server's 422 names the claim a key filed.
    const { unansweredBodies: _dropped, ...kept } = v1
    expect(draft).toEqual({
      ...emptyDraft(() => 'hx-old-key-0000000001'),
      ...kept,
      v: 2,
      step: 1,
      industry: 'construction',
      town: 'henglin',
    })
    expect(draft.coWorkers).toEqual([])
    expect(draft.photos).toEqual([])
    expect(draft.sensitiveConsent).toBe(false)
    // the key survives, so a v1 submission whose answer was lost is still recognised by the server
    expect(draft.idempotencyKey).toBe('hx-old-key-0000000001')
  })

  it('prefers a wizard draft over an old one, and starts afresh when there is neither', () => {
    const v2 = { ...filled(), step: 4 }
    expect(pickStoredDraft(v2, v1)).toEqual({ draft: v2, migrated: false })
    const none = pickStoredDraft('', undefined, () => DRAFT_KEY)
    expect(none).toEqual({ draft: emptyDraft(() => DRAFT_KEY), migrated: false })
  })

  it('keeps the step, co-workers, photos and the filed claim of a wizard draft, repairing bad rows', () => {
    const stored = JSON.parse(
      JSON.stringify({
        ...filled(),
        step: 9,
        coWorkers: [{ name: '李四', phone: 7 }, 'x'],
        photos: [{ id: 'p1', path: 'wxfile://usr/a.jpg', size: 10, attachmentId: 'a1' }, { id: 'p2' }],
        filed: { id: 'c1', reference: 'JK-1', acceptDueAt: '2026-12-04T15:59:59Z', acceptDueProvisional: true },
      }),
    ) as unknown
    const draft = restoreDraft(stored, () => DRAFT_KEY)
    expect(draft.step).toBe(1)
    expect(draft.coWorkers).toEqual([{ name: '李四', phone: '' }])
    expect(draft.photos).toEqual([{ id: 'p1', path: 'wxfile://usr/a.jpg', size: 10, attachmentId: 'a1' }])
    expect(draft.filed).toEqual({ id: 'c1', reference: 'JK-1', acceptDueAt: '2026-12-04T15:59:59Z', acceptDueProvisional: true, earlierVersion: false })
    expect(restoreDraft({ ...filled(), step: 3 }).step).toBe(3)
  })

  it('counts rows, photos and a filed claim as something worth keeping', () => {
    const blank = emptyDraft(() => DRAFT_KEY)
    expect(isBlankDraft(blank)).toBe(true)
    expect(isBlankDraft({ ...blank, step: 3 })).toBe(true)
    expect(isBlankDraft({ ...blank, coWorkers: [{ name: '', phone: '' }] })).toBe(true)
    expect(isBlankDraft({ ...blank, coWorkers: [{ name: '李', phone: '' }] })).toBe(false)
    expect(isBlankDraft({ ...blank, photos: [{ id: '1', path: 'p', size: 1 }] })).toBe(false)
  })
})

describe('the phone number is never lost (issue 14)', () => {
  it('asks for a phone number on step 1, in plain words when it is wrong', () => {
    const messages = (d: Partial<ClaimDraft>) => validateStep(filled(d), 1, NOW).map((e) => e.message)
    expect(messages({ claimantPhone: '' })).toEqual(['请填写手机号，工作人员要打这个号码联系您'])
    expect(messages({ claimantPhone: '1381234' })).toEqual(['这个号码不对，请再看看：手机号是 1 开头的 11 位数字'])
    expect(messages({ claimantPhone: '１３８ 1234-1234' })).toEqual([])
  })

  it('fills the number verified at sign-in only when none was typed, and never into a filed draft', () => {
    const blank = filled({ claimantPhone: '' })
    expect(withVerifiedPhone(blank, '13900001111').claimantPhone).toBe('13900001111')
    expect(withVerifiedPhone(blank, undefined)).toBe(blank)
    const typed = filled({ claimantPhone: '13812341234' })
    expect(withVerifiedPhone(typed, '13900001111')).toBe(typed)
    const filedDraft = {
      ...blank,
      filed: { id: 'c1', reference: 'JK-20261128-0001', acceptDueAt: '2026-12-04T15:59:59Z', acceptDueProvisional: false, earlierVersion: false },
    }
    expect(withVerifiedPhone(filedDraft, '13900001111')).toBe(filedDraft)
  })
})

describe('the work site and lost photos (issue 14)', () => {
  it('sends a point, an address alone, or both as the site, and nothing when neither is given', () => {
    const body = (patch: Partial<ClaimDraft>) => prepareSubmission(filled(patch), NOW)
    expect(body({}).body?.site).toBeUndefined()
    expect(body({ siteAddress: '  横林镇崔桥路 18 号  ' }).body?.site).toEqual({ address: '横林镇崔桥路 18 号' })
    expect(body({ siteLat: 31.74, siteLng: 120.14 }).body?.site).toEqual({ lat: 31.74, lng: 120.14 })
    expect(body({ siteLat: 31.74, siteLng: 120.14, siteAddress: '某工地' }).body?.site).toEqual({ lat: 31.74, lng: 120.14, address: '某工地' })
    expect(body({ siteAddress: 'x'.repeat(201) }).errors.map((e) => e.field)).toEqual(['site.address'])
    expect(fields(filled({ siteAddress: 'x'.repeat(201) }), 2)).toEqual(['site.address'])
  })

  it('restores a stored point only when both halves are sane', () => {
    expect(restoreDraft({ siteLat: 31.7, siteLng: 120.1, siteAddress: 'a' })).toMatchObject({ siteLat: 31.7, siteLng: 120.1, siteAddress: 'a' })
    expect(restoreDraft({ siteLat: 31.7 })).toMatchObject({ siteLat: null, siteLng: null })
    expect(restoreDraft({ siteLat: 91, siteLng: 120 })).toMatchObject({ siteLat: null, siteLng: null })
    expect(restoreDraft({ siteLat: '31', siteLng: 120 })).toMatchObject({ siteLat: null, siteLng: null })
  })

  it('counts lost photos in the draft and says so on step 5 instead of 没有照片', () => {
    const withPhotos = filled({ photos: [{ id: 'a', path: 'idb:k/1', size: 1 }, { id: 'b', path: 'idb:k/2', size: 1 }] })
    const { draft, lost } = dropLostPhotos(withPhotos, (path) => path === 'idb:k/2')
    expect(lost).toBe(1)
    expect(draft.photosLost).toBe(1)
    const line = summarise(draft).find((s) => s.step === 4)?.lines.find((l) => l.label === '证据照片')?.value
    expect(line).toBe('1 张（另有 1 张之前选的照片丢失了，请回到第 4 步重新选）')
    const none = dropLostPhotos(withPhotos, () => false).draft
    expect(summarise(none).find((s) => s.step === 4)?.lines.find((l) => l.label === '证据照片')?.value).toMatch(/^没有照片（另有 2 张/)
    // Kept across a reload of the draft; choosing photos again clears it.
    expect(restoreDraft(JSON.parse(JSON.stringify(none))).photosLost).toBe(2)
    expect(addPhotos(none, [{ path: 'idb:k/3', size: 1 }], makeId).draft.photosLost).toBe(0)
  })
})
