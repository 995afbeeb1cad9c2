import { addUnit } from '../../app/add-unit.ts'
import { parseCode } from '../../app/codes.ts'
import type { Tx } from '../../app/ports.ts'
import { recordSigning } from '../../app/record-signing.ts'
import { requestDeposit } from '../../app/request-deposit.ts'
import { requestDepositRefund } from '../../app/request-deposit-refund.ts'
import { requestSubscription } from '../../app/request-subscription.ts'
import { type Review, reviewDeposit } from '../../app/review-deposit.ts'
import { reviewRefund } from '../../app/review-refund.ts'
import { reviewSubscription } from '../../app/review-subscription.ts'
import { setUnitLock } from '../../app/set-unit-lock.ts'
import { buildingOf, showSalesBoard } from '../../app/show-sales-board.ts'
import { showUnit } from '../../app/show-unit.ts'
import type { DomainError } from '../../domain/errors.ts'
import { formatArea } from '../../domain/money.ts'
import { EXAMPLE_PHONE } from '../../domain/phone.ts'
import { err, type Result } from '../../domain/result.ts'
import { mayRun, type Role } from '../../domain/roles.ts'
import type { UnitSpec, UnitStatus } from '../../domain/unit.ts'
import { phoneAt, typedAfter, usage } from '../args.ts'
import { type ChatContext, type Command, canonicalArgs, type Reply, subcommandOf } from '../command.ts'
import { BOARD_LABELS, NO_SUCH_BUILDING } from '../reply/board-labels.ts'
import { dateTime, day, lastDay, phoneIn, yuan } from '../reply/format.ts'
import { DEPOSIT_KIND } from '../reply/sales-notices.ts'

const STATUS: Record<UnitStatus, string> = {
  available: '可售',
  held: '已定',
  subscribed: '已认购',
  signed: '已签约',
  locked: '锁定',
}

/** The floor price (底价) is shown only to the secretary, the manager and admins, and only in a direct chat. */
const seesFloor = (ctx: ChatContext) => ctx.actor.role !== 'agent' && !ctx.view.group

const holdEnd = (heldUntil: Date, tz: string, rule = '') =>
  `保留至 ${lastDay(heldUntil, tz)}（${day(heldUntil, tz)} 00:00 自动开封${rule ? `，${rule}` : ''}）`

function specLine(u: UnitSpec, floor: boolean): string {
  return [
    `面积 ${formatArea(u.areaCm2)}㎡`,
    `总价 ${yuan(u.listPriceFen)}`,
    ...(floor ? [`底价 ${yuan(u.floorPriceFen)}`] : []),
    ...(u.basement ? ['地下室（不计业绩套数，R4）'] : []),
  ].join('，')
}

export const unitCommand: Command = {
  id: 'unit',
  names: ['房源管理', 'unit'],
  roles: ['secretary', 'manager'],
  topic: '定金到签约',
  rules: ['R4', 'R18'],
  example: '/房源 添加 3-1-1201 89.5 1680000 1600000',
  subcommands: [
    { key: 'add', names: ['添加', 'add'], id: 'unit.add', example: '/房源 添加 3-1-1201 89.5 1680000 1600000' },
    { key: 'lock', names: ['锁定', 'lock'], id: 'unit.lock', example: '/房源 锁定 3-1-1201 开发商保留' },
    { key: 'unlock', names: ['解锁', 'unlock'], id: 'unit.unlock', example: '/房源 解锁 3-1-1201' },
  ],
  async run(tx, ctx, args) {
    const [sub, ...rest] = args
    if (sub === 'add') {
      if (rest.length < 4 || rest.length > 5) return usage(this)
      const r = await addUnit(tx, ctx, rest)
      if (!r.ok) return r
      return `已添加房源 ${r.value.unit.code}：${specLine(r.value.unit, seesFloor(ctx))}，可售。证据 ${r.value.auditCode}`
    }
    if ((sub === 'lock' || sub === 'unlock') && rest[0] !== undefined) {
      const locked = sub === 'lock'
      const reason = locked ? typedAfter(ctx.message.text, 2, 100) || null : null
      if (!locked && rest.length > 1) return usage(this)
      const r = await setUnitLock(tx, ctx, { unitCode: rest[0], locked, reason })
      if (!r.ok) return r
      const u = r.value.unitCode
      return locked
        ? `房源 ${u} 已锁定${reason ? `（${reason}）` : ''}，暂停销售，不能交定金（R18 销控以现场秘书为主）。解锁：/unit unlock ${u}。证据 ${r.value.auditCode}`
        : `房源 ${u} 已解锁，恢复可售。证据 ${r.value.auditCode}`
    }
    return usage(this)
  },
}

