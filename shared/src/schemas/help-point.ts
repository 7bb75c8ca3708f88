import Type, { type Static } from 'typebox'
import { HELP_POINT_KINDS, HELP_POINT_STATUSES } from '../domain/help-points'
import { TOWN_CODES } from '../domain/towns'
import { IsoDateTimeSchema, LatLngSchema, UuidSchema } from './common'



const HHMM = '^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$'
const DAY = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'

export const HelpPointKindSchema = Type.Enum([...HELP_POINT_KINDS])
export const HelpPointStatusSchema = Type.Enum([...HELP_POINT_STATUSES])

export const OpeningIntervalSchema = Type.Tuple(
  [Type.String({ pattern: HHMM }), Type.String({ pattern: HHMM })],
  { description: '[open, close], HH:MM in Asia/Shanghai; close may be 24:00' },
)
const Intervals = Type.Array(OpeningIntervalSchema, { maxItems: 6 })

export const WeeklyHoursSchema = Type.Object(
  {
    mon: Type.Optional(Intervals),
    tue: Type.Optional(Intervals),
    wed: Type.Optional(Intervals),
    thu: Type.Optional(Intervals),
    fri: Type.Optional(Intervals),
    sat: Type.Optional(Intervals),
    sun: Type.Optional(Intervals),
  },
  { additionalProperties: false, description: 'Weekly opening hours; a missing or empty day is closed' },
)

export const HoursExceptionsSchema = Type.Record(
  Type.String({ pattern: DAY }),
  Type.Union([Type.Literal('closed'), Intervals]),
  {
    additionalProperties: false,
    description: 'YYYY-MM-DD → "closed" or that day\'s hours; wins over the weekly hours and the holiday calendar',
  },
)

export const PhoneSchema = Type.String({ pattern: '^[0-9+][0-9 -]{2,24}$', description: 'a phone number, e.g. 0519-12345678 or 12333' })
export const TownCodeSchema = Type.Enum([...TOWN_CODES])

const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()])

const HelpPointBase = {
  id: UuidSchema,
  name: Type.String(),
  kind: HelpPointKindSchema,
  address: Nullable(Type.String()),
  phones: Type.Array(Type.String()),
  openNow: Type.Boolean({ description: 'open at this moment (Asia/Shanghai, holiday calendar, staff status): docs/help-points.md' }),
  status: HelpPointStatusSchema,
  statusNote: Nullable(Type.String()),
  statusChangedAt: Nullable(IsoDateTimeSchema),
  town: Nullable(TownCodeSchema),
  services: Type.Array(Type.String()),
  isSample: Type.Boolean({ description: 'demo data, not a real office' }),
}

/** A help point with a place to visit, as listed by `nearby` and `bbox`. */
export const HelpPointItemSchema = Type.Object({
  ...HelpPointBase,
  location: LatLngSchema,
  gcj02: Type.Object({ lat: Type.Number(), lng: Type.Number() }, { description: 'location in GCJ-02, for WeChat\'s map' }),
  distanceM: Type.Optional(Type.Integer({ minimum: 0, description: 'nearby only: great-circle distance in metres' })),
  hours: Type.Optional(WeeklyHoursSchema),
})
export type HelpPointItem = Static<typeof HelpPointItemSchema>

/** A channel that needs no visit (the 12333 hotline): no location. */
export const HelpPointChannelSchema = Type.Object({ ...HelpPointBase, hours: Type.Optional(WeeklyHoursSchema) })
export type HelpPointChannel = Static<typeof HelpPointChannelSchema>

export const HelpPointDetailSchema = Type.Object({
  ...HelpPointBase,
  location: Nullable(LatLngSchema),
  gcj02: Nullable(Type.Object({ lat: Type.Number(), lng: Type.Number() })),
  hours: WeeklyHoursSchema,
  exceptions: HoursExceptionsSchema,
  openOnHolidays: Type.Boolean(),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  statusHistory: Type.Array(
    Type.Object({ status: HelpPointStatusSchema, note: Nullable(Type.String()), at: IsoDateTimeSchema }),
    { description: 'the last 20 status changes, newest first' },
  ),
})
export type HelpPointDetail = Static<typeof HelpPointDetailSchema>

export const NearbyQuery = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 10 })),
    kind: Type.Optional(HelpPointKindSchema),
    openNow: Type.Optional(Type.Boolean({ description: 'true: only points open now' })),
  },
  { additionalProperties: false },
)
export type NearbyQuery = Static<typeof NearbyQuery>

