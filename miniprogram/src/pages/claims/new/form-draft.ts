/**
 * The claim wizard's draft: the choices it offers, what the worker has typed (kept on the phone
 * after every change), and its restoration from storage, including the single-page form's
 * `huxin:claim-draft:v1`. No Taro import (test/claim-form.test.ts, test/wizard.test.ts).
 *
 * Runtime values come from `@huxin/shared/domain/*` only: the package root also exports the TypeBox
 * schemas, which would pull TypeBox into the mini-program bundle.
 */
import { isRecord } from '@huxin/shared/domain/is-record'
import type { Industry, TownCode } from '@huxin/shared'
import { TOWNS } from '@huxin/shared/domain/towns'
import { MAX_ATTACHMENTS_PER_CLAIM } from '@huxin/shared/domain/claim-status'
import { isValidIdempotencyKey, newIdempotencyKey } from '../../../lib/idempotency'

// ---------------------------------------------------------------------------------------------
// Choices

const INDUSTRY_LABELS: Record<Industry, string> = {
  construction: '建筑业',
  manufacturing: '制造业',
  services: '服务业',
  other: '其他',
}

export const INDUSTRY_OPTIONS: ReadonlyArray<{ value: Industry; label: string }> = (
  ['construction', 'manufacturing', 'services', 'other'] as const
).map((value) => ({ value, label: INDUSTRY_LABELS[value] }))

export const TOWN_OPTIONS: ReadonlyArray<{ value: TownCode; label: string }> = TOWNS.map((t) => ({
  value: t.code,
  label: t.name,
}))

function isIndustry(value: unknown): value is Industry {
  return INDUSTRY_OPTIONS.some((o) => o.value === value)
}

function isTownCode(value: unknown): value is TownCode {
  return TOWN_OPTIONS.some((o) => o.value === value)
}

// ---------------------------------------------------------------------------------------------
// Draft

/** `coWorkers` holds at most 200 (CreateClaimBody). */
export const MAX_CO_WORKERS = 200
/** Photos per claim (API.md: 409 beyond nine). */
export const MAX_PHOTOS = MAX_ATTACHMENTS_PER_CLAIM

/** One co-worker as typed (API.md: `coWorkers: [{ name, phone? }]`). */
export interface CoWorkerDraft {
  name: string
  phone: string
}

/** One evidence photo chosen on the phone. */
export interface PhotoDraft {
  /** Local id (list key). */
  id: string
  /**
   * Local file: a saved file or temp path in WeChat, a blob: URL in H5 (which dies with the page:
   * see lib/photos.h5.ts).
   */
  path: string
  /** Bytes, 0 when unknown. */
  size: number
  /** Set once the server stored it. */
  attachmentId?: string
  /** Set when the server refused it for good (too large, not a photo): the worker's words. */
  refused?: string
}

/** The claim the server created for this draft, kept until every photo is sent. */
export interface FiledClaim {
  id: string
  reference: string
  acceptDueAt: string
  acceptDueProvisional: boolean
  /** The claim is an earlier version of the draft, filed before the network dropped. */
  earlierVersion: boolean
}

export const WIZARD_STEPS = [1, 2, 3, 4, 5] as const
export type WizardStep = (typeof WIZARD_STEPS)[number]

/**
 * What the worker has typed so far, exactly as typed (strings), saved on the phone after every
 * change so that closing the app or losing the network loses nothing — including the step.
 */
