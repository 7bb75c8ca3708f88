/**
 * The liability chain of a claim (docs/projects.md, 保障农民工工资支付条例): who pays first — the
 * general contractor for its subcontractors' arrears (Art. 30), the builder or general contractor
 * that gave work to a party without the qualification (Art. 36) — what is left of the deposit,
 * whether the claimant is on the project's real-name roster, and what the payroll shows for the
 * months claimed.
 */
import type { Liability } from '@huxin/shared'
import type { Actor, CaseWork } from '../casework/index'
import type { ProjectsRepository } from './repository'

/** Months from `from` to `to` (YYYY-MM), at most 36. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = []
  let [y, m] = from.split('-').map(Number) as [number, number]
  while (out.length < 36) {
    const month = `${y}-${String(m).padStart(2, '0')}`
    if (month > to) break
    out.push(month)
    m += 1
    if (m > 12) {
      m = 1
      y += 1
    }
  }
  return out
}

export async function liabilityOf(deps: { projects: ProjectsRepository; caseWork: CaseWork }, actor: Actor, claimId: string): Promise<Liability> {
  const claim = await deps.caseWork.findVisible(claimId, actor)
  const project = claim.projectId ? await deps.projects.findById(claim.projectId) : undefined
  const chain: Liability['chain'] = []
  const add = (role: Liability['chain'][number]['role'], name: string, creditCode: string | null, basis: string) => {
    if (chain.some((c) => c.name === name)) return
    chain.push({ order: chain.length + 1, role, name, ...(creditCode ? { creditCode } : {}), basis })
  }
  const unqualified = project ? project.subcontractors.filter((s) => !s.qualified).map((s) => s.name) : []
  if (project) {
    if (unqualified.length > 0) {
      add('builder', project.builderName, project.builderCreditCode, '第三十六条：工程发包给不具备合法经营资格的单位或个人，由建设单位或施工总承包单位清偿')
    }
    add('general_contractor', project.gcName, project.gcCreditCode, '第三十条：分包单位拖欠农民工工资的，由施工总承包单位先行清偿')
  }
  add('employer', claim.employerName, claim.employerCreditCode, '用人单位支付工资的法定义务（第三条）')

  let roster: Liability['roster'] = { checked: claim.claimantIdHash !== null, onRoster: false }
  if (claim.claimantIdHash) {
    const entry = project ? await deps.projects.rosterEntry(project.id, claim.claimantIdHash) : (await deps.projects.rostersWith(claim.claimantIdHash))[0]
    if (entry) {
      const onProject = project ?? (await deps.projects.findById(entry.projectId))
      roster = {
        checked: true,
        onRoster: true,
        projectId: entry.projectId,
        ...(onProject ? { projectName: onProject.name } : {}),
        trade: entry.trade,
        startedOn: entry.startedOn,
      }
    }
  }

  let payroll: Liability['payroll'] = []
  if (project) {
    const months = monthsBetween(claim.periodFrom, claim.periodTo)
    const recorded = await deps.projects.monthsRecorded(project.id, months)
    const paid = claim.claimantIdHash ? await deps.projects.paidTo(project.id, claim.claimantIdHash, months) : new Map<string, number>()
    payroll = months.map((month) => ({ month, recorded: recorded.has(month), paidFen: paid.get(month) ?? null }))
  }

  return {
    claimId: claim.id,
    project: project ? { id: project.id, name: project.name, permitNumber: project.permitNumber } : null,
    chain,
    unqualifiedSubcontractors: unqualified,
    deposit: project ? { status: project.depositStatus as NonNullable<Liability['deposit']>['status'], balanceFen: project.depositBalanceFen, topUpDueAt: project.depositTopUpDueAt?.toISOString() ?? null } : null,
    roster,
    payroll,
  }
}
