/**
 * The map's hot reads (nearby, bbox, the channels without a location): prepared statements sent
 * straight to the driver, no per-request query building. Nearby is benchmarked (tests/bench).
 */
import type { HoursExceptions, WeeklyHours } from '@huxin/shared'
import { createTickBatcher } from '../../../lib/tick-batcher'
import type { RawQuery } from '../../../db/client'

/** What nearby and bbox read: everything a list item shows. */
export interface HelpPointListRow {
  id: string
  name: string
  kind: string
  address: string | null
  lat: number | null
  lng: number | null
  phones: string[]
  hours: WeeklyHours
  hours_exceptions: HoursExceptions
  open_on_holidays: boolean
  services: string[]
  town: string | null
  status: string
  status_note: string | null
  status_changed_at: Date | string | null
  is_sample: boolean
  distance_m?: number
}

const LIST_COLUMNS = `id, name, kind, address, lat, lng, phones, hours, hours_exceptions, open_on_holidays, services,
  town, status, status_note, status_changed_at, is_sample`

/** What nearby reads per request: the nearest points and their row versions. */
export interface NearbyRef {
  id: string
  version: string
  distance_m: number
}

/** A list row with its version, for nearby's cache of item texts (nearby.ts). */
export type VersionedListRow = HelpPointListRow & { version: string }

// One statement answers a batch of nearby lookups (createNearbyBatcher): for each position of
// the arrays its own KNN on the GiST index of help_point_geo(lat, lng), as a LATERAL subquery.
// earth_distance is the great-circle distance on earthdistance's sphere (radius 6,378,168 m),
// computed for the rows returned only. Positions are walked by subscript (generate_subscripts),
// not unnest: unnest's row estimate follows the bound array, so PostgreSQL judged every custom
// plan cheaper than the generic one and planned the statement again on every execution.
// `xmin` is the transaction that wrote this version of the row (PostgreSQL, "System Columns"):
// every committed change gives the row a new one, whichever process or statement made it, so
// (id, xmin) names the row's content exactly and a cache keyed on it never goes stale.
export const NEARBY_SQL = `select q.n, h.id, h.version, h.distance_m
  from generate_subscripts($1::float8[], 1) as q(n)
  cross join lateral (
    select p.id, p.xmin::text as version,
      earth_distance(help_point_geo(p.lat, p.lng), help_point_geo(($1::float8[])[q.n], ($2::float8[])[q.n])) as distance_m,
      help_point_geo(p.lat, p.lng) <-> help_point_geo(($1::float8[])[q.n], ($2::float8[])[q.n]) as knn
    from help_points p where p.lat is not null and (($4::text[])[q.n] is null or p.kind = ($4::text[])[q.n])
    order by help_point_geo(p.lat, p.lng) <-> help_point_geo(($1::float8[])[q.n], ($2::float8[])[q.n]) limit ($3::int[])[q.n]) h
  order by q.n, h.knn`
const LIST_ROWS_SQL = `select ${LIST_COLUMNS}, xmin::text as version from help_points where id = any($1::uuid[]) and lat is not null`
const BBOX_SQL = `select ${LIST_COLUMNS} from help_points
  where lat between $2 and $4 and lng between $1 and $3 and ($5::text is null or kind = $5::text) limit $6`
const REMOTE_SQL = `select ${LIST_COLUMNS} from help_points where lat is null order by name`

interface NearbyLookup {
  lat: number
  lng: number
  limit: number
  kind: string | null
}

/** Largest number of nearby lookups in one statement. */
const MAX_NEARBY_BATCH = 32
/** Nearby statements running at once; lookups arriving meanwhile wait for the next batch. */
const MAX_NEARBY_IN_FLIGHT = 2

/**
 * Nearby lookups that arrive in the same turn of the event loop are answered by one statement
 * (lib/tick-batcher.ts, as filings are stored): one round trip, one execution and one result for
 * the lot instead of one each, which is most of what a lookup costs the driver and PostgreSQL
 * besides the KNN itself. At most two statements run at once; lookups arriving while both are out
 * wait and go together in the next one, so a busy server sends fewer, fuller batches instead of
 * crowding the database with backends that compete for the same cores (bench on 2 cores, 50
 * connections: p99 31–36 ms with two in flight against 34–51 ms with ten).
 */
function createNearbyBatcher(query: RawQuery) {
  const lookup = createTickBatcher<NearbyLookup, { rows: NearbyRef[] }>({
    maxBatch: MAX_NEARBY_BATCH,
    maxInFlight: MAX_NEARBY_IN_FLIGHT,
    async run(batch) {
      const { rows } = await query<NearbyRef & { n: number }>(
        NEARBY_SQL,
        [batch.map((b) => b.lat), batch.map((b) => b.lng), batch.map((b) => b.limit), batch.map((b) => b.kind)],
        'help_points_nearby',
      )
      const answers = batch.map(() => [] as NearbyRef[])
      // `n` is the position's subscript (from 1); rows come ordered by n, then nearest first.
      for (const { n, id, version, distance_m } of rows) answers[n - 1]?.push({ id, version, distance_m })
      return answers.map((answer) => ({ rows: answer }))
    },
  })
  /** The nearest points with a location, nearest first: id, row version, distance in metres. */
  return (lat: number, lng: number, limit: number, kind?: string): Promise<{ rows: NearbyRef[] }> =>
    lookup({ lat, lng, limit, kind: kind ?? null })
}

export function createMapReads(query: RawQuery) {
  return {
    /** The nearest points with a location, nearest first: id, row version, distance in metres. */
    nearby: createNearbyBatcher(query),

    /** The list rows of these points (those with a location), with their versions. */
    listRows(ids: string[]): Promise<{ rows: VersionedListRow[] }> {
      return query<VersionedListRow>(LIST_ROWS_SQL, [ids], 'help_points_list_rows')
    },

    bbox(box: { minLng: number; minLat: number; maxLng: number; maxLat: number }, kind: string | undefined, limit: number) {
      return query<HelpPointListRow>(BBOX_SQL, [box.minLng, box.minLat, box.maxLng, box.maxLat, kind ?? null, limit], 'help_points_bbox')
    },

    /** Channels without a location (12333): few, served from the live plugin's cache. */
    remote() {
      return query<HelpPointListRow>(REMOTE_SQL, [], 'help_points_remote')
    },
  }
}
