/**
 * A plain official document on A4 as PDF: a title, a number line, paragraphs and labelled fields
 * that wrap at the margin, and a signature block. Chinese text is drawn with the embedded CJK
 * font, subset to the glyphs used, with a ToUnicode map so the text can be read back (pdftotext).
 * The output depends only on its input (dates included), so the same document has the same bytes.
 */
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
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

const A4: [number, number] = [595.28, 841.89]
const MARGIN_X = 72
const MARGIN_TOP = 72
const MARGIN_BOTTOM = 72
const BODY_SIZE = 12
const LINE = 22

/** Splits text into lines no wider than `width`, breaking between any two characters (CJK). */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = []
  for (const paragraph of text.split('\n')) {
    let line = ''
    for (const char of paragraph) {
      const next = line + char
      if (line !== '' && font.widthOfTextAtSize(next, size) > width) {
        lines.push(line)
        line = char
      } else {
        line = next
      }
    }
    lines.push(line)
  }
  return lines
}

export async function renderTextDocument(fonts: FontLoader, spec: TextDocumentSpec): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fonts.fontkit)
  const font = await doc.embedFont(await fonts.load(), { subset: true })
  doc.setTitle(spec.number ? `${spec.title} ${spec.number}` : spec.title)
  doc.setAuthor(spec.author)
  doc.setCreator('HuXin')
  doc.setProducer('HuXin (pdf-lib)')
  doc.setCreationDate(spec.date)
  doc.setModificationDate(spec.date)

  const width = A4[0] - 2 * MARGIN_X
  const pages: PDFPage[] = []
  let page!: PDFPage
  let y = 0
  const newPage = () => {
    page = doc.addPage(A4)
    pages.push(page)
    y = A4[1] - MARGIN_TOP
  }
  const ensure = (height: number) => {
    if (y - height < MARGIN_BOTTOM) newPage()
  }
  const draw = (text: string, x: number, size = BODY_SIZE) => {
    ensure(LINE)
    page.drawText(text, { x, y: y - size, size, font, color: rgb(0, 0, 0) })
    y -= size === BODY_SIZE ? LINE : size + 12
  }
  const centred = (text: string, size: number) => draw(text, (A4[0] - font.widthOfTextAtSize(text, size)) / 2, size)

  newPage()
  centred(spec.title, 20)
  if (spec.number) centred(spec.number, BODY_SIZE)
  y -= 10
  const indent = font.widthOfTextAtSize('　　', BODY_SIZE)
  for (const block of spec.blocks) {
    switch (block.kind) {
      case 'addressee':
        for (const line of wrapText(block.text, font, BODY_SIZE, width)) draw(line, MARGIN_X)
        break
      case 'paragraph': {
        const first = block.indent === false ? '' : '　　'
        wrapText(first + block.text, font, BODY_SIZE, width).forEach((line) => draw(line, MARGIN_X))
        break
      }
      case 'fields': {
        const labelWidth = Math.max(...block.rows.map(([label]) => font.widthOfTextAtSize(`${label}：`, BODY_SIZE)))
        for (const [label, value] of block.rows) {
          const lines = wrapText(value || '—', font, BODY_SIZE, width - labelWidth - 8)
          ensure(LINE * lines.length)
          draw(`${label}：`, MARGIN_X)
          y += LINE
          lines.forEach((line) => draw(line, MARGIN_X + labelWidth + 8))
        }
        break
      }
      case 'signature':
        y -= LINE
        for (const line of block.lines) draw(line, A4[0] - MARGIN_X - font.widthOfTextAtSize(line, BODY_SIZE) - indent)
        break
    }
  }
  if (spec.footer) {
    pages.forEach((p, i) => {
      const text = `${spec.footer}\u3000第${i + 1}页／共${pages.length}页`
      p.drawText(text, { x: MARGIN_X, y: MARGIN_BOTTOM / 2, size: 9, font, color: rgb(0.35, 0.35, 0.35) })
    })
  }
  return doc.save({ useObjectStreams: true })
}
