/**
 * Page addresses of the app and where to go after signing in. Pure (no Taro), unit-tested in
 * test/routes.test.ts.
 */

export const PAGES = {
  newClaim: '/pages/claims/new/index',
  myClaims: '/pages/claims/mine/index',
  claimDetail: '/pages/claims/detail/index',
  login: '/pages/login/index',
  privacy: '/pages/privacy/index',
  helpMap: '/pages/help/map/index',
  helpDetail: '/pages/help/detail/index',
  report: '/pages/report/index',
} as const

/** The tabBar pages (app.config.ts): reached with switchTab, which takes no query string. */
export const TAB_PAGES: readonly string[] = [PAGES.newClaim, PAGES.myClaims, PAGES.helpMap]

/** `/pages/x/index?id=1` → `/pages/x/index`; adds the leading slash WeChat's `route` lacks. */
export function pathOf(url: string): string {
  const path = url.split('?')[0] ?? ''
  return path.startsWith('/') ? path : `/${path}`
}

export function isTabPage(url: string): boolean {
  return TAB_PAGES.includes(pathOf(url))
}

export function isLoginPage(url: string): boolean {
  return pathOf(url) === PAGES.login
}

const KNOWN: readonly string[] = Object.values(PAGES)

/**
 * Where the sign-in page may send the worker back to: one of this app's pages (never the sign-in
 * page itself), else the claim form.
 */
export function safeReturnTarget(raw: string | undefined): string {
  if (!raw) return PAGES.newClaim
  let url = raw
  try {
    url = decodeURIComponent(raw)
  } catch {
    return PAGES.newClaim
  }
  if (!url.startsWith('/')) url = `/${url}`
  const path = pathOf(url)
  if (!KNOWN.includes(path) || path === PAGES.login) return PAGES.newClaim
  return isTabPage(path) ? path : url
}

export function loginUrl(returnTo?: string): string {
  return returnTo ? `${PAGES.login}?returnTo=${encodeURIComponent(returnTo)}` : PAGES.login
}

export function claimDetailUrl(id: string): string {
  return `${PAGES.claimDetail}?id=${encodeURIComponent(id)}`
}

export function helpDetailUrl(id: string): string {
  return `${PAGES.helpDetail}?id=${encodeURIComponent(id)}`
}

/** `route` of a page (no leading slash in WeChat, sometimes with it in H5) plus its options. */
export function pageUrl(route: string, options: Record<string, string | undefined> = {}): string {
  const path = route.startsWith('/') ? route : `/${route}`
  const query = Object.entries(options)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0] !== '$taroTimestamp')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join('&')
  return query === '' ? path : `${path}?${query}`
}
