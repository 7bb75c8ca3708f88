import { asc } from 'drizzle-orm'
import fp from 'fastify-plugin'
import { calendarOverrides } from '../../db/schema/index'
import calendarRoutes from './routes'
import { setCalendarOverrides, type DayKind } from './working-days'

declare module 'fastify' {
  interface FastifyInstance {
    /** Reads the admins' calendar overrides into this process's working-day calendar. */
    reloadCalendar(): Promise<void>
  }
}

/**
 * Keeps the working-day calendar in line with the admins' overrides: loaded at start, after each
 * change made through this process, and every minute (another server process may have changed
 * them).
 */
export default fp(
  async (app) => {
    const reload = async () => {
      const rows = await app.db.select().from(calendarOverrides).orderBy(asc(calendarOverrides.day))
      setCalendarOverrides(rows.map((r) => ({ day: r.day, kind: r.kind as DayKind })))
    }
    app.decorate('reloadCalendar', reload)
    let timer: NodeJS.Timeout | undefined
    const reloadOrWarn = () => reload().catch((err: unknown) => app.log.warn({ err }, 'calendar overrides not loaded'))
    app.addHook('onReady', async () => {
      // A database not yet migrated (see /readyz) must not keep the app from starting.
      await reloadOrWarn()
      timer = setInterval(reloadOrWarn, 60_000)
      timer.unref()
    })
    app.addHook('onClose', async () => clearInterval(timer))
    await app.register(calendarRoutes, { prefix: '/api/v1/admin/calendar' })
  },
  { name: 'calendar', dependencies: ['database', 'auth'] },
)
