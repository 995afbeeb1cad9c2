import type { ScheduleRepo } from '../../app/ports.ts'
import type { DbTx } from '../client.ts'
import { Prisma } from '../generated/sqlite/client.ts'

/** The hold statuses that still hold a unit (as deposits.ts's LIVE): the ones a hold's end or reminder is about. */
const LIVE_HOLDS = ['pending', 'approved']

interface CursorRow {
  projectId: number | bigint
  at: Date | string
  rowId: number | bigint
}

const cursorMap = (rows: CursorRow[]) =>
  new Map(rows.map((r) => [Number(r.projectId), { at: new Date(r.at), id: Number(r.rowId) }]))

export function scheduleRepo(db: DbTx): ScheduleRepo {
  return {
    // The primary key settles races: ON CONFLICT DO NOTHING waits for a concurrent insert of the same key to commit
    // or roll back, then inserts nothing (it committed) or inserts (it rolled back). Never check-then-insert.
    async claim(run, at, by) {
      const inserted = await db.$executeRaw`
        INSERT INTO scheduled_run ("key", "projectId", "kind", "dueAt", "doneAt", "doneBy", "outcome")
        VALUES (${run.key}, ${run.projectId}, ${run.kind}, ${run.dueAt}, ${at}, ${by}, ${run.outcome})
        ON CONFLICT DO NOTHING`
      return inserted === 1
    },
    async cursor(projectId, sweep) {
      const r = await db.sweepCursor.findUnique({ where: { projectId_sweep: { projectId, sweep } } })
      return r && { at: r.at, id: r.rowId }
    },
    async advance(projectId, sweep, to, at) {
      await db.$executeRaw`
        INSERT INTO sweep_cursor ("projectId", "sweep", "at", "rowId", "updatedAt")
        VALUES (${projectId}, ${sweep}, ${to.at}, ${to.id}, ${at})
        ON CONFLICT ("projectId", "sweep") DO UPDATE
          SET "at" = excluded."at", "rowId" = excluded."rowId", "updatedAt" = excluded."updatedAt"
          WHERE sweep_cursor."at" < excluded."at"
             OR (sweep_cursor."at" = excluded."at" AND sweep_cursor."rowId" < excluded."rowId")`
    },
    // The sweeps across projects (scheduler/due-projects.ts) read these once a tick, so each reads only what is due:
    // a few hundred cursor rows, or an index range on (status, instant) that holds just the rows whose time has come.
    async cursors(sweep, projectIds) {
      if (projectIds?.length === 0) return new Map()
      const rows = await db.$queryRaw<CursorRow[]>`
        SELECT "projectId", "at", "rowId" FROM sweep_cursor WHERE "sweep" = ${sweep}
        ${projectIds ? Prisma.sql`AND "projectId" IN (${Prisma.join(projectIds)})` : Prisma.empty}`
      return cursorMap(rows)
    },
    async cursorCount(sweep) {
      const [n] = await db.$queryRaw<{ n: number | bigint }[]>`
        SELECT count(*) AS n FROM sweep_cursor WHERE "sweep" = ${sweep}`
      return Number(n?.n ?? 0)
    },
    async cursorsBefore(sweep, before) {
      const rows = await db.$queryRaw<CursorRow[]>`
        SELECT "projectId", "at", "rowId" FROM sweep_cursor WHERE "sweep" = ${sweep} AND "at" < ${before}`
      return cursorMap(rows)
    },
    async projectsWithHoldsEnded(now) {
      const rows = await db.$queryRaw<{ projectId: number | bigint }[]>`
        SELECT DISTINCT "projectId" FROM deposit
        WHERE status IN (${Prisma.join(LIVE_HOLDS)}) AND "heldUntil" <= ${now}`
      return rows.map((r) => Number(r.projectId))
    },
    async holdsEndingWithin(from, to) {
      const rows = await db.$queryRaw<{ projectId: number | bigint; id: number | bigint; heldUntil: Date | string }[]>`
        SELECT "projectId", id, "heldUntil" FROM deposit
        WHERE status IN (${Prisma.join(LIVE_HOLDS)}) AND "heldUntil" > ${from} AND "heldUntil" <= ${to}`
      return rows.map((r) => ({
        projectId: Number(r.projectId),
        depositId: Number(r.id),
        heldUntil: new Date(r.heldUntil),
      }))
    },
    async projectsWithMaskedLapsed(now) {
      const rows = await db.$queryRaw<{ projectId: number | bigint }[]>`
        SELECT DISTINCT "projectId" FROM masked_filing WHERE status = 'live' AND "lapsesAt" <= ${now}`
      return rows.map((r) => Number(r.projectId))
    },
    // A keyset read on the (projectId, protectedUntil, id) index: it starts right after the cursor and stops at the
    // due bound, so it touches the rows that came due, whatever the size of the table.
    async protectionsEnding(projectId, after, before, limit) {
      const rows = await db.$queryRaw<{ id: number | bigint; protectedUntil: Date | string }[]>`
        SELECT id, "protectedUntil" FROM customer
        WHERE "projectId" = ${projectId}
          AND ("protectedUntil", id) > (${after.at}, ${after.id})
          AND "protectedUntil" < ${before}
        ORDER BY "protectedUntil", id
        LIMIT ${limit}`
      return rows.map((r) => ({ customerId: Number(r.id), until: new Date(r.protectedUntil) }))
    },
    async latestDue(projectId, kind) {
      const r = await db.scheduledRun.findFirst({
        where: { projectId, kind },
        orderBy: { dueAt: 'desc' },
        select: { dueAt: true },
      })
      return r?.dueAt ?? null
    },
    async projectCreatedAt(projectId) {
      return (await db.project.findUnique({ where: { id: projectId }, select: { createdAt: true } }))?.createdAt ?? null
    },
    // One index seek per agent on check_in (staffId, localDate), not a scan of their history.
    async lastCheckInsBefore(staffIds, localDate) {
      if (staffIds.length === 0) return new Map()
      const rows = await db.$queryRaw<{ staffId: number | bigint; last: string | null }[]>`
        SELECT s.id AS "staffId",
          (SELECT max(c."localDate") FROM check_in c WHERE c."staffId" = s.id AND c."localDate" < ${localDate}) AS "last"
        FROM staff s WHERE s.id IN (${Prisma.join(staffIds)})`
      return new Map(rows.flatMap((r) => (r.last === null ? [] : [[Number(r.staffId), r.last] as const])))
    },
    async markServiceDay(projectId, localDate, at) {
      await db.$executeRaw`
        INSERT INTO service_day ("projectId", "localDate", "firstSeen") VALUES (${projectId}, ${localDate}, ${at})
        ON CONFLICT DO NOTHING`
    },
    async serviceDays(projectId, from) {
      const first = await db.serviceDay.findFirst({ where: { projectId }, orderBy: { localDate: 'asc' } })
      const rows = await db.serviceDay.findMany({
        where: { projectId, localDate: { gte: from } },
        select: { localDate: true },
      })
      return { first: first?.localDate ?? null, days: new Set(rows.map((r) => r.localDate)) }
    },
  }
}
