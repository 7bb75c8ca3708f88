import { describe, expect, it, vi } from 'vitest'
import type { Attachment, Claim, CreateClaimBody } from '@huxin/shared'
import { ApiError, networkError } from '../src/api/errors'
import { emptyDraft, prepareSubmission, type ClaimDraft } from '../src/pages/claims/new/form'
import { lastSuccessFrom, readLastSuccess, runSubmission, type SubmitDeps } from '../src/pages/claims/new/submit'
import { makeAttachment, makeClaim } from './fixtures'

const NOW = new Date('2026-11-28T04:00:00Z')
const KEY = 'hx-test-key-0000000001'

function draftWithPhotos(n: number): ClaimDraft {
  return {
    ...emptyDraft(() => KEY),
    step: 5,
    claimantName: '张三',
    claimantPhone: '13812341234',
    employerName: '某某建筑工程有限公司',
    industry: 'construction',
    town: 'henglin',
    periodFrom: '2025-03',
    periodTo: '2025-06',
    amountYuan: '8000',
    workersCount: '1',
    description: '欠了四个月工资。',
    consent: true,
    photos: Array.from({ length: n }, (_, i) => ({ id: `p${i}`, path: `blob:photo/${i}`, size: 100 })),
  }
}

function deps(overrides: Partial<SubmitDeps> = {}) {
  const committed: ClaimDraft[] = []
  const base: SubmitDeps = {
    createClaim: vi.fn(async () => makeClaim()),
    uploadPhoto: vi.fn(async (_claimId: string, path: string) => makeAttachment(`att-${path.split('/').pop()}`)),
    commit: (draft) => committed.push(draft),
    wait: async () => {},
    ...overrides,
  }
  return { deps: base, committed, last: () => committed[committed.length - 1] }
}

const bodyOf = (draft: ClaimDraft) => prepareSubmission(draft, NOW).body as CreateClaimBody

