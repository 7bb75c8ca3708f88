/**
 * The site rights sign (保障农民工工资支付条例 Art. 34; docs/projects.md): an A3 PDF with the
 * project, the general contractor, the pay day, the zone's hotline 12333, the nearest arbitration
 * and legal-aid points of the help map, and a QR code opening the claim wizard prefilled with the
 * project (H5 URL; the weapp's `scene=p_<id>` is printed beside it for the mini-program code).
 * Drawn with pdfkit and the same embedded CJK font as the case documents (lib/pdf/font.ts).
 */
import encodeQR from '@paulmillr/qr'
import { PROJECT_STATUS_LABELS } from '@huxin/shared'
import PDFDocument from 'pdfkit'
import type { FontLoader } from '../../lib/pdf/font'
import type { ProjectRow, ProjectsRepository } from './repository'
import { signUrl, type ProjectSettings } from './settings'

export const HOTLINE = '12333'

/** The weapp's scene value for a project (at most 32 characters: `p_` and the uuid without dashes). */
export const weappScene = (projectId: string) => `p_${projectId.replace(/-/g, '')}`

interface Point {
  name: string
  address: string | null
  phones: string[]
}

export async function renderSign(
  deps: { projects: ProjectsRepository; fonts: FontLoader; settings: ProjectSettings },
  row: ProjectRow,
  now: Date,
): Promise<Uint8Array> {
  const site = { lat: row.siteLat, lng: row.siteLng }
  const [arbitration, legalAid, font] = await Promise.all([
    deps.projects.nearestHelpPoint('arbitration', site, row.town),
    deps.projects.nearestHelpPoint('legal_aid', site, row.town),
    deps.fonts.load(),
  ])
  const url = signUrl(deps.settings, row.id)
  const doc = new PDFDocument({
    size: 'A3',
    margin: 60,
    info: { Title: `农民工维权信息告示牌 ${row.name}`, Author: 'HuXin', Creator: 'HuXin', Producer: 'HuXin (pdfkit)', CreationDate: now, ModDate: now },
  })
  const chunks: Buffer[] = []
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  doc.registerFont('cjk', font)
  doc.font('cjk')
  const width = doc.page.width - 120
  doc.fontSize(40).text('农民工维权信息告示牌', { align: 'center' })
  doc.moveDown(0.3).fontSize(16).text('依据《保障农民工工资支付条例》第三十四条设置', { align: 'center' })
  doc.moveDown(1)
  const field = (label: string, value: string) => doc.fontSize(20).text(`${label}：${value}`, { width, lineGap: 6 })
  field('项目名称', row.name)
  field('施工许可证号', row.permitNumber)
  field('建设单位', row.builderName)
  field('施工总承包单位', row.gcName)
  field('项目状态', PROJECT_STATUS_LABELS[row.status as keyof typeof PROJECT_STATUS_LABELS] ?? row.status)
  field('工资发放日', row.payDay ? `每月 ${row.payDay} 日` : '以劳动合同约定为准（至少每月支付一次）')
  doc.moveDown(0.5)
  doc.fontSize(30).text(`欠薪投诉举报电话：${HOTLINE}`, { width })
  doc.moveDown(0.5)
  const point = (label: string, p: Point | undefined) =>
    field(label, p ? [p.name, p.address, p.phones.length ? `电话 ${p.phones.join('、')}` : ''].filter(Boolean).join('，') : '请拨打 12333 咨询')
  point('就近劳动人事争议仲裁', arbitration)
  point('就近法律援助', legalAid)
  doc.moveDown(0.5)
  doc
    .fontSize(18)
    .text('施工总承包单位对分包单位拖欠的农民工工资先行清偿（第三十条）；工资须通过农民工工资专用账户直接发放到农民工本人银行卡（第三十一条）。', {
      width,
      lineGap: 8,
    })

  // The QR code: modules as filled squares, with the quiet zone, at the bottom centre.
  const matrix = encodeQR(url, 'raw', { ecc: 'medium' })
  const size = 260
  const cell = size / (matrix.length + 8)
  const x0 = (doc.page.width - size) / 2
  const y0 = doc.page.height - 60 - size - 80
  doc.rect(x0, y0, size, size).fill('#ffffff')
  matrix.forEach((rowCells, y) =>
    rowCells.forEach((dark, x) => {
      if (dark) doc.rect(x0 + (x + 4) * cell, y0 + (y + 4) * cell, cell, cell)
    }),
  )
  doc.fill('#000000')
  doc.fontSize(18).text('扫码投诉欠薪（自动填写本项目和施工总承包单位）', 60, y0 + size + 12, { width, align: 'center' })
  doc.fontSize(11).text(`${url}  小程序 scene=${weappScene(row.id)}`, 60, y0 + size + 44, { width, align: 'center' })
  doc.end()
  return finished
}