/** At most this many available units are listed on the board. */
const BOARD_LINES = 50

export const boardCommand: Command = {
  id: 'board',
  names: ['销控', 'board'],
  roles: ['agent', 'secretary', 'manager'],
  agentCommand: true,
  topic: '定金到签约',
  rules: ['R18'],
  example: '销控',
  async run(tx, ctx, args) {
    if (args.length > 1) return usage(this)
    // `3`, `3号楼`, `3栋`, `A座` all name one building
    const building = args[0] ? args[0].replace(/(号楼|号|栋|幢|座|楼)$/, '').toUpperCase() : null
    const b = await showSalesBoard(tx, ctx, building)
    const total = b.units.length
    if (total === 0 && building !== null) {
      const all = await showSalesBoard(tx, ctx)
      return NO_SUCH_BUILDING(building, [...new Set(all.units.filter(residential).map((u) => buildingOf(u.code)))])
    }
    if (total === 0) return BOARD_LABELS.empty
    const counts = (Object.keys(STATUS) as UnitStatus[]).map((s) => `${STATUS[s]} ${b.counts[s]}`).join(' · ')
    const lines = b.available
      .slice(0, BOARD_LINES)
      // The area in brackets: `1-3-1301 138.25` would read as a phone number to the groups' privacy gate.
      .map((u) => `${u.code}（${formatArea(u.areaCm2)}㎡）${yuan(u.listPriceFen)}${u.basement ? ' 地下室' : ''}`)
    const more = b.available.length > BOARD_LINES ? [`…另有 ${b.available.length - BOARD_LINES} 套可售`] : []
    const title = building === null ? '销控' : `销控 ${BOARD_LABELS.building(building)}`
    const text = [
      `${title}（${dateTime(ctx.now, ctx.view.tz)}）共 ${total} 套：${counts}`,
      ...(lines.length > 0 ? ['可售房源：', ...lines, ...more] : ['暂无可售房源。']),
    ].join('\n')
    // the drawing code, the canvas and the font are loaded at the first picture (about 50 MB a server may never need)
    const { boardUnits, renderBoardPng } = await import('../pictures/index.ts')
    const png = await renderBoardPng(
      {
        projectName: ctx.project.name,
        drawnAt: ctx.now,
        tz: ctx.view.tz,
        building,
        units: boardUnits(b.units, ctx.now),
      },
      BOARD_LABELS,
    )
    return { text, parts: [{ kind: 'image', mime: 'image/png', base64: png.toString('base64') }] }
  },
}

/** A unit that sits in a building's grid (not a basement or parking unit), for naming the buildings there are. */
const residential = (u: { code: string; basement: boolean }) => !u.basement && u.code.split('-').length >= 2

export const unitInfoCommand: Command = {
  id: 'unitinfo',
  names: ['房源', 'unitinfo'],
  roles: ['agent', 'secretary', 'manager'],
  agentCommand: true,
  topic: '定金到签约',
  rules: ['R14'],
  example: '房源 3-1-1201',
  delegate: unitCommand,
  async run(tx, ctx, args, rest) {
    if (subcommandOf(unitCommand, args[0])) {
      // `/房源 添加 …` is /unit under the word people use for it; its own roles apply.
      if (!mayRun(ctx.actor.role, unitCommand.roles as readonly Role[]))
        return err({ code: 'role.forbidden', allowed: unitCommand.roles as readonly Role[] })
      return unitCommand.run(tx, ctx, canonicalArgs(unitCommand, args), rest)
    }
    if (args.length !== 1 || args[0] === undefined) return usage(this)
    const r = await showUnit(tx, ctx, args[0])
    if (!r.ok) return r
    const { unit, status, hold } = r.value
    const state = hold
      ? `${STATUS.held}（${hold.depositCode} ${DEPOSIT_KIND[hold.kind]}，${hold.approved ? '已批准' : '待现场经理批准'}），${holdEnd(hold.heldUntil, ctx.view.tz)}`
      : STATUS[status]
    return `房源 ${unit.code}：${state}\n${specLine(unit, seesFloor(ctx))}`
  },
}

