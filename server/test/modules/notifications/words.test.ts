import { describe, expect, it } from 'vitest'
import { notificationStatusWords } from '../../../src/modules/notifications/service'

describe('what a notification says happened', () => {
  it("names a rejection's ground and a request for material in plain words", () => {
    expect(notificationStatusWords({ status: 'rejected', event_type: 'reject', event_reason: 'in_arbitration_or_court' })).toBe('不予受理：已在仲裁或诉讼中')
    expect(notificationStatusWords({ status: 'submitted', event_type: 'request_material', event_reason: 'request_material' })).toBe('请补充材料')
    expect(notificationStatusWords({ status: 'accepted', event_type: 'accept', event_reason: null })).toBe('已受理')
  })

  it('names the amount of money recorded, and of a reversal', () => {
    expect(notificationStatusWords({ status: 'investigating', event_type: 'recovery_recorded', event_reason: null, event_amount_fen: '500000' })).toBe(
      '已追回 5,000.00 元，请确认是否收到',
    )
    expect(notificationStatusWords({ status: 'investigating', event_type: 'recovery_reversed', event_reason: null, event_amount_fen: '-500000' })).toBe(
      '一笔 5,000.00 元的追回记录已冲正',
    )
  })
})
