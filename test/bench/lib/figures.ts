// The figures each scenario reports, and the issue's targets checked against them.
import type { Figure, Row } from './report.ts'
import type { PanelsRun } from '../scenarios/panels.ts'
import type { SaturationRun } from '../scenarios/saturation.ts'
import type { IdleRun } from '../scenarios/idle.ts'
import type { HistoryRun } from '../scenarios/history.ts'
import type { WindowResult } from './window.ts'
import type { CommandsResult } from './http-load.ts'
import type { RecordTrafficRun } from '../scenarios/record-traffic.ts'
import type { ColdRun } from '../scenarios/cold.ts'
import type { WindowCpu } from './window.ts'

const load = <R extends WindowResult>(): Figure<R>[] => [
  { label: 'latency p50', unit: 'ms', get: (r) => r.latency.p50, ratio: true },
  { label: 'latency p95', unit: 'ms', get: (r) => r.latency.p95, ratio: true },
  { label: 'latency p99', unit: 'ms', get: (r) => r.latency.p99, ratio: true },
  { label: 'deliveries lost', unit: '', get: (r) => r.lost, digits: 0 },
  { label: 'deliveries', unit: '', get: (r) => r.received, digits: 0 },
  { label: 'server CPU', unit: '% of a core', get: (r) => r.serverCpu, ratio: true, digits: 0 },
  { label: 'server RSS', unit: 'MB', get: (r) => r.serverRssMb, ratio: true, digits: 0 },
  { label: 'generator CPU', unit: '% of a core', get: (r) => r.generatorCpu, digits: 0 },
  { label: 'other processes CPU', unit: '% of a core', get: (r) => r.otherCpu, digits: 0 },
]

const part = (r: WindowCpu, name: string, k: 'cpu' | 'rssMb') => r.parts?.[name]?.[k] ?? NaN
const two: Figure<PanelsRun>['only'] = ['ours-2']

/** Scenario 1, and for ours ×2 where its time and CPU go: across processes, each process, Redis, PostgreSQL. */
export const panelsFigures: Figure<PanelsRun>[] = [
  ...load<PanelsRun>().slice(0, 3),
  { label: 'latency p50 across processes', unit: 'ms', get: (r) => r.latencyAcross?.p50 ?? NaN, only: two },
  { label: 'latency p99 across processes', unit: 'ms', get: (r) => r.latencyAcross?.p99 ?? NaN, only: two },
  { label: 'server event-loop delay p99', unit: 'ms', get: (r) => r.loopDelay?.p99 ?? NaN, ratio: true },
  { label: 'server event-loop delay max', unit: 'ms', get: (r) => r.loopDelay?.max ?? NaN, ratio: true },
  ...load<PanelsRun>().slice(3, 7),
  {
    label: 'process A CPU',
    unit: '% of a core',
    get: (r) => part(r, 'process A', 'cpu'),
    digits: 0,
    only: two,
  },
  {
    label: 'process B CPU',
    unit: '% of a core',
    get: (r) => part(r, 'process B', 'cpu'),
    digits: 0,
    only: two,
  },
  { label: 'process A RSS', unit: 'MB', get: (r) => part(r, 'process A', 'rssMb'), digits: 0, only: two },
  { label: 'process B RSS', unit: 'MB', get: (r) => part(r, 'process B', 'rssMb'), digits: 0, only: two },
  { label: 'Redis CPU', unit: '% of a core', get: (r) => part(r, 'Redis', 'cpu'), digits: 0, only: two },
  {
    label: 'PostgreSQL CPU',
    unit: '% of a core',
    get: (r) => part(r, 'PostgreSQL', 'cpu'),
    digits: 0,
    only: two,
  },
  {
    label: 'servers + Redis + PostgreSQL CPU',
    unit: '% of a core',
    get: (r) => r.serverCpu + part(r, 'Redis', 'cpu') + part(r, 'PostgreSQL', 'cpu'),
    digits: 0,
    only: two,
  },
  ...load<PanelsRun>().slice(7),
]