export const depositCommand: Command = {
  id: 'deposit',
  names: ['定金', 'deposit'],
  roles: ['agent', 'secretary', 'manager'],
  agentCommand: true,
  topic: '定金到签约',
  rules: ['R14', 'R15'],
  example: `定金 3-1-1201 ${EXAMPLE_PHONE} 小定`,
  async run(tx, ctx, args) {
    const unitCode = args[0]
    const typed = phoneAt(args, 1)
    const next = typed?.ok ? typed.value.next : args.length
    const kind = args[next]
    const named = args.slice(next + 1).join(' ')
    if (unitCode === undefined || !typed) return usage(this)
    if (!typed.ok) return typed
    if (kind === undefined) return usage(this)
    const phone = typed.value
    if (named !== '' && ctx.actor.role === 'agent') return usage(this)
    let requesterAgencyId = ctx.actor.agencyId
    if (named !== '') {
      const agency = await tx.agencies.byName(ctx.project.id, named)
      if (!agency || agency.status !== 'active') return err({ code: 'agency.not-found', name: named })
      requesterAgencyId = agency.id
    }
    const r = await requestDeposit(tx, ctx, { unitCode, phone: phone.phone, kind, requesterAgencyId })
    if (!r.ok) {
      if (r.error.code === 'agency.required')
        return '该客户目前不在任何分销的保护期内，请指明分销：定金 <房号> <手机号> <大定|小定> <分销名称>'
      return r
    }
    const v = r.value
    const tz = ctx.view.tz
    let owner = `归 ${v.agencyName}`
    // Another agency's customer: an agent (and a group) learns neither the name nor whose customer it is.
    const hidden = v.mismatch && (ctx.actor.role === 'agent' || ctx.view.group)
    if (v.attribution === 'requester') owner += '（客户此前无人保护，随定金归该分销）'
    else if (hidden) owner = '该客户在其他分销的保护期内，定金归保护方（R13 交定后撞单按R12处理），已通知现场经理'
    else if (v.mismatch) owner = `归 ${v.agencyName}（客户在其保护期内，R13），已通知现场经理`
    const customer = `${hidden ? '' : `${v.customer.name} `}${phoneIn(v.customer.phone, ctx.view)}`
    return `定金 ${v.depositCode} 已登记：房源 ${v.unitCode} ${DEPOSIT_KIND[v.kind]} ${yuan(v.amountFen)}，客户 ${customer}，${owner}。房源${holdEnd(v.heldUntil, tz, 'R14 交定金日算第一天')}。待现场经理批准（R15）。证据 ${v.auditCode}`
  },
}

type Letter = 'D' | 'S' | 'R'

function recordOf(text: string | undefined): { letter: Letter; id: number } | null {
  if (text === undefined) return null
  for (const letter of ['D', 'S', 'R'] as const) {
    const id = parseCode(text, letter)
    if (id !== null) return { letter, id }
  }
  return null
}

const unlocked = (lock: string | null) => (lock ? `客户仍因 ${lock} 成交锁定` : '客户的成交锁定已解除')

const because = (reason: string | null) => (reason ? `（${reason}）` : '')

async function review(
  tx: Tx,
  ctx: ChatContext,
  letter: Letter,
  id: number,
  rv: Review,
): Promise<Result<Reply, DomainError>> {
  const tz = ctx.view.tz
  if (letter === 'D') {
    const r = await reviewDeposit(tx, ctx, id, rv)
    if (!r.ok) return r
    const v = r.value
    const text =
      v.decision === 'approved'
        ? `已批准定金 ${v.depositCode}（房源 ${v.unitCode}），${holdEnd(v.heldUntil, tz, 'R14')}。可办理认购：认购 ${v.depositCode} <总价>。证据 ${v.auditCode}`
        : `已驳回定金 ${v.depositCode}${because(rv.reason)}：房源 ${v.unitCode} ${v.released ? '重新可售' : '状态不变'}，${unlocked(v.lock)}。证据 ${v.auditCode}`
    return { ok: true, value: text }
  }
  if (letter === 'S') {
    const r = await reviewSubscription(tx, ctx, id, rv)
    if (!r.ok) return r
    const v = r.value
    const text =
      v.decision === 'approved'
        ? `已批准认购 ${v.subscriptionCode}（房源 ${v.unitCode}，${yuan(v.priceFen)}）：房源已认购，不再自动开封（R21）。签约：签约 ${v.subscriptionCode}。证据 ${v.auditCode}`
        : `已驳回认购 ${v.subscriptionCode}${because(rv.reason)}。${v.released ? `定金 ${v.depositCode} 的保留期已于 ${dateTime(v.heldUntil, tz)} 结束，房源 ${v.unitCode} 自动开封，重新可售（R14）` : `定金 ${v.depositCode} 的房源照常${holdEnd(v.heldUntil, tz)}`}。证据 ${v.auditCode}`
    return { ok: true, value: text }
  }
  const r = await reviewRefund(tx, ctx, id, rv)
  if (!r.ok) return r
  const v = r.value
  const text =
    v.decision === 'approved'
      ? `已批准退定 ${v.refundCode}（定金 ${v.depositCode}，${yuan(v.amountFen)}）：房源 ${v.unitCode} ${v.released ? '重新可售' : '状态不变'}，${unlocked(v.lock)}（R15）。证据 ${v.auditCode}`
      : `已驳回退定 ${v.refundCode}${because(rv.reason)}，定金 ${v.depositCode} 保持不变。证据 ${v.auditCode}`
  return { ok: true, value: text }
}

