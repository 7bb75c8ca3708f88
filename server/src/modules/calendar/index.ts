/** The calendar module's public surface: other modules and the app import only this file. */
export * from './working-days'
export { createCalendarRepository, type CalendarOverride, type CalendarRepository } from './repository'
export { keepCalendarCurrent } from './keep-current'
