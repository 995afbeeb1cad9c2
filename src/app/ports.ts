import type { PendingApproval } from '../domain/approvals.ts'
import type { SignedContract } from '../domain/commission.ts'
import type { PendingConfirmation } from '../domain/confirmation.ts'
import type { Deposit, DepositStatus, Refund, RefundStatus } from '../domain/deposit.ts'
import type { Ownership } from '../domain/filing.ts'
import type { FineEntry } from '../domain/fines.ts'
import type { PaceState } from '../domain/pacing.ts'
import type { PhoneMask } from '../domain/phone-mask.ts'
import type { Platform } from '../domain/platform.ts'
import type { PeriodRecords } from '../domain/report.ts'
import type { Role, StaffStatus } from '../domain/roles.ts'
import type { RuleSettings } from '../domain/settings.ts'
import type { Subscription, SubscriptionStatus } from '../domain/subscription.ts'
import type { Unit, UnitSpec } from '../domain/unit.ts'
import type { ProtectionEnding } from './desk-notices.ts'
import type { Notice } from './notices.ts'
import type { StoredPart } from './outbound.ts'
import type { MaskedFilingRepo } from './ports-masked.ts'
import type { SettlementRepo } from './ports-settlement.ts'

export type { ProtectionEnding } from './desk-notices.ts'

/** The only source of "now" for use cases: read once at the top, passed down. */
export interface Clock {
  now(): Date
}

export interface ProjectInfo {
  id: number
  name: string
  timezone: string
  settings: RuleSettings
}

/** Who is acting: a staff record reached through a platform identity, or a bootstrap admin from ANCHANG_ADMINS. */
export interface Actor {
  /** `platform:userId` */
  identity: string
  staffId: number | null
  name: string
  role: Role
  agencyId: number | null
  agencyName: string | null
  status: StaffStatus
}

/** What every use case receives besides its transaction and its input. */
export interface CommandContext {
  project: ProjectInfo
  actor: Actor
  now: Date
  /** The chat message that caused the change (`platform:eventId`), recorded in the audit entry. */
  source: string | null
  /** Ask for people to be told something; rendered and queued in the same transaction. */
  notify(notice: Notice): void
}

/** Where an outbound message goes. `response` is a one-shot reply address (WeCom intelligent robot). */
export interface OutboundTarget {
  kind: 'group' | 'direct' | 'response'
  id: string
}

/** The command a group reply answers: the merged message names its sender; a lone reply quotes the message. */
export interface ReplyTo {
  userId: string
  name?: string
  /** The platform's id of the command's message (OneBot message_id, Telegram message_id), to quote it. */
  messageId?: string
}

export interface OutboundMessage {
  platform: Platform
  target: OutboundTarget
  text: string
  /** Picture, file or buttons beside the text (see outbound.ts); absent: text only. */
  parts?: StoredPart[]
  /** Set on a command's direct answer in a group. */
  replyTo?: ReplyTo
  /** 0: a command's direct answer, sent before the chat's waiting notices, broadcasts and reminders (1, default). */
  priority?: 0 | 1
}

/**
 * Thrown by a repository when a compare-and-set update lost a race or a unique insert met a concurrent one; the
 * Store re-runs the whole transaction, which then sees the winner's data.
 */
export class Conflict extends Error {
  override name = 'Conflict'
}

export interface TransactionOptions {
  /**
   * The work may run interleaved with other such work inside one shared transaction (PostgreSQL's group commit sends
   * their statements together instead of one command's round trips after another's). Only for work whose every
   * decision is settled by a compare-and-set or a unique index and whose locks are taken through its repositories
   * (lockAgency, lockMask): between commands sharing a transaction, row locks order nothing.
   */
  interleave?: boolean
}

export interface Store {
  /** Runs `work` in one database transaction, re-running it from the start on a Conflict or a busy database. */
  transaction<T>(work: (tx: Tx) => Promise<T>, how?: TransactionOptions): Promise<T>
  /** True when the database answers and every migration is applied. */
  ready(): Promise<boolean>
  close(): Promise<void>
}

export interface Tx {
  projects: ProjectRepo
  people: PeopleRepo
  groups: GroupRepo
  agencies: AgencyRepo
  customers: CustomerRepo
  audit: AuditRepo
  outbox: OutboxRepo
  inbound: InboundRepo
  attendance: AttendanceRepo
  rotation: RotationRepo
  announcements: AnnouncementRepo
  recurring: RecurringRepo
  schedule: ScheduleRepo
  fines: FineRepo
  dismissals: DismissalRepo
  commission: CommissionRepo
  units: UnitRepo
  deposits: DepositRepo
  subscriptions: SubscriptionRepo
  retention: RetentionRepo
  confirmations: ConfirmationRepo
  desk: DeskRepo
  downloads: DownloadRepo
  exports: ExportRepo
  masked: MaskedFilingRepo
  settlement: SettlementRepo
}

