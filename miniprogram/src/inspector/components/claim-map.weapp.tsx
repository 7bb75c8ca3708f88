import { View } from '@tarojs/components'
import { useEffect } from 'react'
import type { ClaimMapProps } from './claim-map.types'
import './claim-map.css'

/**
 * The weapp has no claim map: staff use the inspector pages on a desktop browser (H5). The whole
 * first box is reported once so the page lists its claims; the list says everything a marker does.
 */
export function ClaimMap({ initialBox, onViewportChange }: ClaimMapProps) {
  useEffect(() => {
    onViewportChange(initialBox)
    // Once: there is no map to move.
  }, [])
  return (
    <View id='claim-map' className='claim-map-none'>
      地图请在电脑浏览器中查看；下面的列表列出同样的案件。
    </View>
  )
}
