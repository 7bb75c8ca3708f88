import { describe, expect, it } from 'vitest'
import { employerKey, groupKey, normaliseName } from '../src/domain/employer-key'
import { availableActions, planTransition, type CaseState } from '../src/domain/case-workflow'

describe('employer keys', () => {
  it('meets the ways workers type one company name', () => {
    const forms = ['常州 宏达建筑（集团）有限公司', '常州宏达建筑(集团)有限责任公司', '常州宏达建筑集团公司', '常州宏达建筑集团有限公司　']
    expect(new Set(forms.map(normaliseName)).size).toBe(1)
    expect(normaliseName('常州宏达建筑集团股份有限公司')).not.toBe(normaliseName('常州宏达建筑集团有限公司'))
    expect(normaliseName('ＡＢＣ　劳务')).toBe('abc劳务')
  })

  it('prefers the credit code, upper-cased', () => {
    expect(employerKey({ name: '随便', creditCode: '91440300708461136t' })).toBe('cc:91440300708461136T')
    expect(employerKey({ name: '某某公司' })).toBe('nm:某某#公司')
    expect(groupKey('cc:X', ' 三期 工程 ')).toBe('cc:X|三期工程')
    expect(groupKey('cc:X', undefined)).toBe('cc:X|')
  })
})

describe('case state machine', () => {
  const state = (over: Partial<CaseState> = {}): CaseState => ({
    status: 'submitted',
    acceptedAt: null,
    extendedAt: null,
    orderServedAt: null,
    blacklistAppliedAt: null,
    ...over,
  })

  it('names the status and action in a refusal', () => {
    const plan = planTransition(state(), 'close', 'inspector')
    expect(plan).toMatchObject({ ok: false, httpStatus: 409, code: 'INVALID_TRANSITION' })
  })

  it('offers each role only what it may do', () => {
    expect(availableActions(state(), 'inspector').sort()).toEqual(['accept', 'reject', 'request_material'])
    expect(availableActions(state(), 'worker')).toEqual(['withdraw'])
    const investigating = state({ status: 'investigating', acceptedAt: new Date() })
    expect(availableActions(investigating, 'supervisor')).toContain('extend')
    expect(availableActions(investigating, 'inspector')).not.toContain('extend')
    expect(availableActions(state({ status: 'ordered_to_pay', acceptedAt: new Date() }), 'inspector')).not.toContain('transfer_police')
  })

  it('sends a reopened rejection back to the queue', () => {
    expect(planTransition(state({ status: 'rejected' }), 'reopen', 'supervisor')).toMatchObject({ ok: true, to: 'submitted' })
    expect(planTransition(state({ status: 'closed' }), 'reopen', 'admin')).toMatchObject({ ok: true, to: 'investigating' })
  })
})