export interface ProjectRepo {
  byId(id: number): Promise<ProjectInfo | null>
  byName(name: string): Promise<ProjectInfo | null>
  list(): Promise<ProjectInfo[]>
  /** Changes whenever a project is created or its settings change: a list read under the same one is current. */
  revision(): Promise<string>
  create(name: string, timezone: string, at: Date): Promise<ProjectInfo>
  saveSettings(id: number, overrides: string): Promise<void>
  /** The project a person chose with `/project use` for their direct-chat commands, if any. */
  choiceOf(platform: Platform, userId: string): Promise<number | null>
  choose(platform: Platform, userId: string, projectId: number, at: Date): Promise<void>
}

export interface StaffRecord {
  id: number
  projectId: number
  name: string
  role: Role
  agencyId: number | null
  status: StaffStatus
  statusSince: Date
  createdAt: Date
}

export interface PeopleRepo {
  /** The staff record bound to a platform identity, with its agency's name. */
  actorFor(platform: Platform, userId: string): Promise<(Actor & { projectId: number }) | null>
  /**
   * Everything a message needs before its command runs, in one read: the sender's staff record (with agency) and the
   * project — the group's binding in a group (null when unbound), the sender's own project in a direct chat.
   */
  senderContext(
    platform: Platform,
    userId: string,
    groupChatId: string | null,
  ): Promise<{ actor: (Actor & { projectId: number }) | null; project: ProjectInfo | null }>
  staffById(id: number): Promise<StaffRecord | null>
  staffByName(projectId: number, name: string): Promise<StaffRecord[]>
  listStaff(
    projectId: number,
    filter?: { role?: Role; agencyId?: number; status?: StaffStatus },
  ): Promise<StaffRecord[]>
  addStaff(s: Omit<StaffRecord, 'id'>): Promise<StaffRecord>
  setStatus(staffId: number, status: StaffStatus, at: Date): Promise<void>
  /** Identities (platform + user id) bound to a staff record. */
  identitiesOf(staffIds: number[]): Promise<{ staffId: number; platform: Platform; userId: string }[]>
  /** Everyone bound on one platform, with their user id there (the console lists its personas from this). */
  boundOn(platform: Platform): Promise<{ userId: string; staff: StaffRecord; agencyName: string | null }[]>
  createJoinCode(code: string, staffId: number, at: Date, expiresAt: Date): Promise<void>
  /** Marks the code used and binds the identity; null when the code is unknown, used or expired at `at`. */
  redeemJoinCode(code: string, platform: Platform, userId: string, at: Date): Promise<StaffRecord | null>
  /** The staff record a live code (unused, unexpired at `at`) was made for, without spending it. */
  joinCodeFor(code: string, at: Date): Promise<StaffRecord | null>
  /** Spends unused codes without binding anyone (`by` says why): one code, or every code of a staff record. */
  voidJoinCodes(which: { code: string } | { staffId: number }, at: Date, by: string): Promise<number>
}

export interface GroupBinding {
  platform: Platform
  chatId: string
  projectId: number
  title: string | null
  wecomKey: string | null
}

export interface GroupRepo {
  find(platform: Platform, chatId: string): Promise<GroupBinding | null>
  bind(b: Omit<GroupBinding, 'wecomKey'>, by: string, at: Date): Promise<void>
  setWecomKey(platform: Platform, chatId: string, key: string): Promise<void>
  ofProject(projectId: number): Promise<GroupBinding[]>
}

export interface AgencyRecord {
  id: number
  projectId: number
  name: string
  status: 'active' | 'dismissed'
  seq: number
  createdAt: Date
}

export interface AgencyRepo {
  byId(id: number): Promise<AgencyRecord | null>
  byName(projectId: number, name: string): Promise<AgencyRecord | null>
  list(projectId: number, filter?: { status?: AgencyRecord['status'] }): Promise<AgencyRecord[]>
  /** Adds an agency at the end of the rotation (next seq). */
  add(projectId: number, name: string, at: Date): Promise<AgencyRecord>
  setStatus(id: number, status: AgencyRecord['status'], at: Date): Promise<void>
  /**
   * /agency readmit: a dismissed agency active again at the end of the rotation (the next seq; a concurrent add or
   * readmit taking the same seq fails on (projectId, seq) and the transaction re-runs).
   */
  readmit(id: number): Promise<AgencyRecord>
}

