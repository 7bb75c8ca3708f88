/**
 * Everything that happens when a claim is filed or changes, in order, and where each step runs.
 * This list is the one place to read it; two checks keep it true:
 * - the TypeScript hooks run in the order listed here, and the casework plugin refuses to start
 *   unless exactly these hooks were registered (plugin.ts, `registerClaimChangeHook`);
 * - `server/test/modules/casework/claim-change-pipeline.test.ts` compares the triggers named here
 *   with the triggers present in the migrated database, both ways.
 *
 * Every step runs inside the transaction of the write that caused it: a step that fails rolls the
 * whole change back, and nothing calls an outside system (the outboxes are drained by daemons).
 *
 * Why three mechanisms: the filing hot path is one SQL statement (measured: a second round trip
 * cost ≈ 60 % of filings per second), so what a filing adds is a CTE of that statement. Totals,
 * notifications and the audit log's protection are triggers because they must hold for every
 * write path, plain SQL and the national inbox included. The national platform's progress and
 * result messages need the application's mapping of statuses and money, so they are TypeScript
 * hooks that every change passes through (casework/workflow.ts, `writeClaimChange`).
 */

/** The writes that start the pipeline. */
export type ClaimWrite =
  /** A worker files (claims/repository.ts: one statement per batch of filings). */
  | 'filed'
  /** A clue dispatched by the national platform becomes a claim, or is linked to one (national-sync/inbox.ts). */
  | 'clue_received'
  /** Any change through `writeClaimChange`: transitions, withdrawal, assignment, merge/split, recoveries and their reversals and disputes, confirmed worker counts, ratings. */
  | 'changed'

type TriggerTable = 'claims' | 'claim_events' | 'recoveries' | 'claim_groups'

export type StepMechanism =
  | { kind: 'statement'; where: string }
  | { kind: 'typescript'; where: string; hook?: ClaimChangeHookName }
  | { kind: 'trigger'; table: TriggerTable; trigger: string }

export interface PipelineStep {
  what: string
  on: readonly ClaimWrite[]
  runs: StepMechanism
}

/** The TypeScript hooks of `changed`, run in this order after the claim row and its event are written. */
export const CLAIM_CHANGE_HOOKS = ['national-progress'] as const
export type ClaimChangeHookName = (typeof CLAIM_CHANGE_HOOKS)[number]

const ALL: readonly ClaimWrite[] = ['filed', 'clue_received', 'changed']
const code = (where: string, hook?: ClaimChangeHookName): StepMechanism => ({ kind: 'typescript', where, ...(hook ? { hook } : {}) })
const trigger = (table: TriggerTable, name: string): StepMechanism => ({ kind: 'trigger', table, trigger: name })
const statement = (where: string): StepMechanism => ({ kind: 'statement', where })

export const CLAIM_CHANGE_PIPELINE: readonly PipelineStep[] = [
  { on: ALL, what: 'the claim row (and, for a filing, its idempotency key) is written', runs: code('claims/repository (filing statement); national-sync/inbox.ts; casework/workflow.ts writeClaimChange') },
  { on: ALL, what: 'one audit event in claim_events (`filed`, the action, assign, merge, recovery_recorded …)', runs: code('the same statement or transaction as the claim row') },
  { on: ALL, what: 'the audit log is append-only: updates and deletes of claim_events are refused', runs: trigger('claim_events', 'claim_events_no_update_delete') },
  { on: ALL, what: 'the audit log cannot be truncated', runs: trigger('claim_events', 'claim_events_no_truncate') },
  { on: ['filed'], what: 'national platform: the new claim is registered (outbox message `register`, seq 1)', runs: statement('claims/repository, CTE `o` of the filing statement') },
  { on: ['clue_received'], what: 'national platform: the clue is acknowledged (outbox message `ack`)', runs: code('national-sync/inbox.ts, receiveClue') },
  { on: ['changed'], what: 'national platform: progress on every status change, the result when the case ends, and the result again when a reversal changes a finished case\'s money (outbox)', runs: code('national-sync/plugin.ts', 'national-progress') },
  { on: ['changed'], what: 'the worker is notified of a worker-visible event made by someone else (notification_outbox)', runs: trigger('claim_events', 'claim_events_queue_notification') },
  { on: ['filed', 'clue_received'], what: 'groups, employers and the daily figures count the new claims (once per statement)', runs: trigger('claims', 'claims_totals_insert') },
  { on: ['changed'], what: 'group and daily totals follow status, acceptance, merge and worker count changes', runs: trigger('claims', 'claims_totals_update') },
  { on: ['changed'], what: 'a group whose accepted workers fall back under 5 (a merge) is no longer a group case', runs: trigger('claim_groups', 'claim_groups_unmark_group_case') },
  { on: ['changed'], what: 'police transfers and blacklist applications count in the daily figures', runs: trigger('claim_events', 'claim_events_totals') },
  { on: ['changed'], what: 'money recovered counts in the daily figures by kind', runs: trigger('recoveries', 'recoveries_totals_insert') },
  { on: ['changed'], what: 'a reversal (冲正) mirrors the recovery it cancels: same claim and kind, the negative amount, never of a reversal', runs: trigger('recoveries', 'recoveries_reversal_mirrors') },
  { on: ['changed'], what: 'the ledger is append-only: amounts, kinds, dates and links of recoveries are never updated (a correction is a reversal)', runs: trigger('recoveries', 'recoveries_no_amount_update') },
  { on: ['changed'], what: 'recoveries are never deleted', runs: trigger('recoveries', 'recoveries_no_delete') },
  { on: ['changed'], what: 'the ledger cannot be truncated', runs: trigger('recoveries', 'recoveries_no_truncate') },
]

/** `table.trigger` of every trigger the pipeline names. */
export function pipelineTriggers(steps: readonly PipelineStep[] = CLAIM_CHANGE_PIPELINE): string[] {
  return steps.flatMap((s) => (s.runs.kind === 'trigger' ? [`${s.runs.table}.${s.runs.trigger}`] : [])).sort()
}

/**
 * The registry of the pipeline's TypeScript hooks: each plugin registers its own by name; `seal`
 * puts them in the pipeline's order, and refuses a pipeline with a hook missing. Until sealed,
 * `hooks` is empty.
 */
export function createClaimChangeHooks<Hook>(names: readonly ClaimChangeHookName[] = CLAIM_CHANGE_HOOKS) {
  const registered = new Map<ClaimChangeHookName, Hook>()
  const hooks: Hook[] = []
  return {
    /** The hooks in the pipeline's order (the same array, filled by `seal`). */
    hooks: hooks as readonly Hook[],
    register(name: ClaimChangeHookName, hook: Hook): void {
      if (!names.includes(name)) throw new Error(`claim-change hook '${name}' is not in the pipeline (claim-change-pipeline.ts)`)
      if (registered.has(name)) throw new Error(`claim-change hook '${name}' registered twice`)
      registered.set(name, hook)
    },
    seal(): void {
      const missing = names.filter((name) => !registered.has(name))
      if (missing.length > 0) throw new Error(`claim-change pipeline: no hook registered for ${missing.join(', ')}`)
      hooks.splice(0, hooks.length, ...names.map((name) => registered.get(name)!))
    },
  }
}
