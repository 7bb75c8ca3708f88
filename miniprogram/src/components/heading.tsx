import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

/**
 * A page or section heading. Taro's `View` is a `div` in H5 and a `view` in WeChat, neither a
 * heading: `role="heading"` with `aria-level` makes it one for screen readers on both platforms
 * (WeChat's accessibility mode reads ARIA roles of views too).
 */
export function Heading({ level = 1, id, className, children }: { level?: 1 | 2 | 3; id?: string; className?: string; children: ReactNode }) {
  return (
    // No id attribute at all when none is given (Taro would write id="undefined").
    <View {...(id === undefined ? {} : { id })} className={className} role='heading' aria-level={level}>
      {children}
    </View>
  )
}