export interface CustomerRecord {
  id: number
  projectId: number
  phone: string
  name: string
  ownership: Ownership | null
  version: number
  createdAt: Date
}

export interface FilingRecord {
  id: number
  customerId: number
  agencyId: number
  filedBy: number
  filedAt: Date
  protectedUntil: Date
  note: string | null
  source: string | null
}

export interface CustomerRepo {
  byPhone(projectId: number, phone: string): Promise<CustomerRecord | null>
  byId(id: number): Promise<CustomerRecord | null>
  /** Inserts the customer if the number is new; returns whichever row exists afterwards. */
  ensure(projectId: number, phone: string, name: string, at: Date): Promise<CustomerRecord>
  /** Sets the ownership if the row is still at `version`; throws Conflict otherwise. */
  setOwnership(customer: Pick<CustomerRecord, 'id' | 'version'>, ownership: Ownership | null): Promise<void>
  addFiling(f: Omit<FilingRecord, 'id'> & { projectId: number }): Promise<FilingRecord>
  /**
   * 报备 of a number the project has never seen: the customer owned by the filing's agency until its
   * `protectedUntil`, the filing, and its audit entry (subject: the filing's code), written together — one statement
   * on PostgreSQL. Null, with nothing written, when the number is known or a masked filing of its mask is live
   * (隐号报备): the caller then decides on its ownership.
   */
  fileNew(
    f: Omit<FilingRecord, 'id' | 'customerId'> & { projectId: number; phone: string; mask: PhoneMask; name: string },
    audit: Omit<AuditInput, 'subject'>,
  ): Promise<{ customer: CustomerRecord; filing: FilingRecord; auditCode: string } | null>
  filingById(id: number): Promise<FilingRecord | null>
  renewFiling(filingId: number, until: Date): Promise<void>
  addVisit(v: {
    projectId: number
    customerId: number
    filingId: number
    registeredBy: number
    at: Date
    previousUntil: Date
    newUntil: Date
  }): Promise<void>
  addCollision(c: {
    projectId: number
    customerId: number
    owner: Ownership
    challengerAgencyId: number
    challengerStaffId: number
    attemptedAt: Date
    auditCode: string
  }): Promise<void>
  /** Customers an agency protects at `now` (or holds by a deal), soonest end first. */
  protectedBy(agencyId: number, now: Date, limit: number): Promise<CustomerRecord[]>
}

export interface AuditInput {
  projectId: number
  at: Date
  actor: string
  actorStaffId: number | null
  action: string
  subject: string | null
  data: Record<string, unknown>
  source: string | null
}

/** A stored entry; `data` is the JSON text exactly as hashed. `seq` is its place in the project's chain. */
export interface AuditEntry extends Omit<AuditInput, 'data'> {
  id: number
  seq: number
  data: string
  prevHash: string
  hash: string
}

export interface AuditRepo {
  /**
   * Writes an entry and returns its code, e.g. `A88`. It joins the project's hash chain when the transaction ends
   * (the Store seals every entry of a transaction just before COMMIT, so the chain's lock is held only that long).
   */
  append(entry: AuditInput): Promise<string>
  /** Chained entries in chain order from `afterSeq`, at most `limit`. */
  range(projectId: number, afterSeq: number, limit: number): Promise<AuditEntry[]>
  head(projectId: number): Promise<AuditHead>
  /** Entries written but not in the chain (none, once every transaction has committed). */
  unchained(projectId: number): Promise<number>
  /** The chain's HMAC key (ANCHANG_AUDIT_KEY) the store was opened with; null: an unkeyed store (tests, scripts). */
  readonly key: string | null
}

/** A project's chain head, and from which seq on its entries are keyed (null: not keyed yet; see app/audit.ts). */
export interface AuditHead {
  seq: number
  hash: string
  keyedFrom: number | null
  keyedTag: string | null
}

export interface OutboxRepo {
  enqueue(projectId: number | null, messages: OutboundMessage[], at: Date, dedupeKey?: string): Promise<void>
  /** What waits and what fails, per chat, for /outbox. */
  status(now: Date): Promise<OutboxStatus>
  /** Sends the failed messages again now (and lets every backing-off chat try now); how many messages. */
  retryNow(now: Date): Promise<number>
}

