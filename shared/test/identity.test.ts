import { describe, expect, it } from 'vitest'
import {
  isValidCreditCode,
  isValidIdNumber,
  isValidMobile,
  maskIdNumber,
  maskPhone,
} from '../src/domain/identity'

describe('ID numbers (GB 11643)', () => {
  it('accepts numbers whose check character is right, X included', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true)
    expect(isValidIdNumber('11010519491231002x')).toBe(true)
    expect(isValidIdNumber('320411199003071234')).toBe(false)
  })
  it('rejects a wrong check digit, a bad birth date or a bad shape', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false)
    expect(isValidIdNumber('110105194902300026')).toBe(false) // 30 February
    expect(isValidIdNumber('11010519491231002')).toBe(false)
    expect(isValidIdNumber('1101051949123100XX')).toBe(false)
  })
})

describe('unified social credit codes (GB 32100)', () => {
  it('accepts a code with the right MOD 31 check character', () => {
    expect(isValidCreditCode('91320400MA1MXXXX0X')).toBe(false)
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true)
    expect(isValidCreditCode('91440300708461136T')).toBe(true)
  })
  it('rejects a changed character and letters outside the alphabet', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false)
    expect(isValidCreditCode('91350100M000100I43')).toBe(false)
    expect(isValidCreditCode('9135')).toBe(false)
  })
})

describe('masking', () => {
  it('keeps the first three and last four digits of a phone', () => {
    expect(maskPhone('13812341234')).toBe('138****1234')
  })
  it('keeps the first and last four characters of an ID number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X')
  })
  it('knows a mainland mobile number', () => {
    expect(isValidMobile('13812341234')).toBe(true)
    expect(isValidMobile('12812341234')).toBe(false)
    expect(isValidMobile('1381234123')).toBe(false)
  })
})

describe('ID numbers carrying a date of birth in the future', () => {
  it('are refused once the day is known, and validateClaimInput names claimant.idNumber', async () => {
    const { validateClaimInput } = await import('../src/domain/claim-rules')
    // Check digit right, born 2039-10-04.
    expect(isValidIdNumber('130102203910043761')).toBe(true)
    expect(isValidIdNumber('130102203910043761', '2026-12-07')).toBe(false)
    expect(isValidIdNumber('130102203910043761', '2039-10-04')).toBe(true) // born today
    expect(isValidIdNumber('11010519491231002X', '2026-12-07')).toBe(true)
    const body = {
      claimant: { name: '王建国', idNumber: '130102203910043761' },
      employer: { name: '常州某某公司' },
      industry: 'construction' as const,
      town: 'yaoguan' as const,
      periodFrom: '2026-03',
      periodTo: '2026-06',
      amountOwedFen: 100,
      workersCount: 1,
      description: '欠薪',
      confidential: false,
      consent: { privacyVersion: '2026-11', sensitiveInfo: true },
    }
    // 2026-12-06T20:00Z is already 12-07 in Shanghai: the bureau's day decides.
    expect(validateClaimInput(body, new Date('2026-12-06T20:00:00Z'))).toEqual([
      { field: 'claimant.idNumber', message: expect.stringContaining('出生日期') },
    ])
  })
})
