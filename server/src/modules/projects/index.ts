/** The projects module's public surface: other modules and the app import only this file. */
export { DEPOSIT_TRANSITIONS, transitionDeposit, type DepositDeps } from './deposit'
export { importProjects } from './import'
export { signUrl } from './settings'
export { weappScene } from './sign'
