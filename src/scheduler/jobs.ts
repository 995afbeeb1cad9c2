import { closeMonthOnSchedule } from '../app/close-month-on-schedule.ts'
import { endHold } from '../app/end-hold.ts'
import { type FiringPolicy, fireRecurringAnnouncement } from '../app/fire-recurring-announcement.ts'
import { forfeitAgent } from '../app/forfeit-agent.ts'
import { dueHoldExpiries, holdsEndingOn } from '../app/holds.ts'
import { INBOUND_KEPT_MS } from '../app/inbound.ts'
import { lapseMasked } from '../app/lapse-masked.ts'
import { outageDays } from '../app/outage-days.ts'
import type { CommandContext, ProjectInfo, SweepPosition, Tx } from '../app/ports.ts'
import { remindHold } from '../app/remind-hold.ts'
import { remindOverdueSettlement } from '../app/remind-overdue-settlement.ts'
import { remindProtection } from '../app/remind-protection.ts'
import { sendDailyBrief } from '../app/send-daily-brief.ts'
import { type AttendanceRecord, forfeitsDue } from '../domain/attendance.ts'
import { briefDatesDue, briefDueAt } from '../domain/brief.ts'
import { addDays, addMonths, localDateOf, localMonthOf, startOfDay } from '../domain/calendar.ts'
import { overdueAt } from '../domain/settlement.ts'
import { acrossProjects, type Sweep } from './across-projects.ts'
import {
  announcementsDue,
  firingDue,
  holdEndsDue,
  holdRemindersDue,
  lastHoldDayDue,
  maskedLapsesDue,
  protectionBound,
  protectionsDue,
} from './due-projects.ts'
import { count, emptyReport, type JobDeps, type JobReport, runTimed, runTimedPage } from './run-timed.ts'

/**
 * A timed job as data: when node-cron wakes it (in the project's time zone) and what it does at an instant. `run`
 * derives everything from `now` and the database — what is due, what was done — so a late, repeated or concurrent
 * run applies each transition once and correctness never waits on cron. Tests call `run` with a manual instant.
 */
export interface Job {
  name: string
  cron: string
  run(deps: JobDeps, now: Date): Promise<JobReport>
}

const advance = (deps: JobDeps, projectId: number, sweep: string, to: SweepPosition, now: Date) =>
  deps.store.transaction((tx) => tx.schedule.advance(projectId, sweep, to, now))

/**
 * R12: 2 days before a protection ends, 09:00. Walks customers in (protectedUntil, id) order from its cursor up to
 * the bound before which every end's reminder is due. New filings and renewals always end after that bound (their
 * reminder is still ahead of them), so once a pass comes back short the cursor moves to the bound itself.
 */
const protectionReminders: Sweep = async (deps, project, now, report) => {
  const sweep = 'protection-reminder'
  const bound = protectionBound(project, now)
  const page = (tx: Tx, from: SweepPosition) => tx.schedule.protectionsEnding(project.id, from, bound, deps.batch)
  // The cursor and the first page in one transaction: an idle tick is one short read.
  let { pos, rows } = await deps.store.transaction(async (tx) => {
    const pos = (await tx.schedule.cursor(project.id, sweep)) ?? { at: now, id: 0 }
    return { pos, rows: await page(tx, pos) }
  })
  for (;;) {
    const start = pos
    const works = rows.map((row) => {
      const input = { customerId: row.customerId, until: row.until, lateAfterMs: deps.lateAfterMs }
      return (tx: Tx, ctx: CommandContext) => remindProtection(tx, ctx, input)
    })
    for (const run of await runTimedPage(deps, project, now, works)) count(report, run)
    const last = rows.at(-1)
    if (last) pos = { at: last.until, id: last.customerId }
    const done = rows.length < deps.batch
    if (done && pos.at.getTime() < bound.getTime()) pos = { at: bound, id: 0 }
    if (pos !== start) await advance(deps, project.id, sweep, pos, now)
    if (done) return undefined
    const from = pos
    rows = await deps.store.transaction((tx) => page(tx, from))
  }
}

/**
 * R14: 09:00 on a hold's last day. Pages the holds ending on each last day whose 09:00 has come, from the cursor's
 * day and deposit id; a hold recorded later on a day already paged has a larger id, so it is still ahead.
 */
