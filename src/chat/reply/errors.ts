import type { DomainError } from '../../domain/errors.ts'
import { ROLE_NAMES } from '../../domain/roles.ts'
import { lastDay, type View } from './format.ts'

type Catalog = { [C in DomainError['code']]: (e: Extract<DomainError, { code: C }>, v: View) => string }

/**
 * Every refusal in Chinese: what happened, which rule, and how to do it right. A domain error without an entry here
 * does not compile.
 */
export const ERRORS: Catalog = {
  'phone.invalid': (e) => `手机号“${e.input}”无效。请填写11位大陆手机号，例如 13812345678（可带 +86、空格或短横线）。`,
  'role.forbidden': (e) =>
    `无权使用此命令：仅限${[...e.allowed, 'admin' as const]
      .filter((r, i, all) => all.indexOf(r) === i)
      .map((r) => ROLE_NAMES[r])
      .join('、')}。`,
  'staff.forfeited': () => '你因连续3天未签到已被视为自动放弃（R1），暂不能使用分销命令。请联系管理员重新启用。',
  'staff.unknown': () => '你还不是本案场的工作人员。请向管理员索取加入码，然后发送：/join <加入码>',
  'project.unbound': () => '本群尚未绑定项目。管理员请发送：/group bind <项目名称>',
  'agency.not-found': (e) => `找不到分销“${e.name}”。发送 /agency list 查看所有分销的名称。`,
  'agency.required': () => '请指明分销：报备 <分销名称> <姓名> <手机号>',
  'record.not-found': (e) => `找不到编号 ${e.ref}。请核对回复中的编号，例如 D3、S2。`,
  'filing.collision': (e, v) =>
    e.until === null
      ? `报备未成功：该客户已有定金/认购/签约，锁定在其成交分销名下（${e.rule} 交定后撞单按保护期规定处理）。证据 ${e.auditCode}`
      : `报备未成功：该客户在其他分销的保护期内，保护期至 ${lastDay(e.until, v.tz)}（${e.rule} 先到访者：撞单归第一到访者）。证据 ${e.auditCode}`,
  'agency.exists': (e) => `分销“${e.name}”已存在。发送 /agency list 查看。`,
  'join.invalid': () => '加入码无效、已使用或已过期。请向管理员重新索取：/staff add …',
  'staff.not-found': (e) => `找不到工作人员“${e.name}”。`,
  'staff.ambiguous': (e) => `有 ${e.count} 位工作人员叫“${e.name}”，请联系管理员处理。`,
  'staff.not-forfeited': (e) => `“${e.name}”不是已放弃或停用的工作人员，无需重新启用。`,
  'project.not-found': (e) => `找不到项目“${e.name}”。`,
  'group.direct-only': () => '此命令请私聊机器人使用。',
  'group.only': () => '此命令只能在群里使用。',
  'limit.agencies': (e) => `已有 ${e.max} 家分销在场，不能再添加（${e.rule} 现场只招${e.max}家分销）。`,
  'limit.agents': (e) => `该分销已有 ${e.max} 名销售在场，不能再添加（${e.rule} 每家分销配1–${e.max}个销售）。`,
  'visit.not-protected': () =>
    '该客户当前不在任何分销的保护期内，无法登记到访续期。请先为分销报备：报备 <分销名称> <姓名> <手机号>',
}

export function errorText(e: DomainError, v: View): string {
  const render = ERRORS[e.code] as (e: DomainError, v: View) => string
  return render(e, v)
}
