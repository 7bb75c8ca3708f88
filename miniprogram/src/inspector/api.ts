/**
 * The inspector subpackage's API client: the same client as the workers' (api/client.ts) with its
 * own session, kept under another storage key, so an inspector and a worker signed in on one
 * browser never share tokens. Staff sessions end after 30 idle minutes (server); then the
 * inspector is sent back to the subpackage's sign-in page.
 */
import Taro from '@tarojs/taro'
import type { Claim, ClaimDetail, Recovery } from '@huxin/shared/schemas/claim'
import type { RecordRecoveryBody, TransitionBody, TriageCounts, TriageItem, TriagePriority } from '@huxin/shared/schemas/casework'
import type { ClaimMapQuery, ClaimMapResponse } from '@huxin/shared/schemas/claim-map'
import { taroSessionStore } from '../api'
import { createApiClient, type ApiClient } from '../api/client'
import { taroTransport } from '../api/taro-transport'
import type { ViewportBox } from '../lib/map-cluster'
import { mapBboxParam } from './claim-map'
import { INSPECTOR_PAGES } from './routes'

export const STAFF_SESSION_STORAGE_KEY = 'huxin:staff-session:v1'

export const staffApi: ApiClient = createApiClient({
  baseUrl: HUXIN_API_BASE,
  transport: taroTransport,
  sessionStore: taroSessionStore(STAFF_SESSION_STORAGE_KEY),
})

staffApi.session.onEnded((reason) => {
  if (reason === 'expired') void Taro.redirectTo({ url: INSPECTOR_PAGES.login }).catch(() => {})
})

export interface TriagePage {
  items: TriageItem[]
  nextCursor: string | null
}

export interface TriageFilters {
  town?: string
  overdue?: boolean
  cursor?: string | null
}

export interface ClaimMapFilters {
  town?: string
  status?: ClaimMapQuery['status']
}

const enc = encodeURIComponent

export const inspectorApi = {
  triage(filters: TriageFilters = {}): Promise<TriagePage> {
    const query: string[] = ['limit=20']
    if (filters.town) query.push(`town=${enc(filters.town)}`)
    if (filters.overdue) query.push('overdue=true')
    if (filters.cursor) query.push(`cursor=${enc(filters.cursor)}`)
    return staffApi.call<TriagePage>('GET', `/api/v1/triage?${query.join('&')}`)
  },
  /** The desk: one page with the query built by triage/desk-state.ts (sort, search, page size). */
  triagePage: (query: string) => staffApi.call<TriagePage>('GET', `/api/v1/triage?${query}`),
  triageCounts: () => staffApi.call<TriageCounts>('GET', '/api/v1/triage/counts'),
  claimPriority: (id: string) => staffApi.call<TriagePriority>('GET', `/api/v1/triage/claims/${enc(id)}`),
  myClaims(cursor?: string | null, filters: { q?: string; town?: string } = {}): Promise<{ items: Claim[]; nextCursor: string | null }> {
    const query = ['assignee=me', 'limit=50']
    if (filters.q) query.push(`q=${enc(filters.q)}`)
    if (filters.town) query.push(`town=${enc(filters.town)}`)
    if (cursor) query.push(`cursor=${enc(cursor)}`)
    return staffApi.call('GET', `/api/v1/claims?${query.join('&')}`)
  },
  /** Open claims with a site inside `box` (docs/casework.md, Map): one by one, or grid cells when many. */
  claimMap(box: ViewportBox, filters: ClaimMapFilters = {}): Promise<ClaimMapResponse> {
    const query = [`bbox=${mapBboxParam(box)}`]
    if (filters.town) query.push(`town=${enc(filters.town)}`)
    if (filters.status) query.push(`status=${enc(filters.status)}`)
    return staffApi.call<ClaimMapResponse>('GET', `/api/v1/claims/map?${query.join('&')}`)
  },
  claim: (id: string) => staffApi.call<ClaimDetail>('GET', `/api/v1/claims/${enc(id)}`),
  transition: (id: string, body: TransitionBody) => staffApi.call<Claim>('POST', `/api/v1/claims/${enc(id)}/transitions`, body),
  assign: (id: string, inspectorId: string) => staffApi.call<Claim>('POST', `/api/v1/claims/${enc(id)}/assign`, { inspectorId }),
  recordRecovery: (id: string, body: RecordRecoveryBody) =>
    staffApi.call<Recovery>('POST', `/api/v1/claims/${enc(id)}/recoveries`, body),
}
