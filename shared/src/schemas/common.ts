import Type, { type Static } from 'typebox'

/** Every 4xx/5xx body (API.md, Errors). `details` names the fields at fault. */
export const FieldErrorSchema = Type.Object({
  field: Type.String({ description: 'JSON path of the field, e.g. `claimant.idNumber`' }),
  message: Type.String(),
})
export type FieldError = Static<typeof FieldErrorSchema>

export const ErrorResponseSchema = Type.Object({
  error: Type.Object({
    code: Type.String({ description: 'Stable machine code, e.g. VALIDATION_FAILED' }),
    message: Type.String({ description: 'Human text (Chinese where a worker sees it)' }),
    details: Type.Optional(Type.Array(FieldErrorSchema)),
  }),
})
export type ErrorResponse = Static<typeof ErrorResponseSchema>

export const UuidSchema = Type.String({ format: 'uuid' })
export const IdParamsSchema = Type.Object({ id: UuidSchema })

export const IsoDateTimeSchema = Type.String({ format: 'date-time' })

/** WGS-84 coordinates (API.md: `{lat, lng}` unless a field says gcj02). */
export const LatLngSchema = Type.Object({
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
})

/** Integer fen, never negative. */
export const FenSchema = Type.Integer({ minimum: 0 })
