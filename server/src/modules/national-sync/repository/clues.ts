/**
 * Dispatched clues (national_clues) and the claims they become or join, and the local side of the
 * reconciliation. The inbox runs these inside its transaction, one clue at a time.
 */
import { sql } from 'drizzle-orm'
import type { Database, Executor } from '../../../db/client'
import { rawRow, rawRows } from '../../../db/raw'
import { claimEvents, claimGroups, claims, employers, nationalClues } from '../../../db/schema/index'
import { md5Uuid } from '../../../lib/ids'
import type { ClaimRow } from '../../claims/index'

export type NationalClueInsert = typeof nationalClues.$inferInsert
export type ClaimEventInsert = typeof claimEvents.$inferInsert

/** The employer and group keys of a claim (claims' `groupFieldsOf`). */
export interface ClaimGroupKeys {
  groupId: string
  groupKey: string
  employerKey: string
}

/** A claim that carries a clue id, as the reconciliation compares it. */
export interface ClaimWithClue {
  claimId: string
  clueId: string
  status: string
  /** Messages of the claim still on their way. */
  inFlight: boolean
  resultSent: boolean
}

/** Employer names compared without spaces, brackets' width or letter case (the SQL below does the same). */
const normaliseEmployerName = (name: string) => name.toLowerCase().replace(/[\s()（）]/g, '')

export function clueQueries(db: Database) {
  return {
    /** Serialises the transactions receiving one clue (the webhook and the pull may bring it at once). */
    async lockClue(clueId: string, tx: Executor): Promise<void> {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`national-clue:${clueId}`}, 0))`)
    },

    /** The claim a clue was received into before, if it was. */
    async claimOfReceivedClue(clueId: string, tx: Executor = db): Promise<string | undefined> {
      const row = await rawRow<{ claim_id: string }>(tx, sql`select claim_id from national_clues where clue_id = ${clueId}`)
      return row?.claim_id
    },

    /**
     * The oldest claim of the same worker (phone or ID number hash) against the same employer
     * (credit code or name) in one of `statuses`, locked for the caller's transaction.
     */
    async findOpenClaimOf(
      worker: { phoneHash: string | null; idHash: string | null },
      employer: { creditCode: string | null; name: string },
      statuses: readonly string[],
      tx: Executor,
    ): Promise<{ id: string } | undefined> {
      const { phoneHash, idHash } = worker
      const { creditCode } = employer
      return rawRow<{ id: string }>(
        tx,
        sql`
        select id from claims
        where (${phoneHash}::text is not null and claimant_phone_hash = ${phoneHash}
               or ${idHash}::text is not null and claimant_id_hash = ${idHash})
          and (${creditCode}::text is not null and employer_credit_code = ${creditCode}
               or regexp_replace(lower(employer_name), '[[:space:]()（）]', '', 'g') = ${normaliseEmployerName(employer.name)})
          and status in (${sql.join(statuses.map((s) => sql`${s}`), sql`, `)})
        order by created_at
        limit 1
        for update`,
      )
    },

    /** The claim takes the clue id if it has none, and the earlier of the two deadlines. */
    async linkClue(claimId: string, clueId: string, dueAt: Date, tx: Executor): Promise<void> {
      await tx.execute(sql`
        update claims set
          national_clue_id = coalesce(national_clue_id, ${clueId}),
          national_due_at = least(coalesce(national_due_at, ${dueAt.toISOString()}::timestamptz), ${dueAt.toISOString()}::timestamptz),
          updated_at = now()
        where id = ${claimId}::uuid`)
    },

    async addClaimEvent(event: ClaimEventInsert, tx: Executor): Promise<void> {
      await tx.insert(claimEvents).values(event)
    },

    async recordClue(clue: NationalClueInsert, tx: Executor): Promise<void> {
      await tx.insert(nationalClues).values(clue)
    },

    /**
     * Inserts a claim made from a clue, registering its group and employer on first sight. Its id,
     * or undefined when another claim already carries the clue id (unique among claims).
     */
    async insertClueClaim(row: ClaimRow, group: ClaimGroupKeys, tx: Executor): Promise<string | undefined> {
      await tx.insert(claimGroups).values({ id: group.groupId, key: group.groupKey, employerKey: group.employerKey }).onConflictDoNothing()
      await tx
        .insert(employers)
        .values({ key: group.employerKey, id: md5Uuid(`employer:${group.employerKey}`), name: row.employerName, creditCode: row.employerCreditCode })
        .onConflictDoNothing()
      const inserted = await tx
        .insert(claims)
        .values(row)
        // A PARTIAL unique index: most claims have no clue id.
        .onConflictDoNothing({ target: claims.nationalClueId, where: sql`national_clue_id is not null` })
        .returning({ id: claims.id })
      return inserted[0]?.id
    },

    /** The claim carrying a clue id, if any. */
    async claimWithClueId(clueId: string, tx: Executor = db): Promise<string | undefined> {
      const [existing] = await tx.select({ id: claims.id }).from(claims).where(sql`national_clue_id = ${clueId}`).limit(1)
      return existing?.id
    },

    /** Every claim that carries a clue id, with whether messages are in flight and the result went out. */
    async claimsWithClues(tx: Executor = db): Promise<ClaimWithClue[]> {
      const rows = await rawRows<{ id: string; clue_id: string; status: string; in_flight: boolean; result_sent: boolean }>(
        tx,
        sql`
      select c.id, c.national_clue_id as clue_id, c.status,
        exists (select 1 from national_outbox o where o.claim_id = c.id and o.status <> 'sent') as in_flight,
        exists (select 1 from national_outbox o where o.claim_id = c.id and o.kind = 'result' and o.status = 'sent') as result_sent
      from claims c where c.national_clue_id is not null`,
      )
      return rows.map((r) => ({ claimId: r.id, clueId: r.clue_id, status: r.status, inFlight: r.in_flight, resultSent: r.result_sent }))
    },

    /** The ids of every clue received from the platform. */
    async receivedClueIds(tx: Executor = db): Promise<string[]> {
      const rows = await rawRows<{ clue_id: string }>(tx, sql`select clue_id from national_clues`)
      return rows.map((r) => r.clue_id)
    },
  }
}
