import { describe, expect, it } from 'vitest'
import { forPg, forSqlite, join, sql } from './sql.ts'

describe('sql tagged templates', () => {
  it('renders each database its placeholders, parameters apart', () => {
    const q = sql`SELECT * FROM customer WHERE "projectId" = ${7} AND phone = ${'13812345678'}`
    expect(forSqlite(q)).toEqual({
      text: 'SELECT * FROM customer WHERE "projectId" = ? AND phone = ?',
      values: [7, '13812345678'],
    })
    expect(forPg(q).text).toBe('SELECT * FROM customer WHERE "projectId" = $1 AND phone = $2')
  })

  it('splices fragments and joined lists with their parameters in order', () => {
    const rows = join([sql`(${1}, ${'a'})`, sql`(${2}, ${'b'})`], ', ')
    const q = sql`INSERT INTO t (id, x) VALUES ${rows} RETURNING ${'?'} AS q`
    expect(forPg(q)).toEqual({
      text: 'INSERT INTO t (id, x) VALUES ($1, $2), ($3, $4) RETURNING $5 AS q',
      values: [1, 'a', 2, 'b', '?'],
    })
    expect(forSqlite(q).text).toBe('INSERT INTO t (id, x) VALUES (?, ?), (?, ?) RETURNING ? AS q')
  })

  it('a question mark in the text is text, not a placeholder', () => {
    expect(forPg(sql`SELECT '?' AS q, ${1} AS one`).text).toBe(`SELECT '?' AS q, $1 AS one`)
  })
})
