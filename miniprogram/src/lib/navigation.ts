/**
 * Moving between pages with Taro: to the sign-in page and back. Tab pages (claims/new,
 * claims/mine) can only be reached with switchTab.
 */
import Taro from '@tarojs/taro'
import { isLoginPage, isTabPage, loginUrl, pageUrl, pathOf, safeReturnTarget } from './routes'

/** The page on top of the stack, as a URL with its query (undefined before the first page). */
export function currentPageUrl(): string | undefined {
  const pages = Taro.getCurrentPages()
  const page = pages[pages.length - 1]
  if (!page?.route) return undefined
  return pageUrl(page.route, (page.options ?? {}) as Record<string, string | undefined>)
}

let leavingFor: number | undefined

/**
 * Opens the sign-in page, which comes back to `returnTo` (default: the current page). Several
 * failing calls at once open it only once.
 */
export function goToLogin(returnTo: string | undefined = currentPageUrl()): void {
  const here = currentPageUrl()
  if (here !== undefined && isLoginPage(here)) return
  const now = Date.now()
  if (leavingFor !== undefined && now - leavingFor < 1500) return
  leavingFor = now
  Taro.navigateTo({ url: loginUrl(returnTo) }).catch(() => {
    // The page stack is full (10 pages in WeChat): replace the current page instead.
    void Taro.redirectTo({ url: loginUrl(returnTo) }).catch(() => {})
  })
}

/**
 * After signing in: back to where the worker came from. When that page is right below, go back to
 * it (it is still as they left it); otherwise open it in place of the sign-in page.
 */
export function leaveLogin(returnTo: string | undefined): void {
  const target = safeReturnTarget(returnTo)
  const pages = Taro.getCurrentPages()
  const below = pages[pages.length - 2]
  if (below?.route && pathOf(below.route) === pathOf(target)) {
    void Taro.navigateBack({ delta: 1 }).catch(() => goTo(target, true))
    return
  }
  goTo(target, true)
}

/** Opens an app page by URL, with switchTab for tab pages; `replace` closes the current page. */
export function goTo(url: string, replace = false): void {
  if (isTabPage(url)) {
    void Taro.switchTab({ url: pathOf(url) }).catch(() => {})
  } else if (replace) {
    void Taro.redirectTo({ url }).catch(() => {})
  } else {
    Taro.navigateTo({ url }).catch(() => {
      void Taro.redirectTo({ url }).catch(() => {})
    })
  }
}
