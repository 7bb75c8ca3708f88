import { Button, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { evidenceFileLabel, type EvidenceFileProps } from './evidence-file.types'
import './evidence.css'

/** WeChat: download to a temp file with the token, then its document viewer (PDF). */
export function EvidenceFile({ claimId, attachment, download }: EvidenceFileProps) {
  const [state, setState] = useState<'idle' | 'loading' | 'failed'>('idle')
  const isPdf = attachment.mime === 'application/pdf'

  async function open() {
    setState('loading')
    try {
      const path = await download(claimId, attachment.id)
      if (isPdf) await Taro.openDocument({ filePath: path, fileType: 'pdf' })
      else await Taro.previewImage({ urls: [path] })
      setState('idle')
    } catch {
      setState('failed')
    }
  }

  const label = evidenceFileLabel(attachment)
  return (
    <View className='evidence-file'>
      <View className='evidence-file-name'>{label}</View>
      <Button className='hx-button hx-button--secondary evidence-file-open' onClick={() => void open()}>
        {state === 'loading' ? '正在打开…' : '打开文件'}
      </Button>
      {state === 'failed' ? <View className='field-error'>没能打开，请重试</View> : null}
    </View>
  )
}