const holdReminders: Sweep = async (deps, project, now, report) => {
  const sweep = 'hold-reminder'
  const tz = project.timezone
  const lastDue = lastHoldDayDue(project, now)
  const page = (tx: Tx, day: string, afterId: number) => holdsEndingOn(tx, project.id, day, deps.batch, afterId)
  let { day, afterId, holds, stored } = await deps.store.transaction(async (tx) => {
    const stored = await tx.schedule.cursor(project.id, sweep)
    const day = stored ? localDateOf(stored.at, tz) : localDateOf(now, tz)
    const afterId = stored?.id ?? 0
    return { day, afterId, holds: day <= lastDue ? await page(tx, day, afterId) : [], stored: stored !== null }
  })
  while (day <= lastDue) {
    // The first run starts from today; it stores where it stands even when it found nothing.
    const start = stored ? { day, afterId } : null
    stored = true
    const works = holds.map((hold) => {
      const input = { hold, lateAfterMs: deps.lateAfterMs }
      return (tx: Tx, ctx: CommandContext) => remindHold(tx, ctx, input)
    })
    for (const run of await runTimedPage(deps, project, now, works)) count(report, run)
    afterId = holds.at(-1)?.depositId ?? afterId
    const exhausted = holds.length < deps.batch
    const last = exhausted && day === lastDue
    if (exhausted && !last) {
      day = addDays(day, 1)
      afterId = 0
    }
    if (day !== start?.day || afterId !== start.afterId)
      await advance(deps, project.id, sweep, { at: startOfDay(day, tz), id: afterId }, now)
    if (last) return undefined
    const [d, a] = [day, afterId]
    holds = await deps.store.transaction((tx) => page(tx, d, a))
  }
  return undefined
}

/** R14 自动开封: every hold that has ended (now ≥ heldUntil) and still holds; each one released leaves the list. */
const holdEnds: Sweep = async (deps, project, now, report) => {
  for (;;) {
    const due = await deps.store.transaction((tx) => dueHoldExpiries(tx, project.id, now, deps.batch))
    let progress = 0
    for (const hold of due) {
      const input = { depositId: hold.depositId, depositCode: hold.depositCode, heldUntil: hold.heldUntil }
      const run = await runTimed(deps, project, now, (tx, ctx) => endHold(tx, ctx, input))
      count(report, run)
      if (run) progress++
    }
    // A short page, or one another instance emptied under us: the next tick looks again.
    if (due.length < deps.batch || progress === 0) return undefined
  }
}

/** 隐号报备: every live masked filing whose lapse has come is marked lapsed and its agency told; each leaves the list. */
const maskedLapses: Sweep = async (deps, project, now, report) => {
  for (;;) {
    const due = await deps.store.transaction((tx) => tx.masked.lapseDue(project.id, now, deps.batch))
    let progress = 0
    for (const m of due) {
      const input = { id: m.id, lapsesAt: m.lapsesAt, lateAfterMs: deps.lateAfterMs }
      const run = await runTimed(deps, project, now, (tx, ctx) => lapseMasked(tx, ctx, input))
      count(report, run)
      if (run) progress++
    }
    if (due.length < deps.batch || progress === 0) return undefined
  }
}

/** R1: agents with N consecutive local days without a check-in give up at the start of the next day. */
const forfeits: Sweep = async (deps, project, now, report) => {
  const tz = project.timezone
  const today = localDateOf(now, tz)
  const { records, excused } = await deps.store.transaction(async (tx) => {
    // Running now: today is a service day. Days without one were outages and are excused (see outage-days.ts).
    await tx.schedule.markServiceDay(project.id, today, now)
    const excused = await outageDays(tx, project.id, today)
    const agents = await tx.people.listStaff(project.id, { role: 'agent', status: 'active' })
    const last = await tx.schedule.lastCheckInsBefore(
      agents.map((a) => a.id),
      today,
    )
    const records: AttendanceRecord[] = agents.map((a) => ({
      staffId: a.id,
      lastCheckIn: last.get(a.id) ?? null,
      activeSince: localDateOf(a.statusSince, tz),
    }))
    return { records, excused }
  })
  const due = forfeitsDue(records, now, project.settings, tz, excused)
  for (const d of due) count(report, await runTimed(deps, project, now, (tx, ctx) => forfeitAgent(tx, ctx, d.staffId)))
  // A forfeit instant is a local midnight, and what could move one to today (a re-activation, a new agent) dates
  // from today: with those due now handled, none is due before tomorrow.
  return startOfDay(addDays(today, 1), tz)
}

