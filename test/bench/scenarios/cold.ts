// Scenario 9, cold panels opening while others type: members of `typingPanels` panels type at a steady
// rate (one generator, which measures their latency) while a second generator opens `panels` other
// panels in waves, each wave all at once, both documents of each. For ours those panels are not in
// memory: each is loaded from the store. What counts is whether the typists notice (their latency,
// the server's event-loop delay) and how long each cold panel takes to its first sync.
import { panelRooms, withTarget, type Ctx } from '../lib/context.ts'
import type { ColdResult } from '../lib/cold-load.ts'
import { spawnChild } from '../lib/proc.ts'
import { clientSpec, needsSeed, type Kind } from '../lib/targets.ts'
import { measuredRun, type WindowResult } from '../lib/window.ts'

export interface ColdRun extends WindowResult {
  cold: ColdResult
  /** The server's event-loop delay over the window and its drain (ms). */
  loopDelay: { p50: number; p99: number; max: number }
}

const START_MS = 300

export async function runCold(ctx: Ctx, kind: Kind): Promise<ColdRun> {
  const c = ctx.cfg.cold
  return withTarget(ctx, kind, async (t, gen) => {
    const opener = spawnChild('generator (cold panels)', 'children/generator.ts')
    try {
      const rooms = panelRooms(ctx, t, c.typingPanels, c.members)
      await gen.request('connect', { rooms, applyRemote: false, presence: false, concurrency: 16 })
      await gen.request('run', { durationMs: c.warmupMs, rate: c.rate, presenceOnType: false, drainMs: 500 })
      const panels = Array.from({ length: c.panels }, (_, i) => {
        const panelId = kind === 'ours' ? ctx.ours!.idle[i] : `cold-${i}`
        if (!panelId) throw new Error(`ours was prepared with fewer than ${c.panels} idle panels`)
        const docs = ['record', 'workspace'] as const
        return {
          docs: docs.map((doc) => clientSpec(t, { panelId, doc, cookie: ctx.ours?.organiser })),
          seeds: docs.map((doc) => (needsSeed(kind) ? ctx.seeds[doc] : null)),
        }
      })
      const gapMs = ctx.cfg.mode === 'quick' ? 700 : 1500
      await t.child.request('loopDelay')
      const [run, cold] = await Promise.all([
        measuredRun(t.child, gen, {
          durationMs: START_MS + c.waves * gapMs,
          rate: c.rate,
          presenceOnType: false,
          drainMs: c.drainMs,
        }),
        opener.request<ColdResult>(
          'openCold',
          { panels, waves: c.waves, startMs: START_MS, gapMs, timeoutMs: 30_000 },
          120_000,
        ),
      ])
      const loopDelay = await t.child.request<ColdRun['loopDelay']>('loopDelay')
      await opener.request('closeCold')
      return { ...run, cold, loopDelay }
    } finally {
      await opener.stop()
    }
  })
}
