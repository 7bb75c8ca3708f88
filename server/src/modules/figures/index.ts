/** The figures module's public surface: other modules and the app import only this file. */
export { computeStats } from './stats'
