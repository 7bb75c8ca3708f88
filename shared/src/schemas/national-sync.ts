import Type, { type Static } from 'typebox'

/** API.md, National platform sync (admin): the outbox and pull at a glance. */
export const SyncStatusSchema = Type.Object({
  outboxPending: Type.Integer({ description: 'Messages not yet delivered (pending or being sent)' }),
  failed: Type.Integer({ description: 'Messages parked after too many attempts; retry each' }),
  lastPullAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastPushAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lagSeconds: Type.Integer({ description: 'Age of the oldest undelivered message; 0 when none' }),
})
export type SyncStatus = Static<typeof SyncStatusSchema>

export const FailedMessageSchema = Type.Object({
  id: Type.Integer(),
  claimId: Type.String({ format: 'uuid' }),
  seq: Type.Integer({ description: 'Position among the claim’s messages; later ones wait for this one' }),
  kind: Type.Enum(['register', 'progress', 'result', 'ack']),
  messageId: Type.String({ format: 'uuid' }),
  attempts: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
})
export type FailedMessage = Static<typeof FailedMessageSchema>

export const ReconciliationReportSchema = Type.Object({
  checkedAt: Type.String({ format: 'date-time' }),
  platformClues: Type.Integer(),
  localClues: Type.Integer(),
  inFlight: Type.Integer({ description: 'Claims with messages still on their way (not compared)' }),
  mismatches: Type.Array(
    Type.Object({
      kind: Type.Enum(['missing_on_platform', 'missing_locally', 'progress_differs', 'unknown_locally']),
      clueId: Type.String(),
      claimId: Type.Union([Type.String(), Type.Null()]),
      local: Type.Union([Type.String(), Type.Null()]),
      platform: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
})
export type ReconciliationReport = Static<typeof ReconciliationReportSchema>