export const largeFigures: Figure<WindowResult & { connectMs: number }>[] = [
  ...load<WindowResult & { connectMs: number }>().slice(0, 3),
  { label: 'presence p99', unit: 'ms', get: (r) => r.presence.p99, ratio: true },
  { label: 'presence lost', unit: '', get: (r) => r.presence.lost, digits: 0 },
  ...load<WindowResult & { connectMs: number }>().slice(3),
  { label: 'time for 100 members to join', unit: 'ms', get: (r) => r.connectMs, ratio: true, digits: 0 },
]

export const saturationFigures: Figure<SaturationRun>[] = [
  { label: 'highest sustained rate', unit: 'updates/s', get: (r) => r.sustained, ratio: true, digits: 0 },
  { label: 'generator-limited runs', unit: 'of runs', get: (r) => (r.generatorLimited ? 1 : 0), digits: 0 },
]

export const idleFigures: Figure<IdleRun>[] = [
  { label: 'memory per open panel (RSS)', unit: 'KB', get: (r) => r.perPanelKb, ratio: true, digits: 1 },
  {
    label: 'memory per open panel (JS heap + external)',
    unit: 'KB',
    get: (r) => r.heapPerPanelKb,
    ratio: true,
    digits: 1,
  },
  { label: 'server RSS with all panels open', unit: 'MB', get: (r) => r.rssAfterMb, ratio: true, digits: 0 },
  { label: 'server CPU while idle', unit: '% of a core', get: (r) => r.serverCpuWhileIdle, digits: 1 },
  { label: 'time to open every panel', unit: 'ms', get: (r) => r.connectMs, ratio: true, digits: 0 },
]

export const historyFigures: Figure<HistoryRun>[] = [
  { label: 'first complete sync, panel not in memory (p50)', unit: 'ms', get: (r) => r.notInMemory.p50 },
  { label: 'first complete sync, panel not in memory (max)', unit: 'ms', get: (r) => r.notInMemory.max },
  { label: 'first complete sync, first client after a restart', unit: 'ms', get: (r) => r.afterRestartMs },
  { label: 'first complete sync, panel open (p50)', unit: 'ms', get: (r) => r.open.p50 },
  { label: 'replay seek p50', unit: 'ms', get: (r) => r.seek.p50 },
  { label: 'replay seek p95', unit: 'ms', get: (r) => r.seek.p95 },
  { label: 'replay seek answer', unit: 'KB', get: (r) => r.seekBytes / 1024, digits: 0 },
  { label: 'replay seek p50, JSON answer', unit: 'ms', get: (r) => r.seekJson?.p50 ?? NaN },
  { label: 'replay seek p95, JSON answer', unit: 'ms', get: (r) => r.seekJson?.p95 ?? NaN },
  { label: 'replay seek answer, JSON', unit: 'KB', get: (r) => (r.seekJsonBytes ?? NaN) / 1024, digits: 0 },
  { label: 'replay seek failures', unit: '', get: (r) => r.seekFailures, digits: 0 },
  { label: 'synced workspace', unit: 'KB', get: (r) => r.docBytes / 1024, digits: 0 },
]

export const commandsFigures: Figure<CommandsResult & WindowCpu>[] = [
  { label: 'accepted commands', unit: 'per s', get: (r) => r.perSec, digits: 0 },
  { label: 'command latency p50', unit: 'ms', get: (r) => r.latency.p50 },
  { label: 'command latency p99', unit: 'ms', get: (r) => r.latency.p99 },
  { label: 'refused', unit: '', get: (r) => Object.values(r.refused).reduce((a, b) => a + b, 0), digits: 0 },
  { label: 'server CPU', unit: '% of a core', get: (r) => r.serverCpu, digits: 0 },
  { label: 'generator CPU', unit: '% of a core', get: (r) => r.generatorCpu, digits: 0 },
  { label: 'other processes CPU', unit: '% of a core', get: (r) => r.otherCpu, digits: 0 },
]

