/**
 * Cases received in a period by kind and by channel (API.md, Figures: counts by `kind` and
 * `channel`), and the bureau's own inspections (docs/figures.md). A worker's complaint is a wage
 * case; a report counts under its kind; merged-away duplicates are left out. Read from the claims
 * themselves over `claims_case_kind_created_idx` (migration 0020): the period's cases, not the table.
 * The grouped count reads only that index's columns (an index-only scan, hashed); a per-group
 * count(distinct employer_key), unused, forced a heap scan and a sort. tests/bench/figures-by-kind.ts,
 * 300,000 cases, a year (≈150,000), PostgreSQL 15 on the shared 2-core machine (load ≈ 22): every
 * town 637 → 93 ms median, one town 87 → 13 ms.
 */
import { CLAIM_SOURCES, REPORT_KINDS, type ClaimSource, type ReportKind } from '@huxin/shared'
import { sql, type SQL } from 'drizzle-orm'
import type { Executor } from '../../../db/client'
import { rawRows } from '../../../db/raw'

export interface KindFigures {
  complaintsReceived: number
  reportsReceived: number
  byKind: Record<ReportKind, number>
  byChannel: Record<Exclude<ClaimSource, 'inspection'>, number>
  inspectionsOpened: number
  inspectedFirms: number
}

interface Row {
  case_type: string
  kind: string
  source: string
  n: number
}

export async function kindFigures(db: Executor, period: { from: Date; to: Date; towns: readonly string[] | undefined }): Promise<KindFigures> {
  const { towns } = period
  const inTowns: SQL =
    towns === undefined
      ? sql`true`
      : towns.length === 0
        ? sql`false`
        : sql`town in (${sql.join(
            towns.map((t) => sql`${t}`),
            sql`, `,
          )})`
  const rows = await rawRows<Row>(
    db,
    sql`select case_type, coalesce(report_kind, 'wages') as kind, source, count(*)::int as n
      from claims
      where created_at >= ${period.from.toISOString()}::timestamptz and created_at < ${period.to.toISOString()}::timestamptz
        and merged_into_id is null and ${inTowns}
      group by 1, 2, 3`,
  )
  const byKind = Object.fromEntries(REPORT_KINDS.map((k) => [k, 0])) as Record<ReportKind, number>
  const byChannel = Object.fromEntries(CLAIM_SOURCES.filter((s) => s !== 'inspection').map((s) => [s, 0])) as KindFigures['byChannel']
  const figures: KindFigures = { complaintsReceived: 0, reportsReceived: 0, byKind, byChannel, inspectionsOpened: 0, inspectedFirms: 0 }
  for (const row of rows) {
    const n = Number(row.n)
    if (row.case_type === 'inspection') {
      figures.inspectionsOpened += n
      continue
    }
    if (row.case_type === 'report') figures.reportsReceived += n
    else figures.complaintsReceived += n
    if (row.kind in byKind) byKind[row.kind as ReportKind] += n
    if (row.source in byChannel) byChannel[row.source as keyof KindFigures['byChannel']] += n
  }
  // Distinct employers inspected in the period (the seed's 检查用人单位 N 户), over every kind.
  const [firms] = await rawRows<{ n: number }>(
    db,
    sql`select count(distinct employer_key)::int as n from claims
      where case_type = 'inspection' and created_at >= ${period.from.toISOString()}::timestamptz
        and created_at < ${period.to.toISOString()}::timestamptz and merged_into_id is null and ${inTowns}`,
  )
  figures.inspectedFirms = Number(firms?.n ?? 0)
  return figures
}
