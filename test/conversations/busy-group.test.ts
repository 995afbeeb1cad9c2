import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ADMIN, chatHarness, GROUP, type Harness, standardSite } from '../support/chat.ts'
import { databaseKinds } from '../support/databases.ts'

describe.each(databaseKinds())('people typing on phones in a busy group (%s)', (kind) => {
  let h: Harness
  beforeEach(async () => {
    h = await chatHarness(kind, '2026-12-01T09:00:00+08:00')
    await standardSite(h)
  })
  afterEach(() => h.close())

  it('reads 报备赵六13755556666 without spaces like 报备 赵六 13755556666', async () => {
    expect(await h.say('lj1', '报备赵六13755556666')).toBe(
      '报备成功 F1：赵六 137****6666 归 链家，保护期至 12-15（12-16 00:00 失效）。R12 报备保护。证据 A12',
    )
    expect(await h.say('lj1', '报备 钱七13755557777')).toMatch(/^报备成功 F2：钱七 137\*\*\*\*7777 归 链家/)
    expect(await h.say('wa1', '报备 赵六 13755556666')).toMatch(/^报备未成功：该客户在其他分销的保护期内/)
  })

  it('suggests the command word for a near-miss one edit away, and runs nothing', async () => {
    expect(await h.say('lj1', '报被 张三 13812345678')).toBe('你是不是要发送“报备”？')
    expect(await h.say('lj1', '报张三 13812345678')).toBe('你是不是要发送“报备”？')
    expect(await h.say('lj1', '查客户 13812345678')).not.toMatch(/^报备成功/)
    expect(await h.store.db.filing.count()).toBe(0)
  })

  it('answers ordinary chatter in the group with nothing', async () => {
    const before = (await h.outbox()).length
    for (const chatter of ['收到', '签到表在哪', '大家好，今天开盘', '收到 3号楼', '好的👌', '签到了吗？'])
      expect(await h.say('lj1', chatter)).toBe('')
    expect((await h.outbox()).length).toBe(before)
  })

  it('sends one message to the group where a command also notifies that group', async () => {
    const before = (await h.outbox()).length
    await h.say(ADMIN, '公告 明天上午9点开盘')
    const queued = (await h.outbox()).slice(before)
    expect(queued.filter((m) => m.targetKind === 'group' && m.targetId === GROUP).map((m) => m.text)).toEqual([
      '公告已发布到 1 个群。证据 A12\n\n【公告】明天上午9点开盘\n—— admin',
    ])
  })
})
