/*
 * Ours ×2: two server processes on one PostgreSQL database and one Redis, as docs/SCALE-OUT.md runs
 * them. Each run gets a fresh schema in the database named by TEST_DATABASE_URL (dropped afterwards);
 * process A starts on the bench's port and the panels are made through its HTTP API the way ours'
 * SQLite store is prepared; then process B starts on the next port. Both have REDIS_URL =
 * TEST_REDIS_URL. Without those variables the target is skipped with a note.
 *
 * CPU of what serves the load is read from /proc like every other figure: both server processes,
 * Redis (its pid from INFO), and PostgreSQL: the backends connected from either server process
 * (matched by their client port to the processes' sockets) plus the cluster's background processes
 * (WAL writer, checkpointer, …). A backend that exits keeps the CPU it was last seen with.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Redis } from 'ioredis'
import pg from 'pg'
import type { Config } from './config.ts'
import { makePanels, signInOrganiser } from './panels-api.ts'
import { readProc, sumOf, type ProcSample, type Sampled } from './proc.ts'
import { startTarget, type Target } from './targets.ts'

export interface ScaleOutEnv {
  databaseUrl: string
  redisUrl: string
  /** e.g. "PostgreSQL 15.14, Redis 7.0.15" */
  versions: string
}

/** The variables ours ×2 needs, or why it cannot run. */
export async function scaleOutEnv(env: NodeJS.ProcessEnv): Promise<ScaleOutEnv | { skip: string }> {
  const databaseUrl = env.TEST_DATABASE_URL
  const redisUrl = env.TEST_REDIS_URL
  const missing = [!databaseUrl && 'TEST_DATABASE_URL', !redisUrl && 'TEST_REDIS_URL'].filter(Boolean)
  if (missing.length) return { skip: `${missing.join(' and ')} not set` }
  let pgVersion: string
  try {
    const c = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 5000 })
    await c.connect()
    pgVersion = (await c.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version
    await c.end()
  } catch (e) {
    return { skip: `PostgreSQL at TEST_DATABASE_URL not reachable (${(e as Error).message})` }
  }
  const r = new Redis(redisUrl!, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 0 })
  let redisVersion: string
  try {
    await r.connect()
    redisVersion = /redis_version:(\S+)/.exec(await r.info('server'))?.[1] ?? '?'
  } catch (e) {
    return { skip: `Redis at TEST_REDIS_URL not reachable (${(e as Error).message})` }
  } finally {
    r.disconnect()
  }
  return {
    databaseUrl: databaseUrl!,
    redisUrl: redisUrl!,
    versions: `PostgreSQL ${pgVersion.split(' ')[0]}, Redis ${redisVersion}`,
  }
}

/** Where the URL points, without its credentials. */
const where = (url: string) => {
  const u = new URL(url)
  return `${u.host}${u.pathname === '/' ? '' : u.pathname}`
}

/** PostgreSQL and Redis as the report names them (no credentials). */
export const describeScaleOut = (env: ScaleOutEnv): string =>
  `${env.versions}; PostgreSQL at ${where(env.databaseUrl)}, Redis at ${where(env.redisUrl)}`

const tolerant = (pid: number): ProcSample => {
  try {
    return readProc(pid)
  } catch {
    return { cpuMs: NaN, rssKb: 0, hwmKb: 0, at: performance.now() }
  }
}

/** The local TCP ports of a process's sockets (from its fds and /proc/net/tcp*). */
function localPorts(pid: number): Set<number> {
  const inodes = new Set<string>()
  for (const fd of fs.existsSync(`/proc/${pid}/fd`) ? fs.readdirSync(`/proc/${pid}/fd`) : []) {
    try {
      const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))
      if (m) inodes.add(m[1]!)
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>()
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').slice(1) : []
    for (const line of lines) {
      const f = line.trim().split(/\s+/)
      if (inodes.has(f[9]!)) ports.add(parseInt(f[1]!.split(':')[1]!, 16))
    }
  }
  return ports
}

/**
 * PostgreSQL's CPU on behalf of the given server processes: their backends and the cluster's
 * background processes, found through pg_stat_activity every 500 ms. Cumulative: a process that
 * exits keeps the CPU time it was last seen with, so differences between samples stay right.
 */
class PostgresCpu implements Sampled {
  private readonly last = new Map<number, number>()
  private readonly tracked = new Set<number>()
  private readonly notOurs = new Set<number>()
  private timer: NodeJS.Timeout | null = null
  private refreshing: Promise<void> | null = null

  constructor(
    private readonly admin: pg.Client,
    private readonly serverPids: number[],
  ) {}

