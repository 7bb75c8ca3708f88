/**
 * The totals the database keeps (migration 0010) next to the same totals recomputed from the rows
 * by `huxin_rebuild_totals()`: a test expects the two to be equal.
 */
import type { TestApp } from './app'

export async function keptAndRebuiltTotals(t: TestApp) {
  const query = async (text: string) => (await t.database.handle.query(text, [])).rows
  // Every kept total in a stable order, zero rows left out (a counter may go back to 0).
  const snapshot = async () => ({
    groups: await query('select id, workers_total, accepted_workers from claim_groups order by id'),
    employers: await query('select key, claims_count from employers order by key'),
    daily: await query(
      `select day::text, town, clues, accepted, workers, closed, police_transfers, blacklist_applications,
         wages_fen::text, compensation_fen::text, indemnity_fen::text, social_insurance_fen::text
       from stats_daily
       where clues <> 0 or accepted <> 0 or workers <> 0 or closed <> 0 or police_transfers <> 0 or blacklist_applications <> 0
         or wages_fen <> 0 or compensation_fen <> 0 or indemnity_fen <> 0 or social_insurance_fen <> 0
       order by day, town`,
    ),
    clueEmployers: await query('select day::text, town, employer_key, clues from stats_clue_employers where clues <> 0 order by 1, 2, 3'),
    openDue: await query('select town, day::text, open from stats_open_due where open <> 0 order by 1, 2'),
  })
  const kept = await snapshot()
  await query('select huxin_rebuild_totals()')
  return { kept, rebuilt: await snapshot() }
}
