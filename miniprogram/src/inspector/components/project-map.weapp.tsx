import { View } from '@tarojs/components'
import type { ProjectMapProps } from './project-map.types'

/** No map in the weapp: the projects page's list says everything a marker does. */
export function ProjectMap(_props: ProjectMapProps) {
  return <View className='claim-map-none'>地图请在电脑浏览器中查看。</View>
}
