/**
 * The worker's check of a payment the inspector recorded: the amount in figures and in 大写, then
 * 确认收到 / 没收到 / 金额不对. The last two ask what happened and file a dispute that reaches the
 * inspector (POST /api/v1/claims/:id/recoveries/:recoveryId/dispute).
 *
 * BROWSER-TEST SELECTORS: #recovery-dialog, #recovery-dialog-figures, #recovery-dialog-words,
 * #recovery-received (确认收到), #recovery-not-received (没收到), #recovery-wrong-amount (金额不对),
 * #dispute-note textarea, #dispute-submit, #dispute-back, #recovery-dialog-close, #recovery-dialog-error
 */
import { View } from '@tarojs/components'
import { useState } from 'react'
import { fenToChineseWords } from '@huxin/shared/domain/money-words'
import { formatFen } from '@huxin/shared/domain/money'
import { ActionButton } from '../../../components/action-button'
import { TextField } from '../../../components/text-field'

export type DisputeKind = 'not_received' | 'wrong_amount'

export interface RecoveryDialogProps {
  text: string
  amountFen: number
  busy: boolean
  error: string | undefined
  onConfirm: () => void
  onDispute: (kind: DisputeKind, note: string) => void
  onClose: () => void
}

const QUESTION: Record<DisputeKind, { title: string; label: string; placeholder: string }> = {
  not_received: { title: '没收到这笔钱', label: '请说说情况', placeholder: '例如：到现在银行卡里还没有这笔钱' },
  wrong_amount: { title: '金额不对', label: '实际收到多少？请说说情况', placeholder: '例如：只收到 4,000 元' },
}

export function RecoveryDialog({ text, amountFen, busy, error, onConfirm, onDispute, onClose }: RecoveryDialogProps) {
  const [kind, setKind] = useState<DisputeKind | undefined>()
  const [note, setNote] = useState('')
  const [noteError, setNoteError] = useState<string | undefined>()

  function submit() {
    if (!kind) return
    if (note.trim() === '') {
      setNoteError('请写一句情况，方便监察员核实')
      return
    }
    setNoteError(undefined)
    onDispute(kind, note.trim())
  }

  return (
    <View className='dialog-mask'>
      <View className='dialog' id='recovery-dialog' role='dialog' aria-modal='true' aria-labelledby='recovery-dialog-title'>
        <View className='dialog-title' id='recovery-dialog-title' role='heading' aria-level={2}>
          {kind ? QUESTION[kind].title : '这笔钱您收到了吗？'}
        </View>
        <View className='dialog-text'>{text}</View>
        <View className='recovery-dialog-figures' id='recovery-dialog-figures'>
          {formatFen(amountFen)} 元
        </View>
        <View className='recovery-dialog-words' id='recovery-dialog-words'>
          人民币{fenToChineseWords(amountFen)}
        </View>
        {error ? (
          <View className='notice notice--error' id='recovery-dialog-error' role='alert'>
            {error}
          </View>
        ) : null}
        {kind ? (
          <>
            <TextField
              id='dispute-note'
              label={QUESTION[kind].label}
              multiline
              maxLength={1000}
              placeholder={QUESTION[kind].placeholder}
              error={noteError}
              value={note}
              onInput={setNote}
            />
            <ActionButton id='dispute-submit' className='hx-button hx-button--primary dialog-button' busy={busy} onClick={submit}>
              {busy ? '正在提交…' : '告诉监察员'}
            </ActionButton>
            <ActionButton id='dispute-back' className='hx-button hx-button--secondary dialog-button' onClick={() => setKind(undefined)}>
              返回
            </ActionButton>
          </>
        ) : (
          <>
            <ActionButton id='recovery-received' className='hx-button hx-button--primary dialog-button' busy={busy} onClick={onConfirm}>
              {busy ? '正在确认…' : '确认收到'}
            </ActionButton>
            <ActionButton id='recovery-not-received' className='hx-button hx-button--secondary dialog-button' onClick={() => setKind('not_received')}>
              没收到
            </ActionButton>
            <ActionButton id='recovery-wrong-amount' className='hx-button hx-button--secondary dialog-button' onClick={() => setKind('wrong_amount')}>
              金额不对
            </ActionButton>
            <ActionButton id='recovery-dialog-close' className='hx-button hx-button--secondary dialog-button' onClick={onClose}>
              以后再说
            </ActionButton>
          </>
        )}
      </View>
    </View>
  )
}
