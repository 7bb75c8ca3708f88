/**
 * `nearby` without per-request mapping and serialising. Each point's list item is serialised
 * once, by the route's own response schema, and kept as JSON text around the three values that
 * change from one request to the next: `openNow` and `status` (the clock and the holiday calendar)
 * and `distanceM` (where the worker stands). A request then reads only the nearest points' ids,
 * row versions and distances, and splices those values into the kept text.
 *
 * The cache is keyed on the row version the query returns with every id (`xmin`, see
 * repository/map-reads.ts), so it can never serve an item older than the row: an edit, a status
 * change or an import by any process, even a hand-made SQL update, gives the row a new version
 * and the next request reads it again. Nothing has to be told to invalidate it.
 */
import { HELP_POINT_STATUSES, shanghaiDate, type HelpPointStatus, type NearbyQuery, type NearbyResponse } from '@huxin/shared'
import type { HelpPointListRow, HelpPointsRepository, NearbyRef, VersionedListRow } from './repository/index'
import { isOpenNow, statusOnDay, type HoursOfPoint, type ShanghaiClock } from './hours'
import { hoursOf, toHelpPointChannel, toHelpPointItem } from './service'

/** The route's 200 serialiser (Fastify compiles it from NearbyResponseSchema). */
export type SerializeNearby = (response: NearbyResponse) => string

/** One point's list item as JSON text, cut where the per-request values go. */
export interface ItemText {
  version: string
  kind: string
  /** `{"id":…,"phones":[…],"openNow":` */
  head: string
  /** `,"statusNote":…` up to `distanceM` for an item, to the end for a channel. */
  middle: string
  /** After `distanceM` (`,"hours":{…}}`); empty for a channel. */
  tail: string
  hours: HoursOfPoint
  statusChangedOnDay: string | null
}

const STATUS_JSON = Object.fromEntries(HELP_POINT_STATUSES.map((s) => [s, `,"status":${JSON.stringify(s)}`])) as Record<HelpPointStatus, string>

// Keys are only ever followed by `":` outside a string (inside one every `"` is escaped), so
// these marks cannot be met inside a name, an address or a note.
const OPEN_NOW = ',"openNow":'
const STATUS_NOTE = ',"statusNote":'
const DISTANCE_ZERO = ',"distanceM":0'

function cut(json: string, version: string, row: HelpPointListRow, asItem: boolean): ItemText {
  const openNow = json.indexOf(OPEN_NOW)
  const statusNote = json.indexOf(STATUS_NOTE, openNow)
  const distance = asItem ? json.indexOf(DISTANCE_ZERO, statusNote) : json.length
  if (openNow < 0 || statusNote < 0 || distance < 0) throw new Error('help point JSON is not in the schema order nearby expects')
  const hours = hoursOf(row)
  return {
    version,
    kind: row.kind,
    head: json.slice(0, openNow + OPEN_NOW.length),
    middle: json.slice(statusNote, distance),
    tail: asItem ? json.slice(distance + DISTANCE_ZERO.length) : '',
    hours,
    statusChangedOnDay: hours.statusChangedAt && shanghaiDate(hours.statusChangedAt),
  }
}

function unwrap(json: string, prefix: string, suffix: string): string {
  if (!json.startsWith(prefix) || !json.endsWith(suffix)) throw new Error('nearby JSON is not in the schema order nearby expects')
  return json.slice(prefix.length, json.length - suffix.length)
}

/** A list item's text, serialised by the response schema exactly as a plain answer would be. */
export function itemText(row: VersionedListRow, clock: ShanghaiClock, serialize: SerializeNearby): ItemText {
  const item = toHelpPointItem({ ...row, distance_m: 0 }, clock, true)
  return cut(unwrap(serialize({ items: [item], channels: [] }), '{"items":[', '],"channels":[]}'), row.version, row, true)
}

/** A channel's (12333's) text; channels carry no version: the live plugin refreshes them. */
export function channelText(row: HelpPointListRow, clock: ShanghaiClock, serialize: SerializeNearby): ItemText {
  const channel = toHelpPointChannel(row, clock)
  return cut(unwrap(serialize({ items: [], channels: [channel] }), '{"items":[],"channels":[', ']}'), '', row, false)
}

/** Open now, and the status a worker should see, at this request's clock. */
export function liveState(text: ItemText, clock: ShanghaiClock): { openNow: boolean; status: HelpPointStatus } {
  const status = statusOnDay(text.hours.status, text.statusChangedOnDay, clock)
  return { openNow: isOpenNow(text.hours, clock, status), status }
}

