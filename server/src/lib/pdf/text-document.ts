/**
 * A plain official document on A4 as PDF: a title, a number line, paragraphs and labelled fields
 * that wrap at the margin (Unicode line breaking, so Chinese breaks between characters), and a
 * signature block. Drawn with pdfkit and the embedded CJK font, subset to the glyphs used, with a
 * ToUnicode map so the text reads back (pdftotext). pdf-lib 1.17 was tried first: its subsetting
 * of this font dropped most glyphs from the rendering while the text still extracted.
 */
import PDFDocument from 'pdfkit'
import type { FontLoader } from './font'

export type TextBlock =
  /** A paragraph, indented by two characters as Chinese documents are unless `indent: false`. */
  | { kind: 'paragraph'; text: string; indent?: boolean }
  /** The addressee line (顶格, ending in a colon). */
  | { kind: 'addressee'; text: string }
  /** Label: value rows (a form such as 结案审批表). */
  | { kind: 'fields'; rows: readonly (readonly [string, string])[] }
  /** Right-aligned lines at the end: the bureau and the date. */
  | { kind: 'signature'; lines: readonly string[] }

export interface TextDocumentSpec {
  title: string
  /** The document's number, printed under the title (e.g. 常经开人社监〔2026〕12号). */
  number?: string | undefined
  blocks: readonly TextBlock[]
  /** A small line at the bottom of every page. */
  footer?: string | undefined
  /** The document's date, also its PDF creation date. */
  date: Date
  author: string
}

const MARGIN = 72
const BODY_SIZE = 12
const LINE_GAP = 8
const INDENT = '\u3000\u3000'

export async function renderTextDocument(fonts: FontLoader, spec: TextDocumentSpec): Promise<Uint8Array> {
  const font = await fonts.load()
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: spec.number ? `${spec.title} ${spec.number}` : spec.title,
      Author: spec.author,
      Creator: 'HuXin',
      Producer: 'HuXin (pdfkit)',
      CreationDate: spec.date,
      ModDate: spec.date,
    },
  })
  const chunks: Buffer[] = []
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.registerFont('cjk', font)
  doc.font('cjk')

  doc.fontSize(20).text(spec.title, { align: 'center' })
  if (spec.number) doc.fontSize(BODY_SIZE).text(spec.number, { align: 'center' })
  doc.fontSize(BODY_SIZE).moveDown()
  for (const block of spec.blocks) {
    switch (block.kind) {
      case 'addressee':
        doc.text(block.text, { lineGap: LINE_GAP })
        break
      case 'paragraph':
        doc.text((block.indent === false ? '' : INDENT) + block.text, { lineGap: LINE_GAP })
        break
      case 'fields':
        for (const [label, value] of block.rows) doc.text(`${label}：${value || '—'}`, { lineGap: LINE_GAP })
        break
      case 'signature':
        doc.moveDown(2)
        for (const line of block.lines) doc.text(`${line}${INDENT}`, { align: 'right', lineGap: LINE_GAP })
        break
    }
  }
  if (spec.footer) {
    const range = doc.bufferedPageRange()
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i)
      // Below the bottom margin: lift the margin so the footer does not start a new page.
      const bottom = doc.page.margins.bottom
      doc.page.margins.bottom = 0
      doc
        .fontSize(9)
        .fillColor('#595959')
        .text(`${spec.footer}\u3000第${i + 1 - range.start}页／共${range.count}页`, MARGIN, doc.page.height - MARGIN / 2, { lineBreak: false })
      doc.page.margins.bottom = bottom
    }
  }
  doc.end()
  return new Uint8Array(await finished)
}
