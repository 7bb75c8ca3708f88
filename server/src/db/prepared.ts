/**
 * Statements built once per database handle. Drizzle's query builder walks every column of a
 * table each time a query is built (about 1 ms of CPU for the 50-column claims table on this
 * machine); a hot read path — the triage queue, the actor behind every staff request — builds
 * its statement once, as a named prepared statement, and only binds values afterwards.
 */
import type { Database } from './client'

export function perDatabase<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>()
  return (db) => {
    let value = built.get(db)
    if (value === undefined) {
      value = build(db)
      built.set(db, value)
    }
    return value
  }
}
