/**
 * Calls through a client generated from the served API description (openapi-typescript types +
 * openapi-fetch), written as a province's system would write them. The types are generated at test
 * time into `.tmp/` by api-description.test.ts, which type-checks this file against them and then
 * runs it against a running server; so this file stays out of tests/tsconfig.json.
 */
import createClient, { type Client } from 'openapi-fetch'
import type { paths } from './.tmp/huxin-api'

type ClaimBody = paths['/api/v1/claims']['post']['requestBody']['content']['application/json']

const claimBody: ClaimBody = {
  claimant: { name: '王建国', phone: '13812341234' },
  employer: { name: '常州某某建筑劳务有限公司', creditCode: '91440300708461136T' },
  industry: 'construction',
  site: { lat: 31.7416, lng: 120.0932, address: '遥观镇某路' },
  town: 'yaoguan',
  periodFrom: '2026-03',
  periodTo: '2026-06',
  amountOwedFen: 2_345_678,
  workersCount: 3,
  coWorkers: [{ name: '李四' }],
  description: '三月到六月在工地干活，老板一直拖着不发工资。',
  confidential: false,
  consent: { privacyVersion: '2026-11', sensitiveInfo: false },
}

/** A worker signs in (WeChat simulator code), files a claim and reads it back; an anonymous read is refused. */
export async function fileAndReadBack(baseUrl: string, openid: string, idempotencyKey: string) {
  const anonymous = createClient<paths>({ baseUrl })
  const signIn = await anonymous.POST('/api/v1/auth/wechat', { body: { code: `sim:${openid}` } })
  if (!signIn.data) throw new Error(`sign-in answered ${signIn.response.status}`)
  const role: 'worker' | 'inspector' | 'supervisor' | 'admin' = signIn.data.user.role

  const worker = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${signIn.data.accessToken}` } })
  const filed = await worker.POST('/api/v1/claims', { params: { header: { 'idempotency-key': idempotencyKey } }, body: claimBody })
  if (!filed.data) throw new Error(`filing answered ${filed.response.status}: ${JSON.stringify(filed.error)}`)
  const claimId: string = filed.data.id

  const read = await worker.GET('/api/v1/claims/{id}', { params: { path: { id: claimId } } })
  if (!read.data) throw new Error(`reading answered ${read.response.status}`)
  const amountOwedFen: number = read.data.amountOwedFen
  const outstandingFen: number = read.data.outstandingFen

  const refused = await anonymous.GET('/api/v1/claims/{id}', { params: { path: { id: claimId } } })
  const refusedCode: string | undefined = refused.error?.error.code

  return {
    role,
    claimId,
    reference: filed.data.reference,
    status: read.data.status,
    amountOwedFen,
    outstandingFen,
    readBackId: read.data.id,
    refusedStatus: refused.response.status,
    refusedCode,
  }
}

/**
 * Mistakes the generated types must refuse. Never called: each `@ts-expect-error` is itself an
 * error when the line compiles, so types grown lax (`any`, a missing path) fail the check.
 */
export function mistakesTheTypesRefuse(client: Client<paths>) {
  // @ts-expect-error no such path
  void client.GET('/api/v1/claim/{id}', { params: { path: { id: 'x' } } })
  // @ts-expect-error money is an integer number of fen, never text
  void client.POST('/api/v1/claims', { params: { header: { 'idempotency-key': 'k-12345678' } }, body: { ...claimBody, amountOwedFen: '23456.78' } })
  // @ts-expect-error the Idempotency-Key header is required
  void client.POST('/api/v1/claims', { body: claimBody })
  // @ts-expect-error an industry outside the list
  void client.POST('/api/v1/claims', { params: { header: { 'idempotency-key': 'k-12345678' } }, body: { ...claimBody, industry: 'mining' } })
}