export interface OutboxStatus {
  pending: number
  failed: number
  chats: {
    platform: Platform
    target: OutboundTarget
    pending: number
    failed: number
    attempts: number
    nextAt: Date | null
    lastError: string | null
  }[]
}

export interface InboundRepo {
  /** Records a platform event id; false when it was recorded before (a redelivery). */
  claim(platform: Platform, eventId: string, at: Date): Promise<boolean>
}

/**
 * Bookkeeping that only has to outlive the retries it guards against: platform event ids (platforms redeliver for
 * minutes, not days), finished scheduler runs (sweeps never look far back), delivered outbox rows, download links
 * past their expiry (their files are dead weight then). The audit log is the evidence and is never pruned.
 */
export interface RetentionRepo {
  prune(cutoffs: {
    inboundBefore: Date
    runsBefore: Date
    outboxBefore: Date
    /** Download links expired at or before this go, with their files. */
    downloadsBefore: Date
  }): Promise<{ inbound: number; runs: number; outbox: number; downloads: number }>
}

/** A queued outbound message as the worker sees it. */
export interface QueuedMessage extends OutboundMessage {
  id: number
  projectId: number | null
  attempts: number
  createdAt: Date
}

/** One chat the outbox writes to: a group, a person, a one-shot response address. */
export interface ChatKey {
  platform: Platform
  target: OutboundTarget
}

/** A chat claimed by one worker: its due messages (answers first, then by age) and its shared pacing state. */
export interface ClaimedChat extends ChatKey {
  key: string
  /** This claim's own token: a result recorded under another token is refused. */
  claim: string
  messages: QueuedMessage[]
  pace: PaceState
  attempts: number
}

export interface OutboxHealth {
  pending: number
  oldestMs: number
  /** Platforms failing without a success since, and since when. */
  failing: { platform: Platform; since: Date; reason: string | null }[]
  /** Chats with messages due for two minutes that nobody is sending (not paced, not backing off). */
  stuck: number
}

/**
 * The outbox outside any use case. One worker at a time holds a chat (a lease it renews while sending), which keeps
 * the chat's order across instances and lets the pacing state live in the chat's row. Every result is recorded only
 * while the claim is still the worker's: a late worker's result is refused (false) and changes nothing.
 */
export interface OutboxQueue {
  /** Chats with due messages that are neither held by a worker nor waiting (pacing, backoff), oldest first. */
  dueChats(now: Date, limit: number, skip: ReadonlySet<string>): Promise<ChatKey[]>
  /** Takes the chat for `leaseMs`; null when another worker holds it or it must wait (then `waitUntil`). */
  claimChat(chat: ChatKey, claim: string, now: Date, leaseMs: number): Promise<ClaimedChat | { waitUntil: Date } | null>
  renew(key: string, claim: string, until: Date): Promise<boolean>
  /** These messages went out at `at`; the chat's pacing state becomes `pace`. Keeps the claim. */
  sent(key: string, claim: string, ids: number[], at: Date, pace: PaceState, platform: Platform): Promise<boolean>
  /** Releases the chat until `nextAt` (paced, or this instance cannot send now). */
  release(key: string, claim: string, nextAt: Date): Promise<boolean>
  /** A temporary failure: the chat waits until `nextAt`; its messages and the platform's failure run are recorded. */
  retry(
    key: string,
    claim: string,
    ids: number[],
    now: Date,
    nextAt: Date,
    reason: string,
    platform: Platform,
  ): Promise<boolean>
  /** A permanent failure (chat gone, bad token): the messages are recorded as failed, kept for /outbox retry. */
  failed(key: string, claim: string, ids: number[], at: Date, reason: string): Promise<boolean>
  /** True once per failure run, when `platform` has been failing since `before` or earlier (tell the admins). */
  shouldAlert(platform: Platform, before: Date, now: Date): Promise<boolean>
  health(now: Date): Promise<OutboxHealth>
  /** Messages not sent yet, and the age of the oldest one. */
  backlog(now: Date): Promise<{ pending: number; oldestMs: number }>
}

export interface AttendanceRepo {
  /** The agent's latest check-in date, if any. */
  lastCheckIn(staffId: number): Promise<string | null>
  /** Records a check-in; false when the agent already has one for that local date (a concurrent double tap). */
  add(projectId: number, staffId: number, localDate: string, at: Date): Promise<boolean>
  /** Agencies with at least one active agent checked in on `localDate`. */
  agenciesCheckedIn(projectId: number, localDate: string): Promise<Set<number>>
  /** Latest check-in date of each of the given agents. */
  lastCheckIns(staffIds: number[]): Promise<Map<number, string>>
}

