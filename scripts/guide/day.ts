// The day at the site that docs/使用手册.md walks through: real commands, in the order they happen at a 案场, sent by
// the people who send them. `npm run docs` runs every step through the bot's own handler on a scratch database and
// writes down the answers it gives, so the guide can only show answers the bot really gives.

/** The people of the guide's site (console user ids), with the role each is given during set-up. */
export const PEOPLE = {
  admin: { name: '管理员', role: 'admin', agency: null },
  mgr: { name: '赵经理', role: 'manager', agency: null },
  sec: { name: '王秘书', role: 'secretary', agency: null },
  lj1: { name: '李四', role: 'agent', agency: '链家' },
  wa1: { name: '周五', role: 'agent', agency: '我爱我家' },
} as const
export type Person = keyof typeof PEOPLE

/** The chapters of a day, in the order things happen (issue 17's list). */
export const CHAPTERS = ['开通与设置', '早上签到', '报备与到访', '来访分配', '定金到签约', '罚款', '月底'] as const
export type Chapter = (typeof CHAPTERS)[number]

export interface Step {
  chapter: Chapter
  who: Person
  /** Where it is typed: the site's group, or a direct chat with the bot. */
  where: 'group' | 'direct'
  text: string
  /** Why a person sends it now (one line of the guide). */
  why: string
  /** The site's clock when it is sent (Asia/Shanghai), when it moves on. */
  at?: string
}

/** Join codes are random; the guide shows each one under a fixed stand-in so it does not change on every run. */
export const JOIN_CODE_STAND_INS = ['K7M2QX9P', 'H3TZ8WNA', 'R5VC2YLE', 'B9DU4KFS', 'M2XW7GJH']

