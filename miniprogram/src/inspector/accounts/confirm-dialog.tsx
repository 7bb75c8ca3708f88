/**
 * A confirmation before an act on an account that locks someone out or changes how they sign in
 * (disable, enable, reset the second factor): says what will happen, 确定 / 取消. Focus moves to
 * 取消 when it opens (the safe choice).
 *
 * BROWSER-TEST SELECTORS: #confirm-dialog, #confirm-text, #confirm-ok, #confirm-cancel
 */
import { View } from '@tarojs/components'
import { ActionButton } from '../../components/action-button'
import { Heading } from '../../components/heading'
import { useFocusOnOpen } from './focus-on-open'

export interface Confirmation {
  title: string
  text: string
  confirmLabel: string
  run: () => Promise<void> | void
}

export function ConfirmDialog({ confirmation, busy, onClose }: { confirmation: Confirmation; busy: boolean; onClose: () => void }) {
  useFocusOnOpen('confirm-cancel')
  return (
    <View className='dialog-mask'>
      <View className='dialog' id='confirm-dialog' role='dialog' aria-modal='true' aria-labelledby='confirm-title' aria-describedby='confirm-text'>
        <Heading level={2} id='confirm-title' className='dialog-title'>
          {confirmation.title}
        </Heading>
        <View className='fact' id='confirm-text'>
          {confirmation.text}
        </View>
        <View className='inspector-actions dialog-actions'>
          <ActionButton id='confirm-ok' className='hx-button hx-button--primary' busy={busy} onClick={() => void confirmation.run()}>
            {busy ? '正在办理…' : confirmation.confirmLabel}
          </ActionButton>
          <ActionButton id='confirm-cancel' className='hx-button hx-button--secondary' onClick={onClose}>
            取消
          </ActionButton>
        </View>
      </View>
    </View>
  )
}