/** R10/R17 定时公告: each announcement's latest due minute, through announce(). */
const announcements: Sweep = async (deps, project, now, report) => {
  const policy: FiringPolicy = {
    lateAfterMs: deps.lateAfterMs,
    graceMs: deps.announcementGraceMs,
    lookbackMs: deps.announcementLookbackMs,
  }
  const active = await deps.store.transaction((tx) => tx.recurring.active(project.id))
  for (const r of active) {
    if (!firingDue(r, project.timezone, now, policy.lookbackMs)) continue
    const input = { id: r.id, policy }
    count(report, await runTimed(deps, project, now, (tx, ctx) => fireRecurringAnnouncement(tx, ctx, input)))
  }
  return undefined
}

/** R4 on the 1st: every month since the last one closed (or since the project began) up to last month. */
const monthClose: Sweep = async (deps, project, now, report) => {
  const tz = project.timezone
  const { lastDue, createdAt } = await deps.store.transaction(async (tx) => ({
    lastDue: await tx.schedule.latestDue(project.id, 'month-close'),
    createdAt: await tx.schedule.projectCreatedAt(project.id),
  }))
  const previous = addMonths(localMonthOf(now, tz), -1)
  const months: string[] = []
  for (let m = localMonthOf(lastDue ?? createdAt ?? now, tz); m <= previous; m = addMonths(m, 1)) months.push(m)
  for (const month of months.slice(-12)) {
    count(report, await runTimed(deps, project, now, (tx, ctx) => closeMonthOnSchedule(tx, ctx, month)))
  }
  // Every month up to last month closed: the next one to close is this month, on the 1st of the next.
  return startOfDay(`${addMonths(localMonthOf(now, tz), 1)}-01`, tz)
}

/**
 * 结佣 overdue: each month whose statements' overdue instant (settings.settlementOverdueDays after it closed) has come
 * since the last one recorded, looking back a year at most; a month with nothing owing is recorded and sends nothing.
 */
const settlementOverdue: Sweep = async (deps, project, now, report) => {
  const tz = project.timezone
  const { lastDue, createdAt } = await deps.store.transaction(async (tx) => ({
    lastDue: await tx.schedule.latestDue(project.id, 'settlement-overdue'),
    createdAt: await tx.schedule.projectCreatedAt(project.id),
  }))
  const days = project.settings.settlementOverdueDays
  const current = localMonthOf(now, tz)
  const first = localMonthOf(createdAt ?? now, tz)
  // Those due now handled: quiet until the first overdue instant still ahead, or the next month (the window moves).
  let quietUntil = startOfDay(`${addMonths(current, 1)}-01`, tz).getTime()
  for (let m = addMonths(current, -13); m < current; m = addMonths(m, 1)) {
    if (m < first) continue
    const due = overdueAt(m, days, tz).getTime()
    if (lastDue && due <= lastDue.getTime()) continue
    if (due > now.getTime()) {
      quietUntil = Math.min(quietUntil, due)
      continue
    }
    const input = { month: m, lateAfterMs: deps.lateAfterMs }
    count(report, await runTimed(deps, project, now, (tx, ctx) => remindOverdueSettlement(tx, ctx, input)))
  }
  return new Date(quietUntil)
}

/** Days a catch-up looks back for missed briefs: each is recorded (dropped: its day is over), none sent. */
const BRIEF_LOOKBACK_DAYS = 7

/**
 * 每日简报 to the managers at settings.dailyBriefTime: today's once it is due; days missed while the bot was down are
 * recorded as dropped (their day is over) and today's, if late, goes out as 补发 — the rule of every reminder.
 */
const dailyBriefs: Sweep = async (deps, project, now, report) => {
  const tz = project.timezone
  const { lastDue, createdAt } = await deps.store.transaction(async (tx) => ({
    lastDue: await tx.schedule.latestDue(project.id, 'daily-brief'),
    createdAt: await tx.schedule.projectCreatedAt(project.id),
  }))
  const last = lastDue && localDateOf(lastDue, tz)
  const dates = briefDatesDue(last, createdAt ?? now, now, project.settings, tz, BRIEF_LOOKBACK_DAYS)
  for (const date of dates) {
    const input = { date, lateAfterMs: deps.lateAfterMs }
    count(report, await runTimed(deps, project, now, (tx, ctx) => sendDailyBrief(tx, ctx, input)))
  }
  // Days up to now are handled or out of reach, so the next brief due is today's (if its time is ahead) or one of a
  // later day, none before tomorrow's 00:00.
  const today = localDateOf(now, tz)
  const todays = briefDueAt(today, project.settings, tz).getTime()
  return new Date(todays > now.getTime() ? todays : startOfDay(addDays(today, 1), tz).getTime())
}

