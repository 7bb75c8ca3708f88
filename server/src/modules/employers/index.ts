/** The employers module's public surface: other modules and the app import only this file. */
export { importEmployers } from './register'
