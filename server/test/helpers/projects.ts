import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestApp } from './app'
import { creditCodeOf } from './register'
import type { SignedInStaff } from './staff'

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** A valid resident ID number (GB 11643-1999 check character), different for every n < 1000. */
export function idNumberOf(n: number): string {
  const body = `320411198${n % 10}0101${String(n).padStart(3, '0')}`.slice(0, 17)
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * ID_WEIGHTS[i]!, 0)
  return body + ID_CHECK[sum % 11]
}

export function postCsv(t: TestApp, who: Pick<SignedInStaff, 'headers'>, url: string, csv: string) {
  return t.app.inject({ method: 'POST', url, headers: { ...who.headers, 'content-type': 'text/csv' }, payload: csv })
}

/** A project body an admin enters; `n` keeps permit numbers and credit codes apart. */
export function projectBody(n: number, overrides: Record<string, unknown> = {}) {
  return {
    permitNumber: `320411202601${String(n).padStart(4, '0')}`,
    name: `遥观镇第${n}号安置房工程`,
    town: 'yaoguan',
    site: { lat: 31.74, lng: 120.09, address: `遥观镇工地路${n}号` },
    builder: { name: `常州建设发展${n}有限公司`, creditCode: creditCodeOf(5000 + n) },
    generalContractor: { name: `江苏总包建工${n}有限公司`, creditCode: creditCodeOf(6000 + n) },
    permitDate: '2026-03-02',
    startedOn: '2026-03-10',
    payDay: 15,
    depositAmountFen: 50_000_000,
    ...overrides,
  }
}

/** Renders the first page of a PDF to RGB pixels (poppler's pdftoppm, PPM). */
export function pdfPixels(bytes: Buffer, dpi = 72): { width: number; height: number; data: Uint8Array } {
  const dir = mkdtempSync(path.join(tmpdir(), 'huxin-ppm-'))
  try {
    writeFileSync(path.join(dir, 'sign.pdf'), bytes)
    execFileSync('pdftoppm', ['-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', path.join(dir, 'sign.pdf'), path.join(dir, 'page')])
    const ppm = readFileSync(path.join(dir, 'page.ppm'))
    // P6 header: magic, width, height, maxval, each separated by whitespace, then raw RGB.
    const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 50).toString('latin1'))
    if (!header) throw new Error('not a PPM')
    const width = Number(header[1])
    const height = Number(header[2])
    return { width, height, data: new Uint8Array(ppm.subarray(header[0].length, header[0].length + width * height * 3)) }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
