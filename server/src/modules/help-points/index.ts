/** The help-points module's public surface: other modules and the app import only this file. */
export { loadDemoHelpPointsIfEmpty } from './demo'
