import { describe, expect, it } from 'vitest'
import { claimDetailUrl, isTabPage, loginUrl, pageUrl, PAGES, safeReturnTarget } from '../src/lib/routes'

describe('routes', () => {
  it('knows the tab pages', () => {
    expect(isTabPage('/pages/claims/new/index')).toBe(true)
    expect(isTabPage('pages/claims/mine/index?x=1')).toBe(true)
    expect(isTabPage(PAGES.claimDetail)).toBe(false)
  })

  it('returns after sign-in only to pages of this app, never to the sign-in page', () => {
    expect(safeReturnTarget(undefined)).toBe(PAGES.newClaim)
    expect(safeReturnTarget(encodeURIComponent(claimDetailUrl('abc')))).toBe('/pages/claims/detail/index?id=abc')
    expect(safeReturnTarget('/pages/claims/mine/index?tab=1')).toBe('/pages/claims/mine/index')
    expect(safeReturnTarget('/pages/login/index')).toBe(PAGES.newClaim)
    expect(safeReturnTarget('https://evil.example/x')).toBe(PAGES.newClaim)
    expect(safeReturnTarget('%E0%A4%A')).toBe(PAGES.newClaim)
  })

  it('builds page URLs from a route and its options', () => {
    expect(loginUrl('/pages/claims/detail/index?id=1')).toBe('/pages/login/index?returnTo=%2Fpages%2Fclaims%2Fdetail%2Findex%3Fid%3D1')
    expect(pageUrl('pages/claims/detail/index', { id: 'a b', $taroTimestamp: '1', gone: undefined })).toBe('/pages/claims/detail/index?id=a%20b')
  })
})
