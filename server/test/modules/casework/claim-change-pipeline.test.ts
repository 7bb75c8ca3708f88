/**
 * The claim-change pipeline (modules/casework/claim-change-pipeline.ts) names every trigger that
 * runs when a claim, its events or its recoveries are written. A trigger added by a migration but
 * not listed, or listed but gone, fails here: the list stays the one true account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLAIM_CHANGE_PIPELINE, createClaimChangeHooks, pipelineTriggers, type PipelineStep } from '../../../src/modules/casework/claim-change-pipeline'
import { buildTestApp } from '../../helpers/app'
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../helpers/database'

/** The tables whose writes the pipeline covers, and those its steps write to. */
const CLAIM_TABLES = ['claims', 'claim_events', 'recoveries', 'claim_groups', 'employers', 'notification_outbox', 'national_outbox', 'idempotency_keys']

describe.each(DATABASE_KINDS)('the claim-change pipeline on %s', (kind) => {
  let database: TestDatabase
  beforeAll(async () => {
    database = await createTestDatabase(kind)
  })
  afterAll(async () => {
    await database?.destroy()
  })

  const triggersInDatabase = async () => {
    const { rows } = await database.handle.query<{ name: string }>(
      `select c.relname || '.' || t.tgname as name
         from pg_trigger t join pg_class c on c.oid = t.tgrelid
        where not t.tgisinternal and c.relname = any($1::text[])
        order by 1`,
      [CLAIM_TABLES],
    )
    return rows.map((r) => r.name)
  }

  it('lists exactly the triggers the migrated database has on the claim tables', async () => {
    expect(pipelineTriggers()).toEqual(await triggersInDatabase())
  })

  it('would notice a trigger it does not list', async () => {
    const fewer: PipelineStep[] = CLAIM_CHANGE_PIPELINE.filter((s) => !(s.runs.kind === 'trigger' && s.runs.trigger === 'claims_totals_update'))
    expect(pipelineTriggers(fewer)).not.toEqual(await triggersInDatabase())
  })
})

describe('the registry of the pipeline hooks', () => {
  const names = ['national-progress'] as const

  it('runs the registered hooks in the pipeline order once sealed', () => {
    const registry = createClaimChangeHooks<string>(names)
    registry.register('national-progress', 'progress hook')
    expect(registry.hooks).toEqual([])
    registry.seal()
    expect(registry.hooks).toEqual(['progress hook'])
  })

  it('refuses a pipeline with a hook missing, one registered twice, or one it does not list', () => {
    const registry = createClaimChangeHooks<string>(names)
    expect(() => registry.seal()).toThrow(/no hook registered for national-progress/)
    registry.register('national-progress', 'a')
    expect(() => registry.register('national-progress', 'b')).toThrow(/twice/)
    expect(() => createClaimChangeHooks<string>([]).register('national-progress', 'a')).toThrow(/not in the pipeline/)
  })

  it('is sealed with every listed hook in the running app', async () => {
    const t = await buildTestApp('pglite')
    try {
      expect(() => t.app.registerClaimChangeHook('national-progress', async () => {})).toThrow(/twice/)
    } finally {
      await t.close()
    }
  })
})
