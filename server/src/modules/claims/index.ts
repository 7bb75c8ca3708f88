/** The claims module's public surface: other modules and the app import only this file. */
export * from './claim-facts'
export * from './claim-view'
export * from './file-claim'
export * from './repository/index'
