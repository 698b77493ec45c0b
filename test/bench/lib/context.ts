// What every scenario gets: the configuration, the seeds, ours' prepared store, and a helper that runs
// one server (fresh) with one generator process beside it and cleans both up.
import fs from 'node:fs'
import path from 'node:path'
import type { RoomPlan } from './load.ts'
import { spawnChild, type Child } from './proc.ts'
import type { Seeds } from './seeds.ts'
import { clientSpec, needsSeed, startTarget, type Kind, type OursOptions, type Target } from './targets.ts'
import type { Config } from './config.ts'
import type { OursWorld } from './ours-world.ts'
import { waitForQuiet } from './machine.ts'
import { startOursPair, type ScaleOutEnv } from './scale-out.ts'

export interface Ctx {
  cfg: Config
  port: number
  seeds: Seeds
  ours: OursWorld | null
  /** Ours ×2's PostgreSQL and Redis (null when they are not available and ours ×2 is skipped). */
  scaleOut: ScaleOutEnv | null
  /** Scratch directory on disk for ours' stores (one copy of the prepared store per run). */
  workDir: string
  cpuProfDir: string | null
  /** Longest wait for other processes to quieten before each server run... */
  quietWaitMs: number
  /** ...and in all (ms left), so a machine that never quietens still finishes in time. */
  quietBudgetMs: number
  /** Runs that started on a busy machine (others above 30% of a core). */
  busyStarts: { kind: Kind; busy: number }[]
  log(line: string): void
}

let runs = 0

/** A fresh server of this kind (ours on a fresh copy of the prepared store) and a fresh generator. */
export async function withTarget<T>(
  ctx: Ctx,
  kind: Kind,
  fn: (t: Target, gen: Child) => Promise<T>,
  opts: { dataDir?: string; ours?: OursOptions; afterStop?(dataDir: string): void } = {},
): Promise<T> {
  const quiet = await waitForQuiet(Math.min(ctx.quietWaitMs, ctx.quietBudgetMs))
  ctx.quietBudgetMs = Math.max(0, ctx.quietBudgetMs - quiet.waitedMs)
  if (quiet.busy > 30) ctx.busyStarts.push({ kind, busy: quiet.busy })
  let dataDir = opts.dataDir
  if (kind === 'ours' && !dataDir) {
    if (!ctx.ours) throw new Error('ours was not prepared')
    dataDir = path.join(ctx.workDir, `run-${++runs}`)
    fs.cpSync(ctx.ours.templateDir, dataDir, { recursive: true })
  }
  const gen = spawnChild('generator', 'children/generator.ts')
  let target: Target | null = null
  try {
    if (kind === 'ours-2') {
      if (!ctx.scaleOut) throw new Error('ours ×2 needs TEST_DATABASE_URL and TEST_REDIS_URL')
      target = await startOursPair(ctx.cfg, ctx.scaleOut, ctx.port, ctx.cpuProfDir, ctx.log)
    } else
      target = await startTarget(kind, {
        port: ctx.port,
        dataDir,
        cpuProfDir: ctx.cpuProfDir,
        ours: opts.ours,
      })
    return await fn(target, gen)
  } finally {
    await Promise.all([gen.stop(), target?.child.stop(15_000)])
    await target?.scaleOut?.close()
    if (dataDir) opts.afterStop?.(dataDir)
    if (dataDir && !opts.dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/**
 * `count` panels of `membersPer` members, on the workspace document, as each server addresses them.
 * Ours ×2: members alternate between its two processes (6 members: 3 on each), so every delivery
 * from a member to one on the other process crosses Redis.
 */
export function panelRooms(ctx: Ctx, t: Target, count: number, membersPer: number, offset = 0): RoomPlan[] {
  const rooms: RoomPlan[] = []
  for (let i = offset; i < offset + count; i++) {
    if (t.scaleOut) {
      const p = t.scaleOut.panels[i]
      if (!p || p.members.length < membersPer)
        throw new Error(`ours ×2 was prepared with too few panels or members (panel ${i})`)
      const on = [t, t.scaleOut.peer]
      rooms.push({
        key: p.id,
        members: p.members
          .slice(0, membersPer)
          .map((cookie, j) => clientSpec(on[j % 2]!, { panelId: p.id, doc: 'workspace', cookie })),
      })
    } else if (t.kind === 'ours') {
      const p = ctx.ours!.panels[i]
      if (!p || p.members.length < membersPer)
        throw new Error(`ours was prepared with too few panels or members (panel ${i})`)
      rooms.push({
        key: p.id,
        members: p.members
          .slice(0, membersPer)
          .map((cookie) => clientSpec(t, { panelId: p.id, doc: 'workspace', cookie })),
      })
    } else {
      const id = `bench-${i}`
      rooms.push({
        key: id,
        seed: needsSeed(t.kind) ? ctx.seeds.workspace : null,
        members: Array.from({ length: membersPer }, () => clientSpec(t, { panelId: id, doc: 'workspace' })),
      })
    }
  }
  return rooms
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
