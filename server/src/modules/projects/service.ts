/**
 * Projects (API.md, Register, projects, deposits): the view of a row, entry by an admin, reading
 * within the caller's towns, changes, and what a claim filed through the site sign takes over.
 */
import {
  employerKey,
  isValidCreditCode,
  normaliseName,
  type CreateProjectBody,
  type Project,
  type ProjectDetail,
  type ProjectListQuery,
  type ProjectPublic,
  type UpdateProjectBody,
} from '@huxin/shared'
import { HttpError, notFound, validationFailed } from '../../lib/http-errors'
import { uuidv7 } from '../../lib/ids'
import type { WorkingDayCalendar } from '../calendar/index'
import { jurisdictionTowns, type Actor } from '../casework/index'
import type { ProjectForFiling } from '../claims/index'
import type { ProjectInsert, ProjectRow, ProjectsRepository } from './repository'
import type { ProjectSettings } from './settings'

export interface ProjectDeps {
  projects: ProjectsRepository
  calendar: WorkingDayCalendar
  settings: ProjectSettings
  now?: () => Date
}

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value)

export function toProject(row: ProjectRow, rosterCount: number): Project {
  return {
    id: row.id,
    permitNumber: row.permitNumber,
    name: row.name,
    town: row.town as Project['town'],
    site: { lat: row.siteLat, lng: row.siteLng, address: opt(row.siteAddress) },
    builder: { name: row.builderName, creditCode: opt(row.builderCreditCode), employerId: row.builderEmployerId },
    generalContractor: { name: row.gcName, creditCode: opt(row.gcCreditCode), employerId: row.gcEmployerId },
    subcontractors: row.subcontractors.map((s) => ({ name: s.name, creditCode: s.creditCode, qualified: s.qualified })),
    permitDate: row.permitDate,
    startedOn: row.startedOn,
    endsOn: opt(row.endsOn),
    contractValueFen: opt(row.contractValueFen),
    status: row.status as Project['status'],
    payDay: opt(row.payDay),
    deposit: {
      form: row.depositForm as Project['deposit']['form'],
      amountFen: row.depositAmountFen,
      status: row.depositStatus as Project['deposit']['status'],
      dueAt: row.depositDueAt.toISOString(),
      balanceFen: row.depositBalanceFen,
      topUpDueAt: row.depositTopUpDueAt?.toISOString() ?? null,
      deferred: row.depositDeferredAt !== null,
    },
    wageAccount:
      row.wageAccountBank && row.wageAccountMasked && row.wageAccountOpenedOn
        ? { bank: row.wageAccountBank, accountMasked: row.wageAccountMasked, openedOn: row.wageAccountOpenedOn }
        : null,
    rosterCount,
    createdAt: row.createdAt.toISOString(),
  }
}

/** Only the last four digits of the dedicated wage account are kept (DOMAIN.md, Privacy). */
export const maskAccount = (account: string) => `****${account.slice(-4)}`

/** A party's key (as claims compute it) and its register entry, if any. */
export async function partyOf(deps: Pick<ProjectDeps, 'projects'>, party: { name: string; creditCode?: string | undefined }) {
  const name = party.name.trim()
  const creditCode = party.creditCode?.trim().toUpperCase() || null
  const key = employerKey({ name, creditCode })
  const employerId = await deps.projects.registerEntryId(key, normaliseName(name))
  return { name, creditCode, key, employerId }
}

