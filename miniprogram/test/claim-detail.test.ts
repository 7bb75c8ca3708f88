import { describe, expect, it } from 'vitest'
import { ApiError, networkError } from '../src/api/errors'
import {
  acceptDeadline,
  canWithdraw,
  eventLabel,
  keyFacts,
  loadErrorMessage,
  moneySummary,
  noticeLines,
  statusLabel,
  timeline,
  withdrawErrorMessage,
} from '../src/pages/claims/detail/detail'
import { makeClaim } from './fixtures'

describe('timeline', () => {
  it('names events in Chinese, newest first, in Shanghai time', () => {
    const entries = timeline([
      { id: 'e1', type: 'filed', at: '2026-11-28T04:00:01Z', visibility: 'worker' },
      { id: 'e2', type: 'withdrawn', at: '2026-11-29T16:30:00Z', visibility: 'worker', note: '老板给钱了' },
      { id: 'e3', type: 'something_new', at: '2026-11-29T01:00:00Z', visibility: 'worker' },
      { id: 'e4', type: 'assigned', at: '2026-11-29T02:00:00Z', visibility: 'internal' },
    ])
    expect(entries).toEqual([
      { id: 'e2', label: '已撤回', when: '2026年11月30日 00:30', note: '老板给钱了' },
      { id: 'e3', label: '处理进展', when: '2026年11月29日 09:00' },
      { id: 'e1', label: '已提交', when: '2026年11月28日 12:00' },
    ])
    expect(timeline(undefined)).toEqual([])
    expect(eventLabel('filed')).toBe('已提交')
    expect(eventLabel('accepted')).toBe('已受理')
    expect(eventLabel('request_material')).toBe('请补充材料')
  })
})

describe('money', () => {
  it('shows owed, recovered for the worker and outstanding; social insurance apart', () => {
    const claim = makeClaim({
      amountOwedFen: 1_000_000,
      recoveredFen: { wages: 300_000, compensation: 50_000, indemnity: 12_345, socialInsurance: 0 },
      outstandingFen: 700_000,
    })
    expect(moneySummary(claim)).toEqual({ owed: '10,000.00 元', recovered: '3,623.45 元', outstanding: '7,000.00 元' })
    const withInsurance = makeClaim({ recoveredFen: { wages: 0, compensation: 0, indemnity: 0, socialInsurance: 99_00 } })
    expect(moneySummary(withInsurance).socialInsurance).toBe('99.00 元')
  })
})

describe('status and withdrawal', () => {
  it('labels the status and allows withdrawal only before closure', () => {
    expect(statusLabel(makeClaim())).toBe('已提交，等待受理')
    expect(canWithdraw(makeClaim({ status: 'submitted' }))).toBe(true)
    expect(canWithdraw(makeClaim({ status: 'mediating' }))).toBe(true)
    expect(canWithdraw(makeClaim({ status: 'closed' }))).toBe(false)
    expect(canWithdraw(makeClaim({ status: 'withdrawn' }))).toBe(false)
    expect(canWithdraw(makeClaim({ status: 'rejected' }))).toBe(false)
  })

  it('explains a failed withdrawal', () => {
    expect(withdrawErrorMessage(new ApiError(409, 'INVALID_TRANSITION', 'x'))).toBe('这件投诉现在已经不能撤回了')
    expect(withdrawErrorMessage(networkError(new Error('x')))).toContain('网络不好')
    expect(loadErrorMessage(new ApiError(404, 'NOT_FOUND', 'x'))).toBe('找不到这件投诉')
  })
})

describe('facts and deadline', () => {
  it('shows the acceptance deadline as a Shanghai date while waiting for acceptance only', () => {
    expect(acceptDeadline(makeClaim({ acceptDueAt: '2026-12-04T15:59:59Z' }))).toBe('2026年12月4日')
    expect(acceptDeadline(makeClaim({ acceptDueAt: '2026-12-04T16:00:00Z', acceptDueProvisional: true }))).toBe('2026年12月5日（预计）')
    expect(acceptDeadline(makeClaim({ status: 'accepted' }))).toBeUndefined()
  })

  it('lists the key facts in plain words', () => {
    const facts = Object.fromEntries(keyFacts(makeClaim({ project: { name: '某某花园' }, confidential: true })).map((f) => [f.label, f.value]))
    expect(facts).toMatchObject({
      投诉编号: 'JK-20261128-0042',
      欠薪单位: '某某建筑工程有限公司',
      工程项目: '某某花园',
      '镇/街道': '横林镇',
      欠薪时间: '2025年3月 至 2025年6月',
      涉及人数: '3 人',
      身份保密: '是',
    })
  })
})

describe('the worker\'s notices', () => {
  it('lists issued notices with their number and date; one awaiting issue is left out', () => {
    const lines = noticeLines([
      { id: 'd1', title: '受理通知书', status: 'issued', number: '常经开人社监〔2026〕12号', issuedAt: '2026-12-07T02:00:00.000Z', size: 9000 },
      { id: 'd2', title: '不予受理通知书', status: 'pending_approval', number: null, issuedAt: null },
    ])
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({ id: 'd1', title: '受理通知书', text: '常经开人社监〔2026〕12号 · 2026年12月7日' })
    expect(lines[0]?.file).toMatchObject({ id: 'd1', mime: 'application/pdf', size: 9000 })
    expect(noticeLines(undefined)).toEqual([])
  })
})
