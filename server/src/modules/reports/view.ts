import type { Draw, InspectionCase, Report, ReportKind } from '@huxin/shared'
import type { ClaimRow } from '../claims/index'
import { DRAW_METHOD } from './draw'
import type { DrawRow } from './repository'

const opt = <T>(value: T | null): T | undefined => (value === null ? undefined : value)

/** The Report of API.md; the reporter (name, masked phone) only for staff. */
export function toReport(row: ClaimRow, staff: boolean): Report {
  return {
    id: row.id,
    reference: row.reference,
    caseType: 'report',
    kind: row.reportKind as ReportKind,
    status: row.status as Report['status'],
    channel: row.source,
    town: row.town as Report['town'],
    employer: { name: row.employerName, creditCode: opt(row.employerCreditCode), address: opt(row.employerAddress) },
    description: row.description,
    anonymous: row.anonymous,
    reporter:
      staff && (row.reporterName !== null || row.reporterPhoneMasked !== null)
        ? { name: opt(row.reporterName), phoneMasked: opt(row.reporterPhoneMasked) }
        : undefined,
    createdAt: row.createdAt.toISOString(),
    acceptDueAt: row.acceptDueAt.toISOString(),
  }
}

export function toInspectionCase(row: ClaimRow): InspectionCase {
  return {
    id: row.id,
    reference: row.reference,
    caseType: 'inspection',
    kind: row.reportKind as ReportKind,
    status: row.status as InspectionCase['status'],
    town: row.town as InspectionCase['town'],
    employer: { name: row.employerName, creditCode: opt(row.employerCreditCode) },
    drawId: opt(row.inspectionDrawId),
    createdAt: row.createdAt.toISOString(),
  }
}

export function toDraw(row: DrawRow, cases: ClaimRow[]): Draw {
  return {
    id: row.id,
    seed: row.seed,
    requested: row.requested,
    town: opt(row.town),
    poolSize: row.poolSize,
    poolDigest: row.poolDigest,
    method: DRAW_METHOD,
    employers: row.employers,
    cases: cases.map(toInspectionCase),
    drawnBy: row.drawnBy,
    createdAt: row.createdAt.toISOString(),
  }
}
