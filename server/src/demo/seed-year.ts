/**
 * `npm run demo:seed-year`: the seed's 2024 year report, generated and loaded through the services
 * the API uses (filing, the national inbox, the case workflow, the recovery ledger, documents, case
 * outcomes, the register import, the permit-list import and the deposit ledger), on a virtual clock
 * that walks through 2024 — so every figure of GET /api/v1/stats for 2024 is the report's
 * (docs/figures.md; the projects and their deposits: ./seed-projects.ts).
 *
 * The year, by construction:
 * - register: 10,000 employers under supervision; 914 national clues name 48 of them → 0.48 %;
 * - 2,025 complaints accepted = the 914 clues (one worker each, each its own project) + 1,111 staff
 *   filings: 165 groups of five one-worker claims (165 group cases, 825 workers) and 286 claims on
 *   their own of 2 (41) or 3 (245) workers → 914 + 825 + 82 + 735 = 2,556 workers;
 * - every one concluded (resolved, or transferred to the police) → 100 %;
 * - 100 wage recoveries of 296,621.00 yuan → 29,662,100.00 yuan; 50 social-insurance orders of
 *   29,300.00 yuan → 1,465,000.00 yuan; 42 registrations of 4 workers → 168;
 * - two enterprises transferred to the police (payment order served, deadline passed, still unpaid)
 *   and two applied for the blacklist;
 * - 72 construction permits, 70 deposits stored (15 exempt), one deferred then stored, one deferred
 *   then the permit cancelled, 31,706,800.00 yuan; three of the groups file through their project's
 *   site sign and their wage recovery is a draw on its deposit.
 */
import { randomUUID } from 'node:crypto'
import { TOWN_CODES, type CreateClaimBody } from '@huxin/shared'
import type { FastifyInstance } from 'fastify'
import type { Actor } from '../modules/casework/index'
import { fileClaim } from '../modules/claims/index'
import { importEmployers } from '../modules/employers/index'
import { receiveClue } from '../modules/national-sync/index'
import { SEED_DEPOSIT_FIGURES, seedProjects } from './seed-projects'
import { installVirtualClock } from './virtual-clock'

export const SEED_YEAR = 2024

/** The report's figures (社会保障和卫生健康局, 2024-12-13) that the loaded year reproduces. */
export const SEED_YEAR_FIGURES = {
  cluesReceived: 914,
  clueIncidenceRate: 0.0048,
  complaintsAccepted: 2025,
  groupCases: 165,
  workersInvolved: 2556,
  wagesRecoveredFen: 2_966_210_000,
  socialInsuranceOrderedFen: 146_500_000,
  socialInsuranceRegistrations: 168,
  closureRate: 1,
  policeTransferEnterprises: 2,
  blacklistEnterprises: 2,
  ...SEED_DEPOSIT_FIGURES,
} as const

const REGISTER_SIZE = 10_000
const CLUE_EMPLOYERS = 48
const CLUES = 914
const GROUPS = 165
const PAIRS = 41
const TRIOS = 245
const WAGE_RECOVERIES = 100
const WAGE_RECOVERY_FEN = 29_662_100
const SI_ORDERS = 50
const SI_ORDER_FEN = 2_930_000
const SI_REGISTRATIONS = 42
const SI_REGISTRATION_WORKERS = 4
/** The groups of five filed through their project's site sign; each holds one wage recovery (staff index ≡ 3 mod 4). */
const DRAW_GROUPS = [20, 45, 70]

type Plan =
  | { kind: 'clue'; employer: number }
  | { kind: 'staff'; employer: string; project: string; workers: number; group?: number; police?: boolean; blacklist?: boolean }

/** Every claim of the year, in filing order: groups' five claims one after another. */
function planYear(): Plan[] {
  const staff: Plan[] = []
  for (let g = 0; g < GROUPS; g++) {
    for (let k = 0; k < 5; k++) staff.push({ kind: 'staff', employer: `常州群体示范建筑劳务${g + 1}号有限公司`, project: `群体示范${g + 1}号工地`, workers: 1, group: g })
  }
  for (let i = 0; i < PAIRS + TRIOS; i++) {
    staff.push({
      kind: 'staff',
      employer: `常州个案示范${i + 1}号有限公司`,
      project: `个案示范${i + 1}号项目`,
      workers: i < PAIRS ? 2 : 3,
      police: i === PAIRS || i === PAIRS + 1,
      blacklist: i === PAIRS + 2 || i === PAIRS + 3,
    })
  }
  const clues: Plan[] = Array.from({ length: CLUES }, (_, i) => ({ kind: 'clue', employer: i % CLUE_EMPLOYERS }))
  // Interleave: clues spread evenly among the staff filings (groups stay together).
  const all: Plan[] = []
  let c = 0
  staff.forEach((p, i) => {
    all.push(p)
    while (c < CLUES && c * staff.length <= i * CLUES) all.push(clues[c++]!)
  })
  while (c < CLUES) all.push(clues[c++]!)
  return all
}

