/**
 * 护薪隐私政策 — what the app collects, why, for how long and where (PIPL Art. 17: plain language,
 * before collecting). Shown from the sign-in page and the claim wizard. Its version is
 * PRIVACY_POLICY_VERSION (shared/domain/claim-rules): every claim records the version agreed to.
 *
 * BROWSER-TEST SELECTORS: #privacy-policy (the text), #privacy-version (the version), #privacy-back
 */
import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { PRIVACY_POLICY_VERSION } from '@huxin/shared/domain/claim-rules'
import { goTo } from '../../lib/navigation'
import { PAGES } from '../../lib/routes'
import './index.css'

interface Section {
  title: string
  items: string[]
}

const SECTIONS: Section[] = [
  {
    title: '我们收集什么、为什么收集',
    items: [
      '姓名：用来登记投诉，劳动保障监察机构要知道是谁被欠了工资。',
      '手机号：用来登录，以及工作人员联系您、告诉您处理进度。',
      '身份证号码（可以不填）：只有您另外勾选同意后才会收集。它是敏感个人信息，用来核实身份、和用人单位的用工记录对上。不填也能投诉。',
      '欠薪单位、工程项目、欠薪时间和金额、一起被欠薪的工友：处理这件投诉要用。',
      '证据照片（工资条、欠条、考勤照片、聊天截图等）：只作为这件投诉的证据。',
      '位置：只有您自己选择提供工地位置时才会收集，用来确定由哪个镇或街道处理。不提供也能投诉。',
      '“找帮助”里的位置：您同意后，手机把当前位置发给我们，只用来按远近排出附近的维权服务点；不用登录，也不和您的投诉或手机号关联。不同意时可以自己选镇、街道。',
    ],
  },
  {
    title: '谁能看到',
    items: [
      '只有处理您这件投诉的劳动保障监察人员和他们的负责人能看到。',
      '如果您选择“对身份保密”，处理时不会向用人单位透露您的姓名和电话。',
      '除法律规定（例如案件移送公安机关）外，不会提供给其他单位或个人。',
    ],
  },
  {
    title: '保存多久、存在哪里',
    items: [
      '只在处理这件投诉需要的时间内保存；按规定要存档的，存档期满后删除。',
      '所有信息都存放在中国境内的服务器上。',
      '身份证号码加密保存，页面上只显示前四位和后四位。',
    ],
  },
  {
    title: '您的权利',
    items: [
      '您可以查看自己提交的内容和处理进度；案件办结前可以撤回投诉。',
      '您可以随时不再同意；不同意后我们不能继续处理需要这些信息的投诉。',
      '有疑问可以拨打 12333 或到当地劳动保障监察大队咨询。',
    ],
  },
]

export default function PrivacyPage() {
  function back() {
    if (Taro.getCurrentPages().length > 1) {
      void Taro.navigateBack({ delta: 1 }).catch(() => goTo(PAGES.newClaim))
    } else {
      goTo(PAGES.newClaim)
    }
  }

  return (
    <View className='page privacy-page' id='privacy-policy' role='main'>
      <View className='privacy-heading'>护薪隐私政策</View>
      <View className='privacy-version' id='privacy-version'>
        版本：{PRIVACY_POLICY_VERSION}
      </View>
      <View className='privacy-lead'>
        护薪是劳动保障监察机构帮助您追讨欠薪的小程序。下面用简单的话说明：我们收集哪些信息，用来做什么，保存多久。
      </View>
      {SECTIONS.map((section) => (
        <View key={section.title} className='privacy-section'>
          <View className='privacy-section-title'>{section.title}</View>
          {section.items.map((item) => (
            <View key={item} className='privacy-item'>
              {item}
            </View>
          ))}
        </View>
      ))}
      <Button id='privacy-back' className='hx-button hx-button--primary' onClick={back}>
        我看完了，返回
      </Button>
    </View>
  )
}
