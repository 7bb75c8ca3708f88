/**
 * Who sees what (docs/casework.md, Jurisdiction): the actor behind a request, the claims and towns
 * within their reach, and who may see a claimant's full phone and ID number.
 */
import type { Database } from '../../db/client'
import { HttpError } from '../../lib/http-errors'
import type { Role } from '../auth/index'
import type { ClaimRow } from '../claims/index'
import { findActorAccount } from './repository/index'

/** Who acts: a signed-in user with the towns they serve (staff) — workers have none. */
export interface Actor {
  id: string
  role: Role
  towns: readonly string[]
}

/**
 * The signed-in user as an actor. Workers need nothing from the database (their reach is their
 * own claims); staff bring their towns — already read from their account by the auth guard of
 * this request (`towns` set), else read here — and a staff account that vanished or was
 * disabled → 401.
 */
export async function loadActor(
  db: Database,
  user: { sub: string; role: Actor['role']; towns?: readonly string[] | undefined },
): Promise<Actor> {
  if (user.role === 'worker') return { id: user.sub, role: 'worker', towns: [] }
  if (user.towns) return { id: user.sub, role: user.role, towns: user.towns }
  const row = await findActorAccount(db, user.sub)
  if (!row || row.disabledAt || row.role !== user.role) throw new HttpError(401, 'UNAUTHORIZED', '请先登录')
  return { id: row.id, role: row.role as Actor['role'], towns: row.towns }
}

export const isStaff = (actor: Actor) => actor.role !== 'worker'

/** Jurisdiction: inspectors their towns; supervisors/admins theirs, or all if none set. */
export function canSeeClaim(actor: Actor, claim: Pick<ClaimRow, 'town' | 'claimantUserId'>): boolean {
  if (actor.role === 'worker') return claim.claimantUserId === actor.id
  if (actor.role === 'inspector') return actor.towns.includes(claim.town)
  return actor.towns.length === 0 || actor.towns.includes(claim.town)
}

/** The towns a staff member's lists are limited to; undefined = every town. */
export function jurisdictionTowns(actor: Actor): readonly string[] | undefined {
  if (actor.role === 'inspector') return actor.towns
  return actor.towns.length === 0 ? undefined : actor.towns
}

/** Assigned inspector and above see the full phone / ID number (API.md, Claim). */
export function mayViewFullPii(actor: Actor, claim: ClaimRow): boolean {
  if (actor.role === 'supervisor' || actor.role === 'admin') return true
  return actor.role === 'inspector' && claim.assigneeId === actor.id
}

/** Inspectors change only what is theirs or nobody's; supervisors and admins anything they see. */
export function ensureMayWork(actor: Actor, claim: ClaimRow): void {
  if (actor.role === 'inspector' && claim.assigneeId !== null && claim.assigneeId !== actor.id) {
    throw new HttpError(403, 'NOT_ASSIGNEE', '该投诉已分派给其他监察员')
  }
}
