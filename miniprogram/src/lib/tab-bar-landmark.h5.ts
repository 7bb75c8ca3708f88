/**
 * H5: Taro draws the tab bar (`taro-tabbar`) outside every page, so a screen reader found it in no
 * landmark (axe: region). Once it exists it becomes the app's navigation landmark, named 主导航.
 */
export function labelTabBar(): void {
  if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return
  const label = (): boolean => {
    const bar = document.querySelector('taro-tabbar')
    if (!bar) return false
    bar.setAttribute('role', 'navigation')
    bar.setAttribute('aria-label', '主导航')
    return true
  }
  if (label()) return
  const observer = new MutationObserver(() => {
    if (label()) observer.disconnect()
  })
  observer.observe(document.documentElement, { childList: true, subtree: true })
}
