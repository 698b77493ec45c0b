// What the server reports to Prometheus (GET /metrics): one registry per server, no global state.
// Gauges are read from the hub and the sync service at scrape time; counters and histograms are fed by
// the storage wrapper (commit latency), the commands route (accepted/refused) and the sync endpoint.
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import { Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { Storage } from '../storage/port.ts'

/** What the gauges read when scraped. */
export interface MetricsSources {
  openPanels(): number
  socketsByDoc(): Record<'record' | 'workspace', number>
}

/** Seconds; a durable SQLite commit is ~1 ms on an SSD, a PostgreSQL one a few, a stalled disk seconds. */
const COMMIT_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10]

export class Metrics {
  readonly registry = new Registry()
  private readonly loop: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 })
  private readonly commandsAccepted: Counter
  private readonly commandsRefused: Counter<'reason'>
  private readonly commit: Histogram<'kind'>
  private readonly syncRefusals: Counter<'code'>
  private readonly upgradesRefused: Counter<'status'>
  private sources: MetricsSources | null = null

  constructor() {
    const registers = [this.registry]
    this.loop.enable()
    const open: Gauge = new Gauge({
      name: 'rp_panels_open',
      help: 'Panels held in memory by this process.',
      registers,
      collect: () => open.set(this.sources?.openPanels() ?? 0),
    })
    const sockets: Gauge<'doc'> = new Gauge({
      name: 'rp_sync_sockets',
      help: 'Sync sockets connected to this process, by document kind.',
      labelNames: ['doc'],
      registers,
      collect: () => {
        const by = this.sources?.socketsByDoc() ?? { record: 0, workspace: 0 }
        for (const [doc, n] of Object.entries(by)) sockets.set({ doc }, n)
      },
    })
    this.commandsAccepted = new Counter({
      name: 'rp_commands_accepted_total',
      help: 'Panel commands accepted (appended to the log).',
      registers,
    })
    this.commandsRefused = new Counter({
      name: 'rp_commands_refused_total',
      help: 'Panel commands refused, by the error code answered (forbidden, finalised, invalid, …).',
      labelNames: ['reason'],
      registers,
    })
    this.commit = new Histogram({
      name: 'rp_commit_seconds',
      help: 'Time from offering a write to its durable commit: a command’s events, or a workspace update (group commit).',
      labelNames: ['kind'],
      buckets: COMMIT_BUCKETS,
      registers,
    })
    this.syncRefusals = new Counter({
      name: 'rp_sync_refusals_total',
      help: 'Sync sockets the server closed with an error close code (docs/API.md), by code.',
      labelNames: ['code'],
      registers,
    })
    this.upgradesRefused = new Counter({
      name: 'rp_sync_upgrades_refused_total',
      help: 'Sync connections refused before the WebSocket upgrade, by HTTP status.',
      labelNames: ['status'],
      registers,
    })
    const delay: Gauge<'quantile'> = new Gauge({
      name: 'rp_event_loop_delay_seconds',
      help: 'Event-loop delay since the previous scrape (quantile "1" is the maximum).',
      labelNames: ['quantile'],
      registers,
      collect: () => {
        for (const q of [0.5, 0.9, 0.99])
          delay.set({ quantile: String(q) }, this.loop.percentile(q * 100) / 1e9)
        delay.set({ quantile: '1' }, this.loop.max / 1e9)
        this.loop.reset()
      },
    })
    new Gauge({
      name: 'rp_process_resident_memory_bytes',
      help: 'Resident memory of this process.',
      registers,
      collect() {
        this.set(process.memoryUsage.rss())
      },
    })
  }

  /** The hub and sync service exist after the storage wrapper, so they are attached once built. */
  attach(sources: MetricsSources): void {
    this.sources = sources
  }

  commandAccepted(): void {
    this.commandsAccepted.inc()
  }

  commandRefused(reason: string): void {
    this.commandsRefused.inc({ reason })
  }

  /** A socket closed by the server: error codes (4xxx, 1011) count as refusals; 1000 and 1012 do not. */
  syncClosed(code: number): void {
    if (code >= 4000 || code === 1011 || code === 1009) this.syncRefusals.inc({ code: String(code) })
  }

  upgradeRefused(status: number): void {
    this.upgradesRefused.inc({ status: String(status) })
  }

  /** Times the two durable writes; everything else passes through untouched. */
  instrument(storage: Storage): Storage {
    const time = <T>(kind: 'commands' | 'workspace', p: () => Promise<T>): Promise<T> => {
      const end = this.commit.startTimer({ kind })
      return p().finally(() => end())
    }
    return new Proxy(storage, {
      get: (target, prop, receiver) => {
        if (prop === 'appendEvents')
          return (...a: Parameters<Storage['appendEvents']>) =>
            time('commands', () => target.appendEvents(...a))
        if (prop === 'appendWorkspaceUpdate')
          return (...a: Parameters<Storage['appendWorkspaceUpdate']>) =>
            time('workspace', () => target.appendWorkspaceUpdate(...a))
        return Reflect.get(target, prop, receiver) as unknown
      },
    })
  }

  text(): Promise<string> {
    return this.registry.metrics()
  }

  get contentType(): string {
    return this.registry.contentType
  }

  close(): void {
    this.loop.disable()
  }
}
