/**
 * The employers (API.md, Case work: employers; Register): the register of employers under
 * supervision and every employer a claim names, with its claims, the amount still open, blacklist
 * status and construction wage-guarantee deposit. Register entries are written in register.ts.
 */
import { normaliseName, type Employer, type EmployerDetail, type UpdateEmployerBody } from '@huxin/shared'
import { HttpError, notFound, validationFailed } from '../../lib/http-errors'
import { jurisdictionTowns, type Actor } from '../casework/index'
import type { ClaimsRepository } from '../claims/index'
import type { EmployerChanges, EmployerClaimFigures, EmployerRow, EmployersRepository, RegisterMatch } from './repository'
import { cursorText } from '../../lib/cursor'

export interface EmployerDeps {
  employers: EmployersRepository
  claims: Pick<ClaimsRepository, 'recoveredTotals'>
}

/** Claims listed on an employer's page, newest first. */
const CLAIM_LIST_LIMIT = 200

export function toEmployer(row: EmployerRow, figures: EmployerClaimFigures | undefined, match: RegisterMatch | undefined): Employer {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    creditCode: row.creditCode ?? undefined,
    supervised: row.supervised,
    town: (row.town ?? undefined) as Employer['town'],
    industry: (row.industry ?? undefined) as Employer['industry'],
    size: (row.size ?? undefined) as Employer['size'],
    registered: match ?? null,
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

/** The key after which a page starts, from the `cursor` of the previous page. */
export function keyOfCursor(cursor: string | undefined): string | undefined {
  const after = cursor === undefined ? undefined : cursorText(cursor)
  if (cursor !== undefined && !after) throw validationFailed([{ field: 'querystring.cursor', message: '无效的分页位置' }])
  return after
}

/** A page of employers with their claims' figures and register matches. */
export async function employerPage(deps: EmployerDeps, rows: EmployerRow[], limit: number) {
  const page = rows.slice(0, limit)
  const figures = await deps.employers.claimFigures(page.map((r) => r.key))
  const matches = await deps.employers.registerMatches(page)
  const last = page[page.length - 1]
  return {
    items: page.map((r) => toEmployer(r, figures.get(r.key), matches.get(r.key))),
    nextCursor: rows.length > limit && last ? Buffer.from(last.key).toString('base64url') : null,
  }
}

export async function listEmployers(
  deps: EmployerDeps,
  query: { q?: string; cursor?: string; limit?: number; supervised?: boolean; town?: string },
) {
  const limit = query.limit ?? 20
  const afterKey = keyOfCursor(query.cursor)
  const rows = await deps.employers.list({ q: query.q?.trim(), afterKey, supervised: query.supervised, town: query.town }, limit + 1)
  return employerPage(deps, rows, limit)
}

export async function findEmployer(deps: EmployerDeps, id: string): Promise<EmployerRow> {
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
  const matches = await deps.employers.registerMatches([row])
  return {
    ...toEmployer(row, figures.get(row.key), matches.get(row.key)),
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

const REGISTER_FIELDS = ['name', 'town', 'industry', 'size', 'supervised'] as const

/**
 * Supervisors and admins keep the blacklist status and the deposit registry current; only admins
 * change the register's own fields (name, town, industry, size, in the register or not).
 */
export async function updateEmployer(deps: EmployerDeps, actor: Actor, id: string, body: UpdateEmployerBody): Promise<EmployerDetail> {
  const registerFields = REGISTER_FIELDS.filter((f) => body[f] !== undefined)
  if (registerFields.length > 0 && actor.role !== 'admin') {
    throw new HttpError(403, 'FORBIDDEN', '只有管理员可以修改用人单位名录', registerFields.map((field) => ({ field, message: '仅管理员可修改' })))
  }
  const row = await findEmployer(deps, id)
  const changes: EmployerChanges = {}
  if (body.name !== undefined) {
    changes.name = body.name.trim()
    changes.nameKey = normaliseName(body.name)
  }
  if (body.town !== undefined) changes.town = body.town
  if (body.industry !== undefined) changes.industry = body.industry
  if (body.size !== undefined) changes.size = body.size
  if (body.supervised !== undefined) {
    if (body.supervised && !(body.town ?? row.town)) throw validationFailed([{ field: 'town', message: '列入名录需要所属镇（街道）' }])
    if (body.supervised && !(body.industry ?? row.industry)) throw validationFailed([{ field: 'industry', message: '列入名录需要行业' }])
    changes.supervised = body.supervised
    if (body.supervised) {
      changes.nameKey ??= normaliseName(row.name)
      changes.linkedKey = null
    }
  }
  if (body.blacklistStatus !== undefined) changes.blacklistStatus = body.blacklistStatus
  if (body.deposit !== undefined) {
    changes.depositStatus = body.deposit?.status ?? null
    changes.depositFen = body.deposit?.amountFen ?? null
  }
  if (Object.keys(changes).length > 0) await deps.employers.update(row.key, changes)
  return getEmployer(deps, actor, id)
}
