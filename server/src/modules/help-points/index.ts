/** The help-points module's public surface: other modules and the app import only this file. */
export * from './demo'
export * from './repository'