/** Scenario 9: the typists' latency while cold panels open, and the cold panels' first sync. */
export const coldFigures: Figure<ColdRun>[] = [
  ...load<ColdRun>().slice(0, 3),
  { label: 'latency max', unit: 'ms', get: (r) => r.latency.max, ratio: true },
  { label: 'server event-loop delay p99', unit: 'ms', get: (r) => r.loopDelay.p99, ratio: true },
  { label: 'server event-loop delay max', unit: 'ms', get: (r) => r.loopDelay.max, ratio: true },
  { label: 'cold panel first sync p50', unit: 'ms', get: (r) => r.cold.firstSync.p50, ratio: true },
  { label: 'cold panel first sync p95', unit: 'ms', get: (r) => r.cold.firstSync.p95, ratio: true },
  { label: 'cold panel first sync max', unit: 'ms', get: (r) => r.cold.firstSync.max, ratio: true },
  {
    label: 'slowest wave, all of it synced',
    unit: 'ms',
    get: (r) => Math.max(...r.cold.waveMs),
    ratio: true,
    digits: 0,
  },
  { label: 'cold panels that failed to sync', unit: '', get: (r) => r.cold.failures, digits: 0 },
  ...load<ColdRun>().slice(3),
]

/** Scenario 8: one row per figure and panel length. */
export function recordFigures(lengths: number[]): Figure<RecordTrafficRun>[] {
  const at = (r: RecordTrafficRun, n: number) => r.at.find((x) => x.events === n)
  const each = (
    label: string,
    unit: string,
    get: (x: NonNullable<ReturnType<typeof at>>) => number,
    digits?: number,
  ): Figure<RecordTrafficRun>[] =>
    lengths.map((n) => ({
      label: `${label}, ${n.toLocaleString('en-GB')} events`,
      unit,
      get: (r) => {
        const x = at(r, n)
        return x ? get(x) : NaN
      },
      ...(digits === undefined ? {} : { digits }),
    }))
  return [
    ...each('record bytes per command per member', 'B', (x) => x.bytesPerCommand, 0),
    ...each('command latency p50', 'ms', (x) => x.latency.p50),
    ...each('command latency p99', 'ms', (x) => x.latency.p99),
    ...each('to every member p50', 'ms', (x) => x.delivery.p50),
    ...each('record doc on joining', 'KB', (x) => x.syncedBytes / 1024, 1),
    { label: 'server CPU', unit: '% of a core', get: (r) => r.serverCpu, digits: 0 },
    { label: 'other processes CPU', unit: '% of a core', get: (r) => r.otherCpu, digits: 0 },
  ]
}

export interface Target {
  scenario: number
  target: string
  value: string
  ok: boolean | null
}

const med = (rows: Row[] | undefined, label: string, kind: 'ours' | 'hocuspocus' | 'relay') =>
  rows?.find((r) => r.label === label)?.byKind[kind]?.median

