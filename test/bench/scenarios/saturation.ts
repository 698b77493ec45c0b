// Scenario 2, saturation: on scenario 1's connections, the offered rate climbs step by step until a
// step fails (p99 over the limit, a delivery lost, a socket closed, or the generator unable to offer
// the rate); then bisects between the last step that passed and the one that failed. The highest
// step that passed is the rate the server sustains.
import type { Ctx } from '../lib/context.ts'
import type { Child } from '../lib/proc.ts'
import { waitForQuiet } from '../lib/machine.ts'
import type { Kind } from '../lib/targets.ts'
import { measuredRun } from '../lib/window.ts'

export interface Step {
  offered: number
  achieved: number
  p50: number
  p99: number
  lost: number
  closed: number
  serverCpu: number
  generatorCpu: number
  otherCpu: number
  passed: boolean
  why: string | null
}

export interface SaturationRun {
  /** Highest offered rate (updates/s) that passed; 0 when the first step failed. */
  sustained: number
  /** What was at its limit where the climb stopped: server, generator, both, or neither (latency alone). */
  limit: 'server' | 'generator' | 'both' | 'neither' | 'none reached'
  generatorLimited: boolean
  limitedBy: string
  steps: Step[]
}

export async function climb(ctx: Ctx, kind: Kind, server: Child, gen: Child): Promise<SaturationRun> {
  const c = ctx.cfg.saturation
  const members = c.panels * c.members
  const steps: Step[] = []
  const attempt = async (offered: number): Promise<Step> => {
    const r = await measuredRun(server, gen, {
      durationMs: c.stepMs,
      rate: offered / members,
      presenceOnType: false,
      drainMs: c.drainMs,
    })
    const why =
      r.closed > 0
        ? `${r.closed} sockets closed`
        : r.lost > 0
          ? `${r.lost} deliveries missing ${c.drainMs} ms after the step`
          : r.latency.p99 > c.p99LimitMs
            ? `p99 ${r.latency.p99.toFixed(0)} ms`
            : r.achievedPerSec < 0.95 * offered
              ? `generator offered only ${Math.round(r.achievedPerSec)}/s`
              : null
    const step = {
      offered,
      achieved: r.achievedPerSec,
      p50: r.latency.p50,
      p99: r.latency.p99,
      lost: r.lost,
      closed: r.closed,
      serverCpu: r.serverCpu,
      generatorCpu: r.generatorCpu,
      otherCpu: r.otherCpu,
      passed: why === null,
      why,
    }
    ctx.log(
      `    ${kind} ${offered}/s: p99 ${r.latency.p99.toFixed(1)} ms, lost ${r.lost}, CPU server ${r.serverCpu.toFixed(0)}% generator ${r.generatorCpu.toFixed(0)}% others ${r.otherCpu.toFixed(0)}%${why ? ` -> fails (${why})` : ''}`,
    )
    return step
  }
  /** A failure while other processes held the CPU is tried again once, after they quieten (full mode). */
  const tryStep = async (offered: number): Promise<Step> => {
    let s = await attempt(offered)
    if (!s.passed && s.otherCpu > 40 && ctx.cfg.mode === 'full') {
      await new Promise((r) => setTimeout(r, c.drainMs))
      const q = await waitForQuiet(Math.min(ctx.quietWaitMs, ctx.quietBudgetMs))
      ctx.quietBudgetMs = Math.max(0, ctx.quietBudgetMs - q.waitedMs)
      s = await attempt(offered)
    }
    steps.push(s)
    if (!s.passed) await new Promise((r) => setTimeout(r, c.drainMs)) // let a backlog clear
    return s
  }
  let pass = 0
  let fail = 0
  for (const offered of c.steps) {
    if ((await tryStep(offered)).passed) pass = offered
    else {
      fail = offered
      break
    }
  }
  for (let i = 0; fail && i < c.bisect; i++) {
    const mid = Math.round(Math.sqrt(Math.max(pass, c.steps[0]! / 2) * fail) / 50) * 50
    if (mid <= pass || mid >= fail) break
    if ((await tryStep(mid)).passed) pass = mid
    else fail = mid
  }
  const failed = steps.filter((s) => !s.passed && s.offered === fail).at(-1)
  const serverAt = (failed?.serverCpu ?? 0) >= 85
  const genAt = (failed?.generatorCpu ?? 0) >= 90 || /generator/.test(failed?.why ?? '')
  const limit = !failed
    ? 'none reached'
    : serverAt && genAt
      ? 'both'
      : serverAt
        ? 'server'
        : genAt
          ? 'generator'
          : 'neither'
  return {
    sustained: pass,
    limit,
    generatorLimited: limit === 'generator' || limit === 'none reached',
    limitedBy: !failed
      ? `every step up to ${c.steps.at(-1)}/s passed`
      : `failed at ${failed.offered}/s: ${failed.why} (CPU server ${failed.serverCpu.toFixed(0)}%, generator ${failed.generatorCpu.toFixed(0)}%, others ${failed.otherCpu.toFixed(0)}%)`,
    steps,
  }
}
