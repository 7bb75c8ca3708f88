/** The claims module's public surface: other modules and the app import only this file. */
export * from './claim-facts'
export * from './claim-view'
export * from './file-claim'
export * from './repository/index'
// Its home is @huxin/shared now; re-exported for the modules that still import it from here.
export { NOT_PURSUED_STATUSES } from '@huxin/shared'