export interface RotationTurnRecord {
  id: number
  localDate: string
  at: Date
  agencyId: number
  outcome: 'assigned' | 'skipped' | 'owner'
  reason: string | null
  leadKind: 'walk-in' | 'call'
  leadName: string | null
  customerId: number | null
  filingId: number | null
}

export interface RotationRepo {
  state(projectId: number): Promise<{ lastSeq: number; version: number }>
  /** Moves the pointer if it is still at `version`; throws Conflict otherwise (two leads dealt at once). */
  advance(projectId: number, version: number, lastSeq: number): Promise<void>
  addTurn(t: Omit<RotationTurnRecord, 'id'> & { projectId: number; staffId: number }): Promise<number>
  setTurnFiling(turnId: number, customerId: number, filingId: number): Promise<void>
  turnsOn(projectId: number, localDate: string): Promise<RotationTurnRecord[]>
}

export interface AnnouncementRepo {
  add(a: { projectId: number; text: string; by: number; at: Date; recurringId: number | null }): Promise<number>
}

/** 定时公告: a recurring announcement (code T<id>) fired by the scheduler while not removed. */
export interface RecurringAnnouncementRecord {
  id: number
  projectId: number
  cron: string
  text: string
  createdBy: number
  createdAt: Date
  removedAt: Date | null
  /** The latest firing already handled (sent or dropped). */
  firedThrough: Date | null
}

export interface RecurringRepo {
  add(r: {
    projectId: number
    cron: string
    text: string
    createdBy: number
    createdAt: Date
  }): Promise<RecurringAnnouncementRecord>
  byId(id: number): Promise<RecurringAnnouncementRecord | null>
  /** The project's announcements not removed, oldest first. */
  active(projectId: number): Promise<RecurringAnnouncementRecord[]>
  /** Every project's announcements not removed: one read for all projects. */
  activeAll(): Promise<RecurringAnnouncementRecord[]>
  /** Marks it removed at `at`; false when it already was (two removals at once: one wins). */
  remove(id: number, at: Date): Promise<boolean>
  /** Moves firedThrough forward to `at`, never back. */
  markFired(id: number, at: Date): Promise<void>
}

export type TimedKind =
  | 'masked-lapse'
  | 'settlement-overdue'
  | 'protection-reminder'
  | 'hold-reminder'
  | 'hold-end'
  | 'forfeit'
  | 'announcement'
  | 'month-close'
  | 'daily-brief'
export type TimedOutcome = 'sent' | 'late' | 'dropped' | 'applied'

/** A reminder or timed transition, recorded once under `key` = kind:subject:due instant. */
export interface TimedRun {
  key: string
  projectId: number
  kind: TimedKind
  dueAt: Date
  outcome: TimedOutcome
}

/** Where a sweep stands: the (due instant, row id) of the last row it examined. */
export interface SweepPosition {
  at: Date
  id: number
}

/** What the scheduler records and reads; its sweeps read only rows after their cursor and before the due bound. */
export interface ScheduleRepo {
  /**
   * Records the run in the current transaction; false when its key is already recorded. An uncommitted record of
   * the same key by another transaction is waited for: it committed → false; it rolled back → this one records.
   */
  claim(run: TimedRun, at: Date, by: string): Promise<boolean>
  cursor(projectId: number, sweep: string): Promise<SweepPosition | null>
  /** Moves the sweep's cursor forward to `to`; a cursor already further stays where it is. */
  advance(projectId: number, sweep: string, to: SweepPosition, at: Date): Promise<void>
  /** The cursors of `sweep` of every project, or of `projectIds` only (projects without one are absent). */
  cursors(sweep: string, projectIds?: readonly number[]): Promise<Map<number, SweepPosition>>
  /** How many projects have a cursor of `sweep` (cursors are never removed). */
  cursorCount(sweep: string): Promise<number>
  /** The cursors of `sweep`, over all projects, that stand before `before`. */
  cursorsBefore(sweep: string, before: Date): Promise<Map<number, SweepPosition>>
  /** The projects, over all of them, with a pending or approved hold ended at or before `now`. */
  projectsWithHoldsEnded(now: Date): Promise<number[]>
  /** Pending or approved holds of every project ending in (`from`, `to`]: project, deposit id and end. */
  holdsEndingWithin(from: Date, to: Date): Promise<{ projectId: number; depositId: number; heldUntil: Date }[]>
  /** The projects, over all of them, with a live masked filing whose lapse has come (lapsesAt ≤ now). */
  projectsWithMaskedLapsed(now: Date): Promise<number[]>
  /** Customers whose protection ends after `after` in (protectedUntil, id) order and before `before`. */
  protectionsEnding(
    projectId: number,
    after: SweepPosition,
    before: Date,
    limit: number,
  ): Promise<{ customerId: number; until: Date }[]>
  /** Each agent's latest check-in date before `localDate` (a check-in today cannot excuse the days before it). */
  lastCheckInsBefore(staffIds: number[], localDate: string): Promise<Map<number, string>>
  /** Records that the bot is running for the project on `localDate` (idempotent). */
  markServiceDay(projectId: number, localDate: string, at: Date): Promise<void>
  /** The first day recorded, and the recorded days from `from` on. */
  serviceDays(projectId: number, from: string): Promise<{ first: string | null; days: Set<string> }>
  /** The latest due instant recorded for the project's runs of `kind` (e.g. the last month closed). */
  latestDue(projectId: number, kind: TimedKind): Promise<Date | null>
  projectCreatedAt(projectId: number): Promise<Date | null>
}

