import { and, asc, eq, gte, lte } from 'drizzle-orm'
import type { Database, Executor } from '../../db/client'
import { calendarOverrides } from '../../db/schema/index'
import type { DayKind } from './working-days'

export interface CalendarOverride {
  day: string
  kind: DayKind
  note: string | null
  updatedAt: Date
}

const toOverride = (row: typeof calendarOverrides.$inferSelect): CalendarOverride => ({
  day: row.day,
  kind: row.kind as DayKind,
  note: row.note,
  updatedAt: row.updatedAt,
})

/** The admins' corrections of the holiday calendar (calendar_overrides). */
export function createCalendarRepository(db: Database) {
  return {
    /** Every override, or those of one year, by day. */
    async list(year?: number, tx: Executor = db): Promise<CalendarOverride[]> {
      const rows = await tx
        .select()
        .from(calendarOverrides)
        .where(year === undefined ? undefined : and(gte(calendarOverrides.day, `${year}-01-01`), lte(calendarOverrides.day, `${year}-12-31`)))
        .orderBy(asc(calendarOverrides.day))
      return rows.map(toOverride)
    },

    async upsert(day: string, values: { kind: DayKind; note: string | null; updatedBy: string }, tx: Executor = db): Promise<CalendarOverride> {
      const set = { ...values, updatedAt: new Date() }
      const [row] = await tx
        .insert(calendarOverrides)
        .values({ day, ...set })
        .onConflictDoUpdate({ target: calendarOverrides.day, set })
        .returning()
      return toOverride(row!)
    },

    /** false when the day had no override. */
    async remove(day: string, tx: Executor = db): Promise<boolean> {
      const deleted = await tx.delete(calendarOverrides).where(eq(calendarOverrides.day, day)).returning({ day: calendarOverrides.day })
      return deleted.length > 0
    },
  }
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>
