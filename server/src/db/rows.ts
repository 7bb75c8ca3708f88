/**
 * Raw rows → the rows drizzle's `select()` returns. A hot read written as one SQL statement (the
 * triage page: scores, whole claims and their totals in one round trip) still hands the rest of
 * the code the same typed row, converted by the schema's own columns.
 */
import { getTableColumns, type InferSelectModel, type Table } from 'drizzle-orm'

export function rowMapper<T extends Table>(table: T, prefix = ''): (raw: Record<string, unknown>) => InferSelectModel<T> {
  const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({ key, column, name: prefix + column.name }))
  return (raw) => {
    const row: Record<string, unknown> = {}
    for (const { key, column, name } of columns) {
      const value = raw[name]
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value)
    }
    return row as InferSelectModel<T>
  }
}
