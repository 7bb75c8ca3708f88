import fp from 'fastify-plugin'
import { createCalendarChanges, type CalendarChanges } from './changes'
import { keepCalendarCurrent } from './keep-current'
import { createCalendarRepository, type CalendarRepository } from './repository'
import calendarRoutes, { calendarYears } from './routes'
import { createWorkingDayCalendar, type WorkingDayCalendar } from './working-days'

declare module '../../plugins/database' {
  interface Repositories {
    calendar: CalendarRepository
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's working-day calendar: the package's holidays plus the admins' overrides. */
    calendar: WorkingDayCalendar
    /** Reads the admins' calendar overrides into `calendar`. */
    reloadCalendar(): Promise<void>
    /** Listeners of the admins' calendar changes (case work recomputes open deadlines). */
    calendarChanges: CalendarChanges
  }
}

/**
 * The working-day calendar every legal deadline is counted with, kept in line with the admins'
 * overrides: loaded at start, after each change made through this process, and every minute
 * (another server process may have changed them). Admins edit overrides under
 * /api/v1/admin/calendar.
 */
export default fp(
  async (app) => {
    app.repos.calendar = createCalendarRepository(app.db)
    const calendar = createWorkingDayCalendar()
    app.decorate('calendar', calendar)
    const current = keepCalendarCurrent(calendar, app.repos.calendar, (err) => app.log.warn({ err }, 'calendar overrides not loaded'))
    app.decorate('reloadCalendar', current.reload)
    app.decorate('calendarChanges', createCalendarChanges())
    // A database not yet migrated (see /readyz) must not keep the app from starting: start() only warns.
    app.addHook('onReady', current.start)
    app.addHook('onClose', async () => current.stop())
    // Registered first: `/years` must not be taken for a day.
    await app.register(calendarYears, { prefix: '/api/v1/admin/calendar/years' })
    await app.register(calendarRoutes, { prefix: '/api/v1/admin/calendar' })
  },
  { name: 'calendar', dependencies: ['database', 'auth'] },
)
