/**
 * The dialog of one case action (受理, 不予受理, 责令支付 …) on the staff claim page: a served-on date
 * or proof of non-payment where the action needs one, the note, who will see it, 确定 and 取消.
 * Focus moves to the first box when it opens; a missing note moves focus back to the note, which
 * shows its error; the server's refusal is announced (role="alert").
 *
 * BROWSER-TEST SELECTORS: #transition-dialog with #transition-note textarea, #transition-served-at
 * input, #transition-unpaid-proof textarea, #transition-confirm, #transition-cancel, #transition-error
 */
import { View } from '@tarojs/components'
import { useEffect } from 'react'
import { CASE_ACTION_LABELS, type StaffCaseAction } from '@huxin/shared/domain/case-workflow'
import { ActionButton } from '../../components/action-button'
import { TextField } from '../../components/text-field'
import { Heading } from '../../components/heading'
import { useFocusOnOpen } from '../accounts/focus-on-open'
import type { actionForm } from '../case'

/** The page's words when the note is required and empty: shown on the note itself. */
export const NOTE_REQUIRED = '请填写说明'

interface Props {
  action: StaffCaseAction
  form: ReturnType<typeof actionForm>
  busy: boolean
  error: string | undefined
  values: { note: string; servedOn: string; unpaidProof: string }
  onNote: (value: string) => void
  onServedOn: (value: string) => void
  onUnpaidProof: (value: string) => void
  onConfirm: () => void
  onCancel: () => void
}

export function TransitionDialog({ action, form, busy, error, values, onNote, onServedOn, onUnpaidProof, onConfirm, onCancel }: Props) {
  useFocusOnOpen(form.servedAt ? 'transition-served-at-input' : 'transition-note-input')
  // A missing note: focus goes to the note, which says why (aria-invalid, its error linked).
  useEffect(() => {
    if (error === NOTE_REQUIRED && typeof document !== 'undefined') document.getElementById('transition-note-input')?.focus()
  }, [error])
  return (
    <View className='dialog-mask'>
      <View className='dialog' id='transition-dialog' role='dialog' aria-modal='true' aria-labelledby='transition-title'>
        <Heading level={2} id='transition-title' className='dialog-title'>
          {CASE_ACTION_LABELS[action]}
        </Heading>
        {form.servedAt ? (
          <TextField id='transition-served-at' label='责令支付通知书送达日期（年-月-日）' error={undefined} value={values.servedOn} maxLength={10} onInput={onServedOn} />
        ) : null}
        {form.unpaidProof ? (
          <TextField id='transition-unpaid-proof' label='仍未支付的证明' multiline maxLength={2000} error={undefined} value={values.unpaidProof} onInput={onUnpaidProof} />
        ) : null}
        <TextField id='transition-note' label='说明' optional={!form.noteRequired} multiline maxLength={2000} error={error === NOTE_REQUIRED ? error : undefined} value={values.note} onInput={onNote} />
        <View className='inspector-muted'>{form.workerVisibleByDefault ? '投诉人会看到这一步和说明' : '仅内部可见'}</View>
        {error && error !== NOTE_REQUIRED ? (
          <View className='notice notice--error' id='transition-error' role='alert'>
            {error}
          </View>
        ) : null}
        <ActionButton id='transition-confirm' className='hx-button hx-button--primary' busy={busy} onClick={onConfirm}>
          确定
        </ActionButton>
        <ActionButton id='transition-cancel' className='hx-button hx-button--secondary' onClick={onCancel}>
          取消
        </ActionButton>
      </View>
    </View>
  )
}
