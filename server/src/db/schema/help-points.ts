import { sql } from 'drizzle-orm'
import { boolean, check, doublePrecision, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import type { HoursExceptions, WeeklyHours } from '@huxin/shared'
import { users } from './auth'

/**
 * Places and channels that help workers owed wages (docs/help-points.md), kept current by staff. Locations
 * are WGS-84; the nearest-point search uses a GiST index on `help_point_geo(lat, lng)` (an
 * IMMUTABLE wrapper of earthdistance's ll_to_earth, created by hand at the end of the migration).
 * Deletion is hard: the audit table keeps what was deleted.
 */
export const helpPoints = pgTable(
  'help_points',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    address: text('address'),
    /** Null only for channels that need no visit (the 12333 hotline). */
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    hours: jsonb('hours').$type<WeeklyHours>().notNull().default({}),
    hoursExceptions: jsonb('hours_exceptions').$type<HoursExceptions>().notNull().default({}),
    openOnHolidays: boolean('open_on_holidays').notNull().default(false),
    services: text('services').array().notNull().default(sql`'{}'::text[]`),
    town: text('town'),
    status: text('status').notNull().default('open'),
    statusNote: text('status_note'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    statusChangedBy: uuid('status_changed_by').references(() => users.id),
    isSample: boolean('is_sample').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    updatedBy: uuid('updated_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The map viewport (bbox) listing.
    index('help_points_lat_lng_idx').on(t.lat, t.lng),
    // Channels that need no visit (no location) are few: listed without a scan of every point.
    index('help_points_remote_idx').on(t.kind).where(sql`${t.lat} is null`),
    check(
      'help_points_kind_known',
      sql`${t.kind} in ('labour_inspection','arbitration','legal_aid','trade_union','court','labour_station','hotline')`,
    ),
    check('help_points_status_known', sql`${t.status} in ('open','busy','closed_today','suspended')`),
    check('help_points_lat_range', sql`${t.lat} between -90 and 90`),
    check('help_points_lng_range', sql`${t.lng} between -180 and 180`),
    check('help_points_location_pair', sql`(${t.lat} is null) = (${t.lng} is null)`),
    check('help_points_location_required', sql`${t.lat} is not null or ${t.kind} = 'hotline'`),
  ],
)

/**
 * Every change to a help point: who, when, what. Also the source of the polling fallback of the
 * live channel (`GET /api/v1/help-points/changes?since=`). No foreign key to help_points: the
 * record of a deletion outlives the point.
 */
export const helpPointChanges = pgTable(
  'help_point_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    helpPointId: uuid('help_point_id').notNull(),
    change: text('change').notNull(),
    /** Fields before and after (status changes: status and note). */
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
    status: text('status').notNull(),
    statusNote: text('status_note'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('help_point_changes_point_idx').on(t.helpPointId, t.changedAt),
    index('help_point_changes_at_idx').on(t.changedAt),
    check('help_point_changes_change_known', sql`${t.change} in ('create','update','status','delete','import')`),
  ],
)
