/**
 * The construction projects of the seed's 2024 (server/src/demo/seed-year.ts): the housing
 * department's permit list imported week by week and each deposit moved through the ledger's state
 * machine on its day, through the services the API uses (`importProjects`, `transitionDeposit`),
 * so the dashboard's deposit figures are the report's:
 *
 *   目前领取施工许可证的施工单位累计72家，完成工资保证金存储70家（其中免缴15家，缓缴期间已竣工验收的1家，
 *   缓缴期间注销施工许可证1家），涉及保费3170余万元。
 *
 * By construction: 72 permits in 2024; 55 deposits stored directly and 15 exempted (70 stored,
 * exempt included); one deferred then stored; one deferred then its permit cancelled; the 56 stored
 * amounts add up to 31,706,800.00 yuan (3,170余万). Three stored deposits are later returned (the
 * project finished without arrears) and three pay arrears of a group of five filed through the
 * project's site sign (a draw, topped up two weeks later): neither changes the figures
 * (docs/figures.md, deposits).
 */
import { DEPOSIT_FORMS, TOWNS, type DepositTransitionBody } from '@huxin/shared'
import type { FastifyInstance } from 'fastify'
import type { Actor } from '../modules/casework/index'
import { importProjects, transitionDeposit, type DepositDeps } from '../modules/projects/index'
import type { VirtualClock } from './virtual-clock'

/** The report's deposit figures, as GET /api/v1/stats names them. */
export const SEED_DEPOSIT_FIGURES = {
  depositPermitHolders: 72,
  depositStored: 70,
  depositExempt: 15,
  depositDeferredCompleted: 1,
  depositPermitCancelled: 1,
  depositAmountFen: 3_170_680_000,
} as const

const PERMITS = 72
const EXEMPT = 15
const DEFERRED_STORED = 10
const DEFERRED_CANCELLED = 30
const RETURNED = [0, 4, 8]
const DAY = 86_400_000

type Role = 'store' | 'exempt' | 'defer_store' | 'defer_cancel'

/** Each permit's fate, by index: the 15 exempt are every fourth from the second. */
export function projectRoles(): Role[] {
  let exempt = 0
  return Array.from({ length: PERMITS }, (_, j): Role => {
    if (j === DEFERRED_STORED) return 'defer_store'
    if (j === DEFERRED_CANCELLED) return 'defer_cancel'
    if (j % 4 === 1 && exempt < EXEMPT) {
      exempt++
      return 'exempt'
    }
    return 'store'
  })
}

/** The deposit amounts in fen (0 for the exempt): the last stored one makes the total the report's. */
export function depositAmounts(roles: readonly Role[]): number[] {
  const amounts = roles.map((role, j) => (role === 'exempt' ? 0 : (320_000 + ((j * 7919) % 23) * 23_000) * 100))
  const stored = roles.flatMap((role, j) => (role === 'store' || role === 'defer_store' ? [j] : []))
  const last = stored[stored.length - 1]!
  const others = stored.slice(0, -1).reduce((sum, j) => sum + amounts[j]!, 0)
  amounts[last] = SEED_DEPOSIT_FIGURES.depositAmountFen - others
  if (amounts[last]! < 10_000_000 || amounts[last]! > 200_000_000) throw new Error(`seed-projects: the last deposit would be ${amounts[last]} fen`)
  return amounts
}

/** 10:00 Shanghai of a UTC calendar day. */
const tenOclock = (utcMidnight: number) => new Date(utcMidnight + 2 * 3_600_000)
const ymd = (at: number) => new Date(at).toISOString().slice(0, 10)

/** Permit dates spread over 3 January – 28 October 2024, on weekdays. */
function permitDay(j: number): number {
  const at = Date.UTC(2024, 0, 3) + Math.floor((j * 300) / PERMITS) * DAY
  const weekday = new Date(at).getUTCDay()
  return at + (weekday === 6 ? 2 : weekday === 0 ? 1 : 0) * DAY
}

/** The list reaches the bureau the Monday after the permit. */
function importDay(j: number): number {
  const permit = permitDay(j)
  const weekday = new Date(permit).getUTCDay()
  return permit + (((8 - weekday) % 7) || 7) * DAY
}

interface Step {
  at: number
  run: () => Promise<void>
}

export interface ProjectSeeder {
  /** The project a group of five files through (its site sign), if it is one of the draw groups. */
  projectOfGroup(group: number): string | undefined
  /** Runs every step due by `at`, each on its own virtual time. */
  until(at: Date): Promise<void>
  /** Pays the claim's wages from the group's project deposit; the top-up follows two weeks later. */
  draw(group: number, claimId: string, amountFen: number): Promise<void>
  /** Runs the remaining steps (returns in December). */
  finish(): Promise<void>
}

/**
 * Plans the year's projects. `drawGroups` maps a group of five (index) to the day its first claim
 * is filed: each gets the stored deposit stored latest at least a week before.
 */
