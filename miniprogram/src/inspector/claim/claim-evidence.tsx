/**
 * 证据 — the claim's evidence on the staff claim page: photos as thumbnails (fetched with the staff
 * token) that open full size in our own viewer, other files (PDF, HEIC) opened in a new tab. Each
 * view is logged by the server. Our own viewer rather than Taro.previewImage: in H5 that pulls
 * Taro's swiper into the page's chunk for a single picture (as on the worker's claim page).
 *
 * BROWSER-TEST SELECTORS: #evidence with .evidence-cell[data-attachment-id]: photos as
 * .evidence-thumb (click → #evidence-viewer, #evidence-viewer-close), other files as
 * .evidence-file with an .evidence-file-open button
 */
import { Image, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { ClaimDetail } from '@huxin/shared/schemas/claim'
import { ActionButton } from '../../components/action-button'
import { EvidenceFile } from '../../components/evidence-file'
import { evidenceFileLabel } from '../../components/evidence-file.types'
import { EvidenceThumb, isViewableImage } from '../../components/evidence-thumb'
import { Heading } from '../../components/heading'
import { staffApi } from '../api'
import '../../components/evidence.css'

export function ClaimEvidence({ claim }: { claim: ClaimDetail }) {
  /** Downloaded evidence photos (blob: URLs in H5; EvidenceThumb frees them when it unmounts). */
  const previews = useRef(new Map<string, string>())
  const [viewing, setViewing] = useState<string | undefined>()
  const attachments = claim.attachments ?? []
  const preview = (attachmentId: string) => {
    const path = previews.current.get(attachmentId)
    if (path) setViewing(path)
  }
  return (
    <View className='inspector-card' id='evidence'>
      <Heading level={2} className='inspector-heading'>
        证据（{attachments.length} 份）
      </Heading>
      {attachments.length === 0 ? <View className='inspector-muted'>没有上传证据</View> : null}
      <View className='evidence-grid evidence-grid--staff'>
        {attachments.map((attachment) => (
          <View key={attachment.id} className='evidence-cell' data-attachment-id={attachment.id}>
            {isViewableImage(attachment) ? (
              <>
                <EvidenceThumb
                  claimId={claim.id}
                  attachment={attachment}
                  download={staffApi.downloadAttachment}
                  onLoaded={(attachmentId, path) => previews.current.set(attachmentId, path)}
                  onOpen={preview}
                />
                <View className='evidence-caption'>{evidenceFileLabel(attachment)}</View>
              </>
            ) : (
              <EvidenceFile claimId={claim.id} attachment={attachment} download={staffApi.downloadAttachment} />
            )}
          </View>
        ))}
      </View>
      {attachments.length > 0 ? <View className='inspector-muted'>每次查看证据都会记入个人信息查阅记录。</View> : null}
      {viewing ? (
        <View className='viewer' id='evidence-viewer' role='dialog' aria-label='证据原图' onClick={() => setViewing(undefined)}>
          <Image className='viewer-image' src={viewing} mode='aspectFit' ariaLabel='证据原图' nativeProps={{ alt: '证据原图' }} />
          <ActionButton id='evidence-viewer-close' className='inspector-link viewer-close-button' onClick={() => setViewing(undefined)}>
            关闭（点任意处也可关闭）
          </ActionButton>
        </View>
      ) : null}
    </View>
  )
}
