import { beforeAll, describe, expect, it } from 'vitest'
import { addCalendarDays, shanghaiDate, shanghaiDayStart, type CaseDocument, type Claim, type ErrorResponse } from '@huxin/shared'
import { useTestApp } from '../../helpers/app'
import { DATABASE_KINDS } from '../../helpers/database'
import { backdateIssue, getPdf, pdfText, requestDocument, serveDocument, serveOverdueOrder } from '../../helpers/documents'
import { act, fileAs, postAs, signInStaff, type SignedInStaff } from '../../helpers/staff'
import { chineseDate } from '../../../src/modules/documents/content'

/**
 * 刑法 Art. 276-1 (DOMAIN.md, Enforcement): the police transfer needs the served order to pay
 * from the documents' service record, its pay deadline passed, and wages still owed.
 */
describe.each(DATABASE_KINDS)('the police transfer’s gate on %s', (kind) => {
  const t = useTestApp(kind)
  let inspector: SignedInStaff
  let supervisor: SignedInStaff
  beforeAll(async () => {
    inspector = await signInStaff(t, 'inspector', ['yaoguan'])
    supervisor = await signInStaff(t, 'supervisor', [])
  })

  const orderedClaim = async () => {
    const { claim } = await fileAs(t, { confidential: false })
    for (const action of ['accept', 'investigate', 'order_payment']) {
      const response = await act(t, inspector, claim.id, { action })
      if (response.statusCode !== 200) throw new Error(response.body)
    }
    return claim
  }
  const transfer = (claimId: string) => act(t, inspector, claimId, { action: 'transfer_police', unpaidProof: '期满后银行流水显示仍未支付' })

  it('waits for the pay deadline of the served order, counted from its service', async () => {
    const claim = await orderedClaim()
    expect((await transfer(claim.id)).json<ErrorResponse>().error.code).toBe('ORDER_NOT_SERVED')
    const order = (await requestDocument(t, inspector, claim.id, { kind: 'payment_order', payWithinDays: 10 })).json<CaseDocument>()
    // Issued but not served: still closed.
    expect((await transfer(claim.id)).json<ErrorResponse>().error.code).toBe('ORDER_NOT_SERVED')
    await backdateIssue(t, order.id, 5)
    const servedAt = new Date(Date.now() - 3 * 86_400_000)
    const served = (await serveDocument(t, inspector, order.id, { method: 'by_post', servedAt: servedAt.toISOString(), servedTo: '某某公司' })).json<CaseDocument>()
    const due = shanghaiDayStart(addCalendarDays(shanghaiDate(servedAt), 11))
    expect(served.payDueAt).toBe(due.toISOString())
    const claimView = (await t.app.inject({ method: 'GET', url: `/api/v1/claims/${claim.id}`, headers: inspector.headers })).json<Claim>()
    expect(claimView.orderServedAt).toBe(servedAt.toISOString())
    expect(claimView.orderPayDueAt).toBe(due.toISOString())
    const early = await transfer(claim.id)
    expect(early.statusCode).toBe(409)
    expect(early.json<ErrorResponse>().error.code).toBe('PAY_DEADLINE_NOT_PASSED')

    // The order's text states the amount and the time to pay; its number is on file.
    const text = pdfText((await getPdf(t, inspector.headers, order.id)).rawPayload).replace(/\s+/g, '')
    expect(text).toContain(order.number!)
    expect(text).toContain('23,456.78元')
    expect(text).toContain('自收到本通知书之日起10日内')
    expect(text).toContain('王建国')
  })

  it('opens once the deadline has passed with wages still owed, and the 移送书 cites the order', async () => {
    const claim = await orderedClaim()
    const order = await serveOverdueOrder(t, inspector, claim.id)
    const noProof = await act(t, inspector, claim.id, { action: 'transfer_police' })
    expect(noProof.json<ErrorResponse>().error.code).toBe('UNPAID_PROOF_REQUIRED')
    const transferred = await transfer(claim.id)
    expect(transferred.statusCode).toBe(200)
    expect(transferred.json<Claim>().status).toBe('transferred_police')

    const requested = (await requestDocument(t, inspector, claim.id, { kind: 'police_transfer' })).json<CaseDocument>()
    expect(requested.status).toBe('pending_approval')
    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/documents/${requested.id}/approval`,
      headers: supervisor.headers,
      payload: { approve: true },
    })
    const transferDoc = approved.json<CaseDocument>()
    const text = pdfText((await getPdf(t, inspector.headers, transferDoc.id)).rawPayload).replace(/\s+/g, '')
    expect(text).toContain('涉嫌犯罪案件移送书')
    expect(text).toContain(transferDoc.number!)
    expect(text).toContain(order.number!)
    expect(text).toContain(chineseDate(new Date(order.servedAt!)))
    expect(text).toContain('第二百七十六条之一')
  })

  it('stays closed when the wages have been recovered in full', async () => {
    const claim = await orderedClaim()
    await serveOverdueOrder(t, inspector, claim.id)
    const paid = await postAs(t, inspector, `/api/v1/claims/${claim.id}/recoveries`, {
      kind: 'wages',
      amountFen: claim.amountOwedFen,
      paidAt: new Date(Date.now() - 86_400_000).toISOString(),
    })
    expect(paid.statusCode).toBe(201)
    const refused = await transfer(claim.id)
    expect(refused.statusCode).toBe(409)
    expect(refused.json<ErrorResponse>().error.code).toBe('NOTHING_OUTSTANDING')
  })
})