export function seedProjects(app: FastifyInstance, admin: Actor, clock: VirtualClock, drawGroups: ReadonlyMap<number, Date>): ProjectSeeder {
  const roles = projectRoles()
  const amounts = depositAmounts(roles)
  const deps: DepositDeps = { projects: app.repos.projects, calendar: app.calendar, settings: app.config.projects, caseWork: app.caseWork }
  const ids = new Map<number, string>()
  const steps: Step[] = []
  const schedule = (at: number, run: () => Promise<void>) => {
    steps.push({ at, run })
    steps.sort((a, b) => a.at - b.at)
  }
  const move = (j: number, body: DepositTransitionBody) => async () => {
    await transitionDeposit(deps, admin, ids.get(j)!, body)
  }

  // The permit list, week by week.
  const weeks = new Map<number, number[]>()
  for (let j = 0; j < PERMITS; j++) weeks.set(importDay(j), [...(weeks.get(importDay(j)) ?? []), j])
  for (const [day, list] of weeks) schedule(tenOclock(day).getTime(), () => importWeek(list))

  async function importWeek(list: number[]) {
    const header = '施工许可证号,项目名称,镇街,项目地址,纬度,经度,建设单位,施工总承包单位,发证日期,开工日期,竣工日期,合同价款（元）,保证金金额（元）,工资发放日'
    const kinds = ['标准厂房', '住宅小区', '商业综合体', '道路改造', '学校扩建', '安置房']
    const lines = list.map((j) => {
      const permit = ymd(permitDay(j))
      const town = TOWNS[j % TOWNS.length]!
      const amount = amounts[j]!
      const contract = amount > 0 ? amount * 40 : (8_000_000 + j * 150_000) * 100
      const ends = RETURNED.includes(j) ? '2024-11-15' : `${2025 + (j % 2)}-${String(1 + (j % 12)).padStart(2, '0')}-28`
      return [
        `320412${permit.replace(/-/g, '')}${String(j + 1).padStart(2, '0')}01`,
        `经开区示范${j + 1}号${kinds[j % kinds.length]}项目`,
        town.name,
        `${town.name}示范路${j + 1}号`,
        (31.74 + (j % 9) * 0.006).toFixed(5),
        (120.01 + (j % 8) * 0.012).toFixed(5),
        `示范监管企业${9603 + j * 2}号有限公司`,
        `示范监管企业${9602 + j * 2}号有限公司`,
        permit,
        permit,
        ends,
        (contract / 100).toFixed(2),
        amount > 0 ? (amount / 100).toFixed(2) : '',
        String(10 + (j % 6)),
      ].join(',')
    })
    await importProjects(deps, [header, ...lines].join('\n'))
    for (const [k, j] of list.entries()) {
      const permitNumber = lines[k]!.split(',')[0]!
      const [row] = await app.repos.projects.list({ q: permitNumber }, 1)
      ids.set(j, row!.id)
    }
  }

  // Each deposit's moves after its import.
  const storedAt = new Map<number, number>()
  roles.forEach((role, j) => {
    const day = importDay(j)
    const form = DEPOSIT_FORMS[j % DEPOSIT_FORMS.length]!
    if (role === 'store') {
      storedAt.set(j, tenOclock(day + 2 * DAY).getTime())
      schedule(storedAt.get(j)!, move(j, { action: 'store', form }))
    } else if (role === 'exempt') {
      schedule(tenOclock(day + DAY).getTime(), move(j, { action: 'exempt', note: '连续两年无拖欠，免缴' }))
    } else {
      schedule(tenOclock(day + DAY).getTime(), move(j, { action: 'defer', note: '缓缴' }))
      if (role === 'defer_store') schedule(tenOclock(day + 65 * DAY).getTime(), move(j, { action: 'store', form }))
      else schedule(tenOclock(day + 45 * DAY).getTime(), move(j, { action: 'cancel_permit', note: '缓缴期间注销施工许可证' }))
    }
  })
  for (const j of RETURNED) schedule(tenOclock(Date.UTC(2024, 11, 16)).getTime(), move(j, { action: 'return', note: '竣工验收，无拖欠，退还' }))

  // The groups paid from a deposit: the latest stored deposit at least a week before the group.
  const projectOfGroup = new Map<number, number>()
  for (const [group, first] of drawGroups) {
    const candidates = [...storedAt].filter(([j, at]) => !RETURNED.includes(j) && at <= first.getTime() - 7 * DAY && ![...projectOfGroup.values()].includes(j))
    const chosen = candidates.sort((a, b) => b[1] - a[1])[0]
    if (!chosen) throw new Error(`seed-projects: no deposit stored before group ${group}`)
    projectOfGroup.set(group, chosen[0])
  }

  async function until(at: Date) {
    while (steps.length > 0 && steps[0]!.at <= at.getTime()) {
      const step = steps.shift()!
      clock.set(step.at)
      await step.run()
    }
  }

  return {
    projectOfGroup(group) {
      const j = projectOfGroup.get(group)
      return j === undefined ? undefined : ids.get(j)
    },
    until,
    async draw(group, claimId, amountFen) {
      const j = projectOfGroup.get(group)!
      await transitionDeposit(deps, admin, ids.get(j)!, { action: 'draw', amountFen, claimId, note: '总承包单位未按期支付' })
      schedule(Date.now() + 14 * DAY, move(j, { action: 'top_up', amountFen, note: '补足保证金' }))
    },
    finish: () => until(new Date(Date.UTC(2024, 11, 31, 15))),
  }
}
