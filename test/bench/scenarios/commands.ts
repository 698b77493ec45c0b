// Scenario 6, durability cost (ours only): votes as commands over HTTP from concurrent clients, each
// validated, appended to the hash-chained log with synchronous=FULL and applied to the record doc.
import type { Ctx } from '../lib/context.ts'
import type { Child } from '../lib/proc.ts'
import type { Target } from '../lib/targets.ts'
import type { CommandsResult } from '../lib/http-load.ts'
import { withWindow, type WindowCpu } from '../lib/window.ts'

export async function runCommands(
  ctx: Ctx,
  t: Target,
  gen: Child,
): Promise<CommandsResult & WindowCpu & { clients: number }> {
  const c = ctx.cfg.commands
  const panels = ctx.ours!.votes
  const r = await withWindow(t.child, gen, () =>
    gen.request<CommandsResult>(
      'commands',
      { url: t.url, panels, durationMs: c.durationMs, warmupMs: c.warmupMs },
      c.durationMs + c.warmupMs + 60_000,
    ),
  )
  return { ...r, clients: panels.reduce((n, p) => n + p.voters.length, 0) }
}
