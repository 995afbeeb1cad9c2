/** Fields that hold a nested record: collision sides, a fine and its escalation or warning, a reversed original. */
const NESTED = new Set(['owner', 'challenger', 'agent', 'agency', 'fine', 'original', 'escalation', 'warning'])

/**
 * Builds the data of any catalog entry from its field names, so every message — including ones added later — is
 * covered without a hand-written sample: phone fields get random numbers, free-text fields get `text`.
 */
export function sample(base: Record<string, unknown>, p: string, text: string, at: Date): Record<string, unknown> {
  const value = (key: string): unknown => {
    if (key === 'phone') return p
    if (key === 'customer') return { name: text, phone: p }
    if (NESTED.has(key)) return obj()
    // The daily brief's lists, each with one entry, so a protection ending today shows its customer's number.
    if (key === 'brief')
      return record({
        date: '2026-12-01',
        yesterday: '2026-11-30',
        asOf: at,
        dayEnd: at,
        counts: obj(),
        audit: obj(),
        checkIns: [obj()],
        holdsEnding: [obj()],
        protectionsEnding: [obj()],
        approvals: [obj()],
      })
    if (key === 'rule') return 'R12'
    if (key === 'status' || key === 'from' || key === 'to') return 'held'
    if (key === 'field') return 'area'
    if (key === 'reason') return 'invalid'
    if (key === 'via') return 'rotation'
    if (key === 'leadKind') return 'walk-in'
    if (key === 'allowed') return ['manager']
    if (key === 'expected') return [4, 5]
    if (/(^at$|At$|[Uu]ntil$|[Ss]ince$|^due$)/.test(key)) return at
    if (/(Fen$|Id$|^count$|^max$|^agencies$|^got$|Line$|^seq$|Decimals$|^quantity$|^occurrence$)/.test(key)) return 7
    if (/(s|List|Lines)$/.test(key) && key !== 'rules') return []
    return text
  }
  const record = (known: Record<string, unknown>): Record<string, unknown> =>
    new Proxy(known, { get: (t, k) => (typeof k === 'string' ? (t[k] ?? value(k)) : undefined) })
  const obj = () => record({})
  return new Proxy(base, { get: (t, k) => (typeof k === 'string' ? (t[k] ?? value(k)) : undefined) })
}
