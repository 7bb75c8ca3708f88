/**
 * 国家平台同步 — admins watch the sync with the national wage-arrears platform
 * (`#/inspector/sync/index`): queue depth, lag, last pull and push, the messages parked after too
 * many attempts (each with a retry), and an on-demand reconciliation (docs/national-platform.md).
 *
 * BROWSER-TEST SELECTORS: #sync-pending, #sync-failed, #sync-lag, .failed-row (data-id) with
 * .failed-retry, #sync-reconcile, #reconcile-result, #sync-error
 */
import { View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { FailedMessage, ReconciliationReport, SyncStatus } from '@huxin/shared/schemas/national-sync'
import { ApiError } from '../../api/errors'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { formatShanghaiDateTime } from '../../lib/dates'
import { staffApi } from '../api'
import { INSPECTOR_PAGES } from '../routes'
import '../../components/form.css'
import '../inspector.css'

const KIND_LABELS: Record<FailedMessage['kind'], string> = { register: '登记线索', progress: '报告进展', result: '报告结果', ack: '确认收到' }
const when = (iso: string | null) => (iso ? (formatShanghaiDateTime(iso) ?? iso) : '尚无')

export default function SyncPage() {
  const [status, setStatus] = useState<SyncStatus | undefined>()
  const [failed, setFailed] = useState<FailedMessage[]>([])
  const [report, setReport] = useState<ReconciliationReport | undefined>()
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)

  async function load() {
    if (staffApi.session.current()?.user.role !== 'admin') {
      void Taro.redirectTo({ url: INSPECTOR_PAGES.login })
      return
    }
    try {
      const [s, f] = await Promise.all([
        staffApi.call<SyncStatus>('GET', '/api/v1/admin/sync'),
        staffApi.call<{ items: FailedMessage[] }>('GET', '/api/v1/admin/sync/failed'),
      ])
      setStatus(s)
      setFailed(f.items)
      setError(undefined)
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '加载失败，请重试')
    }
  }
  useDidShow(() => {
    void load()
  })

  async function run(work: () => Promise<unknown>) {
    if (busy) return
    setBusy(true)
    try {
      await work()
      await load()
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '操作失败，请重试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page inspector' role='main'>
      <View className='inspector-bar'>
        <Heading className='inspector-title'>国家平台同步</Heading>
        <ActionButton id='sync-back' className='inspector-link' onClick={() => void Taro.redirectTo({ url: INSPECTOR_PAGES.triage })}>
          返回案件
        </ActionButton>
      </View>
      {error ? (
        <View className='notice notice--error' id='sync-error' role='alert'>
          {error}
        </View>
      ) : null}
      {status ? (
        <View className='figure-grid' role='group' aria-label='同步状态'>
          <View className='figure-card'>
            <View className='inspector-muted'>待发送</View>
            <View className='figure-value' id='sync-pending'>
              {status.outboxPending}
            </View>
          </View>
          <View className='figure-card'>
            <View className='inspector-muted'>发送失败（待人工重试）</View>
            <View className='figure-value' id='sync-failed'>
              {status.failed}
            </View>
          </View>
          <View className='figure-card'>
            <View className='inspector-muted'>积压时长</View>
            <View className='figure-value' id='sync-lag'>
              {status.lagSeconds} 秒
            </View>
          </View>
          <View className='figure-card'>
            <View className='inspector-muted'>最近拉取 / 最近发送</View>
            <View className='fact'>{when(status.lastPullAt)}</View>
            <View className='fact'>{when(status.lastPushAt)}</View>
          </View>
        </View>
      ) : null}

      <View className='inspector-card'>
        <Heading level={2} className='inspector-heading'>
          发送失败的消息
        </Heading>
        {failed.length === 0 ? <View className='inspector-muted'>没有失败的消息</View> : null}
        {failed.map((m) => (
          <View key={m.id} className='account-row failed-row' data-id={String(m.id)}>
            <View>
              <View className='triage-reference'>
                {KIND_LABELS[m.kind]} · 第 {m.seq} 条 · 已尝试 {m.attempts} 次
              </View>
              <View className='inspector-muted'>
                {when(m.createdAt)} · {m.lastError ?? ''}
              </View>
            </View>
            <ActionButton
              className='inspector-link failed-retry'
              label={`重试第 ${m.seq} 条（${KIND_LABELS[m.kind]}）`}
              busy={busy}
              onClick={() => void run(() => staffApi.call('POST', `/api/v1/admin/sync/failed/${m.id}/retry`, {}))}
            >
              重试
            </ActionButton>
          </View>
        ))}
      </View>

      <View className='inspector-card'>
        <Heading level={2} className='inspector-heading'>
          对账
        </Heading>
        <ActionButton
          id='sync-reconcile'
          className='hx-button hx-button--secondary'
          busy={busy}
          onClick={() => void run(async () => setReport(await staffApi.call<ReconciliationReport>('POST', '/api/v1/admin/sync/reconcile', {})))}
        >
          {busy ? '正在对账…' : '立即对账'}
        </ActionButton>
        {report ? (
          <View id='reconcile-result' aria-live='polite'>
            <View className='fact'>
              {when(report.checkedAt)}：平台 {report.platformClues} 条，本地 {report.localClues} 条，途中 {report.inFlight} 条，
              不一致 {report.mismatches.length} 处
            </View>
            {report.mismatches.map((m) => (
              <View key={`${m.kind}-${m.clueId}`} className='staff-event'>
                {m.kind} · 线索 {m.clueId} · 本地 {m.local ?? '—'} · 平台 {m.platform ?? '—'}
              </View>
            ))}
          </View>
        ) : null}
      </View>
    </View>
  )
}
