import { afterEach, describe, expect, it } from 'vitest'
import type { HoursExceptions, WeeklyHours } from '@huxin/shared'
import { createWorkingDayCalendar } from '../../../src/modules/calendar/working-days'
import { parseCompactHours } from '../../../src/modules/help-points/import'
import { isOpenNow, shanghaiClock, type HoursOfPoint } from '../../../src/modules/help-points/hours'

/** A Shanghai wall-clock moment (UTC+8, no daylight saving). */
const calendar = createWorkingDayCalendar()
const at = (local: string) => shanghaiClock(new Date(`${local}:00+08:00`), calendar)

const office: WeeklyHours = parseCompactHours('mon-fri 08:30-12:00,13:30-17:30; sat 09:00-12:00')
const point = (over: Partial<HoursOfPoint> = {}): HoursOfPoint => ({
  status: 'open',
  statusChangedAt: null,
  hours: office,
  hoursExceptions: {},
  openOnHolidays: false,
  ...over,
})

describe('openNow in Asia/Shanghai with the 2025 holiday calendar', () => {
  afterEach(() => calendar.setOverrides([]))

  it.each([
    // An ordinary week: Tue 2025-09-23.
    ['2025-09-23T08:29', false],
    ['2025-09-23T08:30', true],
    ['2025-09-23T11:59', true],
    ['2025-09-23T12:00', false], // lunch break
    ['2025-09-23T13:30', true],
    ['2025-09-23T17:30', false], // the closing minute is closed
    ['2025-09-27T10:00', true], // an ordinary Saturday with Saturday hours
    ['2025-09-27T13:00', false],
    ['2025-09-21T10:00', false], // an ordinary Sunday
    // National Day + Mid-Autumn 2025: 1–8 Oct off.
    ['2025-09-30T10:00', true],
    ['2025-10-01T10:00', false],
    ['2025-10-04T10:00', false], // a Saturday inside the holiday: the Saturday hours do not apply
    ['2025-10-08T10:00', false], // Wednesday, last holiday day
    ['2025-10-09T10:00', true],
    // Make-up workdays: Sun 28 Sep and Sat 11 Oct, with workday (Monday) hours.
    ['2025-09-28T15:00', true],
    ['2025-10-11T15:00', true], // a Saturday afternoon, open only because it is a make-up workday
    ['2025-10-11T12:30', false], // Monday's lunch break
    ['2025-10-12T10:00', false], // the Sunday after
    // Spring Festival 2025: 28 Jan–4 Feb off, Sun 26 Jan and Sat 8 Feb worked.
    ['2025-01-27T10:00', true],
    ['2025-01-28T10:00', false],
    ['2025-02-04T10:00', false],
    ['2025-02-05T10:00', true],
    ['2025-01-26T10:00', true],
    ['2025-02-08T16:00', true],
  ])('%s → %s', (moment, open) => {
    expect(isOpenNow(point(), at(moment))).toBe(open)
  })

  it('uses the Shanghai date, not UTC: 00:30 on 1 Oct in Shanghai is still 30 Sep in UTC', () => {
    const always = parseCompactHours('daily 00:00-24:00')
    expect(isOpenNow(point({ hours: always }), shanghaiClock(new Date('2025-09-30T16:30:00Z'), calendar))).toBe(false)
    expect(isOpenNow(point({ hours: always }), shanghaiClock(new Date('2025-09-30T15:30:00Z'), calendar))).toBe(true)
  })

  it('lets a point open on holidays, and a date exception win over everything', () => {
    expect(isOpenNow(point({ openOnHolidays: true }), at('2025-10-01T10:00'))).toBe(true)
    expect(isOpenNow(point({ openOnHolidays: true }), at('2025-10-05T10:00'))).toBe(false) // Sunday: no Sunday hours
    const exceptions: HoursExceptions = { '2025-10-03': [['09:00', '11:00']], '2025-09-30': 'closed' }
    expect(isOpenNow(point({ hoursExceptions: exceptions }), at('2025-10-03T10:00'))).toBe(true)
    expect(isOpenNow(point({ hoursExceptions: exceptions }), at('2025-10-03T11:00'))).toBe(false)
    expect(isOpenNow(point({ hoursExceptions: exceptions }), at('2025-09-30T10:00'))).toBe(false)
  })

  it('follows the admins calendar overrides', () => {
    calendar.setOverrides([{ day: '2025-09-23', kind: 'holiday' }])
    expect(isOpenNow(point(), at('2025-09-23T10:00'))).toBe(false)
    calendar.setOverrides([{ day: '2025-09-21', kind: 'workday' }])
    expect(isOpenNow(point(), at('2025-09-21T10:00'))).toBe(true)
  })

  it('is closed when suspended or closed today; closed_today lapses the next day', () => {
    expect(isOpenNow(point({ status: 'suspended', statusChangedAt: new Date('2025-09-01T00:00:00Z') }), at('2025-09-23T10:00'))).toBe(false)
    expect(isOpenNow(point({ status: 'busy' }), at('2025-09-23T10:00'))).toBe(true)
    const closedToday = point({ status: 'closed_today', statusChangedAt: new Date('2025-09-23T08:00:00+08:00') })
    expect(isOpenNow(closedToday, at('2025-09-23T10:00'))).toBe(false)
    expect(isOpenNow(closedToday, at('2025-09-24T10:00'))).toBe(true)
  })
})
