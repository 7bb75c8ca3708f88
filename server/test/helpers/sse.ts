/** A Server-Sent-Events client over fetch, as a browser's EventSource would read the stream. */
export interface SseClient {
  events: { event: string; data: string }[]
  comments: string[]
  contentType: string | null
  /** Resolves with the first event matching `test`, or rejects after `timeoutMs`. */
  waitFor(test: (event: { event: string; data: string }) => boolean, timeoutMs: number): Promise<{ event: string; data: string }>
  /** Resolves when a comment line equal to `text` has arrived, or rejects after `timeoutMs`. */
  waitForComment(text: string, timeoutMs: number): Promise<void>
  /** Resolves when the server ends the stream. */
  ended: Promise<void>
  close(): void
}

export async function openSse(url: string): Promise<SseClient> {
  const controller = new AbortController()
  const response = await fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } })
  if (response.status !== 200 || !response.body) throw new Error(`stream answered ${response.status}`)
  const events: { event: string; data: string }[] = []
  const comments: string[] = []
  const waiters = new Set<() => void>()
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  const ended = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += value
        let cut: number
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut)
          buffer = buffer.slice(cut + 2)
          let event = 'message'
          const data: string[] = []
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim())
            else if (line.startsWith('event:')) event = line.slice(6).trim()
            else if (line.startsWith('data:')) data.push(line.slice(5).trim())
          }
          if (data.length > 0) events.push({ event, data: data.join('\n') })
          for (const wake of waiters) wake()
        }
      }
    } catch {
      // aborted
    }
  })()
  return {
    events,
    comments,
    contentType: response.headers.get('content-type'),
    ended,
    close: () => controller.abort(),
    waitForComment(text, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (comments.includes(text)) {
            clearTimeout(timer)
            waiters.delete(check)
            resolve()
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no comment "${text}" within ${timeoutMs} ms (got ${JSON.stringify(comments)})`))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
    waitFor(test, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = events.find(test)
          if (found) {
            clearTimeout(timer)
            waiters.delete(check)
            resolve(found)
          }
        }
        const timer = setTimeout(() => {
          waiters.delete(check)
          reject(new Error(`no matching event within ${timeoutMs} ms (got ${JSON.stringify(events)})`))
        }, timeoutMs)
        waiters.add(check)
        check()
      })
    },
  }
}
