/**
 * What follows a change of the calendar made by an admin: deadlines already stored were counted
 * with the old calendar. Other modules (case work) listen and recompute the open deadlines the
 * change can move; the calendar module knows nothing of claims.
 */

export interface CalendarChange {
  /** The first instant whose working-day count may differ: the start of the changed day or year. */
  from: Date
  /** Plain words for the audit trail, e.g. `2027-01-04 调为休息日`. */
  what: string
  /** The admin who made the change. */
  actorId: string
}

export type CalendarChangeListener = (change: CalendarChange) => Promise<void>

export function createCalendarChanges() {
  const listeners: CalendarChangeListener[] = []
  return {
    listen(listener: CalendarChangeListener): void {
      listeners.push(listener)
    },
    /** Runs every listener in turn; a failing one fails the admin's request (a retry recomputes again). */
    async changed(change: CalendarChange): Promise<void> {
      for (const listener of listeners) await listener(change)
    },
  }
}

export type CalendarChanges = ReturnType<typeof createCalendarChanges>