/** A unit as stored: its sales-control state and the version its compare-and-set updates check. */
export interface UnitRecord extends Unit {
  projectId: number
  version: number
}

export interface UnitRepo {
  byId(id: number): Promise<UnitRecord | null>
  byCode(projectId: number, code: string): Promise<UnitRecord | null>
  /** Every unit of the project (the 销控 board). */
  list(projectId: number): Promise<UnitRecord[]>
  /** Which of `codes` the project already has. */
  existing(projectId: number, codes: readonly string[]): Promise<string[]>
  /** Inserts units; a concurrent insert of the same code fails on the (project, code) unique index. */
  add(projectId: number, specs: readonly UnitSpec[], at: Date): Promise<void>
  /**
   * Writes status, deposit and hold end if the row is still at `unit.version`, bumping it; throws Conflict otherwise.
   * Saving an unchanged unit serialises two requests on it (two 认购 forms, two 退定 at once).
   */
  save(unit: UnitRecord, at: Date): Promise<void>
}

export interface DepositRecord extends Deposit {
  projectId: number
  customerId: number
  requestedBy: number
  attribution: 'protection' | 'requester'
  decidedBy: number | null
  decidedAt: Date | null
  reason: string | null
  closedAt: Date | null
}

export interface RefundRecord extends Refund {
  projectId: number
  requestedBy: number
  requestedAt: Date
  decidedBy: number | null
  decidedAt: Date | null
  reason: string | null
}

/** A hold as the scheduler sees it: the deposit, its unit and who asked for it. */
export interface HoldRecord {
  depositId: number
  unitId: number
  unitCode: string
  agencyId: number
  requestedBy: number
  status: DepositStatus
  recordedAt: Date
  heldUntil: Date
}

export interface StatusChange {
  at: Date
  /** Set for the manager's decision (批准, 驳回): recorded as decided by them at `at`. */
  decidedBy?: number
  reason?: string | null
  /** The record ends here (rejected, refunded, released). */
  closed?: boolean
}

export interface DepositRepo {
  add(d: Omit<DepositRecord, 'id' | 'decidedBy' | 'decidedAt' | 'reason' | 'closedAt'>): Promise<DepositRecord>
  byId(id: number): Promise<DepositRecord | null>
  /** The customer's deposits that may still carry a deal: pending, approved or subscribed. */
  openOfCustomer(customerId: number): Promise<DepositRecord[]>
  /** Moves the deposit from `from` to `to` if it is still `from`; throws Conflict otherwise. */
  setStatus(id: number, from: DepositStatus, to: DepositStatus, change: StatusChange): Promise<void>
  /** Pending or approved deposits whose hold ended at or before `now`, oldest end first. */
  dueExpiries(projectId: number, now: Date, limit: number): Promise<HoldRecord[]>
  /** Pending or approved deposits whose hold ends in (from, to], by id after `afterId`. */
  endingBetween(projectId: number, from: Date, to: Date, afterId: number, limit: number): Promise<HoldRecord[]>
  addRefund(r: Omit<RefundRecord, 'id' | 'decidedBy' | 'decidedAt' | 'reason'>): Promise<RefundRecord>
  refundById(id: number): Promise<RefundRecord | null>
  refundsOf(depositId: number): Promise<RefundRecord[]>
  setRefundStatus(id: number, from: RefundStatus, to: RefundStatus, change: StatusChange): Promise<void>
}

