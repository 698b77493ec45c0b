// Scenario 1, many panels (100 panels x 6 members typing at 2/s for a fixed time), then, on the same
// connections, scenario 2's climb. The convergence check runs first in the same server process. For
// ours, the store is opened afterwards to confirm every update sent was written durably; for ours ×2
// (scenario 1 only), PostgreSQL is read the same way over the bench's own connection.
import path from 'node:path'
import Database from 'better-sqlite3'
import { panelRooms, withTarget, type Ctx } from '../lib/context.ts'
import type { Kind } from '../lib/targets.ts'
import { measuredRun, type WindowResult } from '../lib/window.ts'
import { runCheck, type CheckResult } from './check.ts'
import { climb, type SaturationRun } from './saturation.ts'

export interface PanelsRun extends WindowResult {
  /** Ours (×2): workspace updates the store gained during scenario 1 / updates sent (warm-up included). */
  stored: { gained: number; sent: number } | null
  /** The (first) server process's event-loop delay over the window and its drain, ms. */
  loopDelay: { p50: number; p99: number; max: number }
}

const countUpdates = (dataDir: string): number => {
  const db = new Database(path.join(dataDir, 'panels.sqlite'), { readonly: true })
  try {
    return (db.prepare('SELECT count(*) AS n FROM workspace_updates').get() as { n: number }).n
  } finally {
    db.close()
  }
}

export async function runPanels(
  ctx: Ctx,
  kind: Kind,
  opts: { check: boolean; saturation: boolean },
): Promise<{ panels: PanelsRun; saturation: SaturationRun | null; check: CheckResult | null }> {
  const c = ctx.cfg.panels
  let stored: PanelsRun['stored'] = null
  const r = await withTarget(ctx, kind, async (t, gen) => {
    const check = opts.check ? await runCheck(ctx, t, gen) : null
    const count = t.scaleOut
      ? t.scaleOut.countUpdates
      : kind === 'ours' && t.dataDir
        ? async () => countUpdates(t.dataDir!)
        : null
    const before = count ? await count() : 0
    const rooms = panelRooms(ctx, t, c.panels, c.members)
    await gen.request('connect', { rooms, applyRemote: false, presence: false, concurrency: 16 })
    const warm = await gen.request<{ sent: number }>('run', {
      durationMs: c.warmupMs,
      rate: c.rate,
      presenceOnType: false,
      drainMs: c.drainMs,
    })
    await t.child.request('loopDelay')
    const run = await measuredRun(t.scaleOut?.procs ?? t.child, gen, {
      durationMs: c.durationMs,
      rate: c.rate,
      presenceOnType: false,
      drainMs: c.drainMs,
    })
    const loopDelay = await t.child.request<PanelsRun['loopDelay']>('loopDelay')
    if (count) {
      // The store as it is now, read by a second connection: what a crash at this moment would keep.
      stored = { gained: (await count()) - before, sent: warm.sent + run.sent }
    }
    const saturation = opts.saturation ? await climb(ctx, kind, t.child, gen) : null
    return { panels: { ...run, stored, loopDelay }, saturation, check }
  })
  return r
}
