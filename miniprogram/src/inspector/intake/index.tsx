/**
 * 登记来件 — staff enter what did not come through the worker's app (`#/inspector/intake/index`):
 * a claim for a caller, walk-in or letter; a report of any kind; an inspection (by hand or a
 * random draw). Each lands in the same queue as the app's claims (docs/casework.md).
 *
 * BROWSER-TEST SELECTORS: #intake-tab-claim, #intake-tab-report, #intake-tab-inspection, then each
 * form's own (claim-form.tsx, report-form.tsx, inspection-form.tsx)
 */
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { inspectorApi, staffApi } from '../api'
import type { StaffTowns } from './field-blocks'
import { INSPECTOR_PAGES } from '../routes'
import { ClaimIntakeForm } from './claim-form'
import { InspectionIntakeForm } from './inspection-form'
import { ReportIntakeForm } from './report-form'
import '../../components/form.css'
import '../inspector.css'

type Tab = 'claim' | 'report' | 'inspection'
const TABS: { tab: Tab; label: string }[] = [
  { tab: 'claim', label: '代为登记投诉' },
  { tab: 'report', label: '登记举报' },
  { tab: 'inspection', label: '主动检查' },
]

export default function IntakePage() {
  const [tab, setTab] = useState<Tab>('claim')
  useDidShow(() => {
    if (!staffApi.session.isSignedIn()) void Taro.redirectTo({ url: INSPECTOR_PAGES.login })
  })
  const me = staffApi.session.current()?.user
  // The session does not carry the staff member's towns: the server's view of the account does
  // (the jurisdiction the desk counts). A form starts in the town when there is one; with several
  // the staff member picks; when they cannot be read, every town is offered and none chosen.
  const [towns, setTowns] = useState<StaffTowns | undefined>()
  useEffect(() => {
    inspectorApi
      .triageCounts()
      .then((counts) => setTowns({ codes: counts.towns }))
      .catch(() => setTowns({ codes: [] }))
  }, [])
  return (
    <View className='page inspector' role='main'>
      <View className='inspector-bar'>
        <Heading level={1} className='inspector-title'>
          登记来件
        </Heading>
        <ActionButton id='intake-back' className='inspector-link' onClick={() => void Taro.redirectTo({ url: INSPECTOR_PAGES.triage })}>
          返回待办
        </ActionButton>
      </View>
      <View className='inspector-tabs'>
        {TABS.map((t) => (
          <ActionButton
            key={t.tab}
            id={`intake-tab-${t.tab}`}
            pressed={tab === t.tab}
            className={`inspector-tab${tab === t.tab ? ' inspector-tab--on' : ''}`}
            onClick={() => setTab(t.tab)}
          >
            {t.label}
          </ActionButton>
        ))}
      </View>
      {towns ? (
        <View>
          {tab === 'claim' ? <ClaimIntakeForm towns={towns} /> : null}
          {tab === 'report' ? <ReportIntakeForm towns={towns} /> : null}
          {tab === 'inspection' ? <InspectionIntakeForm towns={towns} mayDraw={me?.role === 'supervisor' || me?.role === 'admin'} /> : null}
        </View>
      ) : (
        <View className='inspector-muted' id='intake-loading' role='status'>
          正在读取您负责的街镇…
        </View>
      )}
    </View>
  )
}
