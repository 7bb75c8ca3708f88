/**
 * A small RFC 4180 CSV reader: commas, double-quoted fields with `""` for a quote, line breaks
 * inside quotes, CRLF or LF, an optional UTF-8 BOM. Each record carries the line it starts on
 * (1-based), so problems can be reported by line.
 */
export interface CsvRecord {
  line: number
  fields: string[]
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message)
    this.name = 'CsvSyntaxError'
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  let line = 1
  let recordLine = 1
  let inQuotes = false
  let quotedField = false
  let i = 0

  const endField = () => {
    fields.push(field)
    field = ''
    quotedField = false
  }
  const endRecord = () => {
    endField()
    // A blank line is no record.
    if (!(fields.length === 1 && fields[0] === '')) records.push({ line: recordLine, fields })
    fields = []
  }

  while (i < input.length) {
    const ch = input[i]!
    if (inQuotes) {
      if (ch === '"') {
        if (input[i + 1] === '"') {
          field += '"'
          i += 2
          continue
        }
        inQuotes = false
        i++
        continue
      }
      if (ch === '\n') line++
      field += ch
      i++
      continue
    }
    if (ch === '"') {
      if (field !== '' || quotedField) throw new CsvSyntaxError(line, '引号只能出现在字段开头')
      inQuotes = true
      quotedField = true
      i++
      continue
    }
    if (ch === ',') {
      endField()
      i++
      continue
    }
    if (ch === '\r' || ch === '\n') {
      endRecord()
      i += ch === '\r' && input[i + 1] === '\n' ? 2 : 1
      line++
      recordLine = line
      continue
    }
    if (quotedField) throw new CsvSyntaxError(line, '引号结束后应是逗号或换行')
    field += ch
    i++
  }
  if (inQuotes) throw new CsvSyntaxError(recordLine, '引号没有闭合')
  if (field !== '' || fields.length > 0 || quotedField) endRecord()
  return records
}
