/**
 * Exponential backoff with jitter (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/),
 * the one retry policy of everything that retries an outside system: the ceiling before attempt
 * n+1 is min(cap, base·2^(n−1)). Jitter spreads retries of many messages that failed together (an
 * outage) instead of sending them back in one wave:
 * - `full`: uniform in [0, ceiling) — the national sync, whose messages are many and retried fast;
 * - `equal`: half the ceiling plus a random half — worker notifications, which should not come back
 *   almost at once after a failure.
 */
export type Jitter = 'full' | 'equal'

export function backoffDelayMs(
  attempts: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
  jitter: Jitter = 'full',
): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30)
  const ceiling = Math.min(capMs, baseMs * 2 ** exponent)
  return jitter === 'full' ? Math.floor(random() * ceiling) : Math.round(ceiling / 2 + random() * (ceiling / 2))
}
