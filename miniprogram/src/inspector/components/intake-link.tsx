/**
 * The queue's way to the intake page (登记来件) and the facts line of a queue item: a report or
 * inspection about something other than wages shows its kind and "无劳动者需答复", never
 * "0 人 · 欠薪 0.00 元".
 *
 * BROWSER-TEST SELECTORS: #go-intake
 */
import Taro from '@tarojs/taro'
import { ActionButton } from '../../components/action-button'
import type { Claim } from '@huxin/shared/schemas/claim'
import { CASE_TYPE_LABELS, REPORT_KIND_LABELS, type ReportKind } from '@huxin/shared/domain/report-kinds'
import { townName } from '@huxin/shared/domain/towns'
import { yuan } from '../case'
import { INSPECTOR_PAGES } from '../routes'

export function IntakeLink() {
  return (
    <ActionButton id='go-intake' className='inspector-link' onClick={() => void Taro.navigateTo({ url: INSPECTOR_PAGES.intake })}>
      登记来件
    </ActionButton>
  )
}

export function triageFacts(row: Pick<Claim, 'town' | 'workersCount' | 'amountOwedFen' | 'caseType' | 'reportKind'>): string {
  const town = townName(row.town) ?? row.town
  if (row.caseType === 'report' || row.caseType === 'inspection') {
    const kind = row.reportKind ? REPORT_KIND_LABELS[row.reportKind as ReportKind] : ''
    const money = row.reportKind === 'wages' && row.amountOwedFen > 0 ? ` · 欠薪 ${yuan(row.amountOwedFen)}` : ''
    return `${town} · ${CASE_TYPE_LABELS[row.caseType]}：${kind} · 无劳动者需答复${money}`
  }
  return `${town} · ${row.workersCount} 人 · 欠薪 ${yuan(row.amountOwedFen)}`
}
