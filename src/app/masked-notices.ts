/** What masked filings (隐号报备) tell people. `mask` is the number as the agency typed it: never more digits. */
export type MaskedNoticeEvent =
  /** A visit completed the agency's masked filing into a full filing. */
  | {
      kind: 'masked-completed'
      maskedCode: string
      filingCode: string
      mask: string
      name: string
      agencyName: string
      until: Date
      auditCode: string
    }
  /** Not completed by a visit in time: the masked filing no longer protects. */
  | { kind: 'masked-lapsed'; maskedCode: string; mask: string; name: string; agencyName: string; lapsedAt: Date }
