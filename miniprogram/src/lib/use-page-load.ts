/**
 * The load → pull-to-refresh → error pattern of the pages that show data from the API (我的投诉,
 * 找帮助 detail, the inspector's queue …), in one hook:
 * - loads when the page is shown (`useDidShow`: first show and every return to it) and on pull-down
 *   (`usePullDownRefresh`, stopping the spinner when done);
 * - one load at a time (a second call while one runs is dropped);
 * - `loading` while it runs; `error` holds the worker's words for a failure (the page's own
 *   `errorMessage`; undefined for failures the page handles otherwise, e.g. a 401 that opened the
 *   sign-in page), cleared when the next load starts.
 * `run(task)` applies the same rules to another request of the page (加载更多).
 */
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'

export interface PageLoadOptions {
  /** The words shown for a failure, or undefined to show none. */
  errorMessage: (error: unknown) => string | undefined
  /** Load each time the page is shown (default true). */
  onShow?: boolean
}

export interface PageLoad {
  loading: boolean
  error: string | undefined
  /** Runs the page's load again (the 重试 button). */
  reload: () => Promise<void>
  /** Runs another request under the same rules. */
  run: (task: () => Promise<void>) => Promise<void>
  setError: (error: string | undefined) => void
}

export function usePageLoad(load: () => Promise<void>, options: PageLoadOptions): PageLoad {
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const busy = useRef(false)
  // The latest closures: Taro's page hooks keep the ones they were first given.
  const latest = useRef({ load, options })
  latest.current = { load, options }

  async function run(task: () => Promise<void>) {
    if (busy.current) return
    busy.current = true
    setLoading(true)
    setError(undefined)
    try {
      await task()
    } catch (e) {
      setError(latest.current.options.errorMessage(e))
    } finally {
      busy.current = false
      setLoading(false)
    }
  }
  const reload = () => run(() => latest.current.load())

  useDidShow(() => {
    if (latest.current.options.onShow !== false) void reload()
  })
  usePullDownRefresh(() => {
    void reload().finally(() => {
      Taro.stopPullDownRefresh()
    })
  })

  return { loading, error, reload, run, setError }
}