export interface ClaimDraft {
  v: 2
  step: WizardStep
  claimantName: string
  claimantPhone: string
  /** Separate consent to process sensitive personal information (PIPL Art. 29): shows the ID field. */
  sensitiveConsent: boolean
  idNumber: string
  employerName: string
  employerCreditCode: string
  projectName: string
  industry: Industry | ''
  town: TownCode | ''
  /** `YYYY-MM` or '' */
  periodFrom: string
  /** `YYYY-MM` or '' */
  periodTo: string
  amountYuan: string
  workersCount: string
  coWorkers: CoWorkerDraft[]
  description: string
  /** Where the work was (optional): a point on the map or the phone's position (WGS-84)… */
  siteLat: number | null
  siteLng: number | null
  /** …and/or an address typed by the worker. */
  siteAddress: string
  photos: PhotoDraft[]
  /** Photos chosen earlier that could not be read back (H5 storage refused or cleared): step 5 warns. */
  photosLost: number
  confidential: boolean
  consent: boolean
  /** One key per draft, reused by every retry of it (API.md, Claims: Idempotency-Key). */
  idempotencyKey: string
  /** Set once `POST /api/v1/claims` answered: retries then only send the remaining photos. */
  filed?: FiledClaim
}

export function emptyDraft(makeKey: () => string = newIdempotencyKey): ClaimDraft {
  return {
    v: 2,
    step: 1,
    claimantName: '',
    claimantPhone: '',
    sensitiveConsent: false,
    idNumber: '',
    employerName: '',
    employerCreditCode: '',
    projectName: '',
    industry: '',
    town: '',
    periodFrom: '',
    periodTo: '',
    amountYuan: '',
    workersCount: '1',
    coWorkers: [],
    description: '',
    siteLat: null,
    siteLng: null,
    siteAddress: '',
    photos: [],
    photosLost: 0,
    confidential: false,
    consent: false,
    idempotencyKey: makeKey(),
  }
}

/** `YYYY-MM`. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** Earliest month the pickers offer; `validateClaimInput` refuses anything before it. */
export const EARLIEST_MONTH = '1990-01'

function isWizardStep(value: unknown): value is WizardStep {
  return WIZARD_STEPS.some((step) => step === value)
}

function readCoWorkers(value: unknown): CoWorkerDraft[] {
  if (!Array.isArray(value)) return []
  return value
    .filter(isRecord)
    .map((row) => ({
      name: typeof row.name === 'string' ? row.name : '',
      phone: typeof row.phone === 'string' ? row.phone : '',
    }))
    .slice(0, MAX_CO_WORKERS)
}

function readPhotos(value: unknown): PhotoDraft[] {
  if (!Array.isArray(value)) return []
  const photos: PhotoDraft[] = []
  for (const row of value) {
    if (!isRecord(row) || typeof row.path !== 'string' || row.path === '' || typeof row.id !== 'string') continue
    const photo: PhotoDraft = { id: row.id, path: row.path, size: typeof row.size === 'number' && row.size >= 0 ? row.size : 0 }
    if (typeof row.attachmentId === 'string') photo.attachmentId = row.attachmentId
    if (typeof row.refused === 'string') photo.refused = row.refused
    photos.push(photo)
  }
  return photos.slice(0, MAX_PHOTOS)
}

function readFiled(value: unknown): FiledClaim | undefined {
  if (!isRecord(value)) return undefined
  const { id, reference, acceptDueAt, acceptDueProvisional, earlierVersion } = value
  if (typeof id !== 'string' || typeof reference !== 'string' || typeof acceptDueAt !== 'string') return undefined
  return {
    id,
    reference,
    acceptDueAt,
    acceptDueProvisional: acceptDueProvisional === true,
    earlierVersion: earlierVersion === true,
  }
}

/**
 * Rebuilds a draft from whatever storage returned: the current shape (v2), the single-page form's
 * draft (v1, stored under `huxin:claim-draft:v1`: same fields without step, ID number, co-workers
 * and photos), nothing, or damaged data. Every field that is missing or of the wrong type falls back
 * to the empty draft's value; the idempotency key is kept, so a v1 draft whose submission may have
 * reached the server is still recognised by it.
 */
