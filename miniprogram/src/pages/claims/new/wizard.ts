/**
 * Pure logic of the claim wizard's steps: which fields each step checks, moving between steps,
 * co-worker rows, photos and the plain-words summary of the last step. No Taro import
 * (test/wizard.test.ts).
 */
import type { FieldError } from '@huxin/shared'
import { maskIdNumber } from '@huxin/shared/domain/identity'
import { formatFen, MAX_AMOUNT_FEN, parseYuanToFen } from '@huxin/shared/domain/money'
import { townName } from '@huxin/shared/domain/towns'
import { MAX_ATTACHMENT_BYTES } from '@huxin/shared/domain/claim-status'
import { formatPeriod } from '../../../lib/dates'
import {
  fieldIdForPath,
  INDUSTRY_OPTIONS,
  MAX_CO_WORKERS,
  MAX_PHOTOS,
  normaliseIdNumber,
  normalisePhone,
  prepareSubmission,
  stepOfField,
  WIZARD_STEPS,
  type ClaimDraft,
  type CoWorkerDraft,
  type PhotoDraft,
  type WizardStep,
} from './form'

export const LAST_STEP: WizardStep = 5

export const STEP_TITLES: Record<WizardStep, string> = {
  1: '您的信息',
  2: '欠薪单位',
  3: '欠薪情况',
  4: '说明和证据',
  5: '确认提交',
}

/** The step an error belongs to; errors of fields no step shows are shown on the last step. */
export function stepOfError(error: FieldError): WizardStep {
  const id = fieldIdForPath(error.field)
  return id === undefined ? LAST_STEP : stepOfField(id)
}

/**
 * The errors a step must clear before "下一步": the same checks as the submission
 * (`prepareSubmission`, which runs the shared `validateClaimInput`), limited to this step's fields.
 */
export function validateStep(draft: ClaimDraft, step: WizardStep, now: Date = new Date()): FieldError[] {
  return prepareSubmission(draft, now).errors.filter((error) => stepOfError(error) === step)
}

/** The earliest step with an error (where "提交" sends the worker back to), if any. */
export function firstStepWithError(errors: readonly FieldError[]): WizardStep | undefined {
  let first: WizardStep | undefined
  for (const error of errors) {
    const step = stepOfError(error)
    if (first === undefined || step < first) first = step
  }
  return first
}

export function nextStep(step: WizardStep): WizardStep {
  return WIZARD_STEPS.find((s) => s > step) ?? LAST_STEP
}

export function previousStep(step: WizardStep): WizardStep {
  return [...WIZARD_STEPS].reverse().find((s) => s < step) ?? 1
}

// ---------------------------------------------------------------------------------------------
// Step 1: the ID number and its separate consent (PIPL Art. 29)

/** Ticking shows the ID field; unticking forgets what was typed in it. */
export function setSensitiveConsent(draft: ClaimDraft, agreed: boolean): ClaimDraft {
  return agreed ? { ...draft, sensitiveConsent: true } : { ...draft, sensitiveConsent: false, idNumber: '' }
}

/**
 * The number proven by SMS at sign-in becomes the contact number when the worker has not typed one
 * (a number typed by the worker is theirs to keep; a draft already filed is not changed).
 */
export function withVerifiedPhone(draft: ClaimDraft, verified: string | undefined): ClaimDraft {
  if (verified === undefined || draft.filed || normalisePhone(draft.claimantPhone) !== '') return draft
  return { ...draft, claimantPhone: verified }
}

// ---------------------------------------------------------------------------------------------
// Step 3: co-workers

function workersCountNumber(draft: ClaimDraft): number | undefined {
  const text = normalisePhone(draft.workersCount)
  return /^\d{1,5}$/.test(text) ? Number(text) : undefined
}

/** Filled rows (a row with a name or a phone). */
export function filledCoWorkers(rows: readonly CoWorkerDraft[]): CoWorkerDraft[] {
  return rows.filter((row) => row.name.trim() !== '' || row.phone.trim() !== '')
}

/**
 * Adds an empty row. The number of workers grows with the list when it would fall short of
 * "you plus the co-workers named", which the shared rules require anyway.
 */
export function addCoWorker(draft: ClaimDraft): ClaimDraft {
  if (draft.coWorkers.length >= MAX_CO_WORKERS) return draft
  const coWorkers = [...draft.coWorkers, { name: '', phone: '' }]
  const count = workersCountNumber(draft)
  const needed = coWorkers.length + 1
  return {
    ...draft,
    coWorkers,
    workersCount: count === undefined || count < needed ? String(needed) : draft.workersCount,
  }
}

export function updateCoWorker(draft: ClaimDraft, index: number, patch: Partial<CoWorkerDraft>): ClaimDraft {
  return { ...draft, coWorkers: draft.coWorkers.map((row, i) => (i === index ? { ...row, ...patch } : row)) }
}

/** Removes a row; the number of workers is left as the worker set it. */
export function removeCoWorker(draft: ClaimDraft, index: number): ClaimDraft {
  return { ...draft, coWorkers: draft.coWorkers.filter((_, i) => i !== index) }
}

// ---------------------------------------------------------------------------------------------
// Step 4: photos

export function photosLeft(draft: ClaimDraft): number {
  return Math.max(0, MAX_PHOTOS - draft.photos.length)
}

/**
 * Adds chosen photos. Photos larger than the server accepts are left out and counted, so the
 * worker is told at once rather than after a long upload; so are photos beyond nine.
 */
