// npm run units:import -- <file> [--project <名称>] — imports units (房源) from a CSV file into DATABASE_URL, all or
// nothing. Each line: 房号,面积㎡,总价元,底价元[,地下室] (a header line and blank lines are skipped; quote a field that
// holds commas: "1,680,000"). Any bad line, a code repeated in the file or a code the project already has refuses the
// whole file, naming every such line. Pending migrations are applied first.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { importUnits } from '../src/app/import-units.ts'
import type { CommandContext, ProjectInfo, Tx } from '../src/app/ports.ts'
import { errorText } from '../src/chat/reply/errors.ts'
import { loadConfig } from '../src/config.ts'
import { loadAuditKey } from '../src/db/audit-key.ts'
import { applyMigrations, migrationStatus } from '../src/db/migrate/index.ts'
import { openStore } from '../src/db/store.ts'

export interface UnitsImportOptions {
  databaseUrl: string
  file: string
  /** The project to import into; without it, the only project (created with `defaultProject` if none exists). */
  projectName?: string
  defaultProject: string
  timezone: string
  /** The audit chain's key, as the server uses it (loadAuditKey); absent only in tests of an unkeyed database. */
  auditKey?: string
  now?: Date
}

export type UnitsImportReport =
  | { ok: true; project: string; count: number; auditCode: string }
  | { ok: false; problems: string[] }

/** Rolls the transaction back: a refused import leaves the database exactly as it was (no project created either). */
class Refused extends Error {
  constructor(readonly problems: string[]) {
    super('units import refused')
  }
}

/** The script's work, callable from a test: migrate, find the project, import in one transaction, report in Chinese. */
export async function unitsImport(opts: UnitsImportOptions): Promise<UnitsImportReport> {
  let csv: string
  try {
    csv = await readFile(opts.file, 'utf8')
  } catch {
    return { ok: false, problems: [`读不到文件：${opts.file}`] }
  }
  // Only when something is pending: applying takes SQLite's file lock, which a running server's connections hold up.
  if (!(await migrationStatus(opts.databaseUrl)).applied) await applyMigrations(opts.databaseUrl)
  const store = await openStore(opts.databaseUrl, { auditKey: opts.auditKey })
  const now = opts.now ?? new Date()
  try {
    return await store.transaction(async (tx): Promise<UnitsImportReport> => {
      const project = await projectFor(tx, opts, now)
      if (typeof project === 'string') throw new Refused([project])
      const ctx: CommandContext = {
        project,
        actor: {
          identity: 'cli:units-import',
          staffId: null,
          name: '批量导入',
          role: 'admin',
          agencyId: null,
          agencyName: null,
          status: 'active',
        },
        now,
        source: `cli:units-import:${basename(opts.file)}`,
        notify: () => {},
      }
      const r = await importUnits(tx, ctx, csv)
      if (r.ok) return { ok: true, project: project.name, ...r.value }
      const view = { tz: project.timezone, group: false, settings: project.settings }
      throw new Refused(r.error.map((e) => `${e.line > 0 ? `第 ${e.line} 行` : '文件'}：${errorText(e.error, view)}`))
    })
  } catch (e) {
    if (e instanceof Refused) return { ok: false, problems: e.problems }
    throw e
  } finally {
    await store.close()
  }
}

async function projectFor(tx: Tx, opts: UnitsImportOptions, now: Date): Promise<ProjectInfo | string> {
  const all = await tx.projects.list()
  const names = all.map((p) => p.name).join('、')
  if (opts.projectName !== undefined) {
    const named = await tx.projects.byName(opts.projectName)
    if (named) return named
    if (all.length > 0) return `找不到项目“${opts.projectName}”。已有项目：${names}`
    return tx.projects.create(opts.projectName, opts.timezone, now)
  }
  if (all.length === 1 && all[0]) return all[0]
  if (all.length > 1) return `数据库里有多个项目（${names}），请用 --project <名称> 指明导入哪一个。`
  return tx.projects.create(opts.defaultProject, opts.timezone, now)
}

function parseArgs(argv: string[]): { file: string; projectName?: string } | null {
  let file: string | undefined
  let projectName: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string
    if (a === '--project') {
      projectName = argv[++i]
      if (projectName === undefined) return null
    } else if (file === undefined && !a.startsWith('--')) file = a
    else return null
  }
  return file === undefined ? null : { file, projectName }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = parseArgs(process.argv.slice(2))
  if (!args) {
    console.error('用法：npm run units:import -- <文件.csv> [--project <项目名称>]')
    console.error('每行：房号,面积㎡,总价元,底价元[,地下室]，例如 3-1-1201,89.5,1680000,1600000')
    process.exit(2)
  }
  const config = loadConfig()
  const report = await unitsImport({
    databaseUrl: config.databaseUrl,
    file: args.file,
    projectName: args.projectName,
    defaultProject: config.defaultProject,
    timezone: config.timezone,
    auditKey: loadAuditKey(config.auditKey, config.auditKeyFile).key,
  })
  if (report.ok) console.log(`已导入 ${report.count} 套房源到项目“${report.project}”。证据 ${report.auditCode}`)
  else console.error(`未导入任何房源：\n${report.problems.join('\n')}`)
  process.exit(report.ok ? 0 : 1) // the wasm schema engine leaves a timer behind
}
