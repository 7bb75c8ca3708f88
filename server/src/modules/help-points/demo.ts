/**
 * Demo help points for the Changzhou Economic Development Zone (常州经开区), loaded by `npm start`
 * into a database that has no help point at all, so the map is not empty on a first run. Every
 * demo point is marked `is_sample` and named “（示例）”: the offices, addresses and phone numbers are
 * made up (positions are plausible places in each town/street). The 12333 hotline is real and
 * therefore not a sample. Admins replace the samples with an import (`?replaceSamples=true`).
 */
import type { HelpPointKind, TownCode, WeeklyHours } from '@huxin/shared'
import { townName } from '@huxin/shared'
import { TOWN_CENTRES } from '@huxin/shared/domain/town-centres'
import type { HelpPointsRepository, NewHelpPoint } from './repository/index'
import { helpPointProblems } from './service'

const OFFICE: WeeklyHours = {
  mon: [['08:30', '12:00'], ['13:30', '17:30']],
  tue: [['08:30', '12:00'], ['13:30', '17:30']],
  wed: [['08:30', '12:00'], ['13:30', '17:30']],
  thu: [['08:30', '12:00'], ['13:30', '17:30']],
  fri: [['08:30', '12:00'], ['13:30', '17:30']],
}
const OFFICE_AND_SATURDAY: WeeklyHours = { ...OFFICE, sat: [['09:00', '12:00']] }
const ALWAYS: WeeklyHours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '24:00']]]))

interface DemoPoint {
  name: string
  kind: HelpPointKind
  town: TownCode | null
  /** Offset from the town centre in 1e-4 degrees (≈ 10 m), keeping points apart. */
  at: [number, number] | null
  address: string | null
  phones: string[]
  services: string[]
  hours: WeeklyHours
  openOnHolidays?: boolean
}

const phone = (n: number) => `0519-8000${String(n).padStart(4, '0')}`

function demoPoints(): DemoPoint[] {
  const zone: DemoPoint[] = [
    { name: '经开区劳动保障监察大队（示例）', kind: 'labour_inspection', town: 'dingyan', at: [40, 120], address: '经开区东方东路某号（示例地址）', phones: [phone(1)], services: ['欠薪举报投诉', '劳动保障监察', '群体性欠薪处置'], hours: OFFICE },
    { name: '经开区劳动人事争议仲裁院（示例）', kind: 'arbitration', town: 'dingyan', at: [-35, 160], address: '经开区东方东路某号（示例地址）', phones: [phone(2)], services: ['劳动争议仲裁申请', '仲裁咨询', '调解'], hours: OFFICE },
    { name: '经开区法律援助中心（示例）', kind: 'legal_aid', town: 'lucheng', at: [-60, 90], address: '潞城街道某路某号（示例地址）', phones: [phone(3)], services: ['法律援助申请', '农民工讨薪绿色通道', '法律咨询'], hours: OFFICE_AND_SATURDAY },
    { name: '经开区总工会职工服务中心（示例）', kind: 'trade_union', town: 'qishuyan', at: [70, -40], address: '戚墅堰街道某路某号（示例地址）', phones: [phone(4)], services: ['职工维权', '困难帮扶', '法律咨询'], hours: OFFICE },
    { name: '经开区人民法庭（示例）', kind: 'court', town: 'yaoguan', at: [90, -150], address: '遥观镇某路某号（示例地址）', phones: [phone(5)], services: ['劳动争议诉讼', '支付令申请', '诉讼服务'], hours: OFFICE },
  ]
  const perTown = (Object.keys(TOWN_CENTRES) as TownCode[]).flatMap((town, i): DemoPoint[] => {
    const name = townName(town)!
    const base = 10 + i * 10
    return [
      { name: `${name}劳动保障服务站（示例）`, kind: 'labour_station', town, at: [0, 0], address: `${name}便民服务中心（示例地址）`, phones: [phone(base + 1)], services: ['欠薪投诉受理', '劳动合同咨询', '就业登记', '社保咨询'], hours: OFFICE_AND_SATURDAY },
      { name: `${name}法律援助工作站（示例）`, kind: 'legal_aid', town, at: [25, -30], address: `${name}司法所（示例地址）`, phones: [phone(base + 2)], services: ['法律援助申请', '法律咨询'], hours: OFFICE },
      { name: `${name}总工会（示例）`, kind: 'trade_union', town, at: [-30, 35], address: `${name}某路某号（示例地址）`, phones: [phone(base + 3)], services: ['职工维权', '劳动争议调解'], hours: OFFICE },
    ]
  })
  const mediation: DemoPoint[] = (['yaoguan', 'henglin', 'hengshanqiao'] as const).map((town, i) => ({
    name: `${townName(town)!}劳动争议调解中心（示例）`,
    kind: 'arbitration',
    town,
    at: [-45, -50],
    address: `${townName(town)!}便民服务中心（示例地址）`,
    phones: [phone(80 + i)],
    services: ['劳动争议调解', '欠薪调解'],
    hours: OFFICE,
  }))
  return [...zone, ...perTown, ...mediation]
}

/** The national human-resources and social-security hotline: real, so not a sample. */
const HOTLINE: DemoPoint = {
  name: '12333 人社服务热线',
  kind: 'hotline',
  town: null,
  at: null,
  address: null,
  phones: ['12333'],
  services: ['欠薪投诉举报', '政策咨询', '24 小时自助语音'],
  hours: ALWAYS,
  openOnHolidays: true,
}

function demoHelpPointValues(): NewHelpPoint[] {
  return [...demoPoints().map((p) => ({ ...p, sample: true })), { ...HOTLINE, sample: false }].map((p) => {
    const centre = p.town ? TOWN_CENTRES[p.town] : null
    const location = centre && p.at ? { lat: Math.round((centre.lat + p.at[0] * 1e-4) * 1e6) / 1e6, lng: Math.round((centre.lng + p.at[1] * 1e-4) * 1e6) / 1e6 } : null
    const problems = helpPointProblems({ kind: p.kind, location, hours: p.hours, exceptions: {} })
    if (problems.length > 0) throw new Error(`demo help point ${p.name}: ${JSON.stringify(problems)}`)
    return {
      name: p.name,
      kind: p.kind,
      address: p.address,
      lat: location?.lat ?? null,
      lng: location?.lng ?? null,
      phones: p.phones,
      hours: p.hours,
      hoursExceptions: {},
      openOnHolidays: p.openOnHolidays ?? false,
      services: p.services,
      town: p.town,
      isSample: p.sample,
    }
  })
}

/** Loads the demo set when the database holds no help point; returns how many were loaded. */
export function loadDemoHelpPointsIfEmpty(repo: HelpPointsRepository): Promise<number> {
  return repo.loadDemoIfEmpty(demoHelpPointValues)
}
