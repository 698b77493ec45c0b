// What the numbers were taken on: CPU, cores, memory, Node, package versions, the store's disk, and
// how busy the (shared) machine was.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { readMachine, repoRoot } from './proc.ts'

export interface Machine {
  cpu: string
  cores: number
  ramGb: number
  os: string
  node: string
  versions: Record<string, string>
  storeDisk: string
  loadAverage: number[]
}

const version = (pkg: string): string => {
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as {
        version: string
      }
    ).version
  } catch {
    return 'not installed'
  }
}

/** The filesystem a directory lives on, from /proc/mounts (longest matching mount point). */
function filesystemOf(dir: string): string {
  try {
    const mounts = fs
      .readFileSync('/proc/mounts', 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' '))
    const real = fs.realpathSync(dir)
    const m = mounts
      .filter((x) => real === x[1] || real.startsWith(x[1] === '/' ? '/' : `${x[1]}/`))
      .sort((a, b) => b[1]!.length - a[1]!.length)[0]
    return m ? `${m[2]} (${m[0]} on ${m[1]})` : 'unknown'
  } catch {
    return 'unknown'
  }
}

export function describeMachine(storeDir: string): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    ramGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    versions: Object.fromEntries(
      [
        'yjs',
        'y-protocols',
        'y-websocket',
        'lib0',
        'ws',
        '@hocuspocus/server',
        'better-sqlite3',
        'hono',
        '@hono/node-server',
        'tsx',
      ].map((p) => [p, version(p)]),
    ),
    storeDisk: filesystemOf(storeDir),
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  }
}

/** CPU (% of one core) the whole machine uses over `ms`. */
export async function machineBusy(ms: number): Promise<number> {
  const a = readMachine()
  await new Promise((r) => setTimeout(r, ms))
  const b = readMachine()
  return ((b.busyMs - a.busyMs) / (b.at - a.at)) * 100
}

/**
 * Waits, up to `maxWaitMs`, until other processes leave the machine nearly idle; the bench shares
 * this machine with other work. Returns the last reading.
 */
export async function waitForQuiet(
  maxWaitMs: number,
  limitPercent = 30,
): Promise<{ busy: number; waitedMs: number }> {
  if (maxWaitMs <= 0) return { busy: 0, waitedMs: 0 }
  const started = performance.now()
  let busy = await machineBusy(Math.min(500, Math.max(200, maxWaitMs / 5)))
  while (busy > limitPercent && performance.now() - started < maxWaitMs) busy = await machineBusy(1000)
  return { busy, waitedMs: performance.now() - started }
}
