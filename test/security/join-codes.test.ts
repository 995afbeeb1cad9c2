import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN, chatHarness, type Harness } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

/** Issue 9, attack 1: join codes posted in the group, and silent rebinding. */
describe.each(databaseKinds())('join codes (%s)', (kind) => {
  let h: Harness
  const directTo = async (who: string) =>
    (await h.outbox()).filter((m) => m.targetKind === 'direct' && m.targetId === who).map((m) => m.text)
  const groupTexts = async () => (await h.outbox()).filter((m) => m.targetKind === 'group').map((m) => m.text)

  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await h.say(ADMIN, '/group bind 香公馆')
  })
  afterEach(() => h.close())

  it('/staff add in a group: the group learns who was added, the code goes to the admin alone (the console: the admin’s direct pane)', async () => {
    const reply = await h.say(ADMIN, '/staff add 张经理 manager')
    expect(reply).toMatch(/^已添加现场经理 张经理。加入码已私信发给管理员，请转交本人。证据 A\d+$/)
    const [dm] = await directTo(ADMIN)
    expect(dm).toMatch(
      /^已添加现场经理 张经理。请本人用自己的聊天账号私聊机器人发送：\n\/join [A-Z2-9]{8}\n加入码一次有效，2026-12-04 09:00 前使用。证据 A\d+$/,
    )
    const code = /\/join ([A-Z2-9]{8})/.exec(dm ?? '')?.[1] as string
    for (const text of await groupTexts()) expect(text).not.toContain(code)

    // The real manager joins from a direct chat.
    expect(await h.say('zhang', `/join ${code}`, 'direct')).toBe(
      '欢迎 张经理！你已作为现场经理加入。发送“帮助”查看你可以使用的命令。',
    )
  })

  it('a member who saw a code typed in the group cannot use it: /join in a group is refused and voids the code', async () => {
    await h.say(ADMIN, '/staff add 张经理 manager')
    const code = /\/join ([A-Z2-9]{8})/.exec((await directTo(ADMIN))[0] ?? '')?.[1] as string
    // The new manager pastes it into the group by mistake; everyone there has now read it.
    expect(await h.say('zhang', `/join ${code}`)).toBe(
      '加入码请私聊机器人发送，不要发在群里：/join <加入码>。这个码群里的人都已看到，已作废；请管理员私聊机器人发送 /员工 加入码 <姓名> 重新生成。',
    )
    expect(await h.store.db.identity.count()).toBe(0)
    // The attacker who read it tries first, in a direct chat: the code is spent.
    expect(await h.say('attacker', `/join ${code}`, 'direct')).toBe(
      '加入码无效、已使用或已过期。请向管理员重新索取（管理员私聊机器人发送：/员工 加入码 <姓名>）。',
    )
    expect(await h.say('attacker', '佣金')).toBe(
      '你还不是本案场的工作人员。请向管理员索取加入码，然后私聊机器人发送：/加入 <加入码>',
    )
    // A guess typed in a group gets the same answer (no oracle) and changes nothing.
    expect(await h.say('attacker', '/join ABCDEFGH')).toContain('加入码请私聊机器人发送')
    // The admin reissues; only the new code works.
    expect(await h.say(ADMIN, '/staff code 张经理')).toMatch(
      /^已为 张经理 重新生成加入码，已私信发给管理员。证据 A\d+$/,
    )
    const fresh = /\/join ([A-Z2-9]{8})/.exec((await directTo(ADMIN)).at(-1) ?? '')?.[1] as string
    expect(fresh).not.toBe(code)
    expect(await h.say('zhang', `/join ${fresh}`, 'direct')).toMatch(/^欢迎 张经理！/)
    const audit = await h.store.db.auditEntry.findMany({ orderBy: { id: 'asc' }, select: { action: true } })
    expect(audit.map((a) => a.action)).toEqual([
      'group.bind',
      'staff.add',
      'staff.join-code-voided',
      'staff.code',
      'staff.join',
    ])
  })

  it('an account bound to someone else is rebound only after /join <码> 确认, and is told what it replaces', async () => {
    await h.say(ADMIN, '/agency add 链家')
    await h.say(ADMIN, '/staff add 张经理 manager', 'direct')
    const first = /\/join ([A-Z2-9]{8})/.exec((await directTo(ADMIN)).at(-1) ?? '')?.[1] as string
    await h.say('phone1', `/join ${first}`, 'direct')
    const second = /\/join ([A-Z2-9]{8})/.exec(await h.say(ADMIN, '/staff add 李四 agent 链家', 'direct'))?.[1]
    expect(await h.say('phone1', `/join ${second}`, 'direct')).toBe(
      `你的账号已绑定为 张经理（现场经理）。用这个加入码将改绑为 李四（分销销售，链家），张经理 将不能再用此账号。确认改绑请发送：/join ${second} 确认（本次未做任何改动）`,
    )
    // nothing changed: still the manager, and the code still live
    expect(await h.say('phone1', '佣金')).toMatch(/^【2026-12 佣金】/)
    expect(await h.say('phone1', `/join ${second} 确认`, 'direct')).toBe(
      '欢迎 李四！你已作为分销销售（链家）加入（已解除原绑定：张经理（现场经理））。发送“帮助”查看你可以使用的命令。',
    )
    expect(await h.say('phone1', '佣金')).toBe('无权使用此命令：仅限现场经理、管理员。')
    const join = await h.store.db.auditEntry.findFirstOrThrow({ where: { action: 'staff.join', subject: '李四' } })
    expect(JSON.parse(join.data)).toMatchObject({ replacedStaffId: expect.any(Number) })
  })
})

describe('join codes where the bot cannot write to the admin directly (WeCom callback)', () => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness('sqlite', '2026-12-01T09:00:00+08:00', 'wecom')
    await h.say(ADMIN, '/group bind 香公馆')
  })
  afterEach(() => h.close())

  it('/staff add in the group is refused with how to do it, and changes nothing; in the single chat it answers with the code', async () => {
    expect(await h.say(ADMIN, '/staff add 张经理 manager')).toBe(
      '加入码只能私发给管理员，而本平台的机器人不能在群外私信你。请私聊机器人发送：/staff add 张经理 manager（本次未做任何改动）',
    )
    expect(await h.store.db.staff.count()).toBe(0)
    expect(await h.store.db.joinCode.count()).toBe(0)
    expect(await h.say(ADMIN, '/staff add 张经理 manager', 'direct')).toMatch(/\n\/join [A-Z2-9]{8}\n/)
  })
})
