/**
 * Exponential backoff with full jitter (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/):
 * the delay before attempt n+1 is uniform in [0, min(cap, base·2^(n−1))]. Jitter spreads retries of
 * many messages that failed together (an outage) instead of sending them back in one wave.
 */
export function backoffDelayMs(attempts: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30)
  const ceiling = Math.min(capMs, baseMs * 2 ** exponent)
  return Math.floor(random() * ceiling)
}
