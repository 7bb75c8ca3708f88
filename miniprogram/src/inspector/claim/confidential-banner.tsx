/**
 * The banner a claim shows staff when the worker asked for confidentiality (issue 14): the
 * employer must not learn who complained. BROWSER-TEST SELECTOR: #claim-confidential
 */
import { View } from '@tarojs/components'

export const CONFIDENTIAL_TEXT = '投诉人要求保密：不得向用人单位透露其姓名、电话'

export function ConfidentialBanner({ confidential }: { confidential: boolean }) {
  if (!confidential) return null
  return (
    <View className='notice claim-confidential' id='claim-confidential' role='note' aria-label='保密提示'>
      {CONFIDENTIAL_TEXT}
    </View>
  )
}
