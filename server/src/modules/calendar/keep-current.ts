import type { CalendarRepository } from './repository'
import type { WorkingDayCalendar } from './working-days'

export const CALENDAR_RELOAD_MS = 60_000

/**
 * Keeps a calendar in line with the admins' overrides: `reload` after a change made through this
 * process, `start` to reload every minute as well (another process may have changed them). A
 * failed reload keeps the overrides already loaded and is reported to `onError`.
 */
export function keepCalendarCurrent(calendar: WorkingDayCalendar, repo: CalendarRepository, onError: (err: unknown) => void) {
  let timer: NodeJS.Timeout | undefined
  const reload = async () => {
    const [days, years] = await Promise.all([repo.list(), repo.listYears()])
    calendar.setOverrides(
      days,
      years.filter((y) => y.complete).map((y) => y.year),
    )
  }
  const reloadOrReport = () => reload().catch(onError)
  return {
    reload,
    async start() {
      await reloadOrReport()
      timer = setInterval(reloadOrReport, CALENDAR_RELOAD_MS)
      timer.unref()
    },
    stop() {
      clearInterval(timer)
    },
  }
}
