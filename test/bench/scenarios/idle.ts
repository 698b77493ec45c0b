// Scenario 4, idle memory: 1,000 panels open, each with one idle client on each of its two documents
// (record and workspace). Memory per panel = (RSS after - RSS before) / panels, both after a full GC.
// Hocuspocus and the relay get the same two documents per panel, with the same content, from their
// clients; Hocuspocus therefore holds two documents per panel.
import { clientSpec, needsSeed, type Kind } from '../lib/targets.ts'
import { sleep, withTarget, type Ctx } from '../lib/context.ts'
import type { RoomPlan } from '../lib/load.ts'

export interface IdleRun {
  panels: number
  sockets: number
  connectMs: number
  rssBeforeMb: number
  rssAfterMb: number
  perPanelKb: number
  heapPerPanelKb: number
  openPanels: number | null
  serverCpuWhileIdle: number
}

interface Mem {
  rss: number
  heapUsed: number
  external: number
  arrayBuffers: number
  panels?: number
  documents?: number
}

export async function runIdle(ctx: Ctx, kind: Kind): Promise<IdleRun> {
  const c = ctx.cfg.idle
  return withTarget(ctx, kind, async (t, gen) => {
    const rooms: RoomPlan[] = []
    for (let i = 0; i < c.panels; i++) {
      const panelId = kind === 'ours' ? ctx.ours!.idle[i]! : `idle-${i}`
      if (!panelId) throw new Error(`ours was prepared with fewer than ${c.panels} idle panels`)
      for (const doc of ['record', 'workspace'] as const)
        rooms.push({
          key: `${panelId}/${doc}`,
          seed: needsSeed(kind) ? ctx.seeds[doc] : null,
          members: [clientSpec(t, { panelId, doc, cookie: ctx.ours?.organiser })],
        })
    }
    await sleep(c.settleMs)
    const before = await t.child.request<Mem>('memory')
    const { ms } = await gen.request<{ ms: number }>(
      'connect',
      { rooms, applyRemote: false, presence: false, concurrency: 16 },
      300_000,
    )
    await sleep(c.settleMs)
    const s0 = t.child.sample()
    await sleep(Math.max(500, c.settleMs))
    const s1 = t.child.sample()
    const after = await t.child.request<Mem>('memory')
    const heap = (m: Mem) => m.heapUsed + m.external
    return {
      panels: c.panels,
      sockets: rooms.length,
      connectMs: ms,
      rssBeforeMb: before.rss / 2 ** 20,
      rssAfterMb: after.rss / 2 ** 20,
      perPanelKb: (after.rss - before.rss) / 1024 / c.panels,
      heapPerPanelKb: (heap(after) - heap(before)) / 1024 / c.panels,
      openPanels: after.panels ?? after.documents ?? null,
      serverCpuWhileIdle: ((s1.cpuMs - s0.cpuMs) / (s1.at - s0.at)) * 100,
    }
  })
}
