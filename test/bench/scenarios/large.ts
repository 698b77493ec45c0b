// Scenario 3, one large panel: 100 members in one panel with presence on. Every member publishes
// presence on joining; each keystroke also moves its cursor in presence, as editors do.
import { panelRooms, withTarget, type Ctx } from '../lib/context.ts'
import type { Kind } from '../lib/targets.ts'
import { measuredRun, type WindowResult } from '../lib/window.ts'

export async function runLarge(ctx: Ctx, kind: Kind): Promise<WindowResult & { connectMs: number }> {
  const c = ctx.cfg.large
  return withTarget(ctx, kind, async (t, gen) => {
    const rooms = kind === 'ours' ? [largeRoom(ctx, t)] : panelRooms(ctx, t, 1, c.members)
    const { ms } = await gen.request<{ ms: number }>('connect', {
      rooms,
      applyRemote: false,
      presence: true,
      concurrency: 8,
    })
    const plan = { rate: c.rate, typistsPerRoom: c.typists, presenceOnType: true, drainMs: c.drainMs }
    await gen.request('run', { ...plan, durationMs: c.warmupMs })
    return { ...(await measuredRun(t.child, gen, { ...plan, durationMs: c.durationMs })), connectMs: ms }
  })
}

function largeRoom(ctx: Ctx, t: Parameters<typeof panelRooms>[1]) {
  const p = ctx.ours!.large
  const [room] = panelRooms({ ...ctx, ours: { ...ctx.ours!, panels: [p] } }, t, 1, ctx.cfg.large.members)
  return room!
}
