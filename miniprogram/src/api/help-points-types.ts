/**
 * Shapes of the help-point API (API.md, Help points) as the mini-program uses them: the contract's
 * types from @huxin/shared (`import type`: no schema code enters the bundle).
 */
export type { HelpPointKind, HelpPointStatus, WeeklyHours, HoursExceptions, OpeningInterval, Weekday } from '@huxin/shared/domain/help-points'
export type {
  BboxResponse,
  HelpPointChangesResponse,
  HelpPointChannel,
  HelpPointDetail,
  HelpPointEvent,
  HelpPointItem,
  NearbyResponse,
} from '@huxin/shared/schemas/help-point'