function reviewCommand(decision: Review['decision']): Command {
  const word = decision === 'approve' ? '批准' : '驳回'
  return {
    id: decision,
    names: [word, decision],
    roles: ['manager'],
    topic: '定金到签约',
    rules: ['R15', 'R21'],
    example: decision === 'approve' ? '批准 D3' : '驳回 S2 价格有误',
    async run(tx, ctx, args) {
      const record = recordOf(args[0])
      if (!record || (decision === 'approve' && args.length > 1)) return usage(this)
      const reason = typedAfter(ctx.message.text, 1, 100) || null
      return review(tx, ctx, record.letter, record.id, { decision, reason })
    },
  }
}

export const approveCommand = reviewCommand('approve')
export const rejectCommand = reviewCommand('reject')

export const refundCommand: Command = {
  id: 'refund',
  names: ['退定', 'refund'],
  roles: ['agent', 'secretary', 'manager'],
  agentCommand: true,
  topic: '定金到签约',
  rules: ['R15'],
  example: '退定 D3',
  async run(tx, ctx, args) {
    const id = args.length === 1 && args[0] !== undefined ? parseCode(args[0], 'D') : null
    if (id === null) return usage(this)
    const r = await requestDepositRefund(tx, ctx, id)
    if (!r.ok) return r
    const v = r.value
    return `退定申请 ${v.refundCode} 已提交：定金 ${v.depositCode}（房源 ${v.unitCode}，${yuan(v.amountFen)}）。待现场经理批准（R15），批准前房源仍保留。证据 ${v.auditCode}`
  },
}

export const subscribeCommand: Command = {
  id: 'subscribe',
  names: ['认购', 'subscribe'],
  roles: ['agent', 'secretary', 'manager'],
  agentCommand: true,
  topic: '定金到签约',
  rules: ['R8', 'R21'],
  example: '认购 D3 1650000',
  async run(tx, ctx, args) {
    const id = args[0] === undefined ? null : parseCode(args[0], 'D')
    const price = args.slice(1).join('')
    if (id === null || price === '') return usage(this)
    const r = await requestSubscription(tx, ctx, { depositId: id, price })
    if (!r.ok) {
      if (r.error.code === 'subscription.below-floor' && !seesFloor(ctx))
        return `认购价 ${yuan(r.error.priceFen)} 低于签约底价，不能认购（${r.error.rule} 不得擅自承诺低于签约底价）。请向案场秘书确认底价。`
      return r
    }
    const v = r.value
    const above = v.aboveList ? '注意：认购价高于总价，请核对。' : ''
    return `认购 ${v.subscriptionCode} 已提交：房源 ${v.unitCode} 认购价 ${yuan(v.priceFen)}（不低于签约底价，R8），定金 ${v.depositCode}。${above}待现场经理核查批准（R21）。证据 ${v.auditCode}`
  },
}

export const signCommand: Command = {
  id: 'sign',
  names: ['签约', 'sign'],
  roles: ['secretary', 'manager'],
  topic: '定金到签约',
  rules: ['R4', 'R21'],
  example: '签约 S2',
  async run(tx, ctx, args) {
    const id = args.length === 1 && args[0] !== undefined ? parseCode(args[0], 'S') : null
    if (id === null) return usage(this)
    const r = await recordSigning(tx, ctx, id)
    if (!r.ok) return r
    const v = r.value
    const basement = v.basement ? '地下室，不计业绩套数（R4）；' : ''
    return `签约成功 ${v.contractCode}：房源 ${v.unitCode}（${v.subscriptionCode}，${v.agencyName}）成交价 ${yuan(v.priceFen)}，${basement}计入 ${v.localMonth} 业绩（R4）。证据 ${v.auditCode}`
  },
}