export const NearbyResponseSchema = Type.Object({
  items: Type.Array(HelpPointItemSchema, { description: 'nearest first' }),
  channels: Type.Array(HelpPointChannelSchema, { description: 'channels that need no visit (12333), matching `kind`/`openNow`' }),
})
export type NearbyResponse = Static<typeof NearbyResponseSchema>

export const BBOX_MAX_ITEMS = 2_000

export const BboxQuery = Type.Object(
  {
    bbox: Type.String({ description: 'minLng,minLat,maxLng,maxLat: west,south,east,north (WGS-84 degrees)' }),
    kind: Type.Optional(HelpPointKindSchema),
  },
  { additionalProperties: false },
)
export const BboxResponseSchema = Type.Object({
  items: Type.Array(HelpPointItemSchema),
  truncated: Type.Boolean({ description: `true when more than ${BBOX_MAX_ITEMS} points lie in the box (zoom in)` }),
})
export type BboxResponse = Static<typeof BboxResponseSchema>

const Name = Type.String({ minLength: 1, maxLength: 100 })
const Editable = {
  name: Name,
  kind: HelpPointKindSchema,
  address: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  location: Type.Optional(Nullable(Type.Object({ lat: LatLngSchema.properties.lat, lng: LatLngSchema.properties.lng }, { additionalProperties: false }))),
  phones: Type.Optional(Type.Array(PhoneSchema, { maxItems: 10 })),
  hours: Type.Optional(WeeklyHoursSchema),
  exceptions: Type.Optional(HoursExceptionsSchema),
  openOnHolidays: Type.Optional(Type.Boolean({ description: 'open on public holidays with that weekday\'s hours (default false: closed)' })),
  services: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 50 }), { maxItems: 20 })),
  town: Type.Optional(Nullable(TownCodeSchema)),
  isSample: Type.Optional(Type.Boolean()),
}

export const CreateHelpPointBody = Type.Object(
  {
    ...Editable,
    status: Type.Optional(HelpPointStatusSchema),
    statusNote: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  },
  { additionalProperties: false, description: 'location is required unless kind is hotline' },
)
export type CreateHelpPointBody = Static<typeof CreateHelpPointBody>

export const UpdateHelpPointBody = Type.Object(
  {
    ...Editable,
    name: Type.Optional(Name),
    kind: Type.Optional(HelpPointKindSchema),
  },
  { additionalProperties: false, minProperties: 1 },
)
export type UpdateHelpPointBody = Static<typeof UpdateHelpPointBody>

export const HelpPointStatusBody = Type.Object(
  { status: HelpPointStatusSchema, note: Type.Optional(Nullable(Type.String({ maxLength: 200 }))) },
  { additionalProperties: false },
)
export type HelpPointStatusBody = Static<typeof HelpPointStatusBody>

export const HELP_POINT_CHANGE_KINDS = ['status', 'upsert', 'delete'] as const

/** One change as the live channel (SSE event `help-point`) and the polling fallback carry it. */
export const HelpPointEventSchema = Type.Object({
  id: UuidSchema,
  status: HelpPointStatusSchema,
  statusNote: Nullable(Type.String()),
  statusChangedAt: Nullable(IsoDateTimeSchema),
  change: Type.Enum([...HELP_POINT_CHANGE_KINDS]),
  at: Type.Optional(IsoDateTimeSchema),
})
export type HelpPointEvent = Static<typeof HelpPointEventSchema>

export const HelpPointChangesQuery = Type.Object(
  { since: Type.String({ format: 'date-time', description: 'the `next` of the previous answer (or now)' }) },
  { additionalProperties: false },
)
export const HelpPointChangesResponseSchema = Type.Object({
  items: Type.Array(HelpPointEventSchema, { description: 'oldest first; may repeat changes of the last seconds: apply idempotently' }),
  next: IsoDateTimeSchema,
})
export type HelpPointChangesResponse = Static<typeof HelpPointChangesResponseSchema>

export const HelpPointImportResponseSchema = Type.Object({
  imported: Type.Integer({ minimum: 0 }),
  rejected: Type.Array(
    Type.Object({
      line: Type.Integer({ description: 'CSV: line number (header = 1); GeoJSON: feature index (0-based)' }),
      field: Type.String(),
      message: Type.String(),
    }),
  ),
})
export type HelpPointImportResponse = Static<typeof HelpPointImportResponseSchema>
