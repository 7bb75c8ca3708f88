import { Image, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { Attachment } from '@huxin/shared'
import { api } from '../api'
import { photoStore } from '../lib/photos'
import './evidence.css'

/** Fetches one evidence file with the caller's token into a local path (blob: URL in H5). */
export type DownloadAttachment = (claimId: string, attachmentId: string) => Promise<string>

/** Images the browser or WeChat can draw (HEIC is not one of them outside Apple's). */
export const isViewableImage = (attachment: Pick<Attachment, 'mime'>) =>
  attachment.mime.startsWith('image/') && attachment.mime !== 'image/heic'

export interface EvidenceThumbProps {
  claimId: string
  attachment: Attachment
  /** Whose token fetches it: the worker's client by default; the inspector pages pass the staff one. */
  download?: DownloadAttachment
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
export function EvidenceThumb({ claimId, attachment, download = api.downloadAttachment, onLoaded, onOpen }: EvidenceThumbProps) {
  const isImage = isViewableImage(attachment)
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    if (!isImage) return
    let alive = true
    let loaded: string | undefined
    setState({ kind: 'loading' })
    download(claimId, attachment.id).then(
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
    // onLoaded and download are left out on purpose: a parent's new callback each render must not
    // download again.
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
        <Image
          className='evidence-image'
          src={state.path}
          mode='aspectFill'
          ariaLabel={attachment.fileName ?? '证据照片'}
          // H5: the <img> inside Taro's image element gets the text alternative too.
          nativeProps={{ alt: attachment.fileName ?? '证据照片' }}
        />
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