export function addPhotos(
  draft: ClaimDraft,
  picked: ReadonlyArray<{ path: string; size: number }>,
  makeId: () => string,
): { draft: ClaimDraft; tooLarge: number; overLimit: number } {
  let tooLarge = 0
  let overLimit = 0
  const photos: PhotoDraft[] = [...draft.photos]
  for (const photo of picked) {
    if (photo.size > MAX_ATTACHMENT_BYTES) {
      tooLarge++
    } else if (photos.length >= MAX_PHOTOS) {
      overLimit++
    } else if (!photos.some((p) => p.path === photo.path)) {
      photos.push({ id: makeId(), path: photo.path, size: photo.size })
    }
  }
  // Photos chosen again: the warning about lost ones has done its job.
  return { draft: { ...draft, photos, photosLost: 0 }, tooLarge, overLimit }
}

export function removePhoto(draft: ClaimDraft, id: string): ClaimDraft {
  return { ...draft, photos: draft.photos.filter((photo) => photo.id !== id) }
}

/**
 * Drops photos whose local file is gone (in H5 every photo of an earlier page load: blob: URLs
 * die with the page). Photos already sent are kept: they are on the server.
 */
export function dropLostPhotos(draft: ClaimDraft, isAvailable: (path: string) => boolean): { draft: ClaimDraft; lost: number } {
  const kept = draft.photos.filter((photo) => photo.attachmentId !== undefined || isAvailable(photo.path))
  const lost = draft.photos.length - kept.length
  return { draft: lost === 0 ? draft : { ...draft, photos: kept, photosLost: Math.min(MAX_PHOTOS, draft.photosLost + lost) }, lost }
}

/** Sentence under the photo list about what was left out. */
export function photoAddNotice(tooLarge: number, overLimit: number): string | undefined {
  const parts: string[] = []
  if (tooLarge > 0) parts.push(`${tooLarge} 张照片太大（超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB），没有加上`)
  if (overLimit > 0) parts.push(`最多 ${MAX_PHOTOS} 张，多出的 ${overLimit} 张没有加上`)
  return parts.length === 0 ? undefined : parts.join('；')
}

// ---------------------------------------------------------------------------------------------
// Step 5: the summary, in plain words

export interface SummaryLine {
  label: string
  value: string
}

export interface SummarySection {
  step: WizardStep
  title: string
  lines: SummaryLine[]
}

const NOT_FILLED = '没有填'

/** The photos line of the summary: a lost photo is never passed off as "no photos". */
export function photosLine(usable: number, lost: number): string {
  const have = usable === 0 ? '没有照片' : `${usable} 张`
  return lost > 0 ? `${have}（另有 ${lost} 张之前选的照片丢失了，请回到第 4 步重新选）` : have
}

/** The work site in words: the address, and whether a point was given on the map. */
export function siteSummary(draft: Pick<ClaimDraft, 'siteLat' | 'siteLng' | 'siteAddress'>): string {
  const address = draft.siteAddress.trim()
  const pointed = draft.siteLat !== null && draft.siteLng !== null
  if (pointed) return address === '' ? '已在地图上标出' : `${address}（已在地图上标出）`
  return address === '' ? NOT_FILLED : address
}

function orNot(value: string): string {
  const text = value.trim()
  return text === '' ? NOT_FILLED : text
}

/** Everything the worker entered, grouped by step, for the worker to check before sending. */
export function summarise(draft: ClaimDraft): SummarySection[] {
  const fen = parseYuanToFen(draft.amountYuan)
  const amount = fen !== undefined && fen > 0 && fen <= MAX_AMOUNT_FEN ? `${formatFen(fen)} 元` : orNot(draft.amountYuan)
  const idNumber = normaliseIdNumber(draft.idNumber)
  const coWorkers = filledCoWorkers(draft.coWorkers)
  const period =
    draft.periodFrom && draft.periodTo
      ? formatPeriod(draft.periodFrom, draft.periodTo)
      : NOT_FILLED
  const usable = draft.photos.filter((photo) => photo.refused === undefined).length
  return [
    {
      step: 1,
      title: STEP_TITLES[1],
      lines: [
        { label: '姓名', value: orNot(draft.claimantName) },
        { label: '手机号', value: orNot(normalisePhone(draft.claimantPhone)) },
        {
          label: '身份证号码',
          value: draft.sensitiveConsent && idNumber !== '' ? maskIdNumber(idNumber) : NOT_FILLED,
        },
      ],
    },
    {
      step: 2,
      title: STEP_TITLES[2],
      lines: [
        { label: '欠薪单位', value: orNot(draft.employerName) },
        { label: '信用代码', value: orNot(draft.employerCreditCode) },
        { label: '工程项目', value: orNot(draft.projectName) },
        { label: '行业', value: INDUSTRY_OPTIONS.find((o) => o.value === draft.industry)?.label ?? NOT_FILLED },
        { label: '镇/街道', value: (draft.town && townName(draft.town)) || NOT_FILLED },
        { label: '工作地点', value: siteSummary(draft) },
      ],
    },
    {
      step: 3,
      title: STEP_TITLES[3],
      lines: [
        { label: '欠薪时间', value: period },
        { label: '欠薪金额', value: amount },
        { label: '涉及人数', value: draft.workersCount.trim() === '' ? NOT_FILLED : `${draft.workersCount.trim()} 人` },
        {
          label: '工友',
          value: coWorkers.length === 0 ? NOT_FILLED : coWorkers.map((c) => c.name.trim() || '（没写姓名）').join('、'),
        },
      ],
    },
    {
      step: 4,
      title: STEP_TITLES[4],
      lines: [
        { label: '情况说明', value: orNot(draft.description) },
        { label: '证据照片', value: photosLine(usable, draft.photosLost) },
      ],
    },
  ]
}
