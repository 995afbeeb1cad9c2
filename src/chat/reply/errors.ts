import type { DismissalCause, DomainError } from '../../domain/errors.ts'
import { ROLE_NAMES } from '../../domain/roles.ts'
import { UNIT_CODE_MAX } from '../../domain/unit.ts'
import { DESK_ERRORS } from './desk.ts'
import { dateTime, day, lastDay, type View, yuan } from './format.ts'
import { MASKED_ERRORS } from './masked.ts'
import { SCHEDULE_ERRORS } from './schedule.ts'
import { SETTINGS_ERRORS } from './settings.ts'
import { SETTLEMENT_ERRORS } from './settlement.ts'

type Catalog = { [C in DomainError['code']]: (e: Extract<DomainError, { code: C }>, v: View) => string }

/**
 * Every refusal in Chinese: what happened, which rule, and how to do it right. A domain error without an entry here
 * does not compile.
 */
export const ERRORS: Catalog = {
  ...SCHEDULE_ERRORS,
  ...DESK_ERRORS,
  ...SETTINGS_ERRORS,
  ...MASKED_ERRORS,
  ...SETTLEMENT_ERRORS,
  'phone.invalid': (e) => `手机号“${e.input}”无效。请填写以1开头的11位大陆手机号（可带 +86、空格或短横线）。`,
  'role.forbidden': (e) =>
    `无权使用此命令：仅限${[...e.allowed, 'admin' as const]
      .filter((r, i, all) => all.indexOf(r) === i)
      .map((r) => ROLE_NAMES[r])
      .join('、')}。`,
  'staff.forfeited': (_e, v) =>
    `你因连续${v.settings.forfeitAfterDays}天未签到已被视为自动放弃（R1），暂不能使用分销命令。请联系管理员重新启用。`,
  'staff.unknown': () => '你还不是本案场的工作人员。请向管理员索取加入码，然后私聊机器人发送：/加入 <加入码>',
  'staff.disqualified': (e, v) =>
    e.fineCode && e.kind && e.rule
      ? `你的销售资格已于 ${day(e.since, v.tz)} 取消（${e.fineCode} ${e.kind}第${e.nth}次，${e.rule}），不能再使用本案场的命令。如有异议请联系现场经理；恢复资格由管理员办理。`
      : `你的工作人员资格已于 ${day(e.since, v.tz)} 停用，不能再使用本案场的命令。请联系管理员。`,
  'staff.agency-gone': (e, v) =>
    `你所在的分销“${e.agencyName}”已于 ${day(e.since, v.tz)} 劝退（${e.reason ? causeText(e.reason, e.fineKind) : '现场经理决定'}），你的销售资格随之终止。分销恢复在场后由管理员重新启用。`,
  'project.unbound': () => '本群尚未绑定项目。管理员请发送：/群 绑定 [项目名称]',
  'agency.not-found': (e) => `找不到分销“${e.name}”。发送 /分销 列表 查看所有分销的名称。`,
  'agency.required': () => '请指明分销：报备 <分销名称> <姓名> <手机号>',
  'record.not-found': (e) => `找不到编号 ${e.ref}。请核对回复中的编号，例如 D3、S2。`,
  'filing.collision': (e, v) =>
    e.until === null
      ? `报备未成功：该客户已有定金/认购/签约，锁定在其成交分销名下（${e.rule} 交定后撞单按保护期规定处理）。证据 ${e.auditCode}`
      : `报备未成功：该客户在其他分销的保护期内，保护期至 ${lastDay(e.until, v.tz)}（${e.rule} 先到访者：撞单归第一到访者）。证据 ${e.auditCode}`,
  'agency.exists': (e) => `分销“${e.name}”已存在。发送 /分销 列表 查看。`,
  'join.invalid': () => '加入码无效、已使用或已过期。请向管理员重新索取（管理员私聊机器人发送：/员工 加入码 <姓名>）。',
  'join.in-group': (e) =>
    `加入码请私聊机器人发送，不要发在群里：${e.command}。这个码群里的人都已看到，已作废；请管理员私聊机器人发送 /员工 加入码 <姓名> 重新生成。`,
  'staff.no-direct': (e) =>
    `加入码只能私发给管理员，而本平台的机器人不能在群外私信你。请私聊机器人发送：${e.command}（本次未做任何改动）`,
  'staff.agency-dismissed': (e, v) =>
    `不能重新启用 ${e.name}：其分销“${e.agencyName}”${e.since ? `已于 ${dateTime(e.since, v.tz)} ` : '已'}劝退，不在场。分销恢复在场后才能启用其销售。`,
  'staff.not-found': (e) => `找不到工作人员“${e.name}”。`,
  'staff.ambiguous': (e) => `有 ${e.count} 位工作人员叫“${e.name}”，请联系管理员处理。`,
  'staff.not-forfeited': (e) => `“${e.name}”不是已放弃或停用的工作人员，无需重新启用。`,
  'project.not-found': (e) => `找不到项目“${e.name}”。发送 /项目 查看所有项目。`,
  'project.choose': (e) =>
    e.names.length === 0
      ? `还没有项目。请写明项目名称：${e.command}`
      : `本部署有 ${e.names.length} 个项目：${e.names.join('、')}。请指明项目：${e.command}`,
  'group.direct-only': () => '此命令请私聊机器人使用。',
  'group.only': () => '此命令只能在群里使用。',
  'limit.agencies': (e) => `已有 ${e.max} 家分销在场，不能再添加（${e.rule} 现场只招${e.max}家分销）。`,
  'limit.agents': (e) => `该分销已有 ${e.max} 名销售在场，不能再添加（${e.rule} 每家分销配1–${e.max}个销售）。`,
  'money.invalid': (e) => `金额“${e.input}”无法识别。请写元，例如 1680000、1,680,000 或 168万。`,
  'money.negative': (e) => `金额“${e.input}”不能为负数。`,
  'money.zero': (e) => `金额“${e.input}”不能为 0。`,
  'money.too-precise': (e) => `金额“${e.input}”最多保留 ${e.maxDecimals} 位小数（到分）。`,
  'money.too-large': (e) => `金额“${e.input}”过大，请核对。`,
  'area.invalid': (e) => `面积“${e.input}”无法识别。请写平方米数，例如 89.5。`,
  'area.too-precise': (e) => `面积“${e.input}”最多保留 ${e.maxDecimals} 位小数。`,
  'month.invalid': (e) => `月份“${e.input}”无效。请写 YYYY-MM，例如 2026-12。`,
  'month.future': (e) => `${e.month} 还没有到。可以查询本月（${e.current}）及以前的月份，例如：业绩 ${e.current}`,
  'rotation.no-agency': (e) => `还没有在场的分销，无法分配（${e.rule}）。请先添加分销：/分销 添加 <名称>`,
  'rotation.nobody-checked-in': (e) =>
    `${e.agencies} 家分销今天都还没有销售签到，无法按轮排分配（${e.rule}）。请销售先发送“签到”。`,
  'unit.code-invalid': (e) =>
    `房号“${e.input}”无效。房号由 1–4 段字母、数字或汉字以“-”连接，最多 ${UNIT_CODE_MAX} 个字符，例如 3-1-1201、B1-017、地下室-12、车位-A-001。`,
  'unit.field-invalid': (e) => {
    const field = { code: '房号', area: '面积', listPrice: '总价', floorPrice: '底价', basement: '地下室标记' }[e.field]
    return `${field}“${e.input}”无效。例如：/房源 添加 3-1-1201 89.5 1680000 1600000 [地下室]`
  },
  'unit.fields-count': (e) =>
    `需要 ${e.expected.join(' 或 ')} 项，收到 ${e.got} 项。格式：房号,面积,总价,底价[,地下室]，例如 3-1-1201,89.5,1680000,1600000`,
  'unit.floor-above-list': (e) => `底价 ${yuan(e.floorPriceFen)} 高于总价 ${yuan(e.listPriceFen)}，请核对。`,
  'unit.duplicate': (e) => `房号 ${e.unitCode} 重复（第 ${e.firstLine} 行已有）。`,
  'unit.csv-empty': () => '文件里没有房源。每行：房号,面积,总价,底价[,地下室]',
  'unit.not-available': (e, v) => {
    const why =
      e.status === 'held' && e.heldUntil
        ? `已被定金封房至 ${lastDay(e.heldUntil, v.tz)}`
        : e.status === 'held'
          ? '有认购待现场经理审批，审批前继续保留'
          : { available: '可售', held: '已封房', subscribed: '已认购', signed: '已签约', locked: '已被秘书锁定' }[
              e.status
            ]
    const rule = e.rule === 'R18' ? '销控以现场秘书为主' : '无定金不封房，不重复封房'
    return `房源 ${e.unitCode} ${why}，不能交定金（${e.rule} ${rule}）。发送“销控”查看可售房源。`
  },
  'unit.transition': (e) => {
    const name = { available: '可售', held: '已定', subscribed: '已认购', signed: '已签约', locked: '锁定' }
    return `房源 ${e.unitCode} 当前为“${name[e.from]}”，不能改为“${name[e.to]}”。`
  },
  'unit.not-found': (e) =>
    `没有房源 ${e.unitCode}。发送“销控”查看房源；秘书可添加：/房源 添加 <房号> <面积㎡> <总价元> <底价元>`,
  'unit.exists': (e) => `房源 ${e.unitCode} 已存在，未重复添加。发送“房源 ${e.unitCode}”查看。`,
  'deposit.other-agency': (e) => `定金 D${e.depositId} 不属于你的分销：只有成交分销的销售或案场秘书可以办理。`,
  'deposit.kind-invalid': (e) => `定金类型“${e.input}”无效：请写“大定”或“小定”。`,
  'deposit.not-pending': (e) => `定金 D${e.depositId} 不是待审批状态（${DEPOSIT[e.status]}）。`,
  'deposit.hold-ended': (e, v) =>
    `定金 D${e.depositId} 的保留期已于 ${dateTime(e.heldUntil, v.tz)} 结束，房源已自动开封（${e.rule}）。`,
  'refund.not-refundable': (e) =>
    `定金 D${e.depositId} 当前为“${DEPOSIT[e.status]}”，不能退定。只有已批准、仍在保留期内的定金可以退。`,
  'refund.subscription-exists': (e) => `定金 D${e.depositId} 已有认购 S${e.subscriptionId}，不能退定。`,
  'refund.already-requested': (e) => `定金 D${e.depositId} 已有退定申请 R${e.refundId}，等待现场经理审批。`,
  'refund.not-pending': (e) => `退定申请 R${e.refundId} 不是待审批状态。`,
  'subscription.deposit-not-approved': (e) =>
    `定金 D${e.depositId} 当前为“${DEPOSIT[e.status]}”，需现场经理批准后才能认购（R15）。`,
  'subscription.unit-not-held': (e) => `房源 ${e.unitCode} 不在定金 D${e.depositId} 的保留中，不能认购。`,
  'subscription.exists': (e) => `定金 D${e.depositId} 已有认购 S${e.subscriptionId}。`,
  'subscription.below-floor': (e) =>
    `认购价 ${yuan(e.priceFen)} 低于签约底价 ${yuan(e.floorPriceFen)}，不能认购（${e.rule} 不得擅自承诺低于签约底价）。`,
  'subscription.not-pending': (e) => `认购 S${e.subscriptionId} 不是待审批状态。`,
  'signing.not-approved': (e) => `认购 S${e.subscriptionId} 尚未经现场经理批准，不能签约（R21）。`,
  'signing.already-signed': (e, v) =>
    `认购 S${e.subscriptionId} 已于 ${dateTime(e.signedAt, v.tz)} 签约（合同 C${e.contractId}），无需重复签约。`,
  'fine.unknown-code': (e) =>
    `没有“${e.input}”这种罚款。可选：培训 不配合 态度 抢客 派单 捣乱 大厅 水杯 谈判桌 工服 复印。`,
  'fine.amount-required': (e) =>
    `“${e.fineCode}”罚款的金额由现场经理确定，请写明金额，例如：罚款 链家 ${e.fineCode} 500元`,
  'fine.amount-not-allowed': (e) => `“${e.fineCode}”罚款金额按制度执行，不能另写金额。`,
  'fine.quantity-not-allowed': (e) => `“${e.fineCode}”罚款按次计，不能写数量。`,
  'fine.quantity-invalid': (e) => `“${e.fineCode}”的数量须为 1 到 ${e.max} 的整数。`,
  'fine.severe-not-allowed': (e) => `“情节严重”只适用于“不配合”，不适用于“${e.fineCode}”。`,
  'fine.agent-required': (e) => `“${e.fineCode}”罚款按人计，请写销售姓名，例如：罚款 李四 ${e.fineCode}`,
  'fine.uniform-already-charged': (e) => `该销售的工服费已收取（P${e.fineId}），只收一次（${e.rule}）。`,
  'reversal.not-found': (e) => `找不到罚款 P${e.fineId}。`,
  'reversal.of-reversal': (e) => `P${e.fineId} 本身是冲正记录，不能再冲正。`,
  'reversal.already-reversed': (e) => `罚款 P${e.fineId} 已由 P${e.reversalId} 冲正。`,
  'fine.target-not-found': (e) =>
    `找不到销售或分销“${e.name}”。请写销售姓名或分销名称，例如：罚款 李四 态度、罚款 链家 培训；发送 /分销 列表 查看。`,
  'agency.dismissed': (e, v) =>
    `分销“${e.name}”${e.since ? `已于 ${dateTime(e.since, v.tz)} ` : '已'}劝退，不在场，不能再罚款或劝退。`,
  'agency.not-active': (e, v) =>
    `分销“${e.name}”${e.since ? `已于 ${dateTime(e.since, v.tz)} ` : '已'}劝退，不在场。发送 /分销 列表 查看在场分销。`,
  'whatif.other-agency': (e) =>
    `只能预演本分销的报备；为“${e.name}”等其他分销预演由案场秘书办理。本分销预演：如果 报备 <手机号>`,
  'visit.not-protected': () =>
    '该客户当前不在任何分销的保护期内，无法登记到访续期。请先为分销报备：报备 <分销名称> <姓名> <手机号>',
}

function causeText(r: DismissalCause, fineKind: string | null): string {
  if (r.kind === 'target') return `${r.rule} 连续未完成签约任务，截至 ${r.month}`
  if (r.kind === 'fine') return `${r.fineCode} ${fineKind ?? ''}罚款，${r.rule}`
  return r.text ? `现场经理决定：${r.text}` : '现场经理决定'
}

const DEPOSIT = {
  pending: '待审批',
  approved: '已批准',
  awaiting: '保留期已到，认购待批',
  rejected: '已驳回',
  refunded: '已退定',
  released: '已开封',
  subscribed: '已认购',
} as const

export function errorText(e: DomainError, v: View): string {
  const render = ERRORS[e.code] as (e: DomainError, v: View) => string
  return render(e, v)
}
