import { Text, View } from '@tarojs/components'
import { ActionButton } from '../../../../components/action-button'
import { Heading } from '../../../../components/heading'
import { formatShanghaiDate } from '../../../../lib/dates'
import { goTo } from '../../../../lib/navigation'
import { PAGES } from '../../../../lib/routes'
import type { LastSuccess } from '../submit'

/** The claim was filed: its reference, the acceptance deadline, the photos sent. */
export function SuccessView({ success, onNew }: { success: LastSuccess; onNew: () => void }) {
  const due = formatShanghaiDate(success.acceptDueAt)
  return (
    <View className='page success' id='claim-success' role='main'>
      <View className='success-mark' aria-hidden='true'>
        ✓
      </View>
      <Heading className='success-title'>提交成功</Heading>
      <View className='success-card'>
        <View className='success-label'>投诉编号</View>
        <Text className='claim-reference' userSelect>
          {success.reference}
        </Text>
        <View className='success-note'>请记下或截图保存这个编号，查询进度时要用。</View>
      </View>
      {due ? (
        <View className='success-card'>
          <View className='success-label'>受理期限</View>
          <View className='success-due' id='accept-due'>
            {due}
            {success.acceptDueProvisional ? '（预计）' : ''}
          </View>
          <View className='success-note'>劳动保障监察机构会在这一天之前告诉您是否受理。</View>
        </View>
      ) : null}
      {success.photosSent > 0 ? (
        <View className='success-photos' id='photos-sent'>
          已上传 {success.photosSent} 张证据照片
        </View>
      ) : null}
      {success.photoProblems.map((problem) => (
        <View key={problem} className='notice notice--error'>
          {problem}
        </View>
      ))}
      {success.earlierVersion ? (
        <View className='notice notice--info'>
          网络中断前，您之前填写的版本已经提交成功，以上是那一次的编号。如需补充内容，请联系劳动保障监察大队。
        </View>
      ) : null}
      <ActionButton id='go-mine' className='hx-button hx-button--primary success-button' onClick={() => goTo(PAGES.myClaims)}>
        查看我的投诉
      </ActionButton>
      <ActionButton id='file-another' className='hx-button hx-button--secondary success-button' onClick={onNew}>
        再投诉一件
      </ActionButton>
    </View>
  )
}
