/** The calendar module's public surface: other modules and the app import only this file. */
export * from './working-days'
