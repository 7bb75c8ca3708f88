/** The projects module's public surface: other modules and the app import only this file. */
export { DEPOSIT_TRANSITIONS } from './deposit'
export { signUrl } from './settings'
export { weappScene } from './sign'
