/**
 * Money is an integer number of fen everywhere; yuan exist only at the edges (what a person types
 * and reads). Parsing works on the decimal string, never through floating point.
 */

/** Largest amount a claim may state: 1 billion yuan, far above any real wage claim. */
export const MAX_AMOUNT_FEN = 100_000_000_000

/**
 * Parses what a person typed in yuan (`1234`, `1,234.5`, `１２３４.５６`, `¥1234`) into fen.
 * Returns `undefined` for anything that is not a non-negative amount with at most two decimals.
 */
export function parseYuanToFen(input: string): number | undefined {
  const normalised = input
    .trim()
    // full-width digits and punctuation from Chinese input methods
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[,，\s]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
  const match = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(normalised)
  if (!match) return undefined
  const whole = Number(match[1])
  const fraction = Number((match[2] ?? '').padEnd(2, '0'))
  const fen = whole * 100 + fraction
  return Number.isSafeInteger(fen) ? fen : undefined
}

/** 123456 → `1,234.56` (no currency sign). */
export function formatFen(fen: number): string {
  const negative = fen < 0
  const abs = Math.abs(fen)
  const yuan = Math.floor(abs / 100)
  const cents = String(abs % 100).padStart(2, '0')
  const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${negative ? '-' : ''}${grouped}.${cents}`
}
