/** The casework module's public surface: other modules and the app import only this file. */
export * from './case-work'
export * from './workflow'
