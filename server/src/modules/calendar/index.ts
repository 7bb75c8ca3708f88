/** The calendar module's public surface: other modules and the app import only this file. */
export { createCalendarChanges, type CalendarChange, type CalendarChangeListener, type CalendarChanges } from './changes'
export { keepCalendarCurrent } from './keep-current'
export { createCalendarRepository, type CalendarRepository } from './repository'
export {
  createWorkingDayCalendar,
  packagedHolidayData,
  type CalendarDayKind,
  type WorkingDayCalendar,
  type WorkingDayDeadline,
} from './working-days'
