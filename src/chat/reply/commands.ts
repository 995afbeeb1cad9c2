import { FINE_CODES } from '../../domain/fines.ts'
import { EXAMPLE_PHONE, maskPhone } from '../../domain/phone.ts'
import type { RuleSettings } from '../../domain/settings.ts'
import { percent, wholeYuan } from './format.ts'

/** Help's topics, in the order help lists them (each command names one). */
export const TOPICS = ['设置', '签到', '报备与到访', '来访分配', '定金到签约', '罚款', '月结', '经理台'] as const
export type Topic = (typeof TOPICS)[number]

/** What help says about one command or subcommand: a one-line summary written from the settings, and its forms. */
export interface CommandText {
  summary: (s: RuleSettings) => string
  usage: string
}

const same = (summary: string, usage: string): CommandText => ({ summary: () => summary, usage })

/**
 * Help's words for every command and subcommand, keyed by the command's `id` (chat/command.ts): a command whose id
 * has no entry here does not compile. Every rule number comes from the project's settings.
 */
export const COMMAND_TEXTS = {
  checkin: { summary: (s) => `每日签到（连续${s.forfeitAfterDays}天未签到视为自动放弃，R1）`, usage: '签到' },
  file: {
    summary: (s) =>
      `报备客户，获得${s.protectionDays}天保护期（R12）` +
      (s.maskedFiling
        ? `；本项目已开启隐号报备：销售可写前三后四位（报备 张三 ${maskPhone(EXAMPLE_PHONE)}），${s.maskedLapseDays}天内须由秘书登记到访补全，否则失效`
        : ''),
    usage: '报备 <姓名> <手机号> [备注]（秘书：报备 <分销名称> <姓名> <手机号> [备注]）',
  },
  whatif: same('预演报备结果，不做任何改动', '如果 报备 <手机号>（秘书：如果 报备 <分销名称> <手机号>）'),
  lookup: same('查询客户状态', '查客户 <手机号>'),
  mine: same('本分销保护期内的客户', '我的客户'),
  visit: {
    summary: (s) =>
      `登记已报备客户到访，保护期从今天重新起算（R12）${s.maskedFiling ? '；写上姓名可补全隐号报备' : ''}`,
    usage: '到访 <手机号> [姓名]',
  },
  walkin: same('来访客户按分销轮排分配（R3），有手机号即为分到的分销报备', '来访 [姓名] [手机号]'),
  call: same('来电客户按分销轮排分配（R3），有手机号即为分到的分销报备', '来电 [姓名] [手机号]'),
  rotation: same('查看来电来访轮排：下一位和今日分配情况', '轮排'),
  performance: same('本分销的月度业绩与佣金结算（R4），默认本月', '业绩 [YYYY-MM]'),
  commission: {
    summary: (s) =>
      `各分销的月度佣金结算（R4：月签${s.commission.monthlyTarget}套及以上 ${percent(s.commission.fullRateBp)}，不足 ${percent(s.commission.reducedRateBp)}）：签约、费率、罚款、结转、应付、已付、未付，默认本月`,
    usage: '佣金 [YYYY-MM] [分销名称]',
  },
  fine: {
    summary: () => '开罚单，从分销当月佣金中扣除（R5–R7、R9、R11、R13、R16、R18–R20）',
    usage:
      '罚款 <销售姓名或分销名称> <类型> [数量或金额] [情节严重] [备注]\n类型：' +
      `${FINE_CODES.join(' ')}。派单写接待客户数、复印写张数（如 20张）；不配合写金额（如 500元），情节严重时加“情节严重”（R6：劝退并扣除当月佣金）`,
  },
  reverse: same('冲正一笔罚款或结佣：新增一条负数记录，原记录保留不变', '冲正 <罚款编号或结佣编号> <原因>'),
  settle: {
    summary: (s) =>
      `现场经理记录已付佣金（只结已结束的月份，不超过应付；月结${s.settlementOverdueDays}天后仍未付清会提醒经理）；分销查询本分销应付、已付、未付`,
    usage: '结佣 <分销名称> <YYYY-MM> <金额元> [备注] ｜ 结佣 查询（经理：结佣 查询 <分销名称>）',
  },
  'settle.query': same(
    '查询本分销各月佣金的应付、已付、未付（经理写分销名称）',
    '结佣 查询（经理：结佣 查询 <分销名称>）',
  ),
  dismiss: {
    summary: (s) =>
      `劝退分销：确认劝退提议（R4 连续${s.commission.dismissAfterMonthsUnder}月未完成任务）或直接劝退；退出轮排和分销名额（须再发“确认 <码>”）`,
    usage: '劝退 <分销名称> [原因]',
  },
  confirm: {
    summary: (s) => `确认劝退或会导致劝退的罚款（须本人在${s.confirmMinutes}分钟内确认）`,
    usage: '确认 <确认码> ｜ 确认 佣金 <YYYY-MM>（分销确认某月佣金结算）',
  },
  'confirm.commission': same('分销确认某月佣金结算（应付、已付）', '确认 佣金 <YYYY-MM>'),
  approvals: same('等待批准的定金、退定和认购，按提交先后，标出即将开封的（R14、R15、R21）', '待审批'),
  collisions: same(
    '某日或某月（默认本月）的撞单记录：双方分销、销售、时间、裁定和证据；群里只显示数量',
    '撞单 [YYYY-MM-DD|YYYY-MM]',
  ),
  report: same(
    '各分销月度漏斗（报备→到访→定金→认购→签约）、撞单胜负、轮排、罚款与排名；销售只看本分销和名次',
    '报表 [YYYY-MM]',
  ),
  announce: same('发布公告到本项目绑定的所有群（R17）', '公告 <内容>'),
  schedule: same(
    '定时公告（R10 班车、R17 例会）：按时间（如 每天 8:00）或 cron 表达式定时发到本项目各群',
    '/定时公告 添加 <时间> <内容> ｜ /定时公告 列表 ｜ /定时公告 删除 <编号>\n时间：每天 8:00、工作日 8:30、每周一 9:00、每月1日 10:00、周六日 9:30，或加英文引号的 cron "<分 时 日 月 周>"',
  ),
  'schedule.add': same('添加定时公告', '/定时公告 添加 <时间> <内容>'),
  'schedule.list': same('列出定时公告和下次发送时间', '/定时公告 列表'),
  'schedule.remove': same('删除一条定时公告', '/定时公告 删除 <编号>'),
  board: same('销控表：各状态套数和可售房源（附销控图）', '销控 [楼栋]'),
  export: same(
    '导出 Excel 表格，私聊发送：佣金、罚款（现场经理），报备、销控（秘书、现场经理）',
    '导出 佣金|罚款|报备 [YYYY-MM] ｜ 导出 销控（私聊）',
  ),
  unitinfo: same('查看一套房源的状态和价格', '房源 <房号>'),
  deposit: {
    summary: (s) =>
      `登记定金并封房（大定 ${wholeYuan(s.deposits.big.amountFen)} 保留${s.deposits.big.holdDays}天，小定 ${wholeYuan(s.deposits.small.amountFen)} 保留${s.deposits.small.holdDays}天，交定金日算第一天，R14），待现场经理批准（R15）`,
    usage: '定金 <房号> <手机号> <大定|小定>（秘书：客户无人保护时加 <分销名称>）',
  },
  subscribe: same('提交认购单，不得低于签约底价（R8），现场经理核查批准（R21）', '认购 <定金编号> <总价元>'),
  refund: same('申请退定金，现场经理批准后房源开封（R15）', '退定 <定金编号>'),
  sign: same('登记签约，计入签约当月业绩（R4）', '签约 <认购编号>'),
  approve: same('现场经理批准定金、认购、退定（R15、R21）', '批准 <编号>（D定金、S认购、R退定）'),
  reject: same('现场经理驳回定金、认购、退定', '驳回 <编号> [原因]（D定金、S认购、R退定）'),
  unit: same(
    '销控：添加房源，锁定或解锁房源（R18）',
    '/房源 添加 <房号> <面积㎡> <总价元> <底价元> [地下室] ｜ /房源 锁定 <房号> [原因] ｜ /房源 解锁 <房号>',
  ),
  'unit.add': same('添加一套房源，可售', '/房源 添加 <房号> <面积㎡> <总价元> <底价元> [地下室]'),
  'unit.lock': same('锁定房源，暂停销售（R18）', '/房源 锁定 <房号> [原因]'),
  'unit.unlock': same('解锁房源，恢复可售', '/房源 解锁 <房号>'),
  group: same('把本群绑定到项目；设置企业微信群机器人', '/群 绑定 [项目名称] ｜ /群 机器人 <群机器人key>'),
  'group.bind': same(
    '把本群绑定到项目（不写名称：本部署唯一的项目；写名称：该项目，没有则新建）',
    '/群 绑定 [项目名称]',
  ),
  'group.wecom-key': same('设置本群的企业微信群机器人', '/群 机器人 <群机器人key>'),
  project: same('查看项目；有多个项目时，选择你私聊命令作用的项目', '/项目 ｜ /项目 使用 <项目名称>'),
  'project.use': same('选择你私聊机器人的命令作用的项目（记住，直到再次选择）', '/项目 使用 <项目名称>'),
  agency: {
    summary: (s) => `添加分销商（最多${s.maxAgencies}家，R1）；查看分销列表；管理员恢复已劝退的分销（排到轮排末位）`,
    usage: '/分销 添加 <名称> ｜ /分销 列表 ｜ /分销 恢复 <名称> <原因>',
  },
  'agency.add': {
    summary: (s) => `添加分销商（最多${s.maxAgencies}家，R1）`,
    usage: '/分销 添加 <名称>',
  },
  'agency.list': same('查看分销及其销售', '/分销 列表'),
  'agency.readmit': same('恢复已劝退的分销，排到轮排末位', '/分销 恢复 <名称> <原因>'),
  staff: same(
    '添加工作人员并私发一次性加入码；重新生成加入码；重新启用自动放弃的销售',
    '/员工 添加 <姓名> <销售|秘书|经理|管理员> [分销名称] ｜ /员工 加入码 <姓名> ｜ /员工 启用 <姓名>',
  ),
  'staff.add': {
    summary: (s) =>
      `添加工作人员，加入码私发给管理员（${s.joinCodeHours}小时内有效；每家分销最多${s.maxAgentsPerAgency}名销售，R1）`,
    usage: '/员工 添加 <姓名> <销售|秘书|经理|管理员> [分销名称]',
  },
  'staff.code': same('重新生成加入码（原有未用的作废）', '/员工 加入码 <姓名>'),
  'staff.activate': same('重新启用自动放弃或停用的工作人员', '/员工 启用 <姓名>'),
  join: same(
    '用管理员给的加入码绑定你的聊天账号',
    '/加入 <加入码>（私聊机器人发送；账号已绑定他人时：/加入 <加入码> 确认）',
  ),
  audit: same(
    '校验审计日志的哈希链，发现任何私自修改；核对记下的链头是否仍在链中',
    '/审计 校验 ｜ /审计 校验 <序号> <哈希>（核对记下的链头，例如每日推送的“第 1234 条 3f9a1c0e7b2d”）',
  ),
  'audit.verify': same('校验审计日志的哈希链', '/审计 校验 [<序号> <哈希>]'),
  config: same(
    '查看或修改本项目的规则数字（保护期天数、分销上限、定金、费率、罚款金额…）',
    '/设置 ｜ /设置 修改 <设置名称> <值>',
  ),
  'config.set': same('修改一项规则数字（从现在起生效）', '/设置 修改 <设置名称> <值>'),
  outbox: same(
    '查看等待发送和发送失败的消息（按群和私聊），以及失败的原因',
    '/发件箱 ｜ /发件箱 重发（也可写 /outbox、/outbox retry）',
  ),
  'outbox.retry': same('把发送失败的消息立即重发', '/发件箱 重发'),
  help: same('列出你可以使用的命令；“帮助 全部”列出全部；“帮助 <命令>”查看用法和谁可以用', '帮助 [全部|命令]'),
} satisfies Record<string, CommandText>

export type CommandId = keyof typeof COMMAND_TEXTS

/** The standard reply to malformed arguments: why (if known), the right form and an example. */
export const usageText = (id: CommandId, example: string, why?: string) =>
  `${why ? `${why}\n` : ''}用法：${COMMAND_TEXTS[id].usage}\n例如：${example}`