export const DAY: Step[] = [
  // 开通与设置 — the admin, once.
  {
    chapter: '开通与设置',
    who: 'admin',
    where: 'group',
    at: '2026-12-01T08:30:00+08:00',
    text: '/群 绑定 香公馆',
    why: '把案场的群绑定到项目（在群里发送）。',
  },
  {
    chapter: '开通与设置',
    who: 'admin',
    where: 'direct',
    text: '/项目',
    why: '查看项目：只有一个项目时，管理员私聊的命令直接作用于它；有多个时先发送 /项目 使用 <名称>。',
  },
  {
    chapter: '开通与设置',
    who: 'admin',
    where: 'direct',
    text: '/分销 添加 链家',
    why: '登记合作的分销商，最多20家。',
  },
  { chapter: '开通与设置', who: 'admin', where: 'direct', text: '/分销 添加 我爱我家', why: '再登记一家。' },
  { chapter: '开通与设置', who: 'admin', where: 'direct', text: '/分销 列表', why: '查看分销名单和名额。' },
  {
    chapter: '开通与设置',
    who: 'admin',
    where: 'direct',
    text: '/员工 添加 赵经理 经理',
    why: '添加现场经理；加入码只私聊发给管理员，再由管理员转给本人。',
  },
  {
    chapter: '开通与设置',
    who: 'mgr',
    where: 'direct',
    text: '/加入 {code}',
    why: '现场经理私聊机器人发送加入码，绑定自己的账号。',
  },
  { chapter: '开通与设置', who: 'admin', where: 'direct', text: '/员工 添加 王秘书 秘书', why: '添加案场秘书。' },
  { chapter: '开通与设置', who: 'sec', where: 'direct', text: '/加入 {code}', why: '秘书绑定账号。' },
  {
    chapter: '开通与设置',
    who: 'admin',
    where: 'direct',
    text: '/员工 添加 李四 销售 链家',
    why: '添加分销销售，写明所属分销。',
  },
  { chapter: '开通与设置', who: 'lj1', where: 'direct', text: '/加入 {code}', why: '销售绑定账号。' },
  {
    chapter: '开通与设置',
    who: 'admin',
    where: 'direct',
    text: '/员工 添加 周五 销售 我爱我家',
    why: '另一家分销的销售。',
  },
  { chapter: '开通与设置', who: 'wa1', where: 'direct', text: '/加入 {code}', why: '销售绑定账号。' },
  {
    chapter: '开通与设置',
    who: 'sec',
    where: 'direct',
    text: '/房源 添加 3-1-1201 89.5 1680000 1600000',
    why: '录入房源：房号、面积、总价、底价（底价只有经理和秘书看得到）。',
  },
  {
    chapter: '开通与设置',
    who: 'sec',
    where: 'direct',
    text: '/房源 添加 3-1-1202 89.5 1650000 1580000',
    why: '再录入一套。',
  },
  {
    chapter: '开通与设置',
    who: 'sec',
    where: 'direct',
    text: '/房源 添加 5-2-0801 126 2350000 2250000',
    why: '第三套。',
  },
  {
    chapter: '开通与设置',
    who: 'admin',
    where: 'direct',
    text: '/设置',
    why: '查看本项目的规则数字（保护期、定金、费率、罚款金额……）。',
  },
  {
    chapter: '开通与设置',
    who: 'admin',
    where: 'direct',
    text: '/设置 修改 保护期天数 15',
    why: '修改一条规则数字；只对以后的记录生效。',
  },
  {
    chapter: '开通与设置',
    who: 'mgr',
    where: 'direct',
    text: '/定时公告 添加 工作日 8:00 班车8:30从地铁站发车',
    why: '定时公告：每个工作日早上发到本项目各群（R10 班车）。',
  },
  { chapter: '开通与设置', who: 'mgr', where: 'direct', text: '/定时公告 列表', why: '查看已有的定时公告。' },
  { chapter: '开通与设置', who: 'lj1', where: 'group', text: '帮助', why: '任何人发“帮助”都只看到自己能用的命令。' },
  { chapter: '开通与设置', who: 'lj1', where: 'direct', text: '帮助 罚款', why: '“帮助 <命令>”说明用法和谁可以用。' },

  // 早上签到
  {
    chapter: '早上签到',
    who: 'lj1',
    where: 'group',
    at: '2026-12-02T08:50:00+08:00',
    text: '签到',
    why: '每天到场签到；连续3天不签到视为自动放弃（R1）。',
  },
  { chapter: '早上签到', who: 'wa1', where: 'group', text: '签到', why: '每位销售各自签到。' },
  { chapter: '早上签到', who: 'sec', where: 'group', text: '轮排', why: '看今天来电来访轮到哪家分销（R3）。' },

  // 报备与到访
  {
    chapter: '报备与到访',
    who: 'lj1',
    where: 'direct',
    at: '2026-12-02T10:00:00+08:00',
    text: '如果 报备 13812345678',
    why: '先预演：不改动任何记录，只告诉你报备会不会成功。',
  },
  {
    chapter: '报备与到访',
    who: 'lj1',
    where: 'direct',
    text: '报备 张三 13812345678 看三居',
    why: '在私聊里报备，客户的完整手机号不会出现在群里（R12 报备保护）。',
  },
  {
    chapter: '报备与到访',
    who: 'wa1',
    where: 'direct',
    text: '报备 张三丰 13812345678',
    why: '另一家分销报备同一个号码：撞单，归第一位报备者（R12）。',
  },
  { chapter: '报备与到访', who: 'lj1', where: 'direct', text: '我的客户', why: '查看本分销保护期内的客户。' },
  { chapter: '报备与到访', who: 'lj1', where: 'direct', text: '查客户 13812345678', why: '查一个客户现在的状态。' },
  {
    chapter: '报备与到访',
    who: 'sec',
    where: 'direct',
    at: '2026-12-03T14:00:00+08:00',
    text: '到访 13812345678',
    why: '客户到场时由秘书登记到访，保护期从当天重新起算（R12）。',
  },
  {
    chapter: '报备与到访',
    who: 'sec',
    where: 'direct',
    text: '报备 我爱我家 李雷 13700001111',
    why: '秘书替分销报备时写上分销名称。',
  },
  {
    chapter: '报备与到访',
    who: 'mgr',
    where: 'direct',
    text: '撞单 2026-12',
    why: '经理和秘书在私聊里看本月撞单的双方、时间和证据。',
  },

  // 来访分配
  {
    chapter: '来访分配',
    who: 'lj1',
    where: 'group',
    at: '2026-12-03T08:55:00+08:00',
    text: '签到',
    why: '轮排只在当天已签到的分销之间进行，所以先签到。',
  },
  { chapter: '来访分配', who: 'wa1', where: 'group', text: '签到', why: '另一家分销签到。' },
  {
    chapter: '来访分配',
    who: 'sec',
    where: 'group',
    at: '2026-12-03T15:00:00+08:00',
    text: '来访 王先生 13912345678',
    why: '没有报备的来访客户按轮排分给下一家分销（R3）。',
  },
  { chapter: '来访分配', who: 'sec', where: 'group', text: '来电 陈女士 13698765432', why: '来电客户同样按轮排分配。' },
  { chapter: '来访分配', who: 'wa1', where: 'group', text: '轮排', why: '销售也能看轮排。' },

  // 定金到签约
  {
    chapter: '定金到签约',
    who: 'lj1',
    where: 'group',
    at: '2026-12-04T10:00:00+08:00',
    text: '销控',
    why: '查看销控表：各状态的套数和可售房源。',
  },
  { chapter: '定金到签约', who: 'lj1', where: 'group', text: '房源 3-1-1201', why: '查看一套房的状态和价格。' },
  {
    chapter: '定金到签约',
    who: 'lj1',
    where: 'direct',
    text: '定金 3-1-1201 13812345678 小定',
    why: '客户交定金，登记并封房，等经理批准（R14、R15）。',
  },
  { chapter: '定金到签约', who: 'mgr', where: 'direct', text: '待审批', why: '经理查看等待批准的定金、认购和退定。' },
  { chapter: '定金到签约', who: 'mgr', where: 'direct', text: '批准 D1', why: '经理批准定金（R15）。' },
  {
    chapter: '定金到签约',
    who: 'lj1',
    where: 'direct',
    text: '认购 D1 1650000',
    why: '客户认购，总价不得低于底价（R8），等经理核查（R21）。',
  },
  { chapter: '定金到签约', who: 'mgr', where: 'direct', text: '批准 S1', why: '经理批准认购。' },
  {
    chapter: '定金到签约',
    who: 'sec',
    where: 'direct',
    at: '2026-12-05T11:00:00+08:00',
    text: '签约 S1',
    why: '秘书登记签约，计入签约当月业绩（R4）。',
  },
  {
    chapter: '定金到签约',
    who: 'wa1',
    where: 'direct',
    text: '定金 3-1-1202 13700001111 大定',
    why: '另一位客户交大定。',
  },
  { chapter: '定金到签约', who: 'mgr', where: 'direct', text: '批准 D2', why: '经理批准大定。' },
  {
    chapter: '定金到签约',
    who: 'wa1',
    where: 'direct',
    text: '退定 D2',
    why: '客户反悔，申请退定金，经理批准后房源开封（R15）。',
  },
  {
    chapter: '定金到签约',
    who: 'mgr',
    where: 'direct',
    text: '驳回 R1 请先提交客户书面申请',
    why: '经理驳回，写明原因。',
  },
  {
    chapter: '定金到签约',
    who: 'sec',
    where: 'direct',
    text: '/房源 锁定 5-2-0801 开发商保留',
    why: '秘书锁定房源（R18）。',
  },
  { chapter: '定金到签约', who: 'sec', where: 'direct', text: '/房源 解锁 5-2-0801', why: '解锁。' },

  // 罚款
  {
    chapter: '罚款',
    who: 'mgr',
    where: 'group',
    at: '2026-12-06T09:30:00+08:00',
    text: '罚款 李四 水杯',
    why: '按罚则开罚单，从分销当月佣金中扣除，群里通报（R5–R20）。',
  },
  {
    chapter: '罚款',
    who: 'mgr',
    where: 'direct',
    text: '冲正 P1 误罚',
    why: '罚错了就冲正：新增一条负数记录，原记录保留。',
  },
  {
    chapter: '罚款',
    who: 'mgr',
    where: 'direct',
    text: '劝退 我爱我家 多次违规',
    why: '劝退分销须再确认一次，防止手误。',
  },
  { chapter: '罚款', who: 'mgr', where: 'direct', text: '确认 Q1', why: '10分钟内发送确认码才生效。' },
  {
    chapter: '罚款',
    who: 'admin',
    where: 'direct',
    text: '/分销 恢复 我爱我家 已整改',
    why: '管理员恢复被劝退的分销，排到轮排末位。',
  },
  {
    chapter: '罚款',
    who: 'admin',
    where: 'direct',
    text: '/员工 启用 周五',
    why: '分销恢复入场后，逐一重新启用它的销售（自动放弃的销售也这样恢复）。',
  },
  {
    chapter: '罚款',
    who: 'mgr',
    where: 'group',
    text: '公告 周六上午10点开盘，请各分销9点前到场',
    why: '发布公告到本项目所有群（R17）。',
  },

  // 月底
  {
    chapter: '月底',
    who: 'lj1',
    where: 'direct',
    at: '2026-12-31T18:00:00+08:00',
    text: '业绩 2026-12',
    why: '销售查看本分销本月业绩和佣金（R4）。',
  },
  { chapter: '月底', who: 'lj1', where: 'direct', text: '报表 2026-12', why: '销售只看到本分销的漏斗和名次。' },
  {
    chapter: '月底',
    who: 'mgr',
    where: 'direct',
    text: '佣金 2026-12',
    why: '经理查看各分销的佣金结算：签约、费率、罚款、应付（R4）。',
  },
  { chapter: '月底', who: 'mgr', where: 'direct', text: '报表 2026-12', why: '经理查看各分销的漏斗、撞单胜负和排名。' },
  {
    chapter: '月底',
    who: 'mgr',
    where: 'direct',
    text: '导出 佣金 2026-12',
    why: '经理把佣金结算导出成 Excel：能收文件的平台直接发文件，否则（控制台总是）给一次性下载链接。',
  },
  { chapter: '月底', who: 'mgr', where: 'direct', text: '/审计 校验', why: '校验审计链：任何私自修改都会被发现。' },
  { chapter: '月底', who: 'admin', where: 'direct', text: '/员工 加入码 李四', why: '销售换了手机：重新生成加入码。' },
  {
    chapter: '月底',
    who: 'admin',
    where: 'direct',
    text: '/发件箱',
    why: '查看有没有等待发送或发送失败的消息（某个平台出故障时，管理员还会收到私信提醒）。',
  },
  {
    chapter: '月底',
    who: 'mgr',
    where: 'direct',
    at: '2027-01-08T10:00:00+08:00',
    text: '结佣 链家 2026-12 10000 银行转账',
    why: '月份结束后，经理记录付给分销的佣金（不超过未付金额），分销会收到通知。',
  },
  {
    chapter: '月底',
    who: 'lj1',
    where: 'direct',
    text: '结佣 查询',
    why: '销售查看本分销各月的应付、已付和未付。',
  },
  {
    chapter: '月底',
    who: 'lj1',
    where: 'direct',
    text: '确认 佣金 2026-12',
    why: '分销确认该月的佣金结算，经理会收到通知。',
  },
]
