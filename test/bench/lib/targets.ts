// The servers under test, each in its own child process on the bench's port (ours ×2: two processes on
// the port and the next, sharing PostgreSQL and Redis), and how a load client reaches a panel's
// document on each.
import path from 'node:path'
import { Child, spawnChild } from './proc.ts'
import type { ClientSpec } from './raw-client.ts'
import type { PanelPlan } from './panels-api.ts'
import type { ServerProcs } from './window.ts'

export type Kind = 'ours' | 'hocuspocus' | 'relay' | 'ours-2'
export const KINDS: Kind[] = ['ours', 'hocuspocus', 'relay', 'ours-2']
export const LABEL: Record<Kind, string> = {
  ours: 'ours',
  hocuspocus: 'Hocuspocus 3.4.4',
  relay: 'bare relay',
  'ours-2': 'ours ×2 (PostgreSQL + Redis)',
}

/** Ours' options the bench may set: scenario 5 shortens the idle unload; ours ×2 runs on PostgreSQL and Redis. */
export interface OursOptions {
  idleUnloadMs?: number
  databaseUrl?: string
  redisUrl?: string
}

/** Ours ×2: the second process, the panels prepared in PostgreSQL for this run, and how to read them. */
export interface ScaleOut {
  peer: Target
  panels: PanelPlan[]
  procs: ServerProcs
  /** Rows in the run's workspace_updates table, read over the bench's own connection. */
  countUpdates(): Promise<number>
  describe: string
  /** Stops the second process, stops reading PostgreSQL and drops the run's schema. */
  close(): Promise<void>
}

export interface Target {
  kind: Kind
  child: Child
  /** http://127.0.0.1:PORT */
  url: string
  firstSignInUrl: string | null
  /** Ours: its store's directory. */
  dataDir?: string
  /** Ours ×2 only (this target is its first process). */
  scaleOut?: ScaleOut
}

export interface StartOptions {
  port: number
  /** Ours only: the store's directory (on disk). */
  dataDir?: string
  /** Ours only: options passed to startServer (e.g. idleUnloadMs). */
  ours?: OursOptions
  /** Write a V8 CPU profile of the server into this directory when it stops. */
  cpuProfDir?: string | null
}

/** One server process; ours ×2 is started as two of `ours` (lib/scale-out.ts). */
export async function startTarget(kind: Exclude<Kind, 'ours-2'>, opts: StartOptions): Promise<Target> {
  // One directory per server run: V8 writes a profile per thread (the main one is the largest; tsx's
  // module loader runs in another).
  const prof = opts.cpuProfDir
    ? [
        '--cpu-prof',
        `--cpu-prof-dir=${path.join(opts.cpuProfDir, `${kind}-${new Date().toISOString().replace(/[:.]/g, '-')}`)}`,
      ]
    : []
  const child = spawnChild(
    `server:${kind}`,
    'children/server.ts',
    [kind, String(opts.port), opts.dataDir ?? '', JSON.stringify(opts.ours ?? {})],
    prof,
  )
  const ready = new Promise<{ url: string; firstSignInUrl: string | null }>((resolve) =>
    child.on('ready', (d) => resolve(d as never)),
  )
  const exited = child.exited.then((code) => {
    throw new Error(`${kind} server exited (${code}) before it was ready:\n${child.stderr.slice(-3000)}`)
  })
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`${kind} server not ready after 60 s`)), 60_000).unref(),
  )
  const { url, firstSignInUrl } = await Promise.race([ready, exited, timeout])
  return { kind, child, url, firstSignInUrl, dataDir: opts.dataDir }
}

export interface DocAddress {
  panelId: string
  doc: 'record' | 'workspace'
  /** Ours: the member's session cookie (`rp_session=…`). */
  cookie?: string
}

/** How a raw client reaches one document of one panel on this server. */
export function clientSpec(t: Target, a: DocAddress): ClientSpec {
  const ws = t.url.replace(/^http/, 'ws')
  switch (t.kind) {
    case 'ours':
    case 'ours-2':
      return {
        url: `${ws}/sync/${a.panelId}/${a.doc}`,
        dialect: 'y-websocket',
        handshake: 'sync',
        docName: '',
        headers: { cookie: a.cookie ?? '', origin: t.url },
      }
    case 'hocuspocus':
      return { url: ws, dialect: 'hocuspocus', handshake: 'sync', docName: `${a.panelId}/${a.doc}` }
    case 'relay':
      return {
        url: `${ws}/sync/${a.panelId}/${a.doc}`,
        dialect: 'y-websocket',
        handshake: 'none',
        docName: '',
      }
  }
}

/** Servers that hold no panel state start their clients from the same documents ours creates. */
export const needsSeed = (kind: Kind): boolean => kind !== 'ours' && kind !== 'ours-2'

export const dataDirFor = (root: string, label: string): string => path.join(root, label)
