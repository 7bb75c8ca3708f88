/** Test data shared by the mini-program's unit tests. */
import type { Attachment, Claim, TokenPair } from '@huxin/shared'
import { emptyDraft, type ClaimDraft } from '../src/pages/claims/new/form'

export const DRAFT_KEY = 'hx-test-key-0000000001'

/** A draft with every required answer given. */
export function filledDraft(overrides: Partial<ClaimDraft> = {}): ClaimDraft {
  return {
    ...emptyDraft(() => DRAFT_KEY),
    claimantName: '张三',
    claimantPhone: '13812341234',
    employerName: '某某建筑工程有限公司',
    industry: 'construction',
    town: 'henglin',
    periodFrom: '2025-03',
    periodTo: '2025-06',
    amountYuan: '8000.5',
    workersCount: '3',
    description: '干了四个月活，老板一直拖着不给工资。',
    consent: true,
    ...overrides,
  }
}

export function makeClaim(overrides: Partial<Claim> = {}): Claim {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    reference: 'JK-20261128-0042',
    status: 'submitted',
    source: 'miniprogram',
    createdAt: '2026-11-28T04:00:01Z',
    acceptDueAt: '2026-12-04T15:59:59Z',
    acceptDueProvisional: false,
    closeDueProvisional: false,
    channel: 'miniprogram',
    town: 'henglin',
    industry: 'construction',
    employer: { name: '某某建筑工程有限公司' },
    claimant: { name: '张三' },
    periodFrom: '2025-03',
    periodTo: '2025-06',
    amountOwedFen: 800050,
    workersCount: 3,
    coWorkers: [],
    description: '干了四个月活，老板一直拖着不给工资。',
    confidential: false,
    isGroupCase: false,
    recoveredFen: { wages: 0, compensation: 0, indemnity: 0, socialInsurance: 0 },
    outstandingFen: 800050,
    ...overrides,
  }
}

export function makeAttachment(id: string): Attachment {
  return {
    id,
    sha256: 'a'.repeat(64),
    mime: 'image/jpeg',
    size: 1234,
    createdAt: '2026-11-28T04:00:02Z',
  }
}

let pairs = 0

/** A token pair as the server issues it; every call gives new tokens. */
export function makePair(expiresIn = 900): TokenPair {
  pairs++
  return {
    accessToken: `access-${pairs}`,
    refreshToken: `refresh-${pairs}`,
    expiresIn,
    user: { id: '00000000-0000-4000-8000-0000000000aa', role: 'worker' },
  }
}
