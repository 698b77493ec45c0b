// Runs one measured load window and reads the server's and the generator's CPU and RSS around it,
// and how much CPU every other process on the machine took meanwhile (the machine is shared).
import type { RunPlan, RunResult } from './load.ts'
import {
  cpuPercent,
  readMachine,
  type Child,
  type MachineSample,
  type ProcSample,
  type Sampled,
} from './proc.ts'

/** What serves the load when it is more than one process (ours ×2 and its Redis and PostgreSQL). */
export interface ServerProcs {
  /** What "server CPU" and "server RSS" read: here the sum of the server processes. */
  server: Sampled
  /** Each server process on its own. */
  each: Record<string, Sampled>
  /** Services the servers use (Redis, PostgreSQL): CPU reported apart, not counted as other processes. */
  services: Record<string, Sampled>
}

export interface WindowCpu {
  serverCpu: number
  generatorCpu: number
  /** CPU (% of one core) used by every other process on the machine during the window. */
  otherCpu: number
  serverRssMb: number
  serverPeakRssMb: number
  generatorRssMb: number
  /** With several server processes: each one's CPU and RSS, and the services' CPU (RSS not read). */
  parts?: Record<string, { cpu: number; rssMb: number | null }>
}

export type WindowResult = RunResult & WindowCpu

interface Marks {
  s: ProcSample
  g: ProcSample
  m: MachineSample
  parts: Record<string, ProcSample>
}

/**
 * Runs `work`, which makes the generator emit `window-start` and `window-end` around the part that
 * counts, and samples both processes and the machine at those two moments.
 */
export async function withWindow<T>(
  servers: Child | ServerProcs,
  gen: Child,
  work: () => Promise<T>,
): Promise<T & WindowCpu> {
  const procs = 'each' in servers ? servers : null
  const server: Sampled = procs ? procs.server : (servers as Child)
  const partsOf = (): Record<string, ProcSample> =>
    procs
      ? Object.fromEntries(
          Object.entries({ ...procs.each, ...procs.services }).map(([k, p]) => [k, p.sample()]),
        )
      : {}
  const mark = (): Marks => ({ s: server.sample(), g: gen.sample(), m: readMachine(), parts: partsOf() })
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
    const parts = procs
      ? Object.fromEntries(
          Object.keys(a.parts).map((k) => [
            k,
            {
              cpu: cpuPercent(a.parts[k]!, b.parts[k]!),
              rssMb: k in procs.each ? b.parts[k]!.rssKb / 1024 : null,
            },
          ]),
        )
      : undefined
    const servicesCpu = procs ? Object.keys(procs.services).reduce((n, k) => n + parts![k]!.cpu, 0) : 0
    return {
      ...result,
      serverCpu,
      generatorCpu,
      otherCpu: Math.max(0, machineCpu - serverCpu - generatorCpu - servicesCpu),
      ...(parts ? { parts } : {}),
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

export const measuredRun = (server: Child | ServerProcs, gen: Child, plan: RunPlan): Promise<WindowResult> =>
  withWindow(server, gen, () => gen.request<RunResult>('run', plan, plan.durationMs + plan.drainMs + 60_000))
