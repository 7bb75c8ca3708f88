/** The national-sync module's public surface: other modules and the app import only this file. */
export * from './adapter'
export * from './engine'
export * from './outbox'
export * from './engine-options'
export * from './signing'
export * from './simulator'
