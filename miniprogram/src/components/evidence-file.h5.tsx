import { View } from '@tarojs/components'
import { ActionButton } from './action-button'
import { useEffect, useRef, useState } from 'react'
import { evidenceFileLabel, type EvidenceFileProps } from './evidence-file.types'
import './evidence.css'

/**
 * H5: the file needs the Bearer token, so a plain link cannot fetch it. The tab is opened at the
 * click itself (a tab opened after the download would be taken for a pop-up and blocked), then
 * pointed at the downloaded blob: URL; the URL is freed when this page goes away.
 */
export function EvidenceFile({ claimId, attachment, download }: EvidenceFileProps) {
  const [url, setUrl] = useState<string | undefined>()
  const [state, setState] = useState<'idle' | 'loading' | 'failed' | 'blocked'>('idle')
  const urlRef = useRef<string | undefined>()

  useEffect(
    () => () => {
      if (urlRef.current) URL.revokeObjectURL(urlRef.current)
    },
    [],
  )

  async function open() {
    if (url) {
      if (!window.open(url, '_blank')) setState('blocked')
      return
    }
    const tab = window.open('', '_blank')
    setState('loading')
    try {
      const path = await download(claimId, attachment.id)
      urlRef.current = path
      setUrl(path)
      if (tab && !tab.closed) {
        tab.location.href = path
        setState('idle')
      } else {
        setState('blocked')
      }
    } catch {
      tab?.close()
      setState('failed')
    }
  }

  const label = evidenceFileLabel(attachment)
  // The spoken name starts with the visible words (WCAG 2.5.3, label in name).
  const words = state === 'loading' ? '正在打开…' : '打开文件'
  return (
    <View className='evidence-file'>
      <View className='evidence-file-name'>{label}</View>
      {/* A native button (action-button.types.ts): Taro's H5 <Button> is not reachable by Tab. */}
      <ActionButton className='hx-button hx-button--secondary evidence-file-open' label={`${words}：${label}`} onClick={() => void open()}>
        {words}
      </ActionButton>
      {state === 'failed' ? <View className='field-error'>没能打开，请重试</View> : null}
      {state === 'blocked' && url ? (
        <a className='evidence-file-link' href={url} target='_blank' rel='noopener noreferrer'>
          浏览器拦截了新窗口：点这里打开
        </a>
      ) : null}
    </View>
  )
}
