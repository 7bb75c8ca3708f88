/**
 * Sending a finished draft: the claim first (`POST /api/v1/claims` with the draft's one
 * idempotency key), then each photo (`POST …/attachments`, retried: the server answers the same
 * attachment for the same bytes). Progress is committed to the draft after every step that the
 * server confirmed, so a retry after a dropped network — even after the app was closed — sends only
 * what is still missing and never files the claim twice. Pure (the API calls are passed in):
 * test/submit.test.ts.
 */
import type { Attachment, CreateClaimBody } from '@huxin/shared'
import { ApiError } from '../../../api/errors'
import {
  submitWithRecovery,
  withNewKey,
  type ClaimDraft,
  type FiledClaim,
  type PhotoDraft,
  type SendClaim,
} from './form'

export type UploadPhoto = (claimId: string, path: string) => Promise<Attachment>

export type SubmitProgress = { phase: 'claim' } | { phase: 'photos'; done: number; total: number }

export interface SubmitDeps {
  createClaim: SendClaim
  uploadPhoto: UploadPhoto
  /** Keeps the draft (state and storage) after each confirmed step. */
  commit: (draft: ClaimDraft) => void
  /** Whether a photo's local file can still be read. */
  isAvailable?: (path: string) => boolean
  onProgress?: (progress: SubmitProgress) => void
  wait?: (ms: number) => Promise<void>
  /** Pauses before the 2nd, 3rd… attempt of one photo. */
  retryDelaysMs?: readonly number[]
}

export interface SubmitResult {
  draft: ClaimDraft
  filed: FiledClaim
  /** Photos that went up. */
  photosSent: number
  /** What went wrong with photos the server refused or that were lost, in the worker's words. */
  photoProblems: string[]
}

const defaultWait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Whether trying the same upload again may work: no answer, a server error, or "slow down". */
function worthRetrying(error: unknown): boolean {
  return error instanceof ApiError && (error.isNetworkError || error.status >= 500 || error.status === 429)
}

/** The worker's words for an upload the server refused for good; undefined when not such a refusal. */
export function photoRefusal(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined
  switch (error.status) {
    case 413:
      return '有一张照片太大（超过 10 MB），没有传上去'
    case 415:
      return '有一个文件不是照片，没有传上去'
    case 409:
      return '每件投诉最多 9 张照片，多出的没有传上去'
    case 400:
      return `有一张照片没有传上去：${error.message}`
    default:
      return undefined
  }
}

/**
 * Files the claim (unless the draft says it already was: then `body` is not needed) and sends
 * every photo not yet sent.
 * Rejects with the error that stopped it (ApiError: network, 401, 4xx of the claim…) after
 * committing whatever the server confirmed so far.
 */
export async function runSubmission(
  start: ClaimDraft,
  body: CreateClaimBody | undefined,
  deps: SubmitDeps,
): Promise<SubmitResult> {
  const wait = deps.wait ?? defaultWait
  const delays = deps.retryDelaysMs ?? [1_500, 4_000]
  let draft = start

  let filed = draft.filed
  if (!filed) {
    if (body === undefined) throw new Error('runSubmission: a draft not yet filed needs its body')
    deps.onProgress?.({ phase: 'claim' })
    try {
      const { claim, earlierVersion } = await submitWithRecovery(body, draft, deps.createClaim)
      filed = {
        id: claim.id,
        reference: claim.reference,
        acceptDueAt: claim.acceptDueAt,
        acceptDueProvisional: claim.acceptDueProvisional,
        earlierVersion,
      }
    } catch (error) {
      // A lost answer keeps the key: the retry then finds the claim the server may have stored.
      if (error instanceof ApiError && error.status === 422) {
        // The key was used for another body and the server named no claim of ours: start afresh.
        draft = withNewKey(draft)
        deps.commit(draft)
      }
      throw error
    }
    draft = { ...draft, filed }
    deps.commit(draft)
  }

  const problems: string[] = []
  const isAvailable = deps.isAvailable ?? (() => true)
  const total = draft.photos.filter((photo) => photo.refused === undefined).length
  let done = draft.photos.filter((photo) => photo.attachmentId !== undefined).length
  let full = false

  const setPhoto = (id: string, patch: Partial<PhotoDraft>) => {
    draft = { ...draft, photos: draft.photos.map((photo) => (photo.id === id ? { ...photo, ...patch } : photo)) }
    deps.commit(draft)
  }

  for (const photo of start.photos) {
    const current = draft.photos.find((p) => p.id === photo.id)
    if (!current || current.attachmentId !== undefined || current.refused !== undefined) continue
    if (full) {
      setPhoto(current.id, { refused: '每件投诉最多 9 张照片，多出的没有传上去' })
      continue
    }
    if (!isAvailable(current.path)) {
      setPhoto(current.id, { refused: '有照片在关闭页面后丢失了，没有传上去' })
      continue
    }
    deps.onProgress?.({ phase: 'photos', done, total })
    for (let attempt = 0; ; attempt++) {
      try {
        const attachment = await deps.uploadPhoto(filed.id, current.path)
        setPhoto(current.id, { attachmentId: attachment.id })
        done++
        break
      } catch (error) {
        const refusal = photoRefusal(error)
        if (refusal !== undefined) {
          setPhoto(current.id, { refused: refusal })
          if (error instanceof ApiError && error.status === 409) full = true
          break
        }
        const delay = delays[attempt]
        if (!worthRetrying(error) || delay === undefined) throw error
        await wait(delay)
      }
    }
  }
  deps.onProgress?.({ phase: 'photos', done, total })

  for (const photo of draft.photos) {
    if (photo.refused !== undefined && !problems.includes(photo.refused)) problems.push(photo.refused)
  }
  // The same picture chosen twice is stored once (content-addressed): count what the server holds.
  const sent = new Set(draft.photos.flatMap((p) => (p.attachmentId === undefined ? [] : [p.attachmentId])))
  return { draft, filed, photosSent: sent.size, photoProblems: problems }
}

// ---------------------------------------------------------------------------------------------
// The last success, kept on the phone so the reference number is not lost if the app closes

export interface LastSuccess extends FiledClaim {
  photosSent: number
  photoProblems: string[]
}

export function lastSuccessFrom(result: SubmitResult): LastSuccess {
  return { ...result.filed, photosSent: result.photosSent, photoProblems: result.photoProblems }
}

/** Checks what storage returned. */
export function readLastSuccess(value: unknown): LastSuccess | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const v = value as Record<string, unknown>
  if (typeof v.id !== 'string' || typeof v.reference !== 'string' || typeof v.acceptDueAt !== 'string') return undefined
  return {
    id: v.id,
    reference: v.reference,
    acceptDueAt: v.acceptDueAt,
    acceptDueProvisional: v.acceptDueProvisional === true,
    earlierVersion: v.earlierVersion === true,
    photosSent: typeof v.photosSent === 'number' ? v.photosSent : 0,
    photoProblems: Array.isArray(v.photoProblems) ? v.photoProblems.filter((p): p is string => typeof p === 'string') : [],
  }
}
