/**
 * The one way a repository runs a raw statement and reads its rows. Both drivers answer
 * `db.execute` with `{ rows }`, but drizzle types the result per driver; the caller names the row
 * type it selected, once, here. Numbers that PostgreSQL returns as text (count(*), sums) arrive as
 * strings on node-postgres and as numbers on PGlite: type them `number | string` and convert.
 */
import type { SQL } from 'drizzle-orm'
import type { Executor } from './client'

export async function rawRows<Row>(db: Executor, statement: SQL): Promise<Row[]> {
  const result: unknown = await db.execute(statement)
  return (result as { rows: Row[] }).rows
}

/** The first row of a raw statement, or undefined when it returned none. */
export async function rawRow<Row>(db: Executor, statement: SQL): Promise<Row | undefined> {
  return (await rawRows<Row>(db, statement))[0]
}