  async start(): Promise<void> {
    await this.refresh()
    // A failed refresh (a backend gone between the query and /proc) is retried on the next tick.
    this.timer = setInterval(
      () =>
        void (this.refreshing ??= this.refresh()
          .catch(() => undefined)
          .finally(() => (this.refreshing = null))),
      500,
    )
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer)
    await this.refreshing
  }

  private async refresh(): Promise<void> {
    const { rows } = await this.admin.query<{
      pid: number
      backend_type: string
      client_port: number | null
    }>('SELECT pid, backend_type, client_port FROM pg_stat_activity WHERE pid <> pg_backend_pid()')
    const fresh = rows.filter((r) => !this.tracked.has(r.pid) && !this.notOurs.has(r.pid))
    if (!fresh.length) return
    const ports = new Set(this.serverPids.flatMap((p) => [...localPorts(p)]))
    for (const r of fresh) {
      const ours =
        r.backend_type === 'client backend' ? r.client_port !== null && ports.has(r.client_port) : true
      if (!ours) {
        this.notOurs.add(r.pid)
        continue
      }
      this.tracked.add(r.pid)
      if (r.backend_type !== 'client backend') {
        // The postmaster, the parent of every backend, counts as background too.
        const status = fs.existsSync(`/proc/${r.pid}/status`)
          ? fs.readFileSync(`/proc/${r.pid}/status`, 'utf8')
          : ''
        const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1])
        if (parent > 1) this.tracked.add(parent)
      }
    }
  }

  sample(): ProcSample {
    for (const pid of this.tracked) {
      const s = tolerant(pid)
      if (Number.isFinite(s.cpuMs)) this.last.set(pid, s.cpuMs)
    }
    let cpuMs = 0
    for (const v of this.last.values()) cpuMs += v
    return { cpuMs: this.last.size ? cpuMs : NaN, rssKb: 0, hwmKb: 0, at: performance.now() }
  }
}

let schemas = 0

/**
 * Ours ×2 for one run: a fresh schema, its panels prepared over HTTP, and two processes on `port`
 * and `port + 1`. The returned target is process A; `scaleOut.close()` stops both processes,
 * stops reading PostgreSQL and drops the schema.
 */
export async function startOursPair(
  cfg: Config,
  env: ScaleOutEnv,
  port: number,
  cpuProfDir: string | null,
  log: (line: string) => void,
): Promise<Target> {
  const t0 = performance.now()
  const admin = new pg.Client({ connectionString: env.databaseUrl })
  await admin.connect()
  const schema = `bench_${process.pid}_${++schemas}`
  await admin.query(`CREATE SCHEMA ${schema}`)
  const sep = env.databaseUrl.includes('?') ? '&' : '?'
  const databaseUrl = `${env.databaseUrl}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`
  const started: Target[] = []
  let pgCpu: PostgresCpu | null = null
  // Each process's own data dir, for what it keeps outside the database (its signed head log and key);
  // without one they would land in the working directory.
  const dirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), 'rp-bench-ours2-')))
  const close = async () => {
    await Promise.all(started.map((t) => t.child.stop(15_000)))
    for (const d of dirs) fs.rmSync(d, { recursive: true, force: true })
    await pgCpu?.stop()
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await admin.end()
  }
  try {
    // The panels, made through process A's API the way ours' SQLite store is made (A then holds them
    // open; B opens each when its first client connects). Sixteen requests at a time: PostgreSQL
    // commits wait on the disk, not on this process.
    const ours = { databaseUrl, redisUrl: env.redisUrl }
    const a = await startTarget('ours', { port, ours, cpuProfDir, dataDir: dirs[0]! })
    started.push(a)
    const organiser = await signInOrganiser(a)
    const panels = await makePanels(a, organiser, cfg.panels.panels + 1, cfg.panels.members, 16)
    const builtMs = performance.now() - t0
    const b = await startTarget('ours', { port: port + 1, ours, cpuProfDir, dataDir: dirs[1]! })
    started.push(b)
    pgCpu = new PostgresCpu(admin, [a.child.pid, b.child.pid])
    await pgCpu.start()
    const redis = new Redis(env.redisUrl, { lazyConnect: true })
    await redis.connect()
    const redisPid = Number(/process_id:(\d+)/.exec(await redis.info('server'))?.[1])
    redis.disconnect()
    const redisCpu: Sampled = { sample: () => tolerant(redisPid) }
    const peer = b
    log(
      `  ours ×2: schema ${schema}, ${panels.length} panels made in ${(builtMs / 1000).toFixed(1)} s, both processes up after ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    )
    return {
      ...a,
      kind: 'ours-2',
      scaleOut: {
        peer,
        panels,
        procs: {
          server: sumOf([a.child, b.child]),
          each: { 'process A': a.child, 'process B': b.child },
          services: { Redis: redisCpu, PostgreSQL: pgCpu },
        },
        countUpdates: async () =>
          Number(
            (await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${schema}.workspace_updates`))
              .rows[0]!.n,
          ),
        describe: `processes A (port ${port}) and B (port ${port + 1}); PostgreSQL ${where(env.databaseUrl)}, schema ${schema} (fresh for the run); Redis ${where(env.redisUrl)}`,
        close,
      },
    }
  } catch (e) {
    await close().catch(() => undefined)
    throw e
  }
}
