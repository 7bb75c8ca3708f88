/**
 * What the desk needs on top of a claim (issue 14), in one element for the claim page: the
 * confidentiality banner, the priority as 高/中/低 with its reasons (GET /api/v1/triage/claims/:id),
 * the industry, the period, the worker's contact (masked; the full number only where the server
 * sent it — the assignee and above, logged by the server — and shown on request) and the
 * co-workers the claimant named. `backToDesk` is the claim page's 返回待办案件 (#claim-back): back
 * to the desk as it was left.
 *
 * BROWSER-TEST SELECTORS: #claim-desk-facts, #claim-confidential, #claim-priority (data-level),
 * .claim-priority-reason, #claim-industry, #claim-period, #claim-contact, #claim-contact-reveal,
 * #claim-coworkers with .claim-coworker
 */
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { INDUSTRY_LABELS, type Industry } from '@huxin/shared/domain/claim-status'
import { priorityView, type PriorityView } from '@huxin/shared/domain/triage-priority'
import type { ClaimDetail } from '@huxin/shared/schemas/claim'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { inspectorApi } from '../api'
import { periodText } from '../format'
import { INSPECTOR_PAGES } from '../routes'
import { ConfidentialBanner } from './confidential-banner'
import './claim-desk-facts.css'

/** Back to the desk: the page below when the claim was opened from it (its state kept), else the desk anew. */
export function backToDesk() {
  if (Taro.getCurrentPages().length > 1) void Taro.navigateBack().catch(() => Taro.redirectTo({ url: INSPECTOR_PAGES.triage }))
  else void Taro.redirectTo({ url: INSPECTOR_PAGES.triage })
}

export function ClaimDeskFacts({ claim }: { claim: ClaimDetail }) {
  const [priority, setPriority] = useState<PriorityView | undefined>()
  const [revealed, setRevealed] = useState(false)

  useEffect(() => {
    let live = true
    inspectorApi
      .claimPriority(claim.id)
      .then((p) => live && setPriority(priorityView(p)))
      .catch(() => live && setPriority(undefined))
    return () => {
      live = false
    }
  }, [claim.id, claim.status, claim.assigneeId])

  const fullPhone = claim.claimant.phone
  const phone = revealed && fullPhone ? fullPhone : (claim.claimant.phoneMasked ?? fullPhone)
  return (
    <View className='inspector-card claim-desk-facts' id='claim-desk-facts'>
      <ConfidentialBanner confidential={claim.confidential} />
      <Heading level={2} className='inspector-heading'>
        案情要点
      </Heading>
      {priority ? (
        <View className='fact'>
          优先级：
          <View className={`claim-priority claim-priority--${priority.level}`} id='claim-priority' data-level={priority.level}>
            {priority.label}
          </View>
          {priority.reasons.map((reason) => (
            <View key={reason} className='reason-chip claim-priority-reason'>
              {reason}
            </View>
          ))}
        </View>
      ) : null}
      <View className='fact' id='claim-industry'>
        行业：{INDUSTRY_LABELS[claim.industry as Industry] ?? claim.industry}
      </View>
      <View className='fact' id='claim-period'>
        欠薪期间：{periodText(claim.periodFrom, claim.periodTo)}
      </View>
      <View className='fact' id='claim-contact'>
        投诉人联系方式：{claim.claimant.name} {phone ?? '未留电话'}
        {fullPhone && !revealed ? (
          <ActionButton id='claim-contact-reveal' className='inspector-link claim-reveal' onClick={() => setRevealed(true)}>
            显示完整号码
          </ActionButton>
        ) : null}
      </View>
      {fullPhone ? <View className='inspector-muted'>完整号码仅承办人及以上可见，每次查阅均已记录。</View> : null}
      <View className='fact'>同案工友（{claim.coWorkers.length} 人）：</View>
      {claim.coWorkers.length > 0 ? (
        <View className='claim-coworkers' id='claim-coworkers' role='list'>
          {claim.coWorkers.map((worker, index) => (
            <View key={`${worker.name}-${index}`} className='claim-coworker' role='listitem'>
              {worker.name}
              {worker.phoneMasked ? ` ${worker.phoneMasked}` : ''}
            </View>
          ))}
        </View>
      ) : (
        <View className='inspector-muted' id='claim-coworkers'>
          投诉人没有填写工友
        </View>
      )}
    </View>
  )
}
