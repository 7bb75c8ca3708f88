import { and, asc, eq, gte, lte } from 'drizzle-orm'
import type { Database, Executor } from '../../db/client'
import { calendarOverrides, calendarYears } from '../../db/schema/index'
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

export interface CalendarYear {
  year: number
  complete: boolean
  note: string | null
  updatedAt: Date
}

/** The admins' corrections of the holiday calendar (calendar_overrides) and the years they declared complete (calendar_years). */
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

    /** Years an admin declared complete or not, by year. */
    async listYears(tx: Executor = db): Promise<CalendarYear[]> {
      const rows = await tx.select().from(calendarYears).orderBy(asc(calendarYears.year))
      return rows.map((r) => ({ year: r.year, complete: r.complete, note: r.note, updatedAt: r.updatedAt }))
    },

    async setYear(year: number, values: { complete: boolean; note: string | null; updatedBy: string }, tx: Executor = db): Promise<CalendarYear> {
      const set = { ...values, updatedAt: new Date() }
      const [row] = await tx
        .insert(calendarYears)
        .values({ year, ...set })
        .onConflictDoUpdate({ target: calendarYears.year, set })
        .returning()
      return { year: row!.year, complete: row!.complete, note: row!.note, updatedAt: row!.updatedAt }
    },

    /** false when the day had no override. */
    async remove(day: string, tx: Executor = db): Promise<boolean> {
      const deleted = await tx.delete(calendarOverrides).where(eq(calendarOverrides.day, day)).returning({ day: calendarOverrides.day })
      return deleted.length > 0
    },
  }
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>
