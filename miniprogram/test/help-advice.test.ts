import { describe, expect, it } from 'vitest'
import type { HelpPointItem } from '../src/api/help-points-types'
import { nextOpening, recommendedPoints, statusLine } from '../src/lib/help-advice'

const WORKDAYS = { mon: [['08:30', '12:00'], ['13:30', '17:30']], tue: [['08:30', '17:30']], wed: [['08:30', '17:30']], thu: [['08:30', '17:30']], fri: [['08:30', '17:30']] } as HelpPointItem['hours']
// 2026-12-07 is a Monday; Asia/Shanghai is UTC+8.
const at = (shanghai: string) => new Date(`${shanghai}+08:00`)

type P = Pick<HelpPointItem, 'id' | 'kind' | 'distanceM' | 'status'>
const p = (id: string, kind: P['kind'], distanceM: number, status: P['status'] = 'open'): P => ({ id, kind, distanceM, status })

describe('找帮助 advice (issue 14)', () => {
  it('puts the brigade and the labour station before a nearer court, one card per kind', () => {
    const points = [p('court', 'court', 100), p('station', 'labour_station', 400), p('station2', 'labour_station', 500), p('brigade', 'labour_inspection', 3_000), p('aid', 'legal_aid', 900)]
    expect(recommendedPoints(points).map((x) => x.id)).toEqual(['brigade', 'station', 'aid'])
    expect(recommendedPoints(points, 1).map((x) => x.id)).toEqual(['brigade'])
    // A brigade beyond reach is not put first; what is near is.
    expect(recommendedPoints([p('court', 'court', 100), p('brigade', 'labour_inspection', 40_000)]).map((x) => x.id)).toEqual(['court'])
    // A suspended place is never recommended.
    expect(recommendedPoints([p('brigade', 'labour_inspection', 300, 'suspended'), p('court', 'court', 100)]).map((x) => x.id)).toEqual(['court'])
    expect(recommendedPoints([])).toEqual([])
  })

  it('says when a place opens next, in the worker’s words', () => {
    expect(nextOpening(WORKDAYS, at('2026-12-07T07:00:00'))).toBe('8:30')
    expect(nextOpening(WORKDAYS, at('2026-12-07T12:30:00'))).toBe('13:30')
    expect(nextOpening(WORKDAYS, at('2026-12-07T18:00:00'))).toBe('明天 8:30')
    expect(nextOpening(WORKDAYS, at('2026-12-11T18:00:00'))).toBe('周一 8:30')
    expect(nextOpening(WORKDAYS, at('2026-12-07T07:00:00'), true)).toBe('明天 8:30')
    expect(nextOpening({}, at('2026-12-07T07:00:00'))).toBeUndefined()
  })

  it('gives one status line instead of 已下班 beside 正常办公', () => {
    const closed = { openNow: false, status: 'open', hours: WORKDAYS } as const
    expect(statusLine(closed, at('2026-12-07T07:10:00'))).toEqual({ text: '现在没开门，8:30 开门', open: false })
    expect(statusLine({ ...closed, openNow: true }, at('2026-12-07T09:00:00'))).toEqual({ text: '现在开门，12:00 下班', open: true })
    expect(statusLine({ ...closed, openNow: true, status: 'busy' }, at('2026-12-07T09:00:00')).text).toBe('现在开门，人多要排队')
    expect(statusLine({ ...closed, openNow: true, status: 'closed_today' }, at('2026-12-07T09:00:00')).text).toBe('今天暂停接待，明天 8:30 开门')
    expect(statusLine({ ...closed, status: 'suspended' }, at('2026-12-07T09:00:00')).text).toBe('暂停服务，请找别的地方或打 12333')
    expect(statusLine({ openNow: false, status: 'open', hours: {} }, at('2026-12-07T09:00:00')).text).toBe('现在没开门')
  })
})
