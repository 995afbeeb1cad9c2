import { addDays, type LocalDate, localDateOf, startOfDay } from './calendar.ts'
import type { RuleSettings } from './settings.ts'

export type CheckInVerdict =
  /** R1: the first check-in of the agent's local day; record it for `localDate`. */
  | { kind: 'checked-in'; localDate: LocalDate }
  /** A second check-in the same local day changes nothing. */
  | { kind: 'already'; localDate: LocalDate }

/**
 * R1 签到: once per local day per agent; the day turns at 00:00 in the project's time zone. Whether the agent may use
 * agent commands at all (not forfeited) is checked before, as for every agent command.
 */
export function decideCheckIn(lastCheckIn: LocalDate | null, now: Date, tz: string): CheckInVerdict {
  const localDate = localDateOf(now, tz)
  return lastCheckIn === localDate ? { kind: 'already', localDate } : { kind: 'checked-in', localDate }
}

/** What the no-check-in rule needs to know about an active agent. */
export interface AttendanceRecord {
  staffId: number
  /** Local date of the agent's latest check-in, if any. */
  lastCheckIn: LocalDate | null
  /** Local date the agent became active: added, or re-activated by the admin after a forfeit. */
  activeSince: LocalDate
}

export interface ForfeitDue {
  staffId: number
  /** 00:00 local on the day after the last missed day. */
  forfeitAt: Date
  firstMissed: LocalDate
  lastMissed: LocalDate
}

/**
 * The day before the first day the agent could have checked in and did not. The day an agent becomes active counts
 * as a day they could check in (so an agent added on 12-01 who never checks in misses 12-01, 12-02, 12-03); a
 * check-in before a re-activation does not excuse the days after it.
 */
function lastCoveredDay(agent: AttendanceRecord): LocalDate {
  const beforeStart = addDays(agent.activeSince, -1)
  return agent.lastCheckIn !== null && agent.lastCheckIn > beforeStart ? agent.lastCheckIn : beforeStart
}

/** Days that do not count as missed: the bot was not running, so nobody could check in. */
export type Excused = (date: LocalDate) => boolean
const noneExcused: Excused = () => false

/** Longest stretch of excused days looked through (an outage longer than this is not excused further). */
const MAX_EXCUSED_RUN = 400

function missedDays(agent: AttendanceRecord, n: number, excused: Excused): { first: LocalDate; last: LocalDate } {
  let day = lastCoveredDay(agent)
  let first: LocalDate | null = null
  for (let missed = 0, skipped = 0; missed < n; ) {
    day = addDays(day, 1)
    if (excused(day) && skipped++ < MAX_EXCUSED_RUN) continue
    first ??= day
    missed++
  }
  return { first: first ?? day, last: day }
}

/**
 * R1 "连续三天没有签到,视为自动放弃": the instant an agent is forfeited — 00:00 local on the day after N consecutive
 * local days without a check-in (N = settings.forfeitAfterDays). Last check-in 12-01 → missed 12-02..12-04 → 12-05 00:00.
 * Excused days (the bot was down) are passed over: they neither count as missed nor break the run.
 */
export function forfeitAt(
  agent: AttendanceRecord,
  settings: Pick<RuleSettings, 'forfeitAfterDays'>,
  tz: string,
  excused: Excused = noneExcused,
): Date {
  return startOfDay(addDays(missedDays(agent, settings.forfeitAfterDays, excused).last, 1), tz)
}

/**
 * R1: the active agents whose forfeit instant has come (now ≥ forfeitAt; at forfeitAt − 1 ms not yet). Run at the
 * start of each day and on catch-up after downtime: a late run finds the same agents with the same instants.
 */
export function forfeitsDue(
  agents: readonly AttendanceRecord[],
  now: Date,
  settings: Pick<RuleSettings, 'forfeitAfterDays'>,
  tz: string,
  excused: Excused = noneExcused,
): ForfeitDue[] {
  const due: ForfeitDue[] = []
  for (const agent of agents) {
    const at = forfeitAt(agent, settings, tz, excused)
    if (now.getTime() < at.getTime()) continue
    const missed = missedDays(agent, settings.forfeitAfterDays, excused)
    due.push({ staffId: agent.staffId, forfeitAt: at, firstMissed: missed.first, lastMissed: missed.last })
  }
  return due
}