/** The row of a new project: the deposit is required, due N working days from the permit. */
export async function newProjectRow(deps: ProjectDeps, body: CreateProjectBody, now: Date): Promise<ProjectInsert> {
  const builder = await partyOf(deps, body.builder)
  const gc = await partyOf(deps, body.generalContractor)
  const due = deps.calendar.addWorkingDays(new Date(`${body.permitDate}T00:00:00+08:00`), deps.settings.depositDueWorkingDays)
  return {
    id: uuidv7(now.getTime()),
    permitNumber: body.permitNumber.trim(),
    name: body.name.trim(),
    town: body.town,
    siteLat: body.site?.lat ?? null,
    siteLng: body.site?.lng ?? null,
    siteAddress: body.site?.address?.trim() || null,
    builderName: builder.name,
    builderCreditCode: builder.creditCode,
    builderKey: builder.key,
    builderEmployerId: builder.employerId,
    gcName: gc.name,
    gcCreditCode: gc.creditCode,
    gcKey: gc.key,
    gcEmployerId: gc.employerId,
    subcontractors: (body.subcontractors ?? []).map((s) => ({
      name: s.name.trim(),
      ...(s.creditCode ? { creditCode: s.creditCode.toUpperCase() } : {}),
      qualified: s.qualified,
    })),
    permitDate: body.permitDate,
    startedOn: body.startedOn,
    endsOn: body.endsOn ?? null,
    contractValueFen: body.contractValueFen ?? null,
    status: body.status ?? 'under_construction',
    payDay: body.payDay ?? null,
    depositAmountFen: body.depositAmountFen ?? 0,
    depositDueAt: due.dueAt,
    depositDueProvisional: due.provisional,
    wageAccountBank: body.wageAccount?.bank.trim() ?? null,
    wageAccountMasked: body.wageAccount ? maskAccount(body.wageAccount.accountNumber) : null,
    wageAccountOpenedOn: body.wageAccount?.openedOn ?? null,
    createdAt: now,
    updatedAt: now,
  }
}

export function checkDates(body: { permitDate?: string; startedOn?: string; endsOn?: string | undefined }, line?: number) {
  const errors: { field: string; message: string }[] = []
  const valid = (d: string | undefined) => d === undefined || !Number.isNaN(new Date(`${d}T00:00:00Z`).getTime())
  for (const field of ['permitDate', 'startedOn', 'endsOn'] as const) if (!valid(body[field])) errors.push({ field, message: '日期无效' })
  if (body.startedOn && body.endsOn && body.endsOn < body.startedOn) errors.push({ field: 'endsOn', message: '竣工日期不能早于开工日期' })
  return line === undefined ? errors : errors.map((e) => ({ line, ...e }))
}

export async function createProject(deps: ProjectDeps, body: CreateProjectBody): Promise<Project> {
  const errors = checkDates(body)
  for (const field of ['builder', 'generalContractor'] as const) {
    const code = body[field].creditCode
    if (code && !isValidCreditCode(code)) errors.push({ field: `${field}.creditCode`, message: '统一社会信用代码校验位不符' })
  }
  if (errors.length) throw validationFailed(errors)
  if ((await deps.projects.existingPermits([body.permitNumber.trim()])).size > 0) {
    throw new HttpError(409, 'PROJECT_EXISTS', '该施工许可证号已登记', [{ field: 'permitNumber', message: '已登记' }])
  }
  const row = await newProjectRow(deps, body, deps.now?.() ?? new Date())
  await deps.projects.insert([row])
  return toProject((await deps.projects.findById(row.id!))!, 0)
}

/** A project the caller may see: inspectors only their towns (404 otherwise, as for claims). */
export async function findVisibleProject(deps: Pick<ProjectDeps, 'projects'>, actor: Actor, id: string): Promise<ProjectRow> {
  const row = await deps.projects.findById(id)
  const towns = jurisdictionTowns(actor)
  if (!row || (towns !== undefined && !towns.includes(row.town))) throw notFound('项目')
  return row
}

export async function getProject(deps: ProjectDeps, actor: Actor, id: string): Promise<ProjectDetail> {
  const row = await findVisibleProject(deps, actor, id)
  return detailOf(deps, row)
}

