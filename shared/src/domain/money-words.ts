/**
 * Amounts in Chinese financial capitals (大写), as written on cheques and receipts, following the
 * People's Bank of China rules for filling in instruments (正确填写票据和结算凭证的基本规定):
 * - a run of zeros inside the number is written as one 零; a whole zero group (万, 亿) writes nothing
 *   of its own, but a 零 stands before the next non-zero digit;
 * - a leading 拾 keeps its 壹 (壹拾陆元, never 拾陆元);
 * - an amount ending at 元 ends with 整; one ending at 角 or 分 has no 整;
 * - when the yuan end in 0 and 角 follow, or 角 is 0 and 分 follow, one 零 stands between them
 *   (壹亿元零壹角, 壹元零伍分); an amount under one yuan starts at its first non-zero unit (伍分).
 */

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const
const IN_GROUP = ['', '拾', '佰', '仟'] as const
const GROUPS = ['', '万', '亿', '万亿'] as const

/** The yuan part (a non-negative integer) in capitals, without 元; '' for 0. */
function yuanWords(yuan: number): string {
  const digits = String(yuan)
  const groups: string[] = []
  for (let end = digits.length; end > 0; end -= 4) groups.unshift(digits.slice(Math.max(0, end - 4), end))
  let out = ''
  let zeroPending = false
  let previousHadDigit = false
  groups.forEach((group, gi) => {
    const groupUnit = GROUPS[groups.length - 1 - gi] ?? ''
    const padded = group.padStart(4, '0')
    // Trailing zeros of a group read as its unit (壹拾万柒仟); a whole zero group still needs its 零.
    if (previousHadDigit) zeroPending = false
    let groupHasDigit = false
    for (let i = 0; i < 4; i++) {
      const d = Number(padded[i])
      if (d === 0) {
        if (out !== '') zeroPending = true
        continue
      }
      if (zeroPending) out += '零'
      zeroPending = false
      out += `${DIGITS[d] ?? ''}${IN_GROUP[3 - i] ?? ''}`
      groupHasDigit = true
    }
    if (groupHasDigit) out += groupUnit
    previousHadDigit = groupHasDigit
  })
  return out
}

/**
 * Fen → 大写 with 人民币 omitted: 1_250_000 → 壹万贰仟伍佰元整; 5 → 伍分; 10_000_000_010 → 壹亿元零壹角;
 * 0 → 零元整; a negative amount (a reversal) is prefixed 负.
 */
export function fenToChineseWords(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new RangeError(`not an amount in fen: ${fen}`)
  if (fen < 0) return `负${fenToChineseWords(-fen)}`
  if (fen === 0) return '零元整'
  const yuan = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const cents = fen % 10
  let out = yuan > 0 ? `${yuanWords(yuan)}元` : ''
  if (jiao === 0 && cents === 0) return `${out}整`
  if (jiao > 0) {
    if (yuan > 0 && yuan % 10 === 0) out += '零'
    out += `${DIGITS[jiao]}角`
  } else if (yuan > 0) {
    out += '零'
  }
  if (cents > 0) out += `${DIGITS[cents]}分`
  return out
}

