/**
 * The claim rows case work reads and changes: locked reads, the update and its one audit event,
 * the staff list, duplicates, group members and the group a split claim moves into.
 */
import { IN_INVESTIGATION_STATUSES, NOT_PURSUED_STATUSES } from '@huxin/shared'
import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Database, Executor } from '../../../db/client'
import { claimEvents, claimGroups, claims, employers, helpPoints } from '../../../db/schema/index'
import type { ClaimEventRow, ClaimRow, ListCursor } from '../../claims/index'
import type { TriageSearch } from './triage'

/** The columns a claim change may set. */
export type ClaimUpdate = Partial<typeof claims.$inferInsert>
export type NewClaimEvent = typeof claimEvents.$inferInsert

/** The staff list's filters, resolved by the caller (`towns` undefined = every town). */
export interface StaffListFilter {
  towns: readonly string[] | undefined
  status?: string | undefined
  town?: string | undefined
  source?: string | undefined
  /** What `q` asks for, read as the desk reads it (`triageSearch`): part of a reference, employer or claimant name; a phone (keyed hash) or its last four. */
  search?: TriageSearch | undefined
  /** An assignee's id; null = unassigned; undefined = anyone. */
  assigneeId?: string | null | undefined
}

/** The staff list's search, the same matching as the desk's (repository/triage.ts): no row is decrypted. */
function staffSearch(search: TriageSearch | undefined): SQL | undefined {
  if (!search) return undefined
  if ('phoneHash' in search) return eq(claims.claimantPhoneHash, search.phoneHash)
  if ('phoneLast4' in search) return sql`right(${claims.claimantPhoneMasked}, 4) = ${search.phoneLast4}`
  const like = `%${search.text.replace(/[%_\\]/g, '\\$&')}%`
  return or(ilike(claims.reference, like), ilike(claims.employerName, like), ilike(claims.claimantName, like))
}