export async function detailOf(deps: Pick<ProjectDeps, 'projects'>, row: ProjectRow): Promise<ProjectDetail> {
  const [counts, events, payrollMonths] = await Promise.all([
    deps.projects.rosterCounts([row.id]),
    deps.projects.events(row.id),
    deps.projects.payrollMonths(row.id),
  ])
  return {
    ...toProject(row, counts.get(row.id) ?? 0),
    depositEvents: events.map((e) => ({
      id: e.id,
      action: e.action as ProjectDetail['depositEvents'][number]['action'],
      fromStatus: e.fromStatus as Project['deposit']['status'],
      toStatus: e.toStatus as Project['deposit']['status'],
      amountFen: e.amountFen,
      balanceFen: e.balanceFen,
      claimId: e.claimId,
      note: e.note,
      createdAt: e.createdAt.toISOString(),
    })),
    payrollMonths,
  }
}

export async function listProjects(deps: ProjectDeps, actor: Actor, query: ProjectListQuery) {
  const limit = query.limit ?? 20
  const reach = jurisdictionTowns(actor)
  if (query.town && reach !== undefined && !reach.includes(query.town)) return { items: [], nextCursor: null }
  let after: [string, string] | undefined
  if (query.cursor !== undefined) {
    const [town, permit] = Buffer.from(query.cursor, 'base64url').toString('utf8').split('\n')
    if (!town || !permit) throw validationFailed([{ field: 'querystring.cursor', message: '无效的分页位置' }])
    after = [town, permit]
  }
  const rows = await deps.projects.list({ towns: query.town ? [query.town] : reach, q: query.q?.trim() || undefined, after }, limit + 1)
  const page = rows.slice(0, limit)
  const counts = await deps.projects.rosterCounts(page.map((r) => r.id))
  const last = page[page.length - 1]
  return {
    items: page.map((r) => toProject(r, counts.get(r.id) ?? 0)),
    nextCursor: rows.length > limit && last ? Buffer.from(`${last.town}\n${last.permitNumber}`).toString('base64url') : null,
  }
}

export async function updateProject(deps: ProjectDeps, actor: Actor, id: string, body: UpdateProjectBody): Promise<ProjectDetail> {
  const row = await findVisibleProject(deps, actor, id)
  const errors = checkDates({ startedOn: row.startedOn, endsOn: body.endsOn })
  if (errors.length) throw validationFailed(errors)
  const set: Partial<ProjectInsert> = {}
  if (body.name !== undefined) set.name = body.name.trim()
  if (body.site !== undefined) {
    set.siteLat = body.site.lat ?? null
    set.siteLng = body.site.lng ?? null
    set.siteAddress = body.site.address?.trim() || null
  }
  if (body.subcontractors !== undefined) {
    set.subcontractors = body.subcontractors.map((s) => ({ name: s.name.trim(), ...(s.creditCode ? { creditCode: s.creditCode.toUpperCase() } : {}), qualified: s.qualified }))
  }
  if (body.endsOn !== undefined) set.endsOn = body.endsOn
  if (body.contractValueFen !== undefined) set.contractValueFen = body.contractValueFen
  if (body.status !== undefined) set.status = body.status
  if (body.payDay !== undefined) set.payDay = body.payDay
  if (body.depositAmountFen !== undefined) set.depositAmountFen = body.depositAmountFen
  if (body.wageAccount !== undefined) {
    set.wageAccountBank = body.wageAccount.bank.trim()
    set.wageAccountMasked = maskAccount(body.wageAccount.accountNumber)
    set.wageAccountOpenedOn = body.wageAccount.openedOn
  }
  await deps.projects.update(id, set)
  return getProject(deps, actor, id)
}

export function publicView(row: ProjectRow): ProjectPublic {
  return {
    id: row.id,
    name: row.name,
    town: row.town as ProjectPublic['town'],
    generalContractor: { name: row.gcName, creditCode: opt(row.gcCreditCode) },
    site: { lat: row.siteLat, lng: row.siteLng, address: opt(row.siteAddress) },
  }
}

export function forFiling(row: ProjectRow): ProjectForFiling {
  return {
    id: row.id,
    name: row.name,
    town: row.town,
    generalContractor: { name: row.gcName, creditCode: row.gcCreditCode },
    site: { lat: row.siteLat, lng: row.siteLng, address: row.siteAddress },
  }
}
