/**
 * The wage-guarantee deposit ledger (保障农民工工资支付条例 Art. 32–33; docs/projects.md):
 *
 *   required → stored | exempt | deferred | permit_cancelled
 *   deferred → stored (the deferral completed) | permit_cancelled
 *   stored   → returned | permit_cancelled; draw / top_up keep it stored
 *   permit_cancelled → returned
 *
 * A draw pays arrears on a claim: it is recorded as a recovery of payer `wage_guarantee_deposit`
 * through the casework ledger (so the claim's and the figures' sums follow), in the same
 * transaction that lowers the balance and opens the top-up deadline.
 */
import {
  DEPOSIT_ACTION_LABELS,
  PROJECT_DEPOSIT_STATUS_LABELS,
  formatFen,
  type DepositAction,
  type DepositTransitionBody,
  type ProjectDepositStatus,
  type ProjectDetail,
} from '@huxin/shared'
import { HttpError, notFound, validationFailed } from '../../lib/http-errors'
import { uuidv7 } from '../../lib/ids'
import type { Actor, CaseWork } from '../casework/index'
import type { ProjectInsert, ProjectRow } from './repository'
import { detailOf, findVisibleProject, type ProjectDeps } from './service'

/** From which statuses each action may be taken, and the status it leads to (null: unchanged). */
export const DEPOSIT_TRANSITIONS: Record<DepositAction, { from: readonly ProjectDepositStatus[]; to: ProjectDepositStatus | null }> = {
  store: { from: ['required', 'deferred'], to: 'stored' },
  exempt: { from: ['required'], to: 'exempt' },
  defer: { from: ['required'], to: 'deferred' },
  cancel_permit: { from: ['required', 'deferred', 'stored'], to: 'permit_cancelled' },
  return: { from: ['stored', 'permit_cancelled'], to: 'returned' },
  draw: { from: ['stored'], to: null },
  top_up: { from: ['stored'], to: null },
}

export interface DepositDeps extends ProjectDeps {
  caseWork: CaseWork
}

function illegal(action: DepositAction, status: ProjectDepositStatus): HttpError {
  return new HttpError(409, 'ILLEGAL_TRANSITION', `保证金当前为“${PROJECT_DEPOSIT_STATUS_LABELS[status]}”，不能${DEPOSIT_ACTION_LABELS[action]}`, [
    { field: 'action', message: `${action} not allowed from ${status}` },
  ])
}

export async function transitionDeposit(deps: DepositDeps, actor: Actor, projectId: string, body: DepositTransitionBody): Promise<ProjectDetail> {
  await findVisibleProject(deps, actor, projectId)
  const rule = DEPOSIT_TRANSITIONS[body.action]
  const needsAmount = body.action === 'draw' || body.action === 'top_up'
  const errors: { field: string; message: string }[] = []
  if (needsAmount && body.amountFen === undefined) errors.push({ field: 'amountFen', message: '请填写金额' })
  if (body.action === 'draw' && body.claimId === undefined) errors.push({ field: 'claimId', message: '动用保证金须指明所支付的投诉' })
  if (body.action !== 'draw' && body.claimId !== undefined) errors.push({ field: 'claimId', message: '只有动用保证金时填写' })
  if (errors.length) throw validationFailed(errors)
  if (body.action === 'draw') {
    // The claim must be about this project: filed through it, or against one of its parties.
    const claim = await deps.caseWork.findVisible(body.claimId!, actor)
    const project = (await deps.projects.findById(projectId))!
    const parties = [project.gcKey, project.builderKey]
    if (claim.projectId !== project.id && !parties.includes(claim.employerKey)) {
      throw new HttpError(409, 'CLAIM_NOT_OF_PROJECT', '该投诉与本项目无关，不能动用本项目保证金', [{ field: 'claimId', message: '不属于本项目' }])
    }
  }
  const now = deps.now?.() ?? new Date()
  await deps.projects.db.transaction(async (tx) => {
    const row = await deps.projects.lock(projectId, tx)
    if (!row) throw notFound('项目')
    const from = row.depositStatus as ProjectDepositStatus
    if (!rule.from.includes(from)) throw illegal(body.action, from)
    const set = changesOf(deps, row, body, now)
    let recoveryId: string | null = null
    if (body.action === 'draw') {
      const amount = body.amountFen!
      if (amount > row.depositBalanceFen) {
        throw new HttpError(409, 'DEPOSIT_INSUFFICIENT', `保证金余额 ${formatFen(row.depositBalanceFen)} 元，不足 ${formatFen(amount)} 元`, [
          { field: 'amountFen', message: '超过余额' },
        ])
      }
      const recovery = await deps.caseWork.recordRecovery(
        body.claimId!,
        actor,
        {
          kind: 'wages',
          amountFen: amount,
          paidAt: now.toISOString(),
          payer: 'wage_guarantee_deposit',
          note: `动用“${row.name}”工资保证金${body.note ? `：${body.note.trim()}` : ''}`,
        },
        tx,
      )
      recoveryId = recovery.id
    }
    await deps.projects.update(projectId, set, tx)
    await deps.projects.insertEvent(
      {
        id: uuidv7(now.getTime()),
        projectId,
        action: body.action,
        fromStatus: from,
        toStatus: set.depositStatus ?? from,
        amountFen: body.amountFen ?? (body.action === 'store' ? (set.depositAmountFen ?? null) : null),
        balanceFen: set.depositBalanceFen ?? row.depositBalanceFen,
        claimId: body.claimId ?? null,
        recoveryId,
        note: body.note?.trim() || null,
        actorId: actor.id,
        createdAt: now,
      },
      tx,
    )
  })
  return detailOf(deps, (await deps.projects.findById(projectId))!)
}

function changesOf(deps: ProjectDeps, row: ProjectRow, body: DepositTransitionBody, now: Date): Partial<ProjectInsert> {
  const to = DEPOSIT_TRANSITIONS[body.action].to
  const set: Partial<ProjectInsert> = to ? { depositStatus: to } : {}
  switch (body.action) {
    case 'store': {
      const amount = body.amountFen ?? row.depositAmountFen
      const form = body.form ?? row.depositForm
      const errors: { field: string; message: string }[] = []
      if (!amount) errors.push({ field: 'amountFen', message: '请填写存储金额' })
      if (!form) errors.push({ field: 'form', message: '请选择存储形式（现金、银行保函、工资保证保险）' })
      if (errors.length) throw validationFailed(errors)
      return { ...set, depositAmountFen: amount, depositBalanceFen: amount, depositForm: form, depositStoredAt: now }
    }
    case 'exempt':
      return { ...set, depositExemptAt: now }
    case 'defer':
      return { ...set, depositDeferredAt: now }
    case 'cancel_permit':
      return { ...set, depositCancelledAt: now }
    case 'return':
      return { ...set, depositBalanceFen: 0, depositTopUpDueAt: null, depositReturnedAt: now }
    case 'draw': {
      const due = deps.calendar.addWorkingDays(now, deps.settings.topUpWorkingDays)
      return { depositBalanceFen: Math.max(0, row.depositBalanceFen - body.amountFen!), depositTopUpDueAt: due.dueAt }
    }
    case 'top_up': {
      const balance = row.depositBalanceFen + body.amountFen!
      return { depositBalanceFen: balance, depositTopUpDueAt: balance >= row.depositAmountFen ? null : row.depositTopUpDueAt }
    }
  }
}
