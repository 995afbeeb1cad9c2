// One racer: reads a job on stdin, opens its own connection(s), prints READY, waits for GO, runs every task at once
// and prints the outcomes. Spawned by test/support/race.ts.
import { createInterface } from 'node:readline'
import { assignLead } from '../../src/app/assign-lead.ts'
import { confirmAction } from '../../src/app/confirm-action.ts'
import { fileCustomer } from '../../src/app/file-customer.ts'
import { fileMasked } from '../../src/app/file-masked.ts'
import { issueFine } from '../../src/app/issue-fine.ts'
import type { CommandContext, Tx } from '../../src/app/ports.ts'
import { recordPayment } from '../../src/app/record-payment.ts'
import { requestDeposit } from '../../src/app/request-deposit.ts'
import { reverseFine } from '../../src/app/reverse-fine.ts'
import { openStore } from '../../src/db/store.ts'
import { phone } from '../support/phone.ts'
import type { RaceJob, RaceResult, RaceTask } from '../support/race.ts'
import { agentContext } from '../support/site.ts'

const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]()
const job = JSON.parse((await lines.next()).value as string) as RaceJob
const store = await openStore(job.url, { poolSize: Math.max(2, job.tasks.length) })
const project = await store.transaction((tx) => tx.projects.byId(job.projectId))
if (!project) throw new Error('no project')

const ctx = (_tx: Tx, staffId: number, agencyId: number | null): CommandContext =>
  agentContext(project, staffId, agencyId)

async function run(t: RaceTask): Promise<RaceResult> {
  const r = await store.transaction(async (tx) => {
    if (t.op === 'file')
      return fileCustomer(tx, ctx(tx, t.staffId, t.agencyId), {
        agencyId: t.agencyId,
        name: t.name,
        phone: phone(t.phone),
        note: null,
      })
    if (t.op === 'file-masked')
      return fileMasked(tx, ctx(tx, t.staffId, t.agencyId), {
        agencyId: t.agencyId,
        name: t.name,
        mask: t.mask,
        note: null,
      })
    if (t.op === 'pay') {
      const base = ctx(tx, t.staffId, null)
      return recordPayment(tx, { ...base, actor: { ...base.actor, role: 'manager' } }, { ...t, note: null })
    }
    if (t.op === 'lead')
      return assignLead(
        tx,
        { ...ctx(tx, t.staffId, null), actor: { ...ctx(tx, t.staffId, null).actor, role: 'secretary' } },
        { kind: 'walk-in', name: null, phone: null },
      )
    if (t.op === 'fine' || t.op === 'reverse') {
      const base = ctx(tx, t.staffId, null)
      const manager = { ...base, actor: { ...base.actor, role: 'manager' as const } }
      return t.op === 'fine'
        ? issueFine(tx, manager, { who: t.who, fineCode: t.fineCode, severe: false, note: null })
        : reverseFine(tx, manager, { fineId: t.fineId, reason: '并发冲正' })
    }
    if (t.op === 'confirm') {
      const base = ctx(tx, t.staffId, null)
      return confirmAction(tx, { ...base, actor: { ...base.actor, role: 'manager' } }, t.ref)
    }
    if (t.op === 'deposit')
      return requestDeposit(tx, ctx(tx, t.staffId, t.agencyId), {
        unitCode: t.unitCode,
        phone: phone(t.phone),
        kind: 'small',
        requesterAgencyId: t.agencyId,
      })
    throw new Error(`unknown op ${(t as { op: string }).op}`)
  })
  return r.ok ? { ok: true, detail: r.value } : { ok: false, code: r.error.code, detail: r.error }
}

process.stdout.write('READY\n')
await lines.next()
const results = await Promise.all(
  job.tasks.map((t) => run(t).catch((e) => ({ ok: false, code: 'thrown', detail: String(e) }))),
)
process.stdout.write(`RESULTS ${JSON.stringify(results)}\n`)
await store.close()
process.exit(0)
