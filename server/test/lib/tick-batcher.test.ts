import { describe, expect, it } from 'vitest'
import { createTickBatcher } from '../../src/lib/tick-batcher'

/** A batcher whose `run` records every batch and doubles numbers; 13 fails its batch, 7 gets no result. */
function recording(options: { maxBatch: number; keyOf?: (n: number) => string }) {
  const batches: number[][] = []
  const batcher = createTickBatcher<number, number>({
    ...options,
    async run(items) {
      batches.push(items)
      if (items.includes(13)) throw new Error('unlucky')
      return items.map((n) => (n === 7 ? undefined : n * 2))
    },
  })
  return { batcher, batches }
}

describe('createTickBatcher', () => {
  it('answers the items of one event-loop turn with one batch, in order', async () => {
    const { batcher, batches } = recording({ maxBatch: 10 })
    expect(await Promise.all([1, 2, 3].map(batcher))).toEqual([2, 4, 6])
    expect(batches).toEqual([[1, 2, 3]])
    expect(await batcher(4)).toBe(8)
    expect(batches).toEqual([[1, 2, 3], [4]])
  })

  it('splits a burst into batches of at most maxBatch', async () => {
    const { batcher, batches } = recording({ maxBatch: 2 })
    expect(await Promise.all([1, 2, 3, 4, 5].map(batcher))).toEqual([2, 4, 6, 8, 10])
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1])
  })

  it('never puts two items with the same key into one batch', async () => {
    const { batcher, batches } = recording({ maxBatch: 10, keyOf: (n) => String(n % 2) })
    await Promise.all([1, 3, 2, 5].map(batcher))
    for (const batch of batches) expect(new Set(batch.map((n) => n % 2)).size).toBe(batch.length)
    expect(batches.flat().sort()).toEqual([1, 2, 3, 5])
  })

  it('keeps at most maxInFlight batches out; the rest wait and go together', async () => {
    const batches: number[][] = []
    const open: (() => void)[] = []
    const batcher = createTickBatcher<number, number>({
      maxBatch: 2,
      maxInFlight: 2,
      async run(items) {
        batches.push(items)
        await new Promise<void>((release) => open.push(release))
        return items.map((n) => n * 2)
      },
    })
    const turns = async (n: number) => {
      for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve))
    }
    const all = Array.from({ length: 9 }, (_, i) => i + 20)
    const answers = Promise.all(all.map(batcher))
    await turns(10)
    // Two batches are out and held; nothing else is sent however many turns pass.
    expect(batches).toEqual([[20, 21], [22, 23]])
    expect(open).toHaveLength(2)
    open.shift()!()
    await turns(10)
    expect(batches).toHaveLength(3)
    while (open.length > 0) {
      open.shift()!()
      await turns(10)
    }
    expect(await answers).toEqual(all.map((n) => n * 2))
    expect(batches.flat()).toEqual(all)
  })

  it('retries a failed batch item by item, so only the bad item fails', async () => {
    const { batcher, batches } = recording({ maxBatch: 10 })
    const results = await Promise.allSettled([12, 13, 14].map(batcher))
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(batches).toEqual([[12, 13, 14], [12], [13], [14]])
  })

  it('rejects an item the batch gave no result for', async () => {
    const { batcher } = recording({ maxBatch: 10 })
    const [ok, missing] = await Promise.allSettled([6, 7].map(batcher))
    expect(ok).toEqual({ status: 'fulfilled', value: 12 })
    expect(missing?.status).toBe('rejected')
  })
})