export interface SubscriptionRecord extends Subscription {
  projectId: number
  customerId: number
  requestedBy: number
  requestedAt: Date
  decidedBy: number | null
  decidedAt: Date | null
  reason: string | null
}

/** 签约: what the commission engineer reads (agency, price, basement, instant and local month of signing). */
export interface ContractRecord {
  id: number
  projectId: number
  subscriptionId: number
  unitId: number
  customerId: number
  agencyId: number
  priceFen: number
  basement: boolean
  signedBy: number
  signedAt: Date
  localMonth: string
}

export interface SubscriptionRepo {
  add(s: Omit<SubscriptionRecord, 'id' | 'decidedBy' | 'decidedAt' | 'reason'>): Promise<SubscriptionRecord>
  byId(id: number): Promise<SubscriptionRecord | null>
  ofDeposit(depositId: number): Promise<SubscriptionRecord[]>
  /** Moves the subscription from `from` to `to` if it is still `from`; throws Conflict otherwise. */
  setStatus(id: number, from: SubscriptionStatus, to: SubscriptionStatus, change: StatusChange): Promise<void>
  /** Inserts the contract; the unique unit and subscription columns refuse a second one. */
  addContract(c: Omit<ContractRecord, 'id'>): Promise<ContractRecord>
  contractOf(subscriptionId: number): Promise<ContractRecord | null>
}

/** A fine (罚款) or a reversal (冲正) as stored; never edited or deleted. */
export interface FineRecord extends FineEntry {
  projectId: number
  severe: boolean
  note: string | null
  issuedBy: number
  /** 'YYYY-MM' of `issuedAt` in the project's time zone */
  localMonth: string
}

export interface FineRepo {
  /**
   * Takes the agency's row lock until the transaction ends, so fines and dismissals of one agency are decided one at a
   * time (PostgreSQL; SQLite transactions are serial already). Call it before reading the ledger.
   */
  lockAgency(agencyId: number): Promise<void>
  /** Inserts a fine or reversal; a second reversal of one fine fails on the unique `reversesId` (the Store re-runs). */
  add(f: Omit<FineRecord, 'id'>): Promise<FineRecord>
  byId(id: number): Promise<FineRecord | null>
  /** The agency's whole ledger, fines and reversals, in issue order. */
  ofAgency(agencyId: number): Promise<FineRecord[]>
  ofProject(projectId: number): Promise<FineRecord[]>
}

/** 劝退: a proposal (by the R4 month close) waits for the manager; an escalation or 劝退 is confirmed at once. */
export interface DismissalRecord {
  id: number
  projectId: number
  agencyId: number
  /** `R4:<closed month>` (two months under target), `<rule>:P<fine id>` (an escalating fine), `manual:<reason>` */
  reason: string
  proposedAt: Date
  confirmedAt: Date | null
  confirmedBy: number | null
  /** /agency readmit lifted it */
  liftedAt?: Date | null
}

export interface DismissalRepo {
  add(d: Omit<DismissalRecord, 'id'>): Promise<DismissalRecord>
  byReason(agencyId: number, reason: string): Promise<DismissalRecord | null>
  /** Proposals not confirmed yet, oldest first; of one agency or of the whole project. */
  pending(projectId: number, agencyId?: number): Promise<DismissalRecord[]>
  /** The confirmed dismissal of an agency, latest first. */
  confirmedOf(agencyId: number): Promise<DismissalRecord | null>
  confirm(ids: readonly number[], by: number | null, at: Date): Promise<void>
  /** Marks the agency's confirmed, not yet lifted dismissals as lifted (readmitted); the rows stay as history. */
  lift(agencyId: number, by: number | null, at: Date, reason: string): Promise<number>
  /** When the agency was last readmitted, if ever. */
  lastLifted(agencyId: number): Promise<Date | null>
}

/** A signed contract as the commission statement shows it. */
export interface SignedContractRecord extends SignedContract {
  unitCode: string | null
}

export interface CommissionRepo {
  /** Signed contracts (签约) of the project, or of one agency, in signing order. */
  signedContracts(projectId: number, agencyId?: number): Promise<SignedContractRecord[]>
  /** List prices of the project's units that count toward the target (not basement) and are for sale. */
  listPricesForSale(projectId: number): Promise<number[]>
}