export function restoreDraft(stored: unknown, makeKey: () => string = newIdempotencyKey): ClaimDraft {
  const draft = emptyDraft(makeKey)
  if (!isRecord(stored)) return draft
  const s = stored
  const text = (key: keyof ClaimDraft): string | undefined => {
    const value = s[key]
    return typeof value === 'string' ? value : undefined
  }
  const flag = (key: keyof ClaimDraft): boolean | undefined => {
    const value = s[key]
    return typeof value === 'boolean' ? value : undefined
  }
  const month = (key: 'periodFrom' | 'periodTo'): string => {
    const value = text(key)
    return value !== undefined && MONTH.test(value) ? value : ''
  }
  const sensitiveConsent = flag('sensitiveConsent') ?? false
  const coordinate = (key: 'siteLat' | 'siteLng', limit: number): number | null => {
    const value = s[key]
    return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= limit ? value : null
  }
  let siteLat = coordinate('siteLat', 90)
  let siteLng = coordinate('siteLng', 180)
  if (siteLat === null || siteLng === null) siteLat = siteLng = null
  const restored: ClaimDraft = {
    ...draft,
    step: isWizardStep(s.step) ? s.step : 1,
    claimantName: text('claimantName') ?? draft.claimantName,
    claimantPhone: text('claimantPhone') ?? draft.claimantPhone,
    sensitiveConsent,
    // Never keep an ID number without its consent (PIPL Art. 29).
    idNumber: sensitiveConsent ? (text('idNumber') ?? '') : '',
    employerName: text('employerName') ?? draft.employerName,
    employerCreditCode: text('employerCreditCode') ?? draft.employerCreditCode,
    projectName: text('projectName') ?? draft.projectName,
    industry: isIndustry(s.industry) ? s.industry : '',
    town: isTownCode(s.town) ? s.town : '',
    periodFrom: month('periodFrom'),
    periodTo: month('periodTo'),
    amountYuan: text('amountYuan') ?? draft.amountYuan,
    workersCount: text('workersCount') ?? draft.workersCount,
    coWorkers: readCoWorkers(s.coWorkers),
    description: text('description') ?? draft.description,
    siteLat,
    siteLng,
    siteAddress: text('siteAddress') ?? draft.siteAddress,
    photos: readPhotos(s.photos),
    photosLost: typeof s.photosLost === 'number' && Number.isInteger(s.photosLost) && s.photosLost > 0 ? Math.min(s.photosLost, MAX_PHOTOS) : 0,
    confidential: flag('confidential') ?? draft.confidential,
    consent: flag('consent') ?? draft.consent,
    idempotencyKey: isValidIdempotencyKey(s.idempotencyKey) ? s.idempotencyKey : draft.idempotencyKey,
  }
  const filed = readFiled(s.filed)
  if (filed) restored.filed = filed
  return restored
}

/**
 * The draft to continue with: the v2 one if there is one, else the old single-page form's v1 draft
 * (to be saved as v2 and its old key removed by the caller), else a new one.
 */
export function pickStoredDraft(v2: unknown, v1: unknown, makeKey: () => string = newIdempotencyKey): {
  draft: ClaimDraft
  migrated: boolean
} {
  if (isRecord(v2)) return { draft: restoreDraft(v2, makeKey), migrated: false }
  if (isRecord(v1)) return { draft: restoreDraft(v1, makeKey), migrated: true }
  return { draft: emptyDraft(makeKey), migrated: false }
}

/** True when nothing worth keeping has been typed (the key and the step alone are not worth a "draft restored"). */
export function isBlankDraft(draft: ClaimDraft): boolean {
  const blank = emptyDraft(() => draft.idempotencyKey)
  const ignored: ReadonlyArray<keyof ClaimDraft> = ['step', 'coWorkers', 'photos', 'photosLost', 'filed']
  return (
    (Object.keys(blank) as Array<keyof ClaimDraft>).every((key) => ignored.includes(key) || blank[key] === draft[key]) &&
    draft.coWorkers.every((c) => c.name.trim() === '' && c.phone.trim() === '') &&
    draft.photos.length === 0 &&
    draft.filed === undefined
  )
}

/** Same contents, new key: after the server refused the old key for a different body (422). */
export function withNewKey(draft: ClaimDraft, makeKey: () => string = newIdempotencyKey): ClaimDraft {
  return { ...draft, idempotencyKey: makeKey() }
}
