import { describe, expect, it } from 'vitest'
import { formatFen, parseYuanToFen } from '../src/domain/money'

describe('yuan typed by a person → fen', () => {
  it.each([
    ['1234', 123_400],
    ['1234.5', 123_450],
    ['1234.56', 123_456],
    ['0.01', 1],
    ['1,234.56', 123_456],
    ['１２３４．５', 123_450],
    ['¥88', 8_800],
    ['300元', 30_000],
    [' 12 ', 1_200],
    ['0.10', 10],
    // 0.1 + 0.2 style float traps do not exist on the string path
    ['19.99', 1_999],
    ['4.35', 435],
  ])('%s → %i fen', (input, fen) => {
    expect(parseYuanToFen(input)).toBe(fen)
  })

  it.each(['', 'abc', '1.234', '-5', '1e5', '12.3.4', '.'])('refuses %j', (input) => {
    expect(parseYuanToFen(input)).toBeUndefined()
  })

  it('formats fen back as yuan with grouping', () => {
    expect(formatFen(123_456)).toBe('1,234.56')
    expect(formatFen(5)).toBe('0.05')
    expect(formatFen(296_621_000_00)).toBe('296,621,000.00')
  })

  it('round-trips every cent of a range exactly', () => {
    for (let fen = 0; fen < 20_000; fen += 7) {
      expect(parseYuanToFen(formatFen(fen))).toBe(fen)
    }
  })
})
