// Child processes for the bench: fork with tsx, request/response over IPC, and CPU/RSS read from /proc.
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const benchDir = path.resolve(import.meta.dirname, '..')
export const repoRoot = path.resolve(benchDir, '../..')
/** Prepared stores and client builds, kept between runs (outside git, lint and formatting). */
export const cacheDir = path.join(repoRoot, 'node_modules/.cache/ratings-panel-bench')

/** Clock ticks per second for /proc/<pid>/stat (USER_HZ; 100 on every Linux this runs on). */
const CLK_TCK = 100

export interface ProcSample {
  /** user + system CPU time, ms. */
  cpuMs: number
  rssKb: number
  hwmKb: number
  at: number
}

/** CPU and memory of one process from /proc (all its threads: GC, libuv pool, SQLite). */
export function readProc(pid: number): ProcSample {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const cpuMs = ((Number(f[11]) + Number(f[12])) * 1000) / CLK_TCK
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0)
  return { cpuMs, rssKb: kb('VmRSS'), hwmKb: kb('VmHWM'), at: performance.now() }
}

/** Anything whose CPU and RSS the bench reads at the edges of a window: a child, or a group of processes. */
export interface Sampled {
  sample(): ProcSample
}

/** Several processes read as one: CPU time and RSS summed. */
export const sumOf = (parts: Sampled[]): Sampled => ({
  sample() {
    const s = parts.map((p) => p.sample())
    const total = (k: 'cpuMs' | 'rssKb' | 'hwmKb') => s.reduce((n, x) => n + x[k], 0)
    return { cpuMs: total('cpuMs'), rssKb: total('rssKb'), hwmKb: total('hwmKb'), at: performance.now() }
  },
})

/** CPU used between two samples, as a percentage of one core. */
export const cpuPercent = (a: ProcSample, b: ProcSample): number =>
  b.at > a.at ? ((b.cpuMs - a.cpuMs) / (b.at - a.at)) * 100 : 0

export interface MachineSample {
  busyMs: number
  at: number
}

/** CPU time all processes on the machine used (from /proc/stat), to see what else was running. */
export function readMachine(): MachineSample {
  const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number)
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
  return { busyMs: ((user + nice + system + irq + softirq + steal) * 1000) / CLK_TCK, at: performance.now() }
}

interface Reply {
  id?: number
  ok?: boolean
  result?: unknown
  error?: string
  event?: string
  data?: unknown
}

export class Child {
  private nextId = 1
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
  private readonly listeners = new Map<string, ((data: unknown) => void)[]>()
  readonly exited: Promise<number | null>
  /** The tail of the child's stdout and stderr, for error messages. */
  stderr = ''

  constructor(
    readonly name: string,
    readonly proc: ChildProcess,
  ) {
    proc.on('message', (m: Reply) => {
      if (m.event) for (const l of this.listeners.get(m.event) ?? []) l(m.data)
      else if (m.id !== undefined) {
        const w = this.waiting.get(m.id)
        this.waiting.delete(m.id)
        if (m.ok) w?.resolve(m.result)
        else w?.reject(new Error(`${name}: ${m.error}`))
      }
    })
    const keep = (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-8000)
    }
    proc.stderr?.on('data', keep)
    proc.stdout?.on('data', keep)
    this.exited = new Promise((resolve) =>
      proc.once('exit', (code) => {
        for (const w of this.waiting.values())
          w.reject(new Error(`${name} exited (${code}): ${this.stderr.slice(-2000)}`))
        this.waiting.clear()
        resolve(code)
      }),
    )
  }

  get pid(): number {
    return this.proc.pid!
  }

  request<T = unknown>(type: string, payload: unknown = {}, timeoutMs = 120_000): Promise<T> {
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id)
        reject(new Error(`${this.name}: ${type} timed out after ${timeoutMs} ms`))
      }, timeoutMs)
      this.waiting.set(id, {
        resolve: (v) => (clearTimeout(timer), resolve(v as T)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      })
      this.proc.send({ id, type, payload })
    })
  }

  /** Listens for an event the child emits; returns the function that stops listening. */
  on(event: string, fn: (data: unknown) => void): () => void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn])
    return () =>
      this.listeners.set(
        event,
        (this.listeners.get(event) ?? []).filter((f) => f !== fn),
      )
  }

  sample(): ProcSample {
    return readProc(this.pid)
  }

  /** Asks the child to exit, then kills it if it has not within the grace period. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return
    this.proc.kill('SIGTERM')
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs)
    await this.exited
    clearTimeout(timer)
  }
}

/** Forks a bench child (TypeScript via tsx) with an IPC channel; `extraExecArgv` e.g. --cpu-prof. */
export function spawnChild(
  name: string,
  entry: string,
  args: string[] = [],
  extraExecArgv: string[] = [],
): Child {
  const proc = fork(path.join(benchDir, entry), args, {
    cwd: repoRoot,
    execArgv: ['--import', 'tsx', '--expose-gc', ...extraExecArgv],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, NODE_ENV: 'production' },
  })
  return new Child(name, proc)
}
