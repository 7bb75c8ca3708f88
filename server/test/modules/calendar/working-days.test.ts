import { describe, expect, it } from 'vitest'
import { createWorkingDayCalendar, packagedHolidayData } from '../../../src/modules/calendar/working-days'

/** A moment on a Shanghai calendar day (10:00 local). */
const shanghai = (day: string) => new Date(`${day}T02:00:00Z`)

describe('working days with Chinese holidays and make-up workdays', () => {
  const calendar = createWorkingDayCalendar()
  const { isWorkday, addWorkingDays } = calendar

  it('knows make-up Saturdays and Sundays (调休) and holiday weekdays', () => {
    expect(isWorkday('2024-09-29')).toBe(true) // Sunday worked before National Day 2024
    expect(isWorkday('2024-10-12')).toBe(true) // Saturday worked after it
    expect(isWorkday('2024-10-07')).toBe(false) // Monday inside the holiday
    expect(isWorkday('2025-09-28')).toBe(true)
    expect(isWorkday('2025-10-11')).toBe(true)
    expect(isWorkday('2025-10-08')).toBe(false)
    expect(isWorkday('2025-01-26')).toBe(true) // Spring Festival 2025 make-up Sunday
    expect(isWorkday('2025-02-04')).toBe(false)
  })

  it.each([
    // National Day 2024: 1–7 Oct off, Sun 29 Sep and Sat 12 Oct worked.
    ['2024-09-27', '2024-10-10'],
    ['2024-09-30', '2024-10-12'], // ends on the make-up Saturday
    ['2024-10-03', '2024-10-12'], // filed on a holiday: counts 8, 9, 10, 11, 12 (Sat)
    // National Day 2025: 1–8 Oct off, Sun 28 Sep and Sat 11 Oct worked.
    ['2025-09-26', '2025-10-10'],
    ['2025-10-09', '2025-10-15'],
    // Spring Festival 2025: 28 Jan–4 Feb off, Sun 26 Jan and Sat 8 Feb worked.
    ['2025-01-24', '2025-02-07'],
    ['2025-02-05', '2025-02-11'],
    // An ordinary week
    ['2025-06-09', '2025-06-16'],
  ])('5 working days after %s end on %s', (filed, due) => {
    const deadline = addWorkingDays(shanghai(filed), 5)
    expect(deadline.day).toBe(due)
    expect(deadline.provisional).toBe(false)
    // The last moment of that day in Shanghai
    expect(deadline.dueAt.toISOString()).toBe(`${due}T15:59:59.999Z`)
  })

  it('takes the filing day in Shanghai time, not UTC', () => {
    // 23:30 UTC on Friday 26 Sep 2025 is already Saturday 27 Sep in Shanghai.
    expect(addWorkingDays(new Date('2025-09-26T23:30:00Z'), 1).day).toBe('2025-09-28')
    expect(addWorkingDays(new Date('2025-09-26T15:00:00Z'), 1).day).toBe('2025-09-28')
  })

  it('marks a deadline beyond the known calendar as provisional', () => {
    const deadline = addWorkingDays(shanghai('2026-12-28'), 5)
    expect(deadline.day.startsWith('2027-')).toBe(true)
    expect(deadline.provisional).toBe(true)
  })

  it('lets admins’ overrides win; a year is known only once declared complete', () => {
    const corrected = createWorkingDayCalendar()
    corrected.setOverrides([
      { day: '2027-01-01', kind: 'holiday' },
      { day: '2025-06-14', kind: 'workday' }, // a Saturday declared a workday
    ])
    expect(corrected.isWorkday('2025-06-14')).toBe(true)
    expect(corrected.dayKind('2025-06-14')).toBe('makeup_workday')
    const deadline = corrected.addWorkingDays(shanghai('2026-12-28'), 5)
    expect(deadline.day).toBe('2027-01-05') // 29, 30, 31 Dec, (1 Jan holiday), 4, 5 Jan
    // One override is not the State Council's whole notice for the year.
    expect(deadline.provisional).toBe(true)
    corrected.setOverrides([{ day: '2027-01-01', kind: 'holiday' }], [2027])
    expect(corrected.addWorkingDays(shanghai('2026-12-28'), 5).provisional).toBe(false)
    expect(corrected.isYearKnown(2027)).toBe(true)
    expect(corrected.isYearKnown(2028)).toBe(false)
    // Another calendar, and this one once its overrides are gone, know nothing of them.
    expect(isWorkday('2025-06-14')).toBe(false)
    corrected.setOverrides([])
    expect(corrected.isWorkday('2025-06-14')).toBe(false)
    expect(corrected.addWorkingDays(shanghai('2026-12-28'), 5).provisional).toBe(true)
  })

  it('reads the package through its public API: holiday periods with their weekends, and make-up weekend days', () => {
    const data = packagedHolidayData('2024-01-01', '2024-12-31')
    expect(data.holidays).toContain('2024-10-05') // Saturday inside National Day
    expect(data.holidays).not.toContain('2024-10-19') // an ordinary Saturday
    expect(data.makeupWorkdays).toEqual(expect.arrayContaining(['2024-09-29', '2024-10-12']))
    expect(data.makeupWorkdays).not.toContain('2024-10-08') // a weekday is no make-up day
    expect(calendar.dayKind('2024-10-05')).toBe('holiday')
    expect(calendar.dayKind('2024-10-19')).toBe('weekend')
    expect(calendar.dayKind('2024-10-12')).toBe('makeup_workday')
  })

  it('builds its calendar from the data it is given', () => {
    const invented = createWorkingDayCalendar({ holidays: ['2030-03-04'], makeupWorkdays: ['2030-03-09'] })
    expect(invented.isWorkday('2030-03-04')).toBe(false) // a Monday made a holiday
    expect(invented.isWorkday('2030-03-09')).toBe(true) // a Saturday worked
    expect(invented.addWorkingDays(shanghai('2030-03-01'), 1).day).toBe('2030-03-05')
    expect(invented.addWorkingDays(shanghai('2030-03-01'), 1).provisional).toBe(false)
    expect(invented.addWorkingDays(shanghai('2030-12-30'), 5).provisional).toBe(true)
  })
})
