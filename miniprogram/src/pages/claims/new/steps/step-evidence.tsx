import { Image, View } from '@tarojs/components'
import { ActionButton } from '../../../../components/action-button'
import { Field } from '../../../../components/field'
import { Heading } from '../../../../components/heading'
import { TextField } from '../../../../components/text-field'
import { photoStore } from '../../../../lib/photos'
import type { PhotoSource } from '../../../../lib/photos.types'
import { MAX_PHOTOS } from '../form'
import { photosLeft } from '../wizard'
import type { StepProps } from './types'

export interface StepEvidenceProps extends StepProps {
  photoNotice: string | undefined
  onChoose: (source: PhotoSource) => void
  onRemove: (photoId: string) => void
}

/** Step 4 说明和证据: what happened, and photos of pay slips, IOUs, chats (sent after the claim). */
export function StepEvidence({ draft, err, update, photoNotice, onChoose, onRemove }: StepEvidenceProps) {
  const full = photosLeft(draft) === 0
  return (
    <View id='step-4'>
      <Heading level={2} className='section-title'>
        说明和证据
      </Heading>
      <TextField
        id='description'
        label='情况说明 *'
        hint='什么时候、在哪里干的活，老板怎么说的'
        multiline
        error={err('description')}
        value={draft.description}
        maxLength={2000}
        placeholder='简单说一说欠薪的经过'
        onInput={(description) => update({ description }, 'description')}
      />
      <Field id='photos' label='证据照片' optional hint='工资条、欠条、考勤记录、合同、聊天截图都可以拍下来' error={err('photos')}>
        {draft.photos.length > 0 ? (
          <View className='photo-grid'>
            {draft.photos.map((photo, index) => (
              <View key={photo.id} className='photo-item'>
                <Image
                  className='photo-image'
                  src={photoStore.localUrl(photo.path)}
                  mode='aspectFill'
                  ariaLabel={`证据照片 ${index + 1}`}
                  nativeProps={{ alt: `证据照片 ${index + 1}` }}
                />
                <ActionButton className='photo-remove' label={`删除第 ${index + 1} 张照片`} onClick={() => onRemove(photo.id)}>
                  删除
                </ActionButton>
              </View>
            ))}
          </View>
        ) : null}
        <View className='photo-count' id='photo-count' aria-live='polite'>
          已选 {draft.photos.length} 张，最多 {MAX_PHOTOS} 张
        </View>
        {photoNotice ? (
          <View className='notice notice--error' id='photos-notice' role='alert'>
            {photoNotice}
          </View>
        ) : null}
        <View className='photo-buttons'>
          <ActionButton id='photo-camera' className='hx-button hx-button--secondary photo-button' busy={full} onClick={() => onChoose('camera')}>
            拍照
          </ActionButton>
          <ActionButton id='photo-album' className='hx-button hx-button--secondary photo-button' busy={full} onClick={() => onChoose('album')}>
            从相册选
          </ActionButton>
        </View>
        <View className='field-hint photo-tip'>没有照片也可以投诉。照片会在提交投诉后上传。</View>
      </Field>
    </View>
  )
}
