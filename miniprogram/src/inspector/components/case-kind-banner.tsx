/**
 * What kind of case this is, on the staff claim page: a worker's complaint says nothing more; a
 * report (举报) shows its kind, "no worker to answer" and the reporter (or 匿名); an inspection its
 * kind and whether it came from a random draw. Also the national platform's own deadline.
 *
 * BROWSER-TEST SELECTORS: #case-kind (text: 举报 · 社会保险 · 无劳动者需答复 …), #case-reporter,
 * #case-national-due
 */
import { View } from '@tarojs/components'
import type { Claim } from '@huxin/shared/schemas/claim'
import { CASE_TYPE_LABELS, REPORT_KIND_LABELS, type ReportKind } from '@huxin/shared/domain/report-kinds'
import { formatShanghaiDate } from '../../lib/dates'
import './case-kind.css'

/** A report or inspection about something other than wages has no wage money to show. */
export const hidesMoney = (claim: Pick<Claim, 'caseType' | 'reportKind'>) =>
  claim.caseType !== undefined && claim.caseType !== 'complaint' && claim.reportKind !== 'wages'

export function CaseKindBanner({ claim }: { claim: Claim }) {
  const type = claim.caseType ?? 'complaint'
  const kind = claim.reportKind ? REPORT_KIND_LABELS[claim.reportKind as ReportKind] : undefined
  const nationalDue = claim.nationalDueAt ? formatShanghaiDate(claim.nationalDueAt) : undefined
  if (type === 'complaint' && !nationalDue) return null
  return (
    <View className='inspector-card case-kind-card'>
      {type !== 'complaint' ? (
        <View className='case-kind' id='case-kind'>
          {CASE_TYPE_LABELS[type]}
          {kind ? ` · ${kind}` : ''} · 无劳动者需答复
          {type === 'inspection' ? (claim.inspectionDrawId ? ' · 随机抽查' : ' · 人工确定') : ''}
        </View>
      ) : null}
      {type === 'report' ? (
        <View className='inspector-muted' id='case-reporter'>
          {claim.anonymous
            ? '匿名举报：不留举报人信息'
            : `举报人：${claim.reporter?.name ?? '未留姓名'}${claim.reporter?.phoneMasked ? ` ${claim.reporter.phoneMasked}` : ''}`}
        </View>
      ) : null}
      {nationalDue ? (
        <View className='inspector-muted' id='case-national-due'>
          全国根治欠薪线索反映平台办理期限：{nationalDue}
        </View>
      ) : null}
    </View>
  )
}
