import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { eq, sql } from 'drizzle-orm'
import type { CaseDocument } from '@huxin/shared'
import { caseDocuments } from '../../src/db/schema/index'
import type { TestApp } from './app'
import type { SignedInStaff } from './staff'

/** POST /api/v1/claims/:id/documents as a staff member. */
export function requestDocument(t: TestApp, staff: SignedInStaff, claimId: string, body: Record<string, unknown>, key?: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/claims/${claimId}/documents`,
    headers: { ...staff.headers, ...(key ? { 'idempotency-key': key } : {}) },
    payload: body,
  })
}

export function serveDocument(t: TestApp, staff: SignedInStaff, documentId: string, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: `/api/v1/documents/${documentId}/service`, headers: staff.headers, payload: body })
}

export function getPdf(t: TestApp, headers: { authorization: string }, documentId: string) {
  return t.app.inject({ method: 'GET', url: `/api/v1/documents/${documentId}.pdf`, headers })
}

/** The text of a PDF as poppler's pdftotext reads it (Debian poppler-utils). */
export function pdfText(bytes: Buffer): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'huxin-pdf-'))
  try {
    const file = path.join(dir, 'doc.pdf')
    writeFileSync(file, bytes)
    return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Moves a document's issue date back, as if it had been issued `days` ago (tests of deadlines). */
export async function backdateIssue(t: TestApp, documentId: string, days: number) {
  await t.database.handle.db
    .update(caseDocuments)
    .set({ issuedAt: sql`${caseDocuments.issuedAt} - make_interval(days => ${days})` })
    .where(eq(caseDocuments.id, documentId))
}

/**
 * A claim in `ordered_to_pay` gets a 责令支付通知书 that was served long enough ago that its pay
 * deadline has passed: issued (backdated 30 days), served 20 days ago with 3 days to pay.
 */
export async function serveOverdueOrder(t: TestApp, staff: SignedInStaff, claimId: string): Promise<CaseDocument> {
  const issued = await requestDocument(t, staff, claimId, { kind: 'payment_order', payWithinDays: 3 })
  if (issued.statusCode !== 201) throw new Error(`payment order: ${issued.statusCode} ${issued.body}`)
  const order = issued.json<CaseDocument>()
  await backdateIssue(t, order.id, 30)
  const served = await serveDocument(t, staff, order.id, {
    method: 'in_person',
    servedAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
    servedTo: '常州某某建筑劳务有限公司 法定代表人',
  })
  if (served.statusCode !== 200) throw new Error(`service: ${served.statusCode} ${served.body}`)
  return served.json<CaseDocument>()
}
