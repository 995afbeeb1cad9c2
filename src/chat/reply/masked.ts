import type { MaskedNoticeEvent } from '../../app/masked-notices.ts'
import type { MaskedError } from '../../domain/masked-filing.ts'
import { dateTime, day, lastDay, type View } from './format.ts'

/**
 * 隐号报备: replies, refusals and notices. A masked number is shown exactly as the agency typed it (`138****5678`);
 * nothing here carries more digits to an agent.
 */

export const MASKED_ERRORS: { [C in MaskedError['code']]: (e: Extract<MaskedError, { code: C }>, v: View) => string } =
  {
    'mask.invalid': (e) =>
      `隐号“${e.input}”无效。隐号报备请写手机号前三位和后四位，中间四位用 * 代替，例如：报备 张三 138****5678`,
    'masked.off': () =>
      '本项目未开启隐号报备，请填写完整手机号：报备 <姓名> <手机号>。开启由管理员设置：/设置 修改 隐号报备 开',
    'visit.name-required': () => '该号码与隐号报备相符，补全须核对客户姓氏。请写上客户姓名：到访 <手机号> <姓名>',
    'visit.surname-mismatch': (e) =>
      `该号码的隐号报备与客户姓氏“${e.surname}”不符，隐号报备不能补全（姓名或号码有误的报备无效），也没有其他分销保护该客户。请核对姓名后重发：到访 <手机号> <姓名>`,
  }

export interface MaskedFiled {
  maskedCode: string
  name: string
  mask: string
  agencyName: string
  until: Date
  lapsesAt: Date
  auditCode: string
}

export const maskedFiledText = (v: MaskedFiled, tz: string) =>
  `隐号报备成功 ${v.maskedCode}：${v.name} ${v.mask} 归 ${v.agencyName}，自报备时起受保护（R12）。客户须在 ${lastDay(v.lapsesAt, tz)} 前到访，由秘书登记“到访 <手机号> <姓名>”补全号码（${day(v.lapsesAt, tz)} 00:00 未补全即失效）；补全后保护期至 ${lastDay(v.until, tz)}。证据 ${v.auditCode}`

export const maskedAlreadyText = (v: { maskedCode: string; name: string; mask: string; lapsesAt: Date }, tz: string) =>
  `本分销已隐号报备 ${v.maskedCode}：${v.name} ${v.mask}，待客户到访补全（${day(v.lapsesAt, tz)} 00:00 前）。无需重复报备。`

export const maskedCompletedVisitText = (
  v: {
    maskedCode: string
    filingCode: string
    who: string
    agencyName: string
    since: Date
    until: Date
    auditCode: string
  },
  tz: string,
) =>
  `到访已登记，隐号报备 ${v.maskedCode} 已补全为 ${v.filingCode}：${v.who}（${v.agencyName}）自 ${dateTime(v.since, tz)} 报备起受保护，保护期续至 ${lastDay(v.until, tz)}（R12）。证据 ${v.auditCode}`

export const MASKED_NOTICES: {
  [K in MaskedNoticeEvent['kind']]: (e: Extract<MaskedNoticeEvent, { kind: K }>, v: View) => string
} = {
  'masked-completed': (e, v) =>
    `【隐号补全】${e.agencyName} 的隐号报备 ${e.maskedCode}（${e.name} ${e.mask}）客户已到访，补全为 ${e.filingCode}，保护期至 ${lastDay(e.until, v.tz)}。证据 ${e.auditCode}`,
  'masked-lapsed': (e, v) =>
    `【隐号失效】${e.agencyName} 的隐号报备 ${e.maskedCode}（${e.name} ${e.mask}）未在期限内到访补全，已于 ${dateTime(e.lapsedAt, v.tz)} 失效，不再受保护。`,
}

/** 我的客户's masked part: each live masked filing with the instant it lapses unless completed. */
export function maskedListLines(
  list: { maskedCode: string; name: string; mask: string; lapsesAt: Date }[],
  tz: string,
) {
  if (list.length === 0) return []
  return [
    `隐号报备待到访补全 ${list.length} 位：`,
    ...list.map((m) => `${m.name} ${m.mask} ${m.maskedCode} ${dateTime(m.lapsesAt, tz)} 前须到访`),
  ]
}
