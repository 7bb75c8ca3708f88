/**
 * The phone layout of the queue (< 1024 px and WeChat): one card per claim with its priority
 * (高/中/低 and why), the confidentiality mark, and the deadline as a Shanghai date and days left.
 *
 * BROWSER-TEST SELECTORS: .triage-item (data-reference), .triage-priority, .reason-chip, .triage-confidential
 */
import { View } from '@tarojs/components'
import { CLAIM_STATUS_LABELS, type ClaimStatus } from '@huxin/shared/domain/claim-status'
import { priorityView } from '@huxin/shared/domain/triage-priority'
import { workingDaysText } from '../case'
import { holderText, shanghaiDay } from '../format'
import { triageFacts } from '../components/intake-link'
import type { Row } from './desk-state'

export function TriageCards({ rows, me, onOpen }: { rows: Row[]; me: string | undefined; onOpen: (row: Row) => void }) {
  return (
    <View className='triage-list' role='list'>
      {rows.map((row) => {
        const view = row.priority !== undefined && row.reasons ? priorityView({ priority: row.priority, reasons: row.reasons }) : undefined
        const due = row.reasons?.find((r) => r.code === 'deadline' || r.code === 'overdue')
        return (
          <View key={row.id} className='triage-item' role='listitem' data-reference={row.reference} onClick={() => onOpen(row)}>
            <View className='triage-head'>
              <View className='triage-reference'>{row.reference}</View>
              {view ? <View className={`triage-priority triage-priority--${view.level}`}>优先级 {view.label}</View> : null}
              <View className='triage-status'>{CLAIM_STATUS_LABELS[row.status as ClaimStatus] ?? row.status}</View>
              {row.confidential ? <View className='triage-confidential reason-chip'>投诉人要求保密</View> : null}
            </View>
            <View className='triage-employer'>{row.employer.name}</View>
            <View className='triage-facts'>
              {triageFacts(row)}
              {row.isGroupCase ? ' · 群体性' : ''} · {holderText(row.assigneeId, me)}
            </View>
            <View className='triage-facts'>
              受理期限 {shanghaiDay(row.acceptDueAt)}
              {due ? `（${workingDaysText(due.workingDaysLeft) ?? ''}）` : ''}
            </View>
            {view && view.reasons.length > 0 ? (
              <View className='triage-reasons'>
                {view.reasons.map((label) => (
                  <View key={label} className='reason-chip'>
                    {label}
                  </View>
                ))}
              </View>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}