/** node-cron patterns (six fields: seconds first). Every job is cheap when nothing is due, so they run often. */
const EVERY_10_SECONDS = '*/10 * * * * *'
const EVERY_MINUTE = '0 * * * * *'

/**
 * The scheduler's jobs, in the order a catch-up runs them (reminders before the transitions that end their subject,
 * so a stale reminder is recorded as dropped). "Start of each day" and "1st of each month" run every minute rather
 * than at 00:00: with ANCHANG_CLOCK shifted, or after the machine slept, 00:00 of the project's clock is not 00:00 of
 * the machine's, and a run that finds nothing due costs one or two indexed queries.
 */
const DAY = 86_400_000

/**
 * Hourly: drops bookkeeping past its use — event ids after 7 days of real time (INBOUND_KEPT_MS; the replay window
 * of app/inbound.ts stays inside it), scheduler runs after 90 days, sent messages after 30, download links once
 * expired.
 */
const prune: Job['run'] = async (deps, now) => {
  const t = now.getTime()
  const removed = await deps.store.transaction((tx) =>
    tx.retention.prune({
      inboundBefore: new Date(deps.realClock.now().getTime() - INBOUND_KEPT_MS),
      runsBefore: new Date(t - 90 * DAY),
      outboxBefore: new Date(t - 30 * DAY),
      downloadsBefore: now,
    }),
  )
  if (removed.inbound + removed.runs + removed.outbox + removed.downloads > 0) deps.log('scheduler.pruned', removed)
  return emptyReport()
}

// Calendar sweeps are quiet while the settings their due instants depend on are unchanged (see across-projects.ts).
const zone = (p: ProjectInfo) => p.timezone
const forfeitKey = (p: ProjectInfo) => `${p.timezone}|${p.settings.forfeitAfterDays}`
const briefKey = (p: ProjectInfo) =>
  `${p.timezone}|${p.settings.dailyBriefTime.hour}:${p.settings.dailyBriefTime.minute}`
const overdueKey = (p: ProjectInfo) => `${p.timezone}|${p.settings.settlementOverdueDays}`

export const JOBS: readonly Job[] = [
  { name: 'forfeits', cron: EVERY_MINUTE, run: acrossProjects('forfeits', forfeits, { quietKey: forfeitKey }) },
  {
    name: 'hold-reminders',
    cron: EVERY_10_SECONDS,
    run: acrossProjects('hold-reminders', holdReminders, { find: holdRemindersDue }),
  },
  { name: 'hold-ends', cron: EVERY_10_SECONDS, run: acrossProjects('hold-ends', holdEnds, { find: holdEndsDue }) },
  {
    name: 'masked-lapses',
    cron: EVERY_10_SECONDS,
    run: acrossProjects('masked-lapses', maskedLapses, { find: maskedLapsesDue }),
  },
  {
    name: 'protection-reminders',
    cron: EVERY_10_SECONDS,
    run: acrossProjects('protection-reminders', protectionReminders, { find: protectionsDue }),
  },
  {
    name: 'announcements',
    cron: EVERY_10_SECONDS,
    run: acrossProjects('announcements', announcements, { find: announcementsDue }),
  },
  { name: 'month-close', cron: EVERY_MINUTE, run: acrossProjects('month-close', monthClose, { quietKey: zone }) },
  {
    name: 'daily-brief',
    cron: EVERY_10_SECONDS,
    run: acrossProjects('daily-brief', dailyBriefs, { quietKey: briefKey }),
  },
  {
    name: 'settlement-overdue',
    cron: EVERY_MINUTE,
    run: acrossProjects('settlement-overdue', settlementOverdue, { quietKey: overdueKey }),
  },
  { name: 'prune', cron: '0 17 * * * *', run: prune },
]

export const jobNamed = (name: string): Job => {
  const job = JOBS.find((j) => j.name === name)
  if (!job) throw new Error(`no scheduler job ${name}`)
  return job
}
