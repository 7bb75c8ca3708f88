/** The auth module's public surface: other modules and the app import only this file. */
export { hashPassword, passwordProblem } from './passwords'
export { createUsersRepository, type Role, type UsersRepository } from './repository'
export { needsTotp, staffFailureBuckets } from './staff-sign-in'
export { newTotpSecret, otpauthUri, totpAt, totpStep } from './totp'
