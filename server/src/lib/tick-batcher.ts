/**
 * Group work that arrives in the same turn of the event loop into one batch (flushed on
 * `setImmediate`): one statement, one round trip and one plan execution for the lot instead of one
 * each. A quiet server sends batches of one; the added latency is one event-loop turn. A batch that
 * fails (a broken item, a lost connection) is retried item by item, so one bad item never fails the
 * others. Used by the filing statement (claims) and the nearby lookup (help points).
 */
export interface TickBatcherOptions<Item, Result> {
  /** Runs one batch; answers one result per item, in the items' order. */
  run(items: Item[]): Promise<(Result | undefined)[]>
  /** The most items in one batch; the rest wait for the next. */
  maxBatch: number
  /**
   * At most this many batches out at once (default: no limit). Items arriving meanwhile wait and go
   * together in the next batch, so a burst does not turn into many small statements fighting over
   * the database's cores.
   */
  maxInFlight?: number
  /** Items with the same key never share a batch: a later one waits for the next batch. */
  keyOf?: (item: Item) => string
}

interface Pending<Item, Result> {
  item: Item
  resolve: (result: Result) => void
  reject: (error: unknown) => void
}

export function createTickBatcher<Item, Result>(options: TickBatcherOptions<Item, Result>): (item: Item) => Promise<Result> {
  const { run, maxBatch, maxInFlight = Number.POSITIVE_INFINITY, keyOf } = options
  let queue: Pending<Item, Result>[] = []
  let scheduled = false
  let inFlight = 0

  const settle = (batch: Pending<Item, Result>[], results: (Result | undefined)[]) => {
    batch.forEach((pending, n) => {
      const result = results[n]
      if (result === undefined) pending.reject(new Error('a batch answered no result for one of its items'))
      else pending.resolve(result)
    })
  }

  async function execute(batch: Pending<Item, Result>[]) {
    try {
      settle(batch, await run(batch.map((p) => p.item)))
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error)
        return
      }
      for (const pending of batch) {
        await run([pending.item]).then(
          (results) => settle([pending], results),
          (single: unknown) => pending.reject(single),
        )
      }
    }
  }

  function schedule() {
    if (scheduled || queue.length === 0 || inFlight >= maxInFlight) return
    scheduled = true
    setImmediate(flush)
  }

  function flush() {
    scheduled = false
    const batch: Pending<Item, Result>[] = []
    const keys = new Set<string>()
    const later: Pending<Item, Result>[] = []
    for (const pending of queue) {
      const key = keyOf?.(pending.item)
      if (batch.length >= maxBatch || (key !== undefined && keys.has(key))) later.push(pending)
      else {
        if (key !== undefined) keys.add(key)
        batch.push(pending)
      }
    }
    queue = later
    inFlight++
    void execute(batch).finally(() => {
      inFlight--
      schedule()
    })
    schedule()
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject })
      schedule()
    })
}
