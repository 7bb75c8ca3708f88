/** The retention module's public surface (docs/operations.md, Retention). */
export { erasePersonalData, type RetentionDeps, type RetentionResult } from './retention'
export { ERASED_TEXT } from './repository'
