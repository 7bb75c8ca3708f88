/**
 * The database keeps the totals and daily figures itself (migration 0010), so its functions repeat
 * rules that @huxin/shared states for the TypeScript side: the group-case threshold
 * (GROUP_CASE_MIN_WORKERS), the statuses whose workers no longer count toward their group
 * (NOT_PURSUED_STATUSES) and the open statuses after acceptance (IN_INVESTIGATION_STATUSES, also
 * the predicate of claims_close_due_idx that the figures' statement relies on). Read from the
 * migrated database, every such number and list must equal the constant: changing one side alone
 * fails here (the SQL side changes by a new migration).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GROUP_CASE_MIN_WORKERS, IN_INVESTIGATION_STATUSES, NOT_PURSUED_STATUSES } from '@huxin/shared'
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../../helpers/database'

interface FunctionDef {
  name: string
  def: string
}

/** `'a', 'b'` or `'a'::text, 'b'::text` → ['a', 'b'], sorted: the order of an IN list means nothing. */
const statusesIn = (list: string) => [...list.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]!).sort()
const sorted = (statuses: readonly string[]) => [...statuses].sort()

/** Every comparison of a group's worker count with a number: `r.running >= 5`, `"accepted_workers" >= 5`. */
function thresholds(functions: FunctionDef[]) {
  return functions.flatMap(({ name, def }) =>
    [...def.matchAll(/\b(running|"?accepted_workers"?|"?workers_total"?)\s*(>=|<=|<>|>|<|=)\s*(\d+)/g)].map((m) => ({
      name,
      comparison: `${m[2]!} ${m[3]!}`,
    })),
  )
}

/** Every `status NOT IN (…)` list: the claims whose workers do not count. */
function notPursuedLists(functions: FunctionDef[]) {
  return functions.flatMap(({ name, def }) => [...def.matchAll(/\bstatus\s+not\s+in\s*\(([^)]*)\)/gi)].map((m) => ({ name, statuses: statusesIn(m[1]!) })))
}

describe.each(DATABASE_KINDS)('constants of @huxin/shared repeated in SQL, on %s', (kind) => {
  let database: TestDatabase
  let functions: FunctionDef[]
  beforeAll(async () => {
    database = await createTestDatabase(kind)
    const { rows } = await database.handle.query<FunctionDef>(
      `select p.proname as name, pg_get_functiondef(p.oid) as def
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proname like 'huxin\\_%'
        order by 1`,
      [],
    )
    functions = rows
  })
  afterAll(async () => {
    await database?.destroy()
  })

  const functionDef = (name: string) => {
    const found = functions.find((f) => f.name === name)
    if (!found) throw new Error(`function ${name} not found`)
    return found.def
  }

  it('compares a group’s accepted workers with GROUP_CASE_MIN_WORKERS, and with nothing else', () => {
    const found = thresholds(functions)
    // The two places a group becomes a group case: marking from the rows, and on a claim's update;
    // and the one where it stops being one (a merge takes it back under the threshold).
    expect(new Set(found.map((f) => f.name))).toEqual(new Set(['huxin_mark_group_cases', 'huxin_claim_updated', 'huxin_group_case_unmark']))
    for (const threshold of found) {
      const comparison = threshold.name === 'huxin_group_case_unmark' ? `< ${GROUP_CASE_MIN_WORKERS}` : `>= ${GROUP_CASE_MIN_WORKERS}`
      expect(threshold).toEqual({ name: threshold.name, comparison })
    }
  })

  it('leaves out of a group’s workers exactly the claims of NOT_PURSUED_STATUSES', () => {
    const found = notPursuedLists(functions)
    expect(new Set(found.map((f) => f.name))).toEqual(new Set(['huxin_claims_inserted', 'huxin_claim_updated', 'huxin_rebuild_totals']))
    for (const list of found) expect(list).toEqual({ name: list.name, statuses: sorted(NOT_PURSUED_STATUSES) })
  })

  it('counts as open after acceptance exactly IN_INVESTIGATION_STATUSES, in the functions and in claims_close_due_idx', async () => {
    const isOpenAccepted = /\bstatus\s+in\s*\(([^)]*)\)/i.exec(functionDef('huxin_is_open_accepted'))
    expect(statusesIn(isOpenAccepted?.[1] ?? '')).toEqual(sorted(IN_INVESTIGATION_STATUSES))
    const { rows } = await database.handle.query<{ def: string }>(`select pg_get_indexdef('claims_close_due_idx'::regclass) as def`, [])
    const predicate = /\bwhere\b(.*)$/i.exec(rows[0]?.def ?? '')?.[1] ?? ''
    expect(predicate).toMatch(/merged_into_id is null/i)
    expect(statusesIn(predicate)).toEqual(sorted(IN_INVESTIGATION_STATUSES))
  })

  it('would notice a function that disagrees', () => {
    const changed = functions.map((f) => ({
      name: f.name,
      def: f.def
        .replace(`>= ${GROUP_CASE_MIN_WORKERS}`, `>= ${GROUP_CASE_MIN_WORKERS + 1}`)
        .replace(`< ${GROUP_CASE_MIN_WORKERS}`, `< ${GROUP_CASE_MIN_WORKERS + 1}`)
        .replace("'withdrawn'", "'closed'"),
    }))
    expect(thresholds(changed).map((f) => f.comparison)).toContain(`>= ${GROUP_CASE_MIN_WORKERS + 1}`)
    expect(thresholds(changed).map((f) => f.comparison)).toContain(`< ${GROUP_CASE_MIN_WORKERS + 1}`)
    expect(notPursuedLists(changed).map((f) => f.statuses)).toContainEqual(sorted(['rejected', 'closed']))
  })
})
