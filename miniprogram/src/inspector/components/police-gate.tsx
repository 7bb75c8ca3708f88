/**
 * 移送公安的条件 — under the documents, on a wage case ordered to pay: whether the police transfer
 * of 刑法 Art. 276-1 may go now, and if not, why (the order to pay not served, its deadline not
 * passed, nothing outstanding), in the words of the rule the server applies (shared planTransition).
 *
 * BROWSER-TEST SELECTORS: #police-gate[data-ready="true|false"]
 */
import { View } from '@tarojs/components'
import type { Claim } from '@huxin/shared/schemas/claim'
import type { ClaimStatus } from '@huxin/shared/domain/claim-status'
import { planTransition, POLICE_ON_FACTS_KINDS } from '@huxin/shared/domain/case-workflow'
import { formatShanghaiDate } from '../../lib/dates'

export function PoliceGate({ claim }: { claim: Claim }) {
  if (claim.status !== 'ordered_to_pay' || POLICE_ON_FACTS_KINDS.includes(claim.reportKind ?? '')) return null
  const date = (at: string | undefined) => (at ? new Date(at) : null)
  const plan = planTransition(
    {
      status: claim.status as ClaimStatus,
      acceptedAt: date(claim.acceptedAt),
      extendedAt: date(claim.extendedAt),
      orderServedAt: date(claim.orderServedAt),
      orderPayDueAt: date(claim.orderPayDueAt),
      outstandingFen: claim.outstandingFen,
      blacklistAppliedAt: date(claim.blacklistAppliedAt),
    },
    'transfer_police',
    'inspector',
    // The proof of non-payment is asked for in the transfer's own dialog.
    { unpaidProof: '—' },
  )
  const lastDay = claim.orderPayDueAt ? formatShanghaiDate(new Date(new Date(claim.orderPayDueAt).getTime() - 1).toISOString()) : undefined
  return (
    <View className={`notice ${plan.ok ? 'notice--info' : 'notice--warning'}`} id='police-gate' data-ready={plan.ok ? 'true' : 'false'}>
      {plan.ok
        ? `可以移送公安：责令支付通知书已送达，支付期限（至 ${lastDay ?? ''}）已过，工资仍未付清（《刑法》第二百七十六条之一）`
        : `暂不能移送公安：${plan.message}`}
    </View>
  )
}
