/** Valid unified social credit codes for tests (GB 32100-2015 MOD 31 check character). */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** `9132041` + `n` as ten digits + its check character: a valid code for every n. */
export function creditCodeOf(n: number): string {
  const body = `9132041${String(n).padStart(10, '0')}`
  const sum = [...body].reduce((s, ch, i) => s + CHARS.indexOf(ch) * WEIGHTS[i]!, 0)
  return body + CHARS[(31 - (sum % 31)) % 31]
}

/** The same code with a wrong check character. */
export function withWrongCheck(code: string): string {
  const last = code[17]!
  return code.slice(0, 17) + (last === '0' ? '1' : '0')
}
