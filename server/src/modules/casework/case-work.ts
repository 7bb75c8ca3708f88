/**
 * Staff case work beyond the state machine: who sees what (jurisdiction, full PII with an access
 * log), assignment, duplicates, merge and split, the recovery ledger and group totals. Every
 * recorded change goes through the case workflow's `writeClaimChange` (one event, hooks).
 */
import {
  GROUP_CASE_MIN_WORKERS,
  RECOVERY_STATUSES,
  type ClaimStatus,
  type RecordRecoveryBody,
} from '@huxin/shared'
import { and, asc, desc, eq, ilike, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Database, Transaction } from '../../db/client'
import { perDatabase } from '../../db/prepared'
import { claimGroups, claims, piiAccessLog, recoveries, users } from '../../db/schema/index'
import { HttpError, notFound, validationFailed } from '../../lib/http-errors'
import { groupIdOf, uuidv7 } from '../../lib/ids'
import type { PiiCipher } from '../pii/index'
import type { ClaimRow, ListCursor } from '../claims/index'
import { emptyRecovered, NOT_PURSUED_STATUSES, recoveredTotals } from '../claims/index'
import type { RecoveryRow } from '../claims/index'
import { canSeeClaim, jurisdictionTowns, type Actor, type CaseWorkflow } from './workflow'

export interface CaseWorkDeps {
  db: Database
  workflow: CaseWorkflow
  pii: PiiCipher
  now?: () => Date
}

/**
 * The signed-in user as an actor. Workers need nothing from the database (their reach is their
 * own claims); staff bring their towns, and a staff account that vanished or was disabled → 401.
 */
const actorStatement = perDatabase((db) =>
  db
    .select({ id: users.id, role: users.role, towns: users.towns, disabledAt: users.disabledAt })
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .limit(1)
    .prepare('huxin_load_actor'),
)

export async function loadActor(db: Database, user: { sub: string; role: Actor['role'] }): Promise<Actor> {
  if (user.role === 'worker') return { id: user.sub, role: 'worker', towns: [] }
  const [row] = await actorStatement(db).execute({ id: user.sub })
  if (!row || row.disabledAt || row.role !== user.role) throw new HttpError(401, 'UNAUTHORIZED', '请先登录')
  return { id: row.id, role: row.role as Actor['role'], towns: row.towns }
}

export const isStaff = (actor: Actor) => actor.role !== 'worker'

/** Assigned inspector and above see the full phone / ID number (API.md, Claim). */
export function mayViewFullPii(actor: Actor, claim: ClaimRow): boolean {
  if (actor.role === 'supervisor' || actor.role === 'admin') return true
  return actor.role === 'inspector' && claim.assigneeId === actor.id
}

