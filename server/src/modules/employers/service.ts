/**
 * The employers registry (API.md, Case work: employers): every employer a claim names, with its
 * claims, the amount still open, blacklist status and construction wage-guarantee deposit.
 */
import type { Employer, EmployerDetail, UpdateEmployerBody } from '@huxin/shared'
import { notFound, validationFailed } from '../../lib/http-errors'
import { jurisdictionTowns, type Actor } from '../casework/index'
import type { ClaimsRepository } from '../claims/index'
import type { EmployerChanges, EmployerClaimFigures, EmployerRow, EmployersRepository } from './repository'
import { cursorText } from '../../lib/cursor'

export interface EmployerDeps {
  employers: EmployersRepository
  claims: Pick<ClaimsRepository, 'recoveredTotals'>
}

/** Claims listed on an employer's page, newest first. */
const CLAIM_LIST_LIMIT = 200

function toEmployer(row: EmployerRow, figures: EmployerClaimFigures | undefined): Employer {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    creditCode: row.creditCode ?? undefined,
    blacklistStatus: row.blacklistStatus as Employer['blacklistStatus'],
    deposit: row.depositStatus
      ? { status: row.depositStatus as 'stored' | 'exempt' | 'deferred', amountFen: row.depositFen ?? undefined }
      : null,
    claims: figures?.claims ?? 0,
    openClaims: figures?.openClaims ?? 0,
    openAmountFen: figures?.openAmountFen ?? 0,
    createdAt: row.createdAt.toISOString(),
  }
}

export async function listEmployers(deps: EmployerDeps, query: { q?: string; cursor?: string; limit?: number }) {
  const limit = query.limit ?? 20
  const after = query.cursor === undefined ? undefined : cursorText(query.cursor)
  if (query.cursor !== undefined && !after) throw validationFailed([{ field: 'querystring.cursor', message: '无效的分页位置' }])
  const rows = await deps.employers.list({ q: query.q?.trim(), afterKey: after }, limit + 1)
  const page = rows.slice(0, limit)
  const figures = await deps.employers.claimFigures(page.map((r) => r.key))
  const last = page[page.length - 1]
  return {
    items: page.map((r) => toEmployer(r, figures.get(r.key))),
    nextCursor: rows.length > limit && last ? Buffer.from(last.key).toString('base64url') : null,
  }
}

async function findEmployer(deps: EmployerDeps, id: string): Promise<EmployerRow> {
  const row = await deps.employers.findById(id)
  if (!row) throw notFound('用人单位')
  return row
}

export async function getEmployer(deps: EmployerDeps, actor: Actor, id: string): Promise<EmployerDetail> {
  const row = await findEmployer(deps, id)
  const towns = jurisdictionTowns(actor)
  const claimRows = towns !== undefined && towns.length === 0 ? [] : await deps.employers.claimsOf(row.key, towns, CLAIM_LIST_LIMIT)
  const recovered = await deps.claims.recoveredTotals(claimRows.map((c) => c.id))
  const figures = await deps.employers.claimFigures([row.key])
  return {
    ...toEmployer(row, figures.get(row.key)),
    claimList: claimRows.map((c) => ({
      id: c.id,
      reference: c.reference,
      status: c.status as EmployerDetail['claimList'][number]['status'],
      town: c.town as EmployerDetail['claimList'][number]['town'],
      amountOwedFen: c.amountOwedFen,
      outstandingFen: Math.max(0, c.amountOwedFen - (recovered.get(c.id)?.wages ?? 0)),
      createdAt: c.createdAt.toISOString(),
    })),
  }
}

/** Supervisors and admins keep the blacklist status and the deposit registry current. */
export async function updateEmployer(deps: EmployerDeps, actor: Actor, id: string, body: UpdateEmployerBody): Promise<EmployerDetail> {
  const row = await findEmployer(deps, id)
  const changes: EmployerChanges = {}
  if (body.blacklistStatus !== undefined) changes.blacklistStatus = body.blacklistStatus
  if (body.deposit !== undefined) {
    changes.depositStatus = body.deposit?.status ?? null
    changes.depositFen = body.deposit?.amountFen ?? null
  }
  if (Object.keys(changes).length > 0) await deps.employers.update(row.key, changes)
  return getEmployer(deps, actor, id)
}
