/**
 * SQL text with its parameters kept apart, written as a tagged template: sql`SELECT … WHERE id = ${id}`. Each
 * database renders the placeholders its own way from the template's parts (`?` for SQLite, `$n` for PostgreSQL);
 * no SQL text is ever searched or rewritten. A value that is itself a Sql (a fragment, or `join` of fragments) is
 * spliced in with its own parameters, for lists such as a multi-row VALUES.
 */
export class Sql {
  constructor(
    readonly strings: readonly string[],
    readonly values: readonly unknown[],
  ) {}
}

export function sql(strings: TemplateStringsArray | readonly string[], ...values: unknown[]): Sql {
  // flatten nested fragments now, so rendering is a single pass
  const outStrings: string[] = [strings[0] ?? '']
  const outValues: unknown[] = []
  values.forEach((v, i) => {
    const next = strings[i + 1] ?? ''
    if (v instanceof Sql) {
      outStrings[outStrings.length - 1] += v.strings[0] ?? ''
      v.values.forEach((inner, j) => {
        outValues.push(inner)
        outStrings.push(v.strings[j + 1] ?? '')
      })
      outStrings[outStrings.length - 1] += next
    } else {
      outValues.push(v)
      outStrings.push(next)
    }
  })
  return new Sql(outStrings, outValues)
}

/** Fragments joined by a separator (plain text, no parameters). */
export function join(parts: readonly Sql[], separator: string): Sql {
  const strings = parts.map((_, i) => (i === 0 ? '' : separator))
  return sql([...strings, ''], ...parts)
}

/** Text for SQLite (`?` placeholders) and its parameters. */
export const forSqlite = (q: Sql): { text: string; values: readonly unknown[] } => ({
  text: q.strings.join('?'),
  values: q.values,
})

/** Text for PostgreSQL (`$1`, `$2`, … placeholders) and its parameters. */
export function forPg(q: Sql): { text: string; values: readonly unknown[] } {
  let text = q.strings[0] ?? ''
  for (let i = 1; i < q.strings.length; i++) text += `$${i}${q.strings[i]}`
  return { text, values: q.values }
}
