import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createFontLoader } from '../../../src/lib/pdf/font'
import { renderTextDocument } from '../../../src/lib/pdf/text-document'

/** 100 distinct characters of the documents. */
const CHARS = '受理通知书常经开人社监号你于年月日反映拖欠期间工资元一事经审查符合劳动保障察条例和关实施若干规定的件本部门决定予以立案编将自之起六十个作内依法调处情况复杂批准可延长三告是已向行政投诉凭证请妥善管争议解仲裁第二七单位责令支付赔偿金'
  .slice(0, 100)

/** Dark pixels of page 1 rendered in grey at 72 dpi (poppler's pdftoppm). */
function inkOf(pdf: Uint8Array): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'huxin-ink-'))
  try {
    writeFileSync(path.join(dir, 'doc.pdf'), pdf)
    execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', '1', '-l', '1', path.join(dir, 'doc.pdf'), path.join(dir, 'page')])
    const pgm = readFileSync(path.join(dir, 'page-1.pgm'))
    // P5 header: magic, width, height, max, then one byte per pixel.
    const header = pgm.subarray(0, 40).toString('latin1').split(/\s+/)
    const pixels = Number(header[1]) * Number(header[2])
    const data = pgm.subarray(pgm.length - pixels)
    return data.reduce((n, value) => n + (value < 128 ? 1 : 0), 0)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('PDF text documents', () => {
  it('draws every Chinese character, not only its text layer (a broken subset renders blanks)', async () => {
    const fonts = createFontLoader()
    const render = (text: string) =>
      renderTextDocument(fonts, { title: 'T', blocks: [{ kind: 'paragraph', text, indent: false }], date: new Date(0), author: 'test' })
    const base = inkOf(await render('一'))
    const full = inkOf(await render(CHARS))
    // At 12 pt and 72 dpi a character of this font darkens ~20–40 pixels; blanks darken none.
    expect((full - base) / CHARS.length).toBeGreaterThan(12)
  })
})
