/**
 * Sending the claim body: recovering the claim a reused idempotency key filed, and the worker's
 * words for each failure. No Taro import (test/claim-form.test.ts, test/submit.test.ts).
 */
import { isRecord } from '@huxin/shared/domain/is-record'
import type { Claim, CreateClaimBody } from '@huxin/shared'
import { ApiError } from '../../../api/errors'
import type { ClaimDraft } from './form-draft'

export type SendClaim = (body: CreateClaimBody, idempotencyKey: string) => Promise<Claim>

/** What the wizard keeps of a filed claim: enough for the success screen and the photo uploads. */
export type FiledClaimSummary = Pick<Claim, 'id' | 'reference' | 'acceptDueAt' | 'acceptDueProvisional'>

/** The claim a reused key filed, as the server's 422 names it (`error.claim`); undefined if it does not. */
export function claimOfReusedKey(error: ApiError): FiledClaimSummary | undefined {
  const claim = error.fields.claim
  if (!isRecord(claim)) return undefined
  const { id, reference, acceptDueAt, acceptDueProvisional } = claim
  if (typeof id !== 'string' || typeof reference !== 'string' || typeof acceptDueAt !== 'string') return undefined
  return { id, reference, acceptDueAt, acceptDueProvisional: acceptDueProvisional === true }
}

/**
 * Sends the body with the draft's key. A 422 means the key was already used with another body:
 * an earlier attempt whose answer was lost did reach the server before the worker edited the
 * draft. The 422 names the claim that attempt filed, so the worker still gets its reference number
 * instead of a duplicate claim or a dead end.
 */
export async function submitWithRecovery(
  body: CreateClaimBody,
  draft: Pick<ClaimDraft, 'idempotencyKey'>,
  send: SendClaim,
): Promise<{ claim: FiledClaimSummary; earlierVersion: boolean }> {
  try {
    return { claim: await send(body, draft.idempotencyKey), earlierVersion: false }
  } catch (error) {
    const earlier = error instanceof ApiError && error.status === 422 ? claimOfReusedKey(error) : undefined
    if (earlier === undefined) throw error
    return { claim: earlier, earlierVersion: true }
  }
}

/** Whether the server may have stored the request although no answer came back. */
export function answerWasLost(error: unknown): boolean {
  return error instanceof ApiError && (error.isNetworkError || error.status >= 500)
}

export const NETWORK_MESSAGE = '网络不好，已保存草稿，请稍后重试'

/** The sentence shown above the submit button when sending failed. */
export function submitErrorMessage(error: unknown): string {
  if (!(error instanceof ApiError)) return '提交没有成功，已保存草稿，请稍后重试'
  if (error.isNetworkError) return NETWORK_MESSAGE
  switch (error.status) {
    case 400:
      return '有几处需要修改，请看红色提示'
    case 401:
    case 403:
      return '请先登录后再提交，草稿已保存'
    case 409:
      return '上一次提交还在处理中，请稍等一会再点提交'
    case 413:
      return '内容太多，请把情况说明写短一些'
    case 422:
      return '这份投诉之前可能已经提交过。如确认要再次提交，请再点一次“提交投诉”'
    case 429:
      // The per-worker filing limit: the server's sentence names the limit and the wait.
      if (error.code === 'FILING_LIMITED' && error.message) return `${error.message}（草稿已保存）`
      return '提交太频繁，请过几分钟再试，草稿已保存'
    default:
      return error.status >= 500 ? '服务暂时不可用，已保存草稿，请稍后重试' : error.message
  }
}