/** 劝退 or a dismissing fine waiting for `确认 Q<id>`; `input` is the use case's input as JSON. */
export interface ConfirmationRecord extends PendingConfirmation {
  projectId: number
  action: 'dismiss' | 'fine'
  input: string
}

export interface ConfirmationRepo {
  add(c: Omit<ConfirmationRecord, 'id' | 'usedAt' | 'outcome' | 'auditCode'>): Promise<ConfirmationRecord>
  byId(id: number): Promise<ConfirmationRecord | null>
  /**
   * Takes the confirmation if it is still unused and unexpired at `at` (a compare-and-set: of two 确认 at once one
   * changes the row, the other waits for it and changes nothing); false otherwise.
   */
  take(id: number, at: Date): Promise<boolean>
  /** What the taken confirmation did: applied (with its audit code) or found impossible. */
  settle(id: number, outcome: 'done' | 'refused', auditCode: string | null): Promise<void>
}

/** 撞单 as the manager reads it: both sides, both instants, the rule, the evidence. */
export interface CollisionRecord {
  id: number
  auditCode: string
  at: Date
  /** R12 先到访者, or R13 when a deal locked the customer (its protection end is then null). */
  rule: 'R12' | 'R13'
  customer: { name: string; phone: string }
  owner: { agencyName: string; filingCode: string | null; staffName: string | null; since: Date; until: Date | null }
  challenger: { agencyName: string; staffName: string | null }
}

/** A customer whose protection ends in a window (no deal lock): the daily brief's "protections ending today". */

/** What the manager's desk reads (待审批, 撞单, the daily brief, 报表); it changes nothing. */
export interface DeskRepo {
  /** Pending deposits, refunds and subscriptions with their unit, agency, amount and the hold they run against. */
  pendingApprovals(projectId: number): Promise<PendingApproval[]>
  /** Collisions attempted in [from, to), oldest first. */
  collisions(projectId: number, from: Date, to: Date): Promise<CollisionRecord[]>
  /** Every record the report counts, of instants in [from, to). */
  periodRecords(projectId: number, from: Date, to: Date): Promise<PeriodRecords>
  /** Check-ins on a local date: who, of which agency, when. */
  checkInsOn(projectId: number, localDate: string): Promise<{ staffId: number; agencyId: number | null; at: Date }[]>
  /** Protections (not deal-locked) ending in (from, to]. */
  protectionsEnding(projectId: number, from: Date, to: Date): Promise<ProtectionEnding[]>
}

/**
 * Leadership of a connection that only one instance may hold at a time (Telegram long polling, the WeCom long
 * connection). On PostgreSQL a session advisory lock held on a connection of its own; with SQLite there is one
 * instance, and it always leads.
 */
export interface LeaderLock {
  /** Takes the lock if it is free, never waiting; true while this instance holds it. */
  tryAcquire(): Promise<boolean>
  /** True while the lock is still held (its database session is alive). */
  held(): Promise<boolean>
  /** Gives the lock up (a standby may take it at once) and closes its connection. */
  release(): Promise<void>
}

/** A file behind a one-time download link (downloads.ts); `content` is base64. */
export interface DownloadRecord {
  id: number
  projectId: number
  fileName: string
  mime: string
  content: string
  forIdentity: string
  createdAt: Date
  expiresAt: Date
}

export interface DownloadRepo {
  add(d: Omit<DownloadRecord, 'id'> & { tokenHash: string }): Promise<number>
  /** Marks the link used and returns its file, once: null when unknown, already used, or expired at `now`. */
  take(tokenHash: string, now: Date): Promise<DownloadRecord | null>
}

/** A filing as `导出 报备` lists it, with the names the row holds as ids. */
export interface FilingExportRecord {
  id: number
  filedAt: Date
  agencyName: string
  filedBy: string
  customerName: string
  phone: string
  protectedUntil: Date
  source: 'walk-in' | 'call' | null
  note: string | null
}

/** A visit (到访) as `导出 报备` lists it: the protection it renewed, before and after. */
export interface VisitExportRecord {
  at: Date
  customerName: string
  phone: string
  agencyName: string
  filingId: number
  previousUntil: Date
  newUntil: Date
  registeredBy: string
}

/** What the exports read beyond the other repos; it changes nothing. */
export interface ExportRepo {
  /** Filings made in [from, to), oldest first. */
  filings(projectId: number, from: Date, to: Date): Promise<FilingExportRecord[]>
  /** Visits registered in [from, to), oldest first. */
  visits(projectId: number, from: Date, to: Date): Promise<VisitExportRecord[]>
}
