/**
 * Help points in the database, the one place of the module that queries it: the map's hot reads
 * (map-reads.ts), a point's row and its writes (points.ts), the audit trail and the live channel
 * (changes.ts).
 */
import type { Database, RawQuery } from '../../../db/client'
import { createChangeReads } from './changes'
import { createMapReads } from './map-reads'
import { createPointStore } from './points'

export { eventChange, HELP_POINTS_CHANNEL } from './changes'
export { NEARBY_SQL, type HelpPointListRow, type NearbyRef, type VersionedListRow } from './map-reads'
export type { HelpPointRow, NewHelpPoint } from './points'

export function createHelpPointsRepository(db: Database, query: RawQuery) {
  return { ...createMapReads(query), ...createChangeReads(db, query), ...createPointStore(db) }
}

export type HelpPointsRepository = ReturnType<typeof createHelpPointsRepository>
