// Scenario 8, record traffic by panel length (ours only): bytes each member receives per command and
// the command's latency, on panels whose logs hold 10, 100 and 1,000 events. Both should stay flat:
// an event writes what it changed into the record doc, not the whole state.
import type { Ctx } from '../lib/context.ts'
import type { Child } from '../lib/proc.ts'
import type { RecordTrafficAt } from '../lib/record-load.ts'
import type { Target } from '../lib/targets.ts'
import { withWindow, type WindowCpu } from '../lib/window.ts'

export type RecordTrafficRun = { at: RecordTrafficAt[] } & WindowCpu

export async function runRecordTraffic(ctx: Ctx, t: Target, gen: Child): Promise<RecordTrafficRun> {
  const c = ctx.cfg.record
  const panels = ctx.ours!.record
  return withWindow(t.child, gen, async () => ({
    at: await gen.request<RecordTrafficAt[]>(
      'recordTraffic',
      { url: t.url, panels, commands: c.commands },
      120_000 + c.commands * panels.length * 1000,
    ),
  }))
}
