/** The auth module's public surface: other modules and the app import only this file. */
export * from './passwords'
export * from './repository'
export * from './service'
export * from './totp'
