import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PAGES } from '../lib/routes'
import { ActionButton } from './action-button'

/**
 * 匿名举报 from the help screen: for what is not the worker's own wage claim (a neighbour's child at
 * work, a firm that pays no social insurance), without signing in. BROWSER-TEST SELECTOR: #go-report
 */
export function ReportLink() {
  return (
    <View className='help-report'>
      <ActionButton id='go-report' className='hx-button hx-button--secondary' onClick={() => void Taro.navigateTo({ url: PAGES.report })}>
        匿名举报违法行为
      </ActionButton>
    </View>
  )
}
