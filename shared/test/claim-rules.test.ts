import { describe, expect, it } from 'vitest'
import { validateClaimInput } from '../src/domain/claim-rules'
import { shanghaiMonth } from '../src/domain/shanghai-time'
import type { CreateClaimBody } from '../src/schemas/claim'

const base: CreateClaimBody = {
  claimant: { name: '张三' },
  employer: { name: '常州某建筑劳务有限公司' },
  industry: 'construction',
  town: 'yaoguan',
  periodFrom: '2026-01',
  periodTo: '2026-03',
  amountOwedFen: 1_234_500,
  workersCount: 1,
  description: '工地干了三个月没发工资',
  confidential: false,
  consent: { privacyVersion: '2026-11', sensitiveInfo: false },
}
const now = new Date('2026-11-28T10:00:00Z')

describe('cross-field claim rules', () => {
  it('passes a plain claim', () => {
    expect(validateClaimInput(base, now)).toEqual([])
  })
  it('needs separate consent before an ID number (PIPL Art. 29)', () => {
    const errors = validateClaimInput(
      { ...base, claimant: { name: '张三', idNumber: '11010519491231002X' } },
      now,
    )
    expect(errors.map((e) => e.field)).toEqual(['consent.sensitiveInfo'])
  })
  it('names the ID number and credit code when their check digits are wrong', () => {
    const errors = validateClaimInput(
      {
        ...base,
        claimant: { name: '张三', idNumber: '110105194912310021' },
        employer: { name: 'x', creditCode: '91350100M000100Y44' },
        consent: { privacyVersion: '2026-11', sensitiveInfo: true },
      },
      now,
    )
    expect(errors.map((e) => e.field).sort()).toEqual(['claimant.idNumber', 'employer.creditCode'])
  })
  it('refuses a period that ends before it starts or lies in the future', () => {
    expect(validateClaimInput({ ...base, periodFrom: '2026-04' }, now)[0]?.field).toBe('periodTo')
    expect(validateClaimInput({ ...base, periodTo: '2026-12' }, now)[0]?.field).toBe('periodTo')
  })
  it('counts the claimant and co-workers into the workers', () => {
    const errors = validateClaimInput({ ...base, coWorkers: [{ name: '李四' }] }, now)
    expect(errors[0]?.field).toBe('workersCount')
    expect(validateClaimInput({ ...base, workersCount: 2, coWorkers: [{ name: '李四' }] }, now)).toEqual([])
  })
  it('takes the month in Shanghai time', () => {
    expect(shanghaiMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12')
    expect(shanghaiMonth(new Date('2026-11-30T15:30:00Z'))).toBe('2026-11')
  })
})
