import { describe, expect, it } from 'vitest'
import { fenToChineseWords } from '../src/domain/money-words'

describe('fen → 大写 (PBoC rules for instruments)', () => {
  it.each([
    // the brief's examples
    [1_250_000, '壹万贰仟伍佰元整'],
    [5, '伍分'],
    [10_000_000_010, '壹亿元零壹角'],
    // whole yuan end with 整; 角 and 分 do not
    [0, '零元整'],
    [100, '壹元整'],
    [150, '壹元伍角'],
    [155, '壹元伍角伍分'],
    [105, '壹元零伍分'],
    [50, '伍角'],
    [55, '伍角伍分'],
    [1, '壹分'],
    [10, '壹角'],
    // a leading 拾 keeps its 壹
    [1_000, '壹拾元整'],
    [1_600, '壹拾陆元整'],
    [1_010, '壹拾元零壹角'],
    [1_005, '壹拾元零伍分'],
    // zeros inside the number: one 零 per run
    [10_100, '壹佰零壹元整'],
    [100_100, '壹仟零壹元整'],
    [100_001, '壹仟元零壹分'],
    [168_032, '壹仟陆佰捌拾元零叁角贰分'],
    [1_000_100, '壹万零壹元整'],
    [1_001_000, '壹万零壹拾元整'],
    [10_070_000, '壹拾万零柒佰元整'],
    [10_700_053, '壹拾万柒仟元零伍角叁分'],
    [10_700_000, '壹拾万柒仟元整'],
    [32_504_000, '叁拾贰万伍仟零肆拾元整'],
    [500_000, '伍仟元整'],
    [123_456_789, '壹佰贰拾叁万肆仟伍佰陆拾柒元捌角玖分'],
    // whole zero groups
    [10_000_000_000, '壹亿元整'],
    [10_000_000_100, '壹亿零壹元整'],
    [10_000_100_000, '壹亿零壹仟元整'],
    [10_001_000_000, '壹亿零壹万元整'],
    [11_000_000_000, '壹亿壹仟万元整'],
    [10_100_000_000, '壹亿零壹佰万元整'],
    [100_000_000_000, '壹拾亿元整'],
    [999_999_999_999, '玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    [20_000_000, '贰拾万元整'],
    [20_000_000_010, '贰亿元零壹角'],
    // reversals are negative
    [-500_000, '负伍仟元整'],
    [-5, '负伍分'],
  ])('%i fen → %s', (fen, words) => {
    expect(fenToChineseWords(fen)).toBe(words)
  })

  it('every digit word and unit appears where it should', () => {
    expect(fenToChineseWords(98_765_432_100)).toBe('玖亿捌仟柒佰陆拾伍万肆仟叁佰贰拾壹元整')
  })

  it('refuses what is not a whole number of fen', () => {
    expect(() => fenToChineseWords(1.5)).toThrow(RangeError)
    expect(() => fenToChineseWords(Number.NaN)).toThrow(RangeError)
    expect(() => fenToChineseWords(2 ** 60)).toThrow(RangeError)
  })
})
