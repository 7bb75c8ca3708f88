/**
 * 我的投诉 — the worker's own claims, newest first (second tab; `#/pages/claims/mine/index` in H5).
 * Reloads each time it is shown and on pull-down; more on reaching the bottom or with 加载更多.
 *
 * BROWSER-TEST SELECTORS (H5 build)
 *   list              #claim-list; rows .claim-item (id `claim-<uuid>`), inside them
 *                     .claim-item-reference, .claim-item-employer, .claim-item-amount (8,000.50 元),
 *                     .claim-item-status (CLAIM_STATUS_LABELS, e.g. 已提交，等待受理); tap → detail
 *   states            #mine-loading (正在加载…), #mine-empty (您还没有提交过投诉) with #mine-file,
 *                     #mine-signed-out with #mine-login, #mine-error with #mine-retry
 *   more              #load-more (加载更多; absent after the last page), #list-end (已经到底了)
 *   sign out          #sign-out (退出登录)
 */
import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { api, ApiError } from '../../../api'
import { goTo, goToLogin } from '../../../lib/navigation'
import { claimDetailUrl, PAGES } from '../../../lib/routes'
import { loadErrorMessage } from '../detail/detail'
import { claimRow, EMPTY_LIST, mergeClaimPage, PAGE_SIZE, type ClaimListState } from './list'
import './index.css'

type Phase = 'idle' | 'loading' | 'more' | 'error'

export default function MyClaimsPage() {
  const [signedIn, setSignedIn] = useState(() => api.session.isSignedIn())
  const [list, setList] = useState<ClaimListState>(EMPTY_LIST)
  const [loaded, setLoaded] = useState(false)
  const [phase, setPhase] = useState<Phase>('idle')
  const [error, setError] = useState<string | undefined>()
  const busy = useRef(false)
  const listRef = useRef(list)
  listRef.current = list

  async function load(mode: 'replace' | 'append') {
    if (busy.current) return
    if (!api.session.isSignedIn()) {
      setSignedIn(false)
      return
    }
    const cursor = mode === 'append' ? listRef.current.nextCursor : null
    if (mode === 'append' && cursor === null) return
    busy.current = true
    setPhase(mode === 'append' ? 'more' : 'loading')
    setError(undefined)
    try {
      const page = await api.listClaims({ cursor, limit: PAGE_SIZE })
      setList((current) => mergeClaimPage(current, page, mode))
      setLoaded(true)
      setPhase('idle')
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setSignedIn(false)
      setError(loadErrorMessage(e))
      setPhase('error')
    } finally {
      busy.current = false
    }
  }

  useDidShow(() => {
    const now = api.session.isSignedIn()
    setSignedIn(now)
    if (now) void load('replace')
    else {
      setList(EMPTY_LIST)
      setLoaded(false)
    }
  })

  usePullDownRefresh(() => {
    void load('replace').finally(() => {
      Taro.stopPullDownRefresh()
    })
  })

  useReachBottom(() => {
    if (phase === 'idle') void load('append')
  })

  async function signOut() {
    await api.signOut()
    setSignedIn(false)
    setList(EMPTY_LIST)
    setLoaded(false)
  }

  if (!signedIn) {
    return (
      <View className='page mine' id='mine-signed-out'>
        <View className='mine-title'>我的投诉</View>
        <View className='mine-card'>
          <View className='mine-text'>登录后可以查看您提交过的投诉和处理进度。</View>
          <Button id='mine-login' className='hx-button hx-button--primary' onClick={() => goToLogin(PAGES.myClaims)}>
            去登录
          </Button>
        </View>
      </View>
    )
  }

  return (
    <View className='page mine'>
      <View className='mine-title'>我的投诉</View>
      {phase === 'loading' && !loaded ? (
        <View className='mine-state' id='mine-loading'>
          正在加载…
        </View>
      ) : null}
      {error ? (
        <View className='notice notice--error' id='mine-error'>
          {error}
          <Button id='mine-retry' className='hx-button hx-button--secondary mine-retry' onClick={() => void load(loaded ? 'append' : 'replace')}>
            重试
          </Button>
        </View>
      ) : null}
      {loaded && list.items.length === 0 ? (
        <View className='mine-card' id='mine-empty'>
          <View className='mine-text'>您还没有提交过投诉。</View>
          <Button id='mine-file' className='hx-button hx-button--primary' onClick={() => goTo(PAGES.newClaim)}>
            我要投诉
          </Button>
        </View>
      ) : null}
      {list.items.length > 0 ? (
        <View id='claim-list'>
          {list.items.map((claim) => {
            const row = claimRow(claim)
            return (
              <View key={row.id} id={`claim-${row.id}`} className='claim-item' onClick={() => goTo(claimDetailUrl(row.id))}>
                <View className='claim-item-top'>
                  <Text className='claim-item-reference'>{row.reference}</Text>
                  <Text className={`claim-item-status${row.open ? '' : ' claim-item-status--done'}`}>{row.status}</Text>
                </View>
                <View className='claim-item-employer'>{row.employer}</View>
                <View className='claim-item-bottom'>
                  <Text className='claim-item-amount'>{row.amount}</Text>
                  <Text className='claim-item-date'>{row.filedOn}</Text>
                </View>
                <View className='claim-item-more'>查看详情 ›</View>
              </View>
            )
          })}
        </View>
      ) : null}
      {list.nextCursor !== null ? (
        <Button
          id='load-more'
          className={`hx-button hx-button--secondary load-more${phase === 'more' ? ' hx-button--busy' : ''}`}
          aria-disabled={phase === 'more'}
          onClick={() => void load('append')}
        >
          {phase === 'more' ? '正在加载…' : '加载更多'}
        </Button>
      ) : loaded && list.items.length > 0 ? (
        <View className='mine-state' id='list-end'>
          已经到底了
        </View>
      ) : null}
      <Button id='sign-out' className='hx-button hx-button--secondary sign-out' onClick={() => void signOut()}>
        退出登录
      </Button>
    </View>
  )
}