export function claimQueries(db: Database) {
  return {
    async findClaim(id: string, tx: Executor = db): Promise<ClaimRow | undefined> {
      const [row] = await tx.select().from(claims).where(eq(claims.id, id)).limit(1)
      return row
    },

    /** The claim row, locked FOR UPDATE until the caller's transaction ends. */
    async lockClaim(id: string, tx: Executor): Promise<ClaimRow | undefined> {
      const [row] = await tx.select().from(claims).where(eq(claims.id, id)).limit(1).for('update')
      return row
    },

    async updateClaim(id: string, set: ClaimUpdate, tx: Executor): Promise<ClaimRow | undefined> {
      const [row] = await tx.update(claims).set(set).where(eq(claims.id, id)).returning()
      return row
    },

    async insertEvent(values: NewClaimEvent, tx: Executor): Promise<ClaimEventRow> {
      const [row] = await tx.insert(claimEvents).values(values).returning()
      if (!row) throw new Error('event insert returned nothing')
      return row
    },

    /**
     * Open claims (not merged away) with a running deadline at or after `from`: awaiting
     * acceptance with acceptDueAt ≥ from, or in investigation with closeDueAt ≥ from.
     */
    async openClaimsWithDeadlinesFrom(from: Date, tx: Executor = db): Promise<string[]> {
      const rows = await tx
        .select({ id: claims.id })
        .from(claims)
        .where(
          and(
            isNull(claims.mergedIntoId),
            or(
              and(eq(claims.status, 'submitted'), gte(claims.acceptDueAt, from)),
              and(inArray(claims.status, [...IN_INVESTIGATION_STATUSES]), isNotNull(claims.closeDueAt), gte(claims.closeDueAt, from)),
            ),
          ),
        )
        .orderBy(asc(claims.id))
      return rows.map((r) => r.id)
    },

    /** The help point a rejection sends the worker to (its name, kind and how to reach it). */
    async findHelpPoint(id: string, tx: Executor = db): Promise<{ id: string; name: string; kind: string; address: string | null; phone: string | null } | undefined> {
      const [row] = await tx
        .select({ id: helpPoints.id, name: helpPoints.name, kind: helpPoints.kind, address: helpPoints.address, phones: helpPoints.phones })
        .from(helpPoints)
        .where(eq(helpPoints.id, id))
        .limit(1)
      return row && { id: row.id, name: row.name, kind: row.kind, address: row.address, phone: row.phones[0] ?? null }
    },

    /** The employer's blacklist application, recorded once (a later one leaves it as it is). */
    async markBlacklistApplied(employerKey: string, tx: Executor): Promise<void> {
      await tx
        .update(employers)
        .set({ blacklistStatus: 'applied' })
        .where(sql`${employers.key} = ${employerKey} and ${employers.blacklistStatus} = 'none'`)
    },

    /** Staff list: newest first, keyset-paginated. */
    async listForStaff(filter: StaffListFilter, limit: number, after?: ListCursor): Promise<ClaimRow[]> {
      const conditions: (SQL | undefined)[] = [
        filter.towns === undefined ? undefined : inArray(claims.town, [...filter.towns]),
        filter.status ? eq(claims.status, filter.status) : undefined,
        filter.town ? eq(claims.town, filter.town) : undefined,
        filter.source ? eq(claims.source, filter.source) : undefined,
        staffSearch(filter.search),
        filter.assigneeId === null ? isNull(claims.assigneeId) : filter.assigneeId ? eq(claims.assigneeId, filter.assigneeId) : undefined,
        after
          ? or(lt(claims.createdAt, after.createdAt), and(eq(claims.createdAt, after.createdAt), lt(claims.id, after.id)))
          : undefined,
      ]
      return db
        .select()
        .from(claims)
        .where(and(...conditions))
        .orderBy(desc(claims.createdAt), desc(claims.id))
        .limit(limit)
    },

    /** Claims by the same claimant (user, phone or ID hash) against the same employer, not merged away. */
    async duplicatesOf(claim: ClaimRow): Promise<ClaimRow[]> {
      const sameClaimant = or(
        claim.claimantUserId ? eq(claims.claimantUserId, claim.claimantUserId) : undefined,
        claim.claimantPhoneHash ? eq(claims.claimantPhoneHash, claim.claimantPhoneHash) : undefined,
        claim.claimantIdHash ? eq(claims.claimantIdHash, claim.claimantIdHash) : undefined,
      )
      if (!sameClaimant) return []
      return db
        .select()
        .from(claims)
        .where(and(eq(claims.employerKey, claim.employerKey), ne(claims.id, claim.id), isNull(claims.mergedIntoId), sameClaimant))
        .orderBy(asc(claims.createdAt))
        .limit(50)
    },

    /** How many other claims share the claim's group. */
    async countOthersInGroup(claim: Pick<ClaimRow, 'id' | 'groupId'>, tx: Executor): Promise<number> {
      const [others] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(claims)
        .where(and(eq(claims.groupId, claim.groupId ?? sql`null`), ne(claims.id, claim.id)))
      return others?.n ?? 0
    },

    /** The group a claim moves into; already there when the claim was split before. */
    async ensureGroup(group: { id: string; key: string; employerKey: string }, tx: Executor): Promise<void> {
      await tx.insert(claimGroups).values(group).onConflictDoNothing()
    },

    /** The group's pursued claims (not merged away, not rejected or withdrawn), oldest first. */
    async pursuedGroupMembers(groupId: string): Promise<ClaimRow[]> {
      return db
        .select()
        .from(claims)
        .where(
          and(
            eq(claims.groupId, groupId),
            isNull(claims.mergedIntoId),
            sql`${claims.status} not in (${sql.join(
              NOT_PURSUED_STATUSES.map((s) => sql`${s}`),
              sql`, `,
            )})`,
          ),
        )
        .orderBy(asc(claims.createdAt))
    },
  }
}
