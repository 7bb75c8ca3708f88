import { describe, expect, it } from 'vitest'
import { actionForm, recoveryBody, shanghaiToday, staffActions, staffEventLabel, workingDaysText } from '../src/inspector/case'
import { recoveryLines } from '../src/pages/claims/detail/detail'

const now = new Date('2026-11-28T03:00:00Z') // 11:00 in Shanghai

describe('recovery form', () => {
  it('turns yuan into fen and the day paid into noon in Shanghai, never in the future', () => {
    const { body, errors } = recoveryBody({ kind: 'wages', amountYuan: '3,000.5', paidOn: '2026-11-20', payer: 'employer', workerName: ' 王建国 ' }, now)
    expect(errors).toEqual({})
    expect(body).toEqual({ kind: 'wages', amountFen: 300_050, paidAt: '2026-11-20T04:00:00.000Z', payer: 'employer', workerName: '王建国' })
    // Today before noon: now, not noon.
    expect(recoveryBody({ kind: 'wages', amountYuan: '1', paidOn: '2026-11-28', payer: '', workerName: '' }, now).body?.paidAt).toBe(now.toISOString())
  })

  it('names every field that is wrong', () => {
    expect(recoveryBody({ kind: '', amountYuan: '0', paidOn: '2026-11-29', payer: '', workerName: '' }, now).errors).toEqual({
      kind: expect.any(String),
      amount: expect.any(String),
      paidOn: '支付日期不能晚于今天',
    })
    expect(recoveryBody({ kind: 'wages', amountYuan: '12.345', paidOn: 'yesterday', payer: '', workerName: '' }, now).errors).toEqual({
      amount: expect.any(String),
      paidOn: '请填写支付日期',
    })
  })

  it('knows today in Shanghai', () => {
    expect(shanghaiToday(new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-29')
  })
})

describe('actions', () => {
  it('asks for what each action needs', () => {
    expect(actionForm('reject')).toMatchObject({ noteRequired: true, servedAt: false })
    expect(actionForm('order_payment')).toMatchObject({ servedAt: true, noteRequired: false })
    expect(actionForm('transfer_police')).toMatchObject({ unpaidProof: true, workerVisibleByDefault: false })
    expect(staffActions(['accept', 'withdraw', 'reject'])).toEqual(['accept', 'reject'])
  })

  it('says how many working days are left', () => {
    expect(workingDaysText(3)).toBe('还剩 3 个工作日')
    expect(workingDaysText(0)).toBe('今天到期')
    expect(workingDaysText(-2)).toBe('已逾期 2 个工作日')
  })
})

describe('timeline', () => {
  it('names every event the server writes in Chinese, never by its raw type', () => {
    const written = ['filed', 'withdrawn', 'assign', 'merge', 'merge_received', 'split', 'recovery_recorded', 'recovery_confirmed', 'national_clue_linked']
    const actions = ['accept', 'reject', 'investigate', 'mediate', 'order_payment', 'resolve', 'close', 'extend', 'transfer_police', 'transfer_enforcement', 'reopen', 'apply_blacklist']
    for (const type of [...written, ...actions]) {
      const label = staffEventLabel(type)
      expect(label, type).not.toBe('处理进展')
      expect(label, type).toMatch(/^[\u4e00-\u9fff（）]+$/)
    }
    expect(staffEventLabel('accept')).toBe('受理（立案）')
    expect(staffEventLabel('filed')).toBe('劳动者提交投诉')
    expect(staffEventLabel('something_new')).toBe('处理进展')
  })
})

describe('worker view of recoveries', () => {
  it('lists money in the order paid; only money paid to the worker can be confirmed', () => {
    const lines = recoveryLines([
      { id: 'b', kind: 'wages', amountFen: 200_000, paidAt: '2026-11-20T04:00:00Z', confirmedAt: '2026-11-21T01:00:00Z' },
      { id: 'a', kind: 'wages', amountFen: 100_000, paidAt: '2026-11-10T04:00:00Z' },
      { id: 'c', kind: 'social_insurance', amountFen: 50_000, paidAt: '2026-11-22T04:00:00Z' },
    ])
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c'])
    expect(lines[0]).toMatchObject({ confirmed: false, confirmable: true })
    expect(lines[0]?.text).toContain('工资 1,000.00 元')
    expect(lines[1]?.confirmed).toBe(true)
    expect(lines[2]?.confirmable).toBe(false)
  })
})
