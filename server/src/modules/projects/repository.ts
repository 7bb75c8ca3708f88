/** The projects tables (migration 0019): projects, deposit events, roster, payroll. */
import { and, asc, count, desc, eq, gt, ilike, inArray, min, or, sql } from 'drizzle-orm'
import type { Database, Executor } from '../../db/client'
import { rawRow } from '../../db/raw'
import { employers, helpPoints, projectDepositEvents, projectPayroll, projectRoster, projects, rateEvents } from '../../db/schema/index'

export type ProjectRow = typeof projects.$inferSelect
export type ProjectInsert = typeof projects.$inferInsert
export type DepositEventRow = typeof projectDepositEvents.$inferSelect
export type RosterRow = typeof projectRoster.$inferSelect
export type RosterInsert = typeof projectRoster.$inferInsert
export type PayrollInsert = typeof projectPayroll.$inferInsert

export function createProjectsRepository(db: Database) {
  return {
    db,
    async findById(id: string, tx: Executor = db): Promise<ProjectRow | undefined> {
      const [row] = await tx.select().from(projects).where(eq(projects.id, id)).limit(1)
      return row
    },
    /** The row locked for a change of its deposit (transitions of one project queue up). */
    async lock(id: string, tx: Executor): Promise<ProjectRow | undefined> {
      const [row] = await tx.select().from(projects).where(eq(projects.id, id)).for('update').limit(1)
      return row
    },
    /** Projects by town and permit number, after a cursor `town|permit` (keyset paging). */
    async list(filter: { towns?: readonly string[] | undefined; q?: string | undefined; after?: [string, string] | undefined }, limit: number) {
      const where = [
        filter.towns ? inArray(projects.town, [...filter.towns]) : undefined,
        filter.q ? or(ilike(projects.name, `%${filter.q}%`), ilike(projects.permitNumber, `%${filter.q}%`), ilike(projects.gcName, `%${filter.q}%`)) : undefined,
        filter.after
          ? or(gt(projects.town, filter.after[0]), and(eq(projects.town, filter.after[0]), gt(projects.permitNumber, filter.after[1])))
          : undefined,
      ].filter((w) => w !== undefined)
      return db
        .select()
        .from(projects)
        .where(where.length ? and(...where) : undefined)
        .orderBy(asc(projects.town), asc(projects.permitNumber))
        .limit(limit)
    },
    /**
     * One event in a sliding-window bucket of `rate_events` (the limit store every server process
     * shares, as sign-in and anonymous reports use it), under an advisory lock on the bucket so
     * concurrent requests cannot both slip under the limit. 0 when allowed (and recorded), else
     * the seconds until the oldest event leaves the window (nothing recorded).
     */
    async consumeRate(bucket: string, max: number, windowMs: number, now: Date): Promise<number> {
      return db.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${bucket}, 0))`)
        const [row] = await tx
          .select({ n: count(), oldest: min(rateEvents.createdAt) })
          .from(rateEvents)
          .where(and(eq(rateEvents.bucket, bucket), gt(rateEvents.createdAt, new Date(now.getTime() - windowMs))))
        if (row && row.n >= max && row.oldest) return Math.max(1, Math.ceil((new Date(row.oldest).getTime() + windowMs - now.getTime()) / 1000))
        await tx.insert(rateEvents).values({ bucket, createdAt: now })
        return 0
      })
    },
    async existingPermits(permits: readonly string[], tx: Executor = db): Promise<Set<string>> {
      if (permits.length === 0) return new Set()
      const rows = await tx.select({ p: projects.permitNumber }).from(projects).where(inArray(projects.permitNumber, [...permits]))
      return new Set(rows.map((r) => r.p))
    },
    async insert(rows: readonly ProjectInsert[], tx: Executor = db): Promise<void> {
      for (let i = 0; i < rows.length; i += 500) await tx.insert(projects).values(rows.slice(i, i + 500))
    },
    async update(id: string, set: Partial<ProjectInsert>, tx: Executor = db): Promise<void> {
      await tx.update(projects).set({ ...set, updatedAt: new Date() }).where(eq(projects.id, id))
    },
    /** The register entry of an employer: by credit code when given, else by normalised name. */
    async registerEntryId(key: string, nameKey: string, tx: Executor = db): Promise<string | null> {
      const row = await rawRow<{ id: string }>(
        tx,
        sql`select id from ${employers} where supervised and (key = ${key} or (${key.startsWith('nm:')} and name_key = ${nameKey}))
            order by (key = ${key}) desc limit 1`,
      )
      return row?.id ?? null
    },
    /** The nearest help point of a kind (not suspended): by distance from the site, else in the town. */
    async nearestHelpPoint(kind: string, site: { lat: number | null; lng: number | null }, town: string) {
      const [row] = await db
        .select({ name: helpPoints.name, address: helpPoints.address, phones: helpPoints.phones })
        .from(helpPoints)
        .where(and(eq(helpPoints.kind, kind), sql`${helpPoints.status} <> 'suspended'`))
        .orderBy(
          site.lat !== null && site.lng !== null
            ? sql`(${helpPoints.lat} - ${site.lat})^2 + ((${helpPoints.lng} - ${site.lng}) * cos(radians(${site.lat})))^2 nulls last`
            : sql`(${helpPoints.town} = ${town}) desc`,
          asc(helpPoints.name),
        )
        .limit(1)
      return row
    },
    async insertEvent(row: DepositEventRow, tx: Executor): Promise<void> {
      await tx.insert(projectDepositEvents).values(row)
    },
    async events(projectId: string): Promise<DepositEventRow[]> {
      return db.select().from(projectDepositEvents).where(eq(projectDepositEvents.projectId, projectId)).orderBy(asc(projectDepositEvents.createdAt), asc(projectDepositEvents.id))
    },
    async rosterCounts(ids: readonly string[]): Promise<Map<string, number>> {
      if (ids.length === 0) return new Map()
      const rows = await db
        .select({ id: projectRoster.projectId, n: count() })
        .from(projectRoster)
        .where(inArray(projectRoster.projectId, [...ids]))
        .groupBy(projectRoster.projectId)
      return new Map(rows.map((r) => [r.id, Number(r.n)]))
    },
    /** Adds roster rows; a worker already on the project's roster is updated (same ID hash). */
    async upsertRoster(rows: readonly RosterInsert[], tx: Executor): Promise<void> {
      for (let i = 0; i < rows.length; i += 500) {
        await tx
          .insert(projectRoster)
          .values(rows.slice(i, i + 500))
          .onConflictDoUpdate({
            target: [projectRoster.projectId, projectRoster.idHash],
            set: { name: sql`excluded.name`, trade: sql`excluded.trade`, startedOn: sql`excluded.started_on`, idEnc: sql`excluded.id_enc` },
          })
      }
    },
    async rosterEntry(projectId: string, idHash: string): Promise<RosterRow | undefined> {
      const [row] = await db.select().from(projectRoster).where(and(eq(projectRoster.projectId, projectId), eq(projectRoster.idHash, idHash))).limit(1)
      return row
    },
    /** The projects whose roster holds this ID hash (a claim's claimant). */
    async rostersWith(idHash: string): Promise<RosterRow[]> {
      return db.select().from(projectRoster).where(eq(projectRoster.idHash, idHash)).orderBy(desc(projectRoster.createdAt)).limit(20)
    },
    /** Replaces a month's payroll of a project (a corrected upload replaces the month). */
    async replacePayroll(projectId: string, month: string, rows: readonly PayrollInsert[], tx: Executor): Promise<void> {
      await tx.delete(projectPayroll).where(and(eq(projectPayroll.projectId, projectId), eq(projectPayroll.month, month)))
      for (let i = 0; i < rows.length; i += 500) await tx.insert(projectPayroll).values(rows.slice(i, i + 500))
    },
    async payrollMonths(projectId: string) {
      const rows = await db
        .select({ month: projectPayroll.month, workers: count(), amountFen: sql<string>`sum(${projectPayroll.amountFen})` })
        .from(projectPayroll)
        .where(eq(projectPayroll.projectId, projectId))
        .groupBy(projectPayroll.month)
        .orderBy(asc(projectPayroll.month))
      return rows.map((r) => ({ month: r.month, workers: Number(r.workers), amountFen: Number(r.amountFen) }))
    },
    /** What one worker (ID hash) was paid per month on a project. */
    async paidTo(projectId: string, idHash: string, months: readonly string[]): Promise<Map<string, number>> {
      if (months.length === 0) return new Map()
      const rows = await db
        .select({ month: projectPayroll.month, amountFen: projectPayroll.amountFen })
        .from(projectPayroll)
        .where(and(eq(projectPayroll.projectId, projectId), eq(projectPayroll.idHash, idHash), inArray(projectPayroll.month, [...months])))
      return new Map(rows.map((r) => [r.month, r.amountFen]))
    },
    async monthsRecorded(projectId: string, months: readonly string[]): Promise<Set<string>> {
      if (months.length === 0) return new Set()
      const rows = await db
        .selectDistinct({ month: projectPayroll.month })
        .from(projectPayroll)
        .where(and(eq(projectPayroll.projectId, projectId), inArray(projectPayroll.month, [...months])))
      return new Set(rows.map((r) => r.month))
    },
  }
}

export type ProjectsRepository = ReturnType<typeof createProjectsRepository>
