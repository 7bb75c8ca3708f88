/**
 * 我的投诉 — the worker's own claims, newest first (second tab; `#/pages/claims/mine/index` in H5).
 * Reloads each time it is shown and on pull-down; more on reaching the bottom or with 加载更多.
 *
 * BROWSER-TEST SELECTORS (H5 build)
 *   list              #claim-list; rows .claim-item (id `claim-<uuid>`), inside them
 *                     .claim-item-reference, .claim-item-employer, .claim-item-amount (8,000.50 元),
 *                     .claim-item-status (CLAIM_STATUS_LABELS, e.g. 已提交，等待受理), .claim-item-badge
 *                     待确认 while a recorded payment awaits the worker's confirmation; tap → detail
 *   states            #mine-loading (正在加载…), #mine-empty (您还没有提交过投诉) with #mine-file,
 *                     #mine-signed-out with #mine-login, #mine-error with #mine-retry
 *   more              #load-more (加载更多; absent after the last page), #list-end (已经到底了)
 *   sign out          #sign-out (退出登录)
 */
import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { api, ApiError } from '../../../api'
import { ActionButton } from '../../../components/action-button'
import { Heading } from '../../../components/heading'
import { goTo, goToLogin } from '../../../lib/navigation'
import { claimDetailUrl, PAGES } from '../../../lib/routes'
import { forgetVerifiedPhone } from '../../../lib/sign-in-handoff'
import { usePageLoad } from '../../../lib/use-page-load'
import { loadErrorMessage } from '../detail/detail'
import { claimRow, EMPTY_LIST, mergeClaimPage, PAGE_SIZE, type ClaimListState } from './list'
import './index.css'

export default function MyClaimsPage() {
  const [signedIn, setSignedIn] = useState(() => api.session.isSignedIn())
  const [list, setList] = useState<ClaimListState>(EMPTY_LIST)
  const [loaded, setLoaded] = useState(false)
  const [appending, setAppending] = useState(false)
  const listRef = useRef(list)
  listRef.current = list

  async function fetchPage(mode: 'replace' | 'append') {
    const cursor = mode === 'append' ? listRef.current.nextCursor : null
    if (mode === 'append' && cursor === null) return
    try {
      const page = await api.listClaims({ cursor, limit: PAGE_SIZE })
      setList((current) => mergeClaimPage(current, page, mode))
      setLoaded(true)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setSignedIn(false)
      throw e
    }
  }

  // Shown (and pulled down): the first page again, or nothing while signed out.
  const { loading, error, reload, run } = usePageLoad(
    async () => {
      const now = api.session.isSignedIn()
      setSignedIn(now)
      if (!now) {
        setList(EMPTY_LIST)
        setLoaded(false)
        return
      }
      await fetchPage('replace')
    },
    { errorMessage: loadErrorMessage },
  )

  async function loadMore() {
    setAppending(true)
    await run(() => fetchPage('append')).finally(() => setAppending(false))
  }

  useReachBottom(() => {
    if (!loading && !error) void loadMore()
  })

  async function signOut() {
    await api.signOut()
    forgetVerifiedPhone()
    setSignedIn(false)
    setList(EMPTY_LIST)
    setLoaded(false)
  }

  if (!signedIn) {
    return (
      <View className='page mine' id='mine-signed-out' role='main'>
        <Heading className='mine-title'>我的投诉</Heading>
        <View className='mine-card'>
          <View className='mine-text'>登录后可以查看您提交过的投诉和处理进度。</View>
          <ActionButton id='mine-login' className='hx-button hx-button--primary' onClick={() => goToLogin(PAGES.myClaims)}>
            去登录
          </ActionButton>
        </View>
      </View>
    )
  }

  return (
    <View className='page mine' role='main'>
      <Heading className='mine-title'>我的投诉</Heading>
      {loading && !appending && !loaded ? (
        <View className='mine-state' id='mine-loading'>
          正在加载…
        </View>
      ) : null}
      {error ? (
        <View className='notice notice--error' id='mine-error' role='alert'>
          {error}
          <ActionButton id='mine-retry' className='hx-button hx-button--secondary mine-retry' onClick={() => void (loaded ? loadMore() : reload())}>
            重试
          </ActionButton>
        </View>
      ) : null}
      {loaded && list.items.length === 0 ? (
        <View className='mine-card' id='mine-empty'>
          <View className='mine-text'>您还没有提交过投诉。</View>
          <ActionButton id='mine-file' className='hx-button hx-button--primary' onClick={() => goTo(PAGES.newClaim)}>
            我要投诉
          </ActionButton>
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
                {row.awaitingConfirmation > 0 ? (
                  <View className='claim-item-awaiting'>
                    <Text className='claim-item-badge'>待确认</Text>
                    <Text>有 {row.awaitingConfirmation} 笔追回的钱等您确认是否收到</Text>
                  </View>
                ) : null}
                <View className='claim-item-employer'>{row.employer}</View>
                <View className='claim-item-bottom'>
                  <Text className='claim-item-amount'>{row.amount}</Text>
                  <Text className='claim-item-date'>{row.filedOn}</Text>
                </View>
                {/* The whole card is tapped; keyboards and screen readers get a real button, whose
                    click bubbles to the card (so it does nothing itself: one navigation). */}
                <ActionButton className='claim-item-more link-button' label={`查看详情 › ${row.reference}`} onClick={() => {}}>
                  查看详情 ›
                </ActionButton>
              </View>
            )
          })}
        </View>
      ) : null}
      {list.nextCursor !== null ? (
        <ActionButton
          id='load-more'
          className={`hx-button hx-button--secondary load-more${appending ? ' hx-button--busy' : ''}`}
          busy={appending}
          onClick={() => void loadMore()}
        >
          {appending ? '正在加载…' : '加载更多'}
        </ActionButton>
      ) : loaded && list.items.length > 0 ? (
        <View className='mine-state' id='list-end'>
          已经到底了
        </View>
      ) : null}
      <ActionButton id='sign-out' className='hx-button hx-button--secondary sign-out' onClick={() => void signOut()}>
        退出登录
      </ActionButton>
    </View>
  )
}