export function renderItem(text: ItemText, state: { openNow: boolean; status: HelpPointStatus }, distanceM: number): string {
  return `${text.head}${state.openNow}${STATUS_JSON[state.status]}${text.middle},"distanceM":${distanceM}${text.tail}`
}

export function renderChannel(text: ItemText, state: { openNow: boolean; status: HelpPointStatus }): string {
  return `${text.head}${state.openNow}${STATUS_JSON[state.status]}${text.middle}`
}

export function renderNearby(items: readonly string[], channels: readonly string[]): string {
  return `{"items":[${items.join(',')}],"channels":[${channels.join(',')}]}`
}

/**
 * The kept item texts of one process, at most `maxEntries` (the oldest tenth goes when full).
 * 20,000 points of ≈ 2 KB each is ≈ 40 MB at worst; a bureau's map holds hundreds.
 */
export function createNearbyTextCache(maxEntries = 20_000) {
  const texts = new Map<string, ItemText>()

  const keep = (id: string, text: ItemText) => {
    texts.delete(id)
    if (texts.size >= maxEntries) {
      let drop = Math.max(1, Math.floor(maxEntries / 10))
      for (const key of texts.keys()) {
        texts.delete(key)
        if (--drop === 0) break
      }
    }
    texts.set(id, text)
  }

  return {
    size: () => texts.size,
    /**
     * The texts of `refs` in their order. Ids the cache lacks at that version are read with
     * `readRows` (one query); an id no longer there (deleted meanwhile) is left out.
     */
    async resolve(
      refs: readonly NearbyRef[],
      readRows: (ids: string[]) => Promise<VersionedListRow[]>,
      clock: ShanghaiClock,
      serialize: SerializeNearby,
    ): Promise<{ text: ItemText; distanceM: number }[]> {
      const stale = refs.filter((ref) => texts.get(ref.id)?.version !== ref.version).map((ref) => ref.id)
      if (stale.length > 0) {
        const rows = await readRows(stale)
        const read = new Set<string>()
        for (const row of rows) {
          keep(row.id, itemText(row, clock, serialize))
          read.add(row.id)
        }
        for (const id of stale) if (!read.has(id)) texts.delete(id)
      }
      const found: { text: ItemText; distanceM: number }[] = []
      for (const ref of refs) {
        const text = texts.get(ref.id)
        if (text) found.push({ text, distanceM: Math.round(Number(ref.distance_m)) })
      }
      return found
    },
  }
}

/** With openNow=true the nearest rows are read in growing batches until enough are open. */
const OPEN_NOW_MAX_SCAN = 2_000

/**
 * The answer to `GET /nearby` as JSON text, in the route's 200 schema. One per process: it keeps
 * the item texts per row version and the channels' texts per list the live plugin hands out.
 */
export function createNearbyAnswer(repo: Pick<HelpPointsRepository, 'nearby' | 'listRows'>, remoteRows: () => Promise<HelpPointListRow[]>) {
  const nearbyTexts = createNearbyTextCache()
  let channelTexts: { rows: HelpPointListRow[]; texts: ItemText[] } | undefined
  const readRows = async (ids: string[]) => (await repo.listRows(ids)).rows

  return async (query: NearbyQuery, clock: ShanghaiClock, serialize: SerializeNearby): Promise<string> => {
    const { lat, lng, kind, openNow } = query
    const limit = query.limit ?? 10
    const items: string[] = []
    if (kind !== 'hotline') {
      let batch = openNow ? limit * 4 : limit
      for (;;) {
        const { rows } = await repo.nearby(lat, lng, batch, kind)
        const found = await nearbyTexts.resolve(rows, readRows, clock, serialize)
        items.length = 0
        for (const { text, distanceM } of found) {
          const state = liveState(text, clock)
          if (openNow && !state.openNow) continue
          items.push(renderItem(text, state, distanceM))
          if (items.length === limit) break
        }
        if (!openNow || items.length >= limit || rows.length < batch || batch >= OPEN_NOW_MAX_SCAN) break
        batch = Math.min(batch * 4, OPEN_NOW_MAX_SCAN)
      }
    }
    const remote = await remoteRows()
    if (channelTexts?.rows !== remote) channelTexts = { rows: remote, texts: remote.map((row) => channelText(row, clock, serialize)) }
    const channels: string[] = []
    for (const text of channelTexts.texts) {
      if (kind !== undefined && text.kind !== kind) continue
      const state = liveState(text, clock)
      if (!openNow || state.openNow) channels.push(renderChannel(text, state))
    }
    return renderNearby(items, channels)
  }
}
