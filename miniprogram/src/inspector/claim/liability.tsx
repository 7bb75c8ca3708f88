/**
 * 责任链 — the liability chain of a claim naming a construction project (docs/projects.md): who
 * pays first (Art. 30 general contractor; Art. 36 builder where work went to an unqualified party),
 * the deposit left, the roster match and the payroll of the claimed months.
 *
 * BROWSER-TEST SELECTORS: #liability, .liability-party (data-role), #liability-deposit,
 * #liability-roster (data-on-roster), .liability-month (data-month)
 */
import { View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Liability } from '@huxin/shared/schemas/project'
import { PROJECT_DEPOSIT_STATUS_LABELS } from '@huxin/shared/schemas/project'
import { formatFen } from '@huxin/shared/domain/money'
import { formatMonth } from '@huxin/shared/domain/period'
import { Heading } from '../../components/heading'
import { staffApi } from '../api'
import { shanghaiDay } from '../format'

const ROLE_LABELS: Record<Liability['chain'][number]['role'], string> = {
  builder: '建设单位',
  general_contractor: '施工总承包单位',
  employer: '用人单位',
}

export function LiabilityPanel({ claimId }: { claimId: string }) {
  const [data, setData] = useState<Liability | undefined>()
  useEffect(() => {
    let live = true
    staffApi
      .call<Liability>('GET', `/api/v1/claims/${encodeURIComponent(claimId)}/liability`)
      .then((d) => live && setData(d))
      .catch(() => live && setData(undefined))
    return () => {
      live = false
    }
  }, [claimId])
  if (!data || (!data.project && !data.roster.onRoster)) return null
  return (
    <View className='inspector-card' id='liability'>
      <Heading level={2} className='inspector-heading'>
        责任链{data.project ? `：${data.project.name}` : ''}
      </Heading>
      {data.chain.map((party) => (
        <View key={party.order} className='liability-party' data-role={party.role}>
          {party.order}. {ROLE_LABELS[party.role]} {party.name}
          <View className='inspector-muted'>{party.basis}</View>
        </View>
      ))}
      {data.unqualifiedSubcontractors.length > 0 ? (
        <View className='inspector-muted'>不具备合法经营资格的分包：{data.unqualifiedSubcontractors.join('、')}</View>
      ) : null}
      {data.deposit ? (
        <View id='liability-deposit'>
          工资保证金：{PROJECT_DEPOSIT_STATUS_LABELS[data.deposit.status]}，余额 {formatFen(data.deposit.balanceFen)} 元
          {data.deposit.topUpDueAt ? `，须于 ${shanghaiDay(data.deposit.topUpDueAt)} 前补足` : ''}
        </View>
      ) : null}
      <View id='liability-roster' data-on-roster={data.roster.onRoster ? 'true' : 'false'}>
        {!data.roster.checked
          ? '实名制名册：投诉未填身份证号，无法核对'
          : data.roster.onRoster
            ? `实名制名册：在册（${data.roster.projectName ?? ''} ${data.roster.trade ?? ''}，${data.roster.startedOn ?? ''} 进场）`
            : '实名制名册：未在册'}
      </View>
      {data.payroll.map((m) => (
        <View key={m.month} className='liability-month' data-month={m.month}>
          {formatMonth(m.month)}：{!m.recorded ? '未上传工资发放记录' : m.paidFen === null ? '发放记录中没有该劳动者' : `已发 ${formatFen(m.paidFen)} 元`}
        </View>
      ))}
    </View>
  )
}
