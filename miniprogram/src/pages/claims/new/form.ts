/**
 * Pure logic of the claim wizard (pages/claims/new), one file per responsibility:
 * - `form-draft.ts`: the choices, the draft kept on the phone and its restoration/migration;
 * - `form-fields.ts`: the controls' ids and the placement of errors next to them;
 * - `form-submission.ts`: draft → API body, checked with the shared rules;
 * - `form-sending.ts`: sending with idempotency-key recovery and the worker's words for failures.
 * This file only gathers them, so callers keep one import path. No Taro import.
 */
export * from './form-draft'
export * from './form-fields'
export * from './form-submission'
export * from './form-sending'