/** 09:00 Shanghai on the n-th working-ish day of the year (Mondays to Fridays, 2 Jan to 29 Nov). */
function dayOf(index: number, total: number): Date {
  const first = Date.UTC(SEED_YEAR, 0, 2, 1)
  const days = 332
  const day = Math.floor((index * days) / total)
  const at = new Date(first + day * 86_400_000)
  const weekday = at.getUTCDay()
  return new Date(at.getTime() + (weekday === 6 ? 2 : weekday === 0 ? 1 : 0) * 86_400_000)
}

const hours = (at: Date, h: number) => new Date(at.getTime() + h * 3_600_000)
const month = (at: Date, back: number) => {
  const d = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - back, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

export interface SeedYearResult {
  claims: number
  milliseconds: number
}

/**
 * Loads the year into the app's (fresh) database. Installs the virtual clock for the duration and
 * always puts the real one back.
 */
export async function loadSeedYear(app: FastifyInstance, log: (line: string) => void = () => {}): Promise<SeedYearResult> {
  const started = performance.now()
  const clock = installVirtualClock()
  try {
    clock.set(Date.UTC(SEED_YEAR, 0, 1, 1))
    const [inspector, supervisor, administrator] = await Promise.all(
      (['inspector', 'supervisor', 'admin'] as const).map((role) =>
        app.repos.users.createStaff({ username: `demo-${role}-${randomUUID().slice(0, 8)}`, role, passwordHash: '!', totpSecretEnc: null, towns: [...TOWN_CODES] }),
      ),
    )
    const staff: Actor = { id: inspector!.id, role: 'inspector', towns: [...TOWN_CODES] }
    const lead: Actor = { id: supervisor!.id, role: 'supervisor', towns: [] }
    const admin: Actor = { id: administrator!.id, role: 'admin', towns: [] }

    const register = ['name,town,industry', ...Array.from({ length: REGISTER_SIZE }, (_, i) => `示范监管企业${i + 1}号有限公司,${TOWN_CODES[i % TOWN_CODES.length]},manufacturing`)]
    await importEmployers({ employers: app.repos.employers, claims: app.repos.claims }, register.join('\n'))
    log(`register: ${REGISTER_SIZE} employers`)

    const plans = planYear()
    const drawGroups = new Map<number, Date>()
    plans.forEach((p, i) => {
      if (p.kind === 'staff' && p.group !== undefined && DRAW_GROUPS.includes(p.group) && !drawGroups.has(p.group)) drawGroups.set(p.group, dayOf(i, plans.length))
    })
    const projects = seedProjects(app, admin, clock, drawGroups)
    const fileDeps = { claims: app.repos.claims, pii: app.pii, calendar: app.calendar, projectOf: (id: string) => app.repos.projects.forFiling(id) }
    const inboxDeps = { db: app.db, repository: app.repos.nationalSync, claims: app.repos.claims, pii: app.pii, calendar: app.calendar }
    let recoveries = 0
    let orders = 0
    let registrations = 0
    let staffIndex = 0
    for (const [i, plan] of plans.entries()) {
      const day = dayOf(i, plans.length)
      await projects.until(day)
      clock.set(day)
      const town = TOWN_CODES[i % TOWN_CODES.length]!
      const phone = `139${String(10_000_000 + i).padStart(8, '0')}`
      let claimId: string
      let workers = 1
      if (plan.kind === 'clue') {
        const received = await receiveClue(
          inboxDeps,
          {
            clueId: `demo-${SEED_YEAR}-${i}`,
            dispatchSeq: i + 1,
            dispatchedAt: day.toISOString(),
            dueAt: hours(day, 24 * 10).toISOString(),
            town,
            industry: 'construction',
            claimant: { name: '线索劳动者', phone },
            employer: { name: `示范监管企业${plan.employer * 200 + 1}号有限公司` },
            project: { name: `线索项目${i}` },
            periodFrom: month(day, 2),
            periodTo: month(day, 1),
            amountOwedFen: 800_000,
            workersCount: 1,
            description: '全国根治欠薪线索反映平台交办线索',
          },
          'pull',
        )
        claimId = received.claimId
      } else {
        workers = plan.workers
        const projectId = plan.group === undefined ? undefined : projects.projectOfGroup(plan.group)
        const body: CreateClaimBody = {
          claimant: { name: '示范劳动者', phone },
          employer: { name: plan.employer },
          project: { name: plan.project },
          industry: 'construction',
          town,
          periodFrom: month(day, 2),
          periodTo: month(day, 1),
          amountOwedFen: WAGE_RECOVERY_FEN,
          workersCount: workers,
          coWorkers: [],
          description: '工地拖欠工资，多次讨要未果。',
          confidential: false,
          consent: { privacyVersion: '2026-11', sensitiveInfo: false },
          channel: 'hotline',
          workerConsent: { how: 'verbal', note: '电话中同意代为登记' },
          ...(projectId ? { projectId } : {}),
        }
        claimId = (await fileClaim(fileDeps, { body, idempotencyKey: randomUUID(), filer: { kind: 'staff', staffId: staff.id } })).claim.id
      }
      clock.set(hours(day, 1))
      await app.caseWorkflow.transition(claimId, staff, { action: 'accept' })
      clock.set(hours(day, 2))
      await app.caseWorkflow.transition(claimId, staff, { action: 'investigate' })
      if (plan.kind === 'staff') {
        clock.set(hours(day, 3))
        if (staffIndex % 4 === 3 && recoveries < WAGE_RECOVERIES) {
          recoveries++
          if (plan.group !== undefined && projects.projectOfGroup(plan.group)) await projects.draw(plan.group, claimId, WAGE_RECOVERY_FEN)
          else await app.caseWork.recordRecovery(claimId, staff, { kind: 'wages', amountFen: WAGE_RECOVERY_FEN, paidAt: hours(day, 3).toISOString(), payer: 'employer' })
        }
        if (staffIndex % 5 === 1 && orders < SI_ORDERS) {
          orders++
          await app.caseOutcomes.record(claimId, staff, { kind: 'social_insurance_order', amountFen: SI_ORDER_FEN, decidedAt: hours(day, 3).toISOString() })
        }
        if (staffIndex % 5 === 2 && registrations < SI_REGISTRATIONS) {
          registrations++
          await app.caseOutcomes.record(claimId, staff, { kind: 'social_insurance_registration', workers: SI_REGISTRATION_WORKERS, decidedAt: hours(day, 3).toISOString() })
        }
        staffIndex++
      }
      clock.set(hours(day, 4))
      if (plan.kind === 'staff' && plan.police) {
        // 责令支付 → served → its deadline passes unpaid → 移送公安 (Art. 276-1 of the Criminal Law).
        await app.caseWorkflow.transition(claimId, staff, { action: 'order_payment' })
        const { document } = await app.documents.request(claimId, staff, { kind: 'payment_order', payWithinDays: 3 }, randomUUID())
        clock.set(hours(day, 5))
        await app.documents.recordService(document.id, staff, { method: 'in_person', servedAt: hours(day, 5).toISOString(), servedTo: `${plan.employer} 法定代表人` })
        clock.set(hours(day, 24 * 7))
        await app.caseWorkflow.transition(claimId, staff, { action: 'transfer_police', unpaidProof: '劳动者银行流水（期满仍未支付）' })
      } else {
        await app.caseWorkflow.transition(claimId, staff, { action: 'resolve' })
        if (plan.kind === 'staff' && plan.blacklist) {
          clock.set(hours(day, 5))
          await app.caseWorkflow.transition(claimId, lead, { action: 'apply_blacklist', note: '拖欠农民工工资失信联合惩戒' })
        }
      }
      if ((i + 1) % 250 === 0) log(`claims: ${i + 1} of ${plans.length}`)
    }
    await projects.finish()
    log(`claims: ${plans.length}; recoveries ${recoveries}, orders ${orders}, registrations ${registrations}; projects: 72`)
    return { claims: plans.length, milliseconds: Math.round(performance.now() - started) }
  } finally {
    clock.uninstall()
  }
}
