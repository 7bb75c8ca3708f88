import { describe, expect, it } from 'vitest'
import { CsvSyntaxError, parseCsv } from '../../src/lib/csv'

describe('CSV reader', () => {
  it('reads quotes, doubled quotes, commas and line breaks inside quotes, CRLF, a BOM, and numbers lines', () => {
    const text = '\uFEFFa,b,c\r\n"x, y","say ""hi""",3\r\n\r\n"two\nlines",,last\nend,"",z'
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['x, y', 'say "hi"', '3'] },
      { line: 4, fields: ['two\nlines', '', 'last'] },
      { line: 6, fields: ['end', '', 'z'] },
    ])
  })

  it('keeps empty last fields and a quoted last field, and ignores a final line break', () => {
    expect(parseCsv('a,\n"b"')).toEqual([
      { line: 1, fields: ['a', ''] },
      { line: 2, fields: ['b'] },
    ])
    expect(parseCsv('x,"y"\r\n')).toEqual([{ line: 1, fields: ['x', 'y'] }])
    expect(parseCsv('')).toEqual([])
  })

  it('reports an unclosed quote and stray quotes with their line', () => {
    expect(() => parseCsv('a,b\n"open,x\n')).toThrow(CsvSyntaxError)
    try {
      parseCsv('a,b\nx,y"z\n')
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2)
    }
    expect(() => parseCsv('"a"b,c')).toThrow(/引号/)
  })
})
