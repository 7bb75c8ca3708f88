import Type, { type Static } from 'typebox'

export const HealthSchema = Type.Object({
  status: Type.Literal('ok'),
  db: Type.Enum(['pglite', 'postgres']),
  version: Type.String(),
})
export type Health = Static<typeof HealthSchema>

export const ReadinessSchema = Type.Object({
  status: Type.Enum(['ready', 'not_ready']),
  migrations: Type.Boolean(),
  db: Type.Boolean(),
  /** The evidence and document store (a directory or an S3-compatible bucket) answers (docs/storage.md). */
  storage: Type.Boolean(),
})
export type Readiness = Static<typeof ReadinessSchema>
