/**
 * 追回的钱 — the payments recorded on the worker's claim. Each one awaiting the worker opens a
 * check with the amount (figures and 大写): 确认收到, or 没收到 / 金额不对 which tell the inspector.
 *
 * BROWSER-TEST SELECTORS: #recoveries with .recovery-line (.recovery-text e.g. 2026年11月28日 工资 3,000.00 元;
 * .recovery-done 已确认收到, .recovery-reversed 已更正, .recovery-disputed 已告诉监察员,
 * or .recovery-confirm 确认是否收到 which opens #recovery-dialog: see ./recovery-dialog.tsx)
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { ClaimDetail } from '@huxin/shared'
import { api, ApiError } from '../../../api'
import { ActionButton } from '../../../components/action-button'
import { recoveryLines, type RecoveryLine } from './detail'
import { RecoveryDialog, type DisputeKind } from './recovery-dialog'

const failed = (e: unknown) => (e instanceof ApiError ? e.message : '没能提交，请检查网络后再试')

export function RecoveriesCard({ claim, onChanged }: { claim: ClaimDetail; onChanged: () => Promise<void> }) {
  const [checking, setChecking] = useState<RecoveryLine | undefined>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const lines = recoveryLines(claim.recoveries)
  if (lines.length === 0) return null

  async function act(work: () => Promise<unknown>, done: string) {
    if (busy) return
    setBusy(true)
    setError(undefined)
    try {
      await work()
      setChecking(undefined)
      Taro.showToast({ title: done, icon: 'success' }).catch(() => {})
      await onChanged()
    } catch (e) {
      setError(failed(e))
    } finally {
      setBusy(false)
    }
  }

  const base = (line: RecoveryLine) => `/api/v1/claims/${encodeURIComponent(claim.id)}/recoveries/${encodeURIComponent(line.id)}`

  return (
    <View className='detail-card' id='recoveries'>
      <View className='detail-heading' role='heading' aria-level={2}>
        追回的钱
      </View>
      {lines.map((line) => (
        <View key={line.id} className='recovery-line'>
          <Text className={`recovery-text${line.reversed !== undefined ? ' recovery-text--reversed' : ''}`}>{line.text}</Text>
          {line.reversed !== undefined ? (
            <Text className='recovery-reversed'>已更正：{line.reversed || '记录有误'}</Text>
          ) : line.confirmed ? (
            <Text className='recovery-done'>已确认收到</Text>
          ) : line.disputed ? (
            <Text className='recovery-disputed'>您说{line.disputed}，已告诉监察员</Text>
          ) : line.confirmable ? (
            <ActionButton
              id={`confirm-recovery-${line.id}`}
              className='hx-button hx-button--secondary recovery-confirm'
              label={`确认是否收到 ${line.text}`}
              onClick={() => {
                setError(undefined)
                setChecking(line)
              }}
            >
              确认是否收到
            </ActionButton>
          ) : null}
        </View>
      ))}
      {checking ? (
        <RecoveryDialog
          text={checking.text}
          amountFen={checking.amountFen}
          busy={busy}
          error={error}
          onConfirm={() => void act(() => api.confirmRecovery(claim.id, checking.id), '已确认收到')}
          onDispute={(kind: DisputeKind, note: string) =>
            void act(() => api.call('POST', `${base(checking)}/dispute`, { kind, note }), '已告诉监察员')
          }
          onClose={() => setChecking(undefined)}
        />
      ) : null}
    </View>
  )
}
