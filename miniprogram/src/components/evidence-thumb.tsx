import { Image, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Attachment } from '@huxin/shared'
import { api } from '../api'
import { photoStore } from '../lib/photos'
import './evidence.css'

export interface EvidenceThumbProps {
  claimId: string
  attachment: Attachment
  /** Called with the local file once loaded (for the full-screen preview). */
  onLoaded?: (attachmentId: string, path: string) => void
  onOpen?: (attachmentId: string) => void
}

type State = { kind: 'loading' } | { kind: 'shown'; path: string } | { kind: 'failed' }

/**
 * One piece of evidence of a claim. The file needs the Bearer token, so it cannot be an <Image>
 * URL: it is downloaded through the API client (blob: URL in H5, temp file in WeChat) and shown
 * from there. PDFs show as a labelled tile.
 */
export function EvidenceThumb({ claimId, attachment, onLoaded, onOpen }: EvidenceThumbProps) {
  const isImage = attachment.mime.startsWith('image/') && attachment.mime !== 'image/heic'
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (!isImage) return
    let alive = true
    let loaded: string | undefined
    setState({ kind: 'loading' })
    api.downloadAttachment(claimId, attachment.id).then(
      (path) => {
        loaded = path
        if (!alive) {
          photoStore.forget(path)
          return
        }
        setState({ kind: 'shown', path })
        onLoaded?.(attachment.id, path)
      },
      () => {
        if (alive) setState({ kind: 'failed' })
      },
    )
    return () => {
      alive = false
      if (loaded) photoStore.forget(loaded)
    }
    // onLoaded is left out on purpose: a parent's new callback each render must not download again.
  }, [claimId, attachment.id, isImage, attempt])

  if (!isImage) {
    return (
      <View className='evidence-thumb evidence-thumb--file'>
        {attachment.mime === 'application/pdf' ? 'PDF 文件' : '照片（HEIC）'}
      </View>
    )
  }
  if (state.kind === 'shown') {
    return (
      <View className='evidence-thumb' onClick={() => onOpen?.(attachment.id)}>
        <Image className='evidence-image' src={state.path} mode='aspectFill' />
      </View>
    )
  }
  if (state.kind === 'failed') {
    return (
      <View className='evidence-thumb evidence-thumb--file' onClick={() => setAttempt((n) => n + 1)}>
        没加载出来，点这里重试
      </View>
    )
  }
  return <View className='evidence-thumb evidence-thumb--file'>正在加载…</View>
}