export function checkTargets(t: {
  panels?: Row[]
  saturation?: Row[]
  idle?: Row[]
  history?: Row[]
  clientKb?: number
  oursDurable?: boolean | null
  /** Scenario 1's floor: the bare relay plus one durable commit (ms). */
  floor?: { p50: number; p99: number }
  record?: Row[]
  cold?: Row[]
}): Target[] {
  const out: Target[] = []
  const cmp = (
    scenario: number,
    target: string,
    a: number | undefined,
    b: number | undefined,
    ok: (a: number, b: number) => boolean,
    show: (a: number, b: number) => string,
  ) =>
    out.push({
      scenario,
      target,
      value:
        a === undefined || b === undefined
          ? 'not run'
          : !Number.isFinite(a) || !Number.isFinite(b) || b === 0
            ? `inconclusive (${a} vs ${b})`
            : show(a, b),
      ok:
        a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0
          ? null
          : ok(a, b),
    })
  cmp(
    1,
    'p99 no worse than Hocuspocus, writing durably',
    med(t.panels, 'latency p99', 'ours'),
    med(t.panels, 'latency p99', 'hocuspocus'),
    (a, b) => a <= b && t.oursDurable !== false,
    (a, b) =>
      `${a.toFixed(1)} ms vs ${b.toFixed(1)} ms; ${t.oursDurable ? 'every update sent was in the store' : t.oursDurable === false ? 'NOT every update reached the store' : 'store not checked'}${t.floor ? `; the floor (bare relay + one fsync) ${t.floor.p99.toFixed(1)} ms, ours ${(a / t.floor.p99).toFixed(2)}× it` : ''}`,
  )
  cmp(
    2,
    'at least 1.5x Hocuspocus sustained rate',
    med(t.saturation, 'highest sustained rate', 'ours'),
    med(t.saturation, 'highest sustained rate', 'hocuspocus'),
    (a, b) => a >= 1.5 * b,
    (a, b) => `${a.toFixed(0)} vs ${b.toFixed(0)} updates/s (${(a / b).toFixed(2)}x)`,
  )
  cmp(
    4,
    'memory per panel <= 2x Hocuspocus per document',
    med(t.idle, 'memory per open panel (RSS)', 'ours'),
    med(t.idle, 'memory per open panel (RSS)', 'hocuspocus'),
    // Hocuspocus holds two documents per panel here, so its per-panel figure is 2x its per-document one.
    (a, b) => a <= b,
    (a, b) =>
      `${a.toFixed(1)} KB per panel vs ${(b / 2).toFixed(1)} KB per Hocuspocus document (limit ${b.toFixed(1)})`,
  )
  const cold = med(t.history, 'first complete sync, panel not in memory (p50)', 'ours')
  const restart = med(t.history, 'first complete sync, first client after a restart', 'ours')
  out.push({
    scenario: 5,
    target: 'first sync under 100 ms (panel not in memory)',
    value:
      cold === undefined
        ? 'not run'
        : `${cold.toFixed(1)} ms (first client after a restart: ${restart?.toFixed(1)} ms)`,
    ok: cold === undefined ? null : cold < 100,
  })
  const seek = med(t.history, 'replay seek p95', 'ours')
  out.push({
    scenario: 5,
    target: 'seek p95 under 20 ms',
    value: seek === undefined ? 'not run' : `${seek.toFixed(1)} ms`,
    ok: seek === undefined ? null : seek < 20,
  })
  // Flat: the longest panel's command costs at most 1.5x (bytes) / 2x (latency) the shortest's.
  const rec = (label: string) =>
    (t.record ?? []).filter((r) => r.label.startsWith(label)).map((r) => r.byKind.ours?.median ?? NaN)
  const bytes = rec('record bytes per command per member')
  const p50 = rec('command latency p50')
  out.push({
    scenario: 8,
    target: 'bytes and latency per command flat from the shortest panel to the longest',
    value: !bytes.length
      ? 'not run'
      : `${bytes.map((b) => b.toFixed(0)).join(' / ')} B per command per member; p50 ${p50.map((x) => x.toFixed(1)).join(' / ')} ms`,
    ok: !bytes.length ? null : bytes.at(-1)! <= 1.5 * bytes[0]! && p50.at(-1)! <= 2 * p50[0]! + 1,
  })
  cmp(
    9,
    'typists unaffected while cold panels open: p99 no worse than Hocuspocus',
    med(t.cold, 'latency p99', 'ours'),
    med(t.cold, 'latency p99', 'hocuspocus'),
    (a, b) => a <= b,
    (a, b) =>
      `${a.toFixed(1)} ms vs ${b.toFixed(1)} ms; ours' event-loop delay max ${med(t.cold, 'server event-loop delay max', 'ours')?.toFixed(0)} ms, cold first sync p50 ${med(t.cold, 'cold panel first sync p50', 'ours')?.toFixed(1)} ms`,
  )
  out.push({
    scenario: 7,
    target: 'client JS under 120 KB gzipped',
    value: t.clientKb === undefined ? 'not run' : `${t.clientKb.toFixed(1)} KB`,
    ok: t.clientKb === undefined ? null : t.clientKb < 120,
  })
  return out
}