export function createCaseWork(deps: CaseWorkDeps) {
  const { db, workflow } = deps
  const now = () => deps.now?.() ?? new Date()

  async function findVisible(claimId: string, actor: Actor): Promise<ClaimRow> {
    const [row] = await db.select().from(claims).where(eq(claims.id, claimId)).limit(1)
    if (!row || !canSeeClaim(actor, row)) throw notFound('投诉')
    return row
  }

  /** Inspectors change only what is theirs or nobody's; supervisors and admins anything they see. */
  function ensureMayWork(actor: Actor, claim: ClaimRow) {
    if (actor.role === 'inspector' && claim.assigneeId !== null && claim.assigneeId !== actor.id) {
      throw new HttpError(403, 'NOT_ASSIGNEE', '该投诉已分派给其他监察员')
    }
  }

  /** Locks two claims in id order (no deadlock between a merge A→B and B→A). */
  async function lockPair(tx: Transaction, a: string, b: string, actor: Actor): Promise<[ClaimRow, ClaimRow]> {
    const [first, second] = a < b ? [a, b] : [b, a]
    const x = await workflow.lockVisibleClaim(tx, first, actor)
    const y = await workflow.lockVisibleClaim(tx, second, actor)
    return a < b ? [x, y] : [y, x]
  }

  return {
    findVisible,

    /**
     * Full phone and ID number for the staff detail view, when the actor may see them; each
     * reveal is written to pii_access_log (who, when, which claim, which fields) first.
     */
    async revealPii(actor: Actor, claim: ClaimRow): Promise<{ phone?: string; idNumber?: string } | undefined> {
      if (!mayViewFullPii(actor, claim)) return undefined
      const pii: { phone?: string; idNumber?: string } = {}
      if (claim.claimantPhoneEnc) pii.phone = deps.pii.decrypt(claim.claimantPhoneEnc)
      if (claim.claimantIdEnc) pii.idNumber = deps.pii.decrypt(claim.claimantIdEnc)
      const fields = [pii.phone ? 'claimant.phone' : undefined, pii.idNumber ? 'claimant.idNumber' : undefined].filter(
        (f): f is string => f !== undefined,
      )
      if (fields.length === 0) return undefined
      await db.insert(piiAccessLog).values({ actorId: actor.id, claimId: claim.id, fields, at: now() })
      return pii
    },

    /**
     * A staff member opens a piece of evidence: pay slips, IOUs, ID cards and chat screenshots
     * carry the claimant's personal data, so each download is logged like a reveal of the full
     * phone (field `attachment:<id>`), before the file leaves.
     */
    async logEvidenceView(actor: Actor, claimId: string, attachmentId: string): Promise<void> {
      await db.insert(piiAccessLog).values({ actorId: actor.id, claimId, fields: [`attachment:${attachmentId}`], at: now() })
    },

    /** Staff list: the actor's jurisdiction, newest first, keyset-paginated. */
    async listForStaff(
      actor: Actor,
      filters: { status?: string; town?: string; source?: string; q?: string; assignee?: string },
      limit: number,
      after?: ListCursor,
    ): Promise<ClaimRow[]> {
      const towns = jurisdictionTowns(actor)
      if (towns !== undefined && towns.length === 0) return []
      const conditions: (SQL | undefined)[] = [
        towns === undefined ? undefined : inArray(claims.town, [...towns]),
        filters.status ? eq(claims.status, filters.status) : undefined,
        filters.town ? eq(claims.town, filters.town) : undefined,
        filters.source ? eq(claims.source, filters.source) : undefined,
        filters.q
          ? or(eq(claims.reference, filters.q.trim()), ilike(claims.employerName, `%${filters.q.trim().replace(/[%_\\]/g, '\\$&')}%`))
          : undefined,
        filters.assignee === 'me'
          ? eq(claims.assigneeId, actor.id)
          : filters.assignee === 'none'
            ? isNull(claims.assigneeId)
            : filters.assignee
              ? eq(claims.assigneeId, filters.assignee)
              : undefined,
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

    /**
     * Assignment (API.md): supervisors and admins assign any claim they see to an inspector who
     * serves its town; an inspector may take an unassigned claim of their town by naming themself.
     */
    async assign(claimId: string, actor: Actor, inspectorId: string): Promise<ClaimRow> {
      return db.transaction(async (tx) => {
        const claim = await workflow.lockVisibleClaim(tx, claimId, actor)
        if (actor.role === 'inspector') {
          if (inspectorId !== actor.id) throw new HttpError(403, 'FORBIDDEN', '监察员只能认领给自己')
          if (claim.assigneeId === actor.id) return claim
          if (claim.assigneeId !== null) throw new HttpError(409, 'ALREADY_ASSIGNED', '该投诉已有承办监察员')
        }
        const [inspector] = await tx
          .select({ id: users.id, role: users.role, towns: users.towns, disabledAt: users.disabledAt })
          .from(users)
          .where(eq(users.id, inspectorId))
          .limit(1)
        if (!inspector || inspector.role !== 'inspector' || inspector.disabledAt || !inspector.towns.includes(claim.town)) {
          throw validationFailed([{ field: 'inspectorId', message: '请选择负责该镇（街道）的监察员' }])
        }
        if (claim.assigneeId === inspectorId) return claim
        const { claim: updated } = await workflow.writeClaimChange(tx, {
          kind: 'assign',
          before: claim,
          set: { assigneeId: inspectorId },
          actor,
          visibility: 'internal',
          note: claim.assigneeId ? `改派（原承办人 ${claim.assigneeId}）` : undefined,
        })
        return updated
      })
    },

    /** Claims by the same claimant (user, phone or ID hash) against the same employer. */
    async duplicatesOf(claimId: string, actor: Actor): Promise<ClaimRow[]> {
      const claim = await findVisible(claimId, actor)
      const sameClaimant = or(
        claim.claimantUserId ? eq(claims.claimantUserId, claim.claimantUserId) : undefined,
        claim.claimantPhoneHash ? eq(claims.claimantPhoneHash, claim.claimantPhoneHash) : undefined,
        claim.claimantIdHash ? eq(claims.claimantIdHash, claim.claimantIdHash) : undefined,
      )
      if (!sameClaimant) return []
      const rows = await db
        .select()
        .from(claims)
        .where(and(eq(claims.employerKey, claim.employerKey), ne(claims.id, claim.id), isNull(claims.mergedIntoId), sameClaimant))
        .orderBy(asc(claims.createdAt))
        .limit(50)
      return rows.filter((r) => canSeeClaim(actor, r))
    },

    /** Merges a duplicate into another claim: it leaves queues and group totals; both record it. */
    async merge(claimId: string, actor: Actor, intoClaimId: string, note?: string): Promise<ClaimRow> {
      if (claimId === intoClaimId) throw validationFailed([{ field: 'intoClaimId', message: '不能并入自身' }])
      return db.transaction(async (tx) => {
        const [source, target] = await lockPair(tx, claimId, intoClaimId, actor)
        ensureMayWork(actor, source)
        if (source.mergedIntoId) throw new HttpError(409, 'ALREADY_MERGED', '该投诉已并入其他投诉')
        if (target.mergedIntoId) throw validationFailed([{ field: 'intoClaimId', message: '目标投诉本身已被合并' }])
        const { claim } = await workflow.writeClaimChange(tx, {
          kind: 'merge',
          before: source,
          set: { mergedIntoId: target.id },
          actor,
          visibility: 'worker',
          note: note ?? `与 ${target.reference} 为重复投诉，已合并办理`,
        })
        await workflow.writeClaimChange(tx, {
          kind: 'merge_received',
          before: target,
          set: {},
          actor,
          visibility: 'internal',
          note: `并入重复投诉 ${source.reference}`,
        })
        return claim
      })
    },

    /**
     * Split: a merged claim is unmerged; otherwise the claim leaves its group and stands alone
     * (staff judged it a different employer or project).
     */
    async split(claimId: string, actor: Actor, note?: string): Promise<ClaimRow> {
      return db.transaction(async (tx) => {
        const claim = await workflow.lockVisibleClaim(tx, claimId, actor)
        ensureMayWork(actor, claim)
        if (claim.mergedIntoId) {
          const target = await workflow.lockVisibleClaim(tx, claim.mergedIntoId, actor).catch(() => undefined)
          const { claim: updated } = await workflow.writeClaimChange(tx, {
            kind: 'split',
            before: claim,
            set: { mergedIntoId: null },
            actor,
            visibility: 'worker',
            note: note ?? '已撤销合并，单独办理',
          })
          if (target) {
            await workflow.writeClaimChange(tx, {
              kind: 'split',
              before: target,
              set: {},
              actor,
              visibility: 'internal',
              note: `撤销合并 ${claim.reference}`,
            })
          }
          return updated
        }
        const [others] = await tx
          .select({ n: sql<number>`count(*)::int` })
          .from(claims)
          .where(and(eq(claims.groupId, claim.groupId ?? sql`null`), ne(claims.id, claim.id)))
        if (!others || others.n === 0) throw new HttpError(409, 'NOTHING_TO_SPLIT', '该投诉未与其他投诉合并或成组')
        const key = `split:${claim.id}`
        const groupId = groupIdOf(key)
        await tx.insert(claimGroups).values({ id: groupId, key, employerKey: claim.employerKey }).onConflictDoNothing()
        const { claim: updated } = await workflow.writeClaimChange(tx, {
          kind: 'split',
          before: claim,
          set: { groupKey: key, groupId },
          actor,
          visibility: 'internal',
          note: note ?? '移出所在群体案件，单独办理',
        })
        return updated
      })
    },

    /**
     * Records one recovery. The claim row is locked (recordings of one claim queue up) and totals
     * are always summed from the ledger rows, so concurrent recordings never lose an update.
     */
    async recordRecovery(claimId: string, actor: Actor, body: RecordRecoveryBody): Promise<RecoveryRow> {
      const at = now()
      const paidAt = new Date(body.paidAt)
      // A few minutes of clock skew between the inspector's device and the server are tolerated.
      if (paidAt.getTime() > at.getTime() + 5 * 60_000) {
        throw validationFailed([{ field: 'paidAt', message: '支付日期不能晚于现在' }])
      }
      return db.transaction(async (tx) => {
        const claim = await workflow.lockVisibleClaim(tx, claimId, actor)
        ensureMayWork(actor, claim)
        if (!RECOVERY_STATUSES.includes(claim.status as ClaimStatus)) {
          throw new HttpError(409, 'RECOVERY_NOT_ALLOWED', `当前状态（${claim.status}）不能登记追回金额`, [
            { field: 'status', message: claim.status },
          ])
        }
        if (paidAt.getTime() < claim.createdAt.getTime() - 366 * 86_400_000) {
          throw validationFailed([{ field: 'paidAt', message: '支付日期早于投诉一年以上，请核对' }])
        }
        const [row] = await tx
          .insert(recoveries)
          .values({
            id: uuidv7(at.getTime()),
            claimId,
            kind: body.kind,
            amountFen: body.amountFen,
            paidAt,
            payer: body.payer ?? null,
            workerName: body.workerName?.trim() || null,
            note: body.note?.trim() || null,
            recordedBy: actor.id,
            createdAt: at,
          })
          .returning()
        if (!row) throw new Error('recovery insert returned nothing')
        await workflow.writeClaimChange(tx, {
          kind: 'recovery_recorded',
          before: claim,
          set: {},
          actor,
          visibility: 'worker',
          note: `${RECOVERY_KIND_LABELS[body.kind]} ${(body.amountFen / 100).toFixed(2)} 元${row.workerName ? `（${row.workerName}）` : ''}`,
        })
        return row
      })
    },

    /** The claimant confirms money received; confirming again changes nothing (idempotent). */
    async confirmRecovery(claimId: string, recoveryId: string, userId: string): Promise<RecoveryRow> {
      return db.transaction(async (tx) => {
        const worker: Actor = { id: userId, role: 'worker', towns: [] }
        const claim = await workflow.lockVisibleClaim(tx, claimId, worker)
        const [row] = await tx
          .select()
          .from(recoveries)
          .where(and(eq(recoveries.id, recoveryId), eq(recoveries.claimId, claim.id)))
          .limit(1)
        if (!row) throw notFound('追回记录')
        if (row.confirmedAt) return row
        const [updated] = await tx
          .update(recoveries)
          .set({ confirmedAt: now() })
          .where(eq(recoveries.id, row.id))
          .returning()
        if (!updated) throw new Error('recovery vanished')
        await workflow.writeClaimChange(tx, {
          kind: 'recovery_confirmed',
          before: claim,
          set: {},
          actor: worker,
          visibility: 'worker',
          note: `确认收到 ${(row.amountFen / 100).toFixed(2)} 元`,
        })
        return updated
      })
    },

    async listRecoveries(claimId: string): Promise<RecoveryRow[]> {
      return db.select().from(recoveries).where(eq(recoveries.claimId, claimId)).orderBy(asc(recoveries.paidAt), asc(recoveries.id))
    },

    /** Totals of a claim's group: the claims in it (not merged away, not rejected/withdrawn). */
    async groupOf(claimId: string, actor: Actor) {
      const claim = await findVisible(claimId, actor)
      const groupId = claim.groupId ?? groupIdOf(claim.groupKey)
      const members = await db
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
      const totals = await recoveredTotals(
        db,
        members.map((m) => m.id),
      )
      const recovered = emptyRecovered()
      let owed = 0
      let outstanding = 0
      let workers = 0
      for (const m of members) {
        const r = totals.get(m.id) ?? emptyRecovered()
        recovered.wages += r.wages
        recovered.compensation += r.compensation
        recovered.indemnity += r.indemnity
        recovered.socialInsurance += r.socialInsurance
        owed += m.amountOwedFen
        outstanding += Math.max(0, m.amountOwedFen - r.wages)
        workers += m.workersCount
      }
      return {
        id: groupId,
        employerKey: claim.employerKey,
        claims: members.length,
        workersCount: workers,
        isGroupCase: workers >= GROUP_CASE_MIN_WORKERS,
        owedFen: owed,
        recoveredFen: recovered,
        // Per claim, never negative: one claim's over-recovery does not hide another's debt.
        outstandingFen: outstanding,
        claimIds: members.map((m) => m.id),
      }
    },
  }
}

export const RECOVERY_KIND_LABELS: Record<RecordRecoveryBody['kind'], string> = {
  wages: '追回工资',
  compensation: '经济补偿',
  indemnity: '赔偿金',
  social_insurance: '社保补缴',
}

export type CaseWork = ReturnType<typeof createCaseWork>
