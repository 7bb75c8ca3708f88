/**
 * The inspectors' map of open claims by work site (`GET /api/v1/claims/map`, docs/casework.md,
 * Map). A map item carries what a marker and its list row need and nothing about the claimant:
 * no name, phone, ID number, co-workers or description (DOMAIN.md, Privacy).
 */
import Type, { type Static } from 'typebox'
import { OPEN_STATUSES } from '../domain/claim-status'
import { TOWN_CODES } from '../domain/towns'
import { FenSchema, IsoDateTimeSchema, UuidSchema } from './common'

/** Individual claims in one answer; beyond this many in view the answer is a grid of clusters. */
export const CLAIM_MAP_MAX_ITEMS = 300
/** The grid has between this many and twice this many cells along the longer side of the box. */
export const CLAIM_MAP_GRID_CELLS = 12

export const ClaimMapQuery = Type.Object(
  {
    bbox: Type.String({
      maxLength: 120,
      description: 'minLng,minLat,maxLng,maxLat: west,south,east,north (WGS-84 degrees; the same order as the help-point bbox)',
    }),
    status: Type.Optional(Type.Enum([...OPEN_STATUSES], { description: 'one open status; default every open status' })),
    town: Type.Optional(Type.Enum([...TOWN_CODES], { description: 'one town of your jurisdiction (another town: no claims)' })),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: CLAIM_MAP_MAX_ITEMS, default: CLAIM_MAP_MAX_ITEMS, description: 'most claims listed one by one' }),
    ),
  },
  { additionalProperties: false },
)
export type ClaimMapQuery = Static<typeof ClaimMapQuery>

const SiteSchema = Type.Object({
  lat: Type.Number({ minimum: -90, maximum: 90 }),
  lng: Type.Number({ minimum: -180, maximum: 180 }),
  address: Type.Optional(Type.String()),
})

export const ClaimMapItemSchema = Type.Object(
  {
    id: UuidSchema,
    reference: Type.String(),
    status: Type.Enum([...OPEN_STATUSES]),
    town: Type.String(),
    employerName: Type.String({ description: 'the employer named (not claimant data)' }),
    amountOwedFen: FenSchema,
    workersCount: Type.Integer({ minimum: 1 }),
    isGroupCase: Type.Boolean({ description: 'its group (employer + project) counts ≥ 5 workers' }),
    site: SiteSchema,
    acceptDueAt: IsoDateTimeSchema,
    closeDueAt: Type.Optional(IsoDateTimeSchema),
    dueAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description: "the deadline that counts now: acceptance (or the national platform's, if earlier) while submitted, else closeDueAt",
      }),
    ),
    overdue: Type.Boolean({ description: '`dueAt` has passed' }),
    assignedToMe: Type.Boolean({ description: 'assigned to the caller' }),
  },
  { additionalProperties: false },
)
export type ClaimMapItem = Static<typeof ClaimMapItemSchema>

export const ClaimMapClusterSchema = Type.Object(
  {
    key: Type.String({ description: 'the grid cell, stable while the cell size stays' }),
    lat: Type.Number({ description: 'mean position of its claims' }),
    lng: Type.Number(),
    count: Type.Integer({ minimum: 1 }),
    overdueCount: Type.Integer({ minimum: 0 }),
    bounds: Type.Object({ south: Type.Number(), west: Type.Number(), north: Type.Number(), east: Type.Number() }, { description: 'the cell' }),
  },
  { additionalProperties: false },
)
export type ClaimMapCluster = Static<typeof ClaimMapClusterSchema>

export const ClaimMapResponseSchema = Type.Object(
  {
    items: Type.Array(ClaimMapItemSchema, { description: 'every claim in view, overdue first then by deadline; empty when `truncated`' }),
    clusters: Type.Array(ClaimMapClusterSchema, { description: 'when more than `limit` claims are in view: counts per grid cell' }),
    total: Type.Integer({ minimum: 0, description: 'open claims with a site in the box (and filters)' }),
    withoutSite: Type.Optional(
      Type.Integer({ minimum: 0, description: 'open claims of the same towns and filters with no work-site point: not on the map' }),
    ),
    truncated: Type.Boolean({ description: 'more than `limit` in view: `items` is empty, `clusters` holds them all' }),
    limit: Type.Integer(),
    cellDegrees: Type.Optional(Type.Number({ description: 'grid cell size (degrees) of `clusters`' })),
  },
  { additionalProperties: false },
)
export type ClaimMapResponse = Static<typeof ClaimMapResponseSchema>
