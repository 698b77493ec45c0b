// Runs one measured load window and reads the server's and the generator's CPU and RSS around it,
// and how much CPU every other process on the machine took meanwhile (the machine is shared).
import type { RunPlan, RunResult } from './load.ts'
import { cpuPercent, readMachine, type Child, type MachineSample, type ProcSample } from './proc.ts'

export interface WindowCpu {
  serverCpu: number
  generatorCpu: number
  /** CPU (% of one core) used by every other process on the machine during the window. */
  otherCpu: number
  serverRssMb: number
  serverPeakRssMb: number
  generatorRssMb: number
}

export type WindowResult = RunResult & WindowCpu

interface Marks {
  s: ProcSample
  g: ProcSample
  m: MachineSample
}

/**
 * Runs `work`, which makes the generator emit `window-start` and `window-end` around the part that
 * counts, and samples both processes and the machine at those two moments.
 */
export async function withWindow<T>(
  server: Child,
  gen: Child,
  work: () => Promise<T>,
): Promise<T & WindowCpu> {
  const mark = (): Marks => ({ s: server.sample(), g: gen.sample(), m: readMachine() })
  const marks: { start: Marks | null; end: Marks | null } = { start: null, end: null }
  let peak = 0
  const sampler = setInterval(() => {
    if (marks.start && !marks.end) peak = Math.max(peak, server.sample().rssKb)
  }, 200)
  const offStart = gen.on('window-start', () => (marks.start = mark()))
  const offEnd = gen.on('window-end', () => (marks.end = mark()))
  try {
    const result = await work()
    const a = marks.start ?? mark()
    const b = marks.end ?? mark()
    const serverCpu = cpuPercent(a.s, b.s)
    const generatorCpu = cpuPercent(a.g, b.g)
    const machineCpu = b.m.at > a.m.at ? ((b.m.busyMs - a.m.busyMs) / (b.m.at - a.m.at)) * 100 : 0
    return {
      ...result,
      serverCpu,
      generatorCpu,
      otherCpu: Math.max(0, machineCpu - serverCpu - generatorCpu),
      serverRssMb: b.s.rssKb / 1024,
      serverPeakRssMb: Math.max(peak, b.s.rssKb) / 1024,
      generatorRssMb: b.g.rssKb / 1024,
    }
  } finally {
    clearInterval(sampler)
    offStart()
    offEnd()
  }
}

export const measuredRun = (server: Child, gen: Child, plan: RunPlan): Promise<WindowResult> =>
  withWindow(server, gen, () => gen.request<RunResult>('run', plan, plan.durationMs + plan.drainMs + 60_000))