describe('runSubmission', () => {
  it('files the claim, then sends every photo, committing after each', async () => {
    const draft = draftWithPhotos(2)
    const { deps: d, committed } = deps()
    const result = await runSubmission(draft, bodyOf(draft), d)
    expect(d.createClaim).toHaveBeenCalledWith(bodyOf(draft), KEY)
    expect(d.uploadPhoto).toHaveBeenCalledTimes(2)
    expect(vi.mocked(d.uploadPhoto).mock.calls).toEqual([
      ['00000000-0000-4000-8000-000000000001', 'blob:photo/0'],
      ['00000000-0000-4000-8000-000000000001', 'blob:photo/1'],
    ])
    expect(result.filed).toMatchObject({ id: '00000000-0000-4000-8000-000000000001', reference: 'JK-20261128-0042', earlierVersion: false })
    expect(result.photosSent).toBe(2)
    expect(result.photoProblems).toEqual([])
    // claim filed, photo 1, photo 2
    expect(committed).toHaveLength(3)
    expect(committed[0]?.filed?.id).toBe('00000000-0000-4000-8000-000000000001')
    expect(committed[2]?.photos.map((p) => p.attachmentId)).toEqual(['att-0', 'att-1'])
  })

  it('keeps the key when the network drops during the claim POST; the retry reuses the key', async () => {
    const draft = draftWithPhotos(0)
    const createClaim = vi
      .fn<(b: CreateClaimBody, key: string) => Promise<Claim>>()
      .mockRejectedValueOnce(networkError(new TypeError('Failed to fetch')))
      .mockResolvedValueOnce(makeClaim())
    const first = deps({ createClaim })
    await expect(runSubmission(draft, bodyOf(draft), first.deps)).rejects.toMatchObject({ code: 'NETWORK' })
    // Nothing the server confirmed, so nothing new to keep: the stored draft, key included, stands.
    const saved = first.last() ?? draft
    expect(saved.idempotencyKey).toBe(KEY)
    expect(saved.filed).toBeUndefined()
    const again = deps({ createClaim })
    await runSubmission(saved, bodyOf(draft), again.deps)
    expect(createClaim.mock.calls.map((call) => call[1])).toEqual([KEY, KEY])
  })

  it('after the claim is filed, a retry sends only the photos still missing and never POSTs the claim again', async () => {
    const draft = draftWithPhotos(3)
    const uploadPhoto = vi
      .fn<(id: string, path: string) => Promise<Attachment>>()
      .mockResolvedValueOnce(makeAttachment('att-0'))
      .mockRejectedValue(networkError(new Error('offline')))
    const first = deps({ uploadPhoto })
    await expect(runSubmission(draft, bodyOf(draft), first.deps)).rejects.toMatchObject({ code: 'NETWORK' })
    // photo 1 was tried three times (two retries) before giving up
    expect(uploadPhoto).toHaveBeenCalledTimes(4)
    const saved = first.last() as ClaimDraft
    expect(saved.filed?.reference).toBe('JK-20261128-0042')
    expect(saved.photos.map((p) => p.attachmentId)).toEqual(['att-0', undefined, undefined])

    const createClaim = vi.fn(async () => makeClaim())
    const upload2 = vi.fn(async (_c: string, path: string) => makeAttachment(`att-${path.split('/').pop()}`))
    const second = deps({ createClaim, uploadPhoto: upload2 })
    const result = await runSubmission(saved, undefined, second.deps)
    expect(createClaim).not.toHaveBeenCalled()
    expect(upload2.mock.calls.map((c) => c[1])).toEqual(['blob:photo/1', 'blob:photo/2'])
    expect(result.photosSent).toBe(3)
  })

  it('retries a photo after a dropped connection and then succeeds', async () => {
    const draft = draftWithPhotos(1)
    const wait = vi.fn(async () => {})
    const uploadPhoto = vi
      .fn<(id: string, path: string) => Promise<Attachment>>()
      .mockRejectedValueOnce(networkError(new Error('reset')))
      .mockRejectedValueOnce(new ApiError(503, 'HTTP_503', 'x'))
      .mockResolvedValueOnce(makeAttachment('att-0'))
    const { deps: d } = deps({ uploadPhoto, wait, retryDelaysMs: [10, 20] })
    const result = await runSubmission(draft, bodyOf(draft), d)
    expect(result.photosSent).toBe(1)
    expect(wait.mock.calls).toEqual([[10], [20]])
  })

  it('counts the same picture chosen twice once: the server stores it once', async () => {
    const draft = draftWithPhotos(2)
    const { deps: d } = deps({ uploadPhoto: vi.fn(async () => makeAttachment('same')) })
    const result = await runSubmission(draft, bodyOf(draft), d)
    expect(result.photosSent).toBe(1)
    expect(result.draft.photos.map((p) => p.attachmentId)).toEqual(['same', 'same'])
  })

  it('skips photos the server refuses for good and says why, sending the others', async () => {
    const draft = draftWithPhotos(3)
    const uploadPhoto = vi.fn(async (_c: string, path: string) => {
      if (path.endsWith('/0')) throw new ApiError(413, 'PAYLOAD_TOO_LARGE', 'x')
      if (path.endsWith('/1')) throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'x')
      return makeAttachment('att-2')
    })
    const { deps: d } = deps({ uploadPhoto })
    const result = await runSubmission(draft, bodyOf(draft), d)
    expect(result.photosSent).toBe(1)
    expect(result.photoProblems).toEqual(['有一张照片太大（超过 10 MB），没有传上去', '有一个文件不是照片，没有传上去'])
    expect(uploadPhoto).toHaveBeenCalledTimes(3)
  })

  it('stops sending once the claim holds nine (409) and skips photos whose file is gone', async () => {
    const draft = draftWithPhotos(3)
    const uploadPhoto = vi.fn(async () => {
      throw new ApiError(409, 'TOO_MANY_ATTACHMENTS', 'x')
    })
    const { deps: d } = deps({ uploadPhoto, isAvailable: (path) => !path.endsWith('/2') })
    const result = await runSubmission(draft, bodyOf(draft), d)
    expect(uploadPhoto).toHaveBeenCalledTimes(1)
    expect(result.photosSent).toBe(0)
    expect(result.photoProblems).toEqual(['每件投诉最多 9 张照片，多出的没有传上去'])
  })

  it('passes a 401 through (the page sends the worker to sign in) with the progress kept', async () => {
    const draft = draftWithPhotos(1)
    const uploadPhoto = vi.fn(async () => {
      throw new ApiError(401, 'UNAUTHENTICATED', 'x')
    })
    const { deps: d, last } = deps({ uploadPhoto })
    await expect(runSubmission(draft, bodyOf(draft), d)).rejects.toMatchObject({ status: 401 })
    expect(uploadPhoto).toHaveBeenCalledTimes(1)
    expect(last()?.filed?.id).toBe('00000000-0000-4000-8000-000000000001')
  })

  it('takes a new key after a 422 no earlier body explains', async () => {
    const draft = draftWithPhotos(0)
    const { deps: d, last } = deps({
      createClaim: vi.fn(async () => {
        throw new ApiError(422, 'IDEMPOTENCY_KEY_REUSED', 'x')
      }),
    })
    await expect(runSubmission(draft, bodyOf(draft), d)).rejects.toMatchObject({ status: 422 })
    expect(last()?.idempotencyKey).not.toBe(KEY)
  })

  it('refuses to file a draft without its body', async () => {
    await expect(runSubmission(draftWithPhotos(0), undefined, deps().deps)).rejects.toThrow(/needs its body/)
  })
})

describe('last success', () => {
  it('round-trips through storage and ignores damaged data', async () => {
    const draft = draftWithPhotos(1)
    const result = await runSubmission(draft, bodyOf(draft), deps().deps)
    const last = lastSuccessFrom(result)
    expect(last).toMatchObject({ reference: 'JK-20261128-0042', photosSent: 1, photoProblems: [] })
    expect(readLastSuccess(JSON.parse(JSON.stringify(last)))).toEqual(last)
    expect(readLastSuccess({ reference: 'x' })).toBeUndefined()
    expect(readLastSuccess('')).toBeUndefined()
  })
})
