/**
 * The random draw of employers to inspect (双随机一公开), made reproducible: every employer of the
 * pool gets the score sha256(seed + ":" + key), and the N lowest scores are drawn. The order of
 * the pool does not matter, the seed decides everything, and anyone holding the seed and the
 * register can draw again and get the same list (docs/casework.md, Inspections).
 */
import { createHash, randomBytes } from 'node:crypto'

export const DRAW_METHOD =
  'score = sha256(seed + ":" + employer key) in hex for every employer of the pool; the employers with the lowest scores are drawn, lowest first'

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex')

export function drawEmployers<T extends { key: string }>(seed: string, pool: readonly T[], count: number): T[] {
  return pool
    .map((employer) => ({ employer, score: sha256(`${seed}:${employer.key}`) }))
    .sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : 0))
    .slice(0, count)
    .map((x) => x.employer)
}

/** sha256 of the pool's keys in ascending order, one per line: names the register a draw ran on. */
export function poolDigest(keys: readonly string[]): string {
  return sha256([...keys].sort().join('\n'))
}

export const newSeed = () => randomBytes(16).toString('hex')
