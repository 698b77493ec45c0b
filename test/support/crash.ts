// Crash safety: the real server (`server/main.ts`) as a child process, killed with SIGKILL in the middle of a
// burst of commands and edits from several clients, restarted on the same data dir. Whatever a client was
// told was accepted must be there; clients keep their unsent edits and resync them on the new server.
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { readDraft, readRecordState, type DraftKind } from '../../shared/ydoc/layout.ts'
import { openLink, readFixtureJson, type Member } from './server.ts'
import { waitFor } from './yclient.ts'

const repoRoot = path.resolve(import.meta.dirname, '../..')

export interface ChildServer {
  url: string
  firstSignInUrl: string | null
  proc: ChildProcess
  output: () => string
}

/** Starts `server/main.ts` on port 0 with this data dir; resolves once it prints where it runs. */
export function spawnServer(dataDir: string, expectLink: boolean): Promise<ChildServer> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_QUIET: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  // Keep draining both pipes for the child's whole life, so it never blocks on a full pipe.
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error('the server did not start within 30 s')), 30_000)
    const fail = (e: Error) => {
      clearTimeout(timer)
      proc.kill('SIGKILL')
      reject(new Error(`${e.message}\n${out}`))
    }
    proc.once('exit', (code, signal) =>
      fail(new Error(`the server exited (${code ?? signal}) before it was ready`)),
    )
    const check = () => {
      const url = /Ratings Panel is running at (http:\/\/\S+)/.exec(out)?.[1]
      const link = /^\s+(http:\/\/\S+\/auth\/link\/\S+)$/m.exec(out)?.[1] ?? null
      if (!url || (expectLink && !link)) return
      clearTimeout(timer)
      proc.removeAllListeners('exit')
      proc.stdout!.off('data', check)
      resolve({ url, firstSignInUrl: link, proc, output: () => out })
    }
    proc.stdout!.on('data', check)
  })
}

export function killHard(s: ChildServer): Promise<void> {
  if (s.proc.exitCode !== null || s.proc.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    s.proc.once('exit', () => resolve())
    s.proc.kill('SIGKILL')
  })
}

export function stopGently(s: ChildServer): Promise<number | null> {
  if (s.proc.exitCode !== null || s.proc.signalCode !== null) return Promise.resolve(s.proc.exitCode)
  return new Promise((resolve) => {
    s.proc.once('exit', (code) => resolve(code))
    s.proc.kill('SIGTERM')
  })
}

async function api(base: string, m: Member | null, method: string, route: string, body?: unknown) {
  const res = await fetch(base + route, {
    method,
    headers: {
      origin: base,
      ...(m ? { cookie: m.cookie } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json: any = null
  try {
    json = JSON.parse(text)
  } catch {
    /* not JSON */
  }
  return { status: res.status, json, text }
}

/** A y-websocket client whose document outlives its provider, so it can move to a restarted server. */
class DocClient {
  readonly doc = new Y.Doc()
  provider: WebsocketProvider | null = null
  readonly closes: number[] = []

  constructor(
    readonly member: Member,
    readonly name: 'record' | 'workspace',
  ) {}

  connectTo(base: string, panelId: string): void {
    this.provider?.destroy()
    const { cookie } = this.member
    const Socket = class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers: { cookie, origin: base } })
      }
    }
    this.provider = new WebsocketProvider(
      base.replace(/^http/, 'ws') + `/sync/${panelId}`,
      this.name,
      this.doc,
      {
        WebSocketPolyfill: Socket as never,
        disableBc: true,
        maxBackoffTime: 300,
      },
    )
    this.provider.on('connection-close', (e: any) => e && this.closes.push(e.code))
  }

  /** The network is gone: the provider goes, the document (with any unsent edits) stays. */
  disconnect(): void {
    this.provider?.destroy()
    this.provider = null
  }

  synced = () =>
    waitFor(() => this.provider?.synced === true, `${this.member.name}'s ${this.name} to sync`, 20_000).catch(
      (e: Error) => {
        throw new Error(`${e.message} (closes: ${this.closes.join(', ') || 'none'})`)
      },
    )

  destroy(): void {
    this.provider?.destroy()
    this.doc.destroy()
  }
}

const SLOTS: [DraftKind, string][] = [
  ['note', '1.1'],
  ['proposal', '2.2'],
  ['footnote', '2.4'],
  ['note', '3.1'],
]
const allText = (doc: Y.Doc) => SLOTS.map(([k, s]) => readDraft(doc, k, s)?.toString() ?? '').join('\n')

export interface CrashFigures {
  crashes: number
  commandsAcknowledged: number
  editsAcknowledged: number
  editsTyped: number
  offlineEdits: number
  commandsLost: number
  editsLost: number
  recordRefusals: number
}

/**
 * Runs `rounds` of: a burst of commands (three members) and edits (three writers) → SIGKILL mid-burst →
 * edits typed while the server is down → restart → check nothing acknowledged is missing, the chain
 * verifies, and every client's edits, sent or not, reach the restarted server.
 */
export async function runCrashScenario(opts: {
  rounds: number
  commandsPerRound?: number
  log?: (line: string) => void
}): Promise<CrashFigures> {
  const commandCap = opts.commandsPerRound ?? Number.POSITIVE_INFINITY
  const log = opts.log ?? (() => undefined)
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-crash-'))
  const figures: CrashFigures = {
    crashes: 0,
    commandsAcknowledged: 0,
    editsAcknowledged: 0,
    editsTyped: 0,
    offlineEdits: 0,
    commandsLost: 0,
    editsLost: 0,
    recordRefusals: 0,
  }
  let server = await spawnServer(dataDir, true)
  const clients: DocClient[] = []
  try {
    const { cookie } = await openLink(server.firstSignInUrl!)
    const lead: Member = { name: 'Organiser', cookie, accountId: '' }
    const created = await api(server.url, lead, 'POST', '/api/panels', {
      inspection: readFixtureJson('gloucestershire-2020.inspection.json'),
    })
    if (created.status !== 201) throw new Error(`create panel: ${created.text}`)
    const panelId = created.json.panel.id as string
    const invite = async (role: string, name: string): Promise<Member> => {
      const r = await api(server.url, lead, 'POST', `/api/panels/${panelId}/invites`, { role, name })
      return { name, cookie: (await openLink(r.json.url)).cookie, accountId: '' }
    }
    const ann = await invite('inspector', 'Ann Inspector')
    const bob = await invite('inspector', 'Bob Inspector')
    const rita = await invite('reviewer', 'Rita Reviewer')

    // Open proposals to vote on, one per triggered standard.
    const proposals: string[] = []
    for (const [m, sid, rating] of [
      [ann, '2.1', 'Good'],
      [bob, '3.2', 'Requires improvement'],
      [lead, '3.3', 'Requires improvement'],
    ] as const) {
      const r = await api(server.url, m, 'POST', `/api/panels/${panelId}/commands`, {
        type: 'propose',
        standardId: sid,
        rating,
        justification: 'Near the boundary; one case flips it.',
      })
      if (r.status !== 200) throw new Error(`propose: ${r.text}`)
      proposals.push(r.json.proposalId)
    }

    const writers = [ann, bob, lead].map((m) => new DocClient(m, 'workspace'))
    const observer = new DocClient(rita, 'workspace')
    const records = [ann, rita].map((m) => new DocClient(m, 'record'))
    clients.push(...writers, observer, ...records)
    for (const c of clients) c.connectTo(server.url, panelId)
    await Promise.all(clients.map((c) => c.synced()))

    const acked: { seq: number; hash: string }[] = []
    const typed: string[] = []
    for (let round = 1; round <= opts.rounds; round++) {
      let dead = false
      let commandsThisRound = 0
      const base = server.url
      const commandLoop = async (m: Member, k: number) => {
        for (let n = 0; !dead && commandsThisRound < commandCap; n++) {
          try {
            const r = await api(base, m, 'POST', `/api/panels/${panelId}/commands`, {
              type: 'vote',
              proposalId: proposals[(n + k) % proposals.length],
              stance: (['support', 'oppose', 'abstain'] as const)[n % 3],
              justification: `Round ${round}, vote ${n} by ${m.name}.`,
            })
            if (r.status !== 200) throw new Error(`vote refused: ${r.status} ${r.text}`)
            for (const e of r.json.events) acked.push({ seq: e.seq, hash: e.hash })
            commandsThisRound++
          } catch (e) {
            if (dead) return
            throw e
          }
        }
      }
      const editLoop = async (w: DocClient, k: number) => {
        for (let i = 0; !dead && i < 300; i++) {
          const token = `[r${round}w${k}e${i}]`
          const [kind, sid] = SLOTS[i % SLOTS.length]!
          const text = readDraft(w.doc, kind, sid)!
          text.insert(i % 2 ? text.length : 0, token)
          typed.push(token)
          // At most five of this writer's edits in flight at once.
          const mine = typed.filter((t) => t.includes(`w${k}e`))
          await waitFor(
            () => dead || mine.slice(0, -5).every((t) => allText(observer.doc).includes(t)),
            'the observer to keep up',
            20_000,
          )
        }
      }
      const loops = [
        commandLoop(ann, 0),
        commandLoop(bob, 1),
        commandLoop(lead, 2),
        ...writers.map((w, k) => editLoop(w, k)),
      ]
      const seenByObserver = () => typed.filter((t) => allText(observer.doc).includes(t)).length
      const editsBefore = seenByObserver()
      await waitFor(
        () => commandsThisRound >= Math.min(10, commandCap) && seenByObserver() - editsBefore >= 30,
        'the burst to get going',
        20_000,
      )
      dead = true
      await killHard(server)
      figures.crashes++
      await Promise.all(loops)
      // No client may reach the next server by itself (port 0 can hand out the same port again) before
      // durability is checked, or a resent edit would hide a lost one.
      for (const c of clients) c.disconnect()

      // Told accepted: command responses received, and edits another client (the observer) received.
      const editsAcked = typed.filter((t) => allText(observer.doc).includes(t))
      const newlyAcked = editsAcked.length - figures.editsAcknowledged
      // Typed while the server is down: kept in each writer's document, unsent.
      for (const [k, w] of writers.entries())
        for (let i = 0; i < 10; i++) {
          const token = `[r${round}w${k}off${i}]`
          readDraft(w.doc, 'note', '1.1')!.insert(0, token)
          typed.push(token)
          figures.offlineEdits++
        }
      log(
        `round ${round}: killed after ${acked.length} acknowledged events and ${editsAcked.length} acknowledged edits (${typed.length} typed, ${newlyAcked} acknowledged in this burst)`,
      )

      server = await spawnServer(dataDir, false)
      // Durability first, before any old client can resend anything: a fresh reader of the restarted server.
      const fresh = new DocClient(rita, 'workspace')
      fresh.connectTo(server.url, panelId)
      await fresh.synced()
      const missingEdits = editsAcked.filter((t) => !allText(fresh.doc).includes(t))
      fresh.destroy()
      const stored = (await api(server.url, lead, 'GET', `/api/panels/${panelId}/events`)).json.events as {
        seq: number
        hash: string
      }[]
      const bySeq = new Map(stored.map((e) => [e.seq, e.hash]))
      const missingCommands = acked.filter((a) => bySeq.get(a.seq) !== a.hash)
      figures.editsLost += missingEdits.length
      figures.commandsLost += missingCommands.length
      if (missingEdits.length || missingCommands.length)
        throw new Error(
          `lost after the crash: ${missingCommands.length} acknowledged events, ${missingEdits.length} acknowledged edits (${missingEdits.slice(0, 5).join(' ')})`,
        )
      const verified = await api(server.url, lead, 'GET', `/api/panels/${panelId}/verify`)
      if (!verified.json.ok) throw new Error(`the chain does not verify: ${verified.text}`)

      // Every client resyncs on the restarted server with the document it kept.
      for (const c of clients) c.connectTo(server.url, panelId)
      await Promise.all(clients.map((c) => c.synced()))
      await waitFor(
        () => typed.every((t) => allText(observer.doc).includes(t)),
        'every edit, sent or not, to arrive',
        20_000,
      )
      const reference = new DocClient(rita, 'record')
      reference.connectTo(server.url, panelId)
      await reference.synced()
      await waitFor(
        () =>
          records.every((r) => readRecordState(r.doc)?.version === readRecordState(reference.doc)?.version),
        'record clients to catch up',
        20_000,
      )
      for (const r of records) {
        if (
          !Buffer.from(Y.encodeStateAsUpdate(r.doc)).equals(Buffer.from(Y.encodeStateAsUpdate(reference.doc)))
        )
          throw new Error(`${r.member.name}'s record differs from the restarted server's`)
      }
      reference.destroy()
      figures.recordRefusals += clients.reduce(
        (n, c) => n + c.closes.filter((code) => code === 4403).length,
        0,
      )
      if (figures.recordRefusals) throw new Error('a client was refused as a writer after the restart')
      figures.commandsAcknowledged = acked.length
      figures.editsAcknowledged = editsAcked.length
    }
    figures.editsTyped = typed.length
    // Finally a clean stop, and the stand-alone verifier agrees.
    for (const c of clients.splice(0)) c.destroy()
    const code = await stopGently(server)
    if (code !== 0) throw new Error(`the server stopped with ${code}:\n${server.output()}`)
    const verify = spawn(process.execPath, ['--import', 'tsx', 'server/cli/verify.ts', '--data', dataDir], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let verifyOut = ''
    verify.stdout.on('data', (d: Buffer) => (verifyOut += d.toString()))
    verify.stderr.on('data', (d: Buffer) => (verifyOut += d.toString()))
    const verifyCode = await new Promise<number | null>((resolve) => verify.once('exit', resolve))
    if (verifyCode !== 0) throw new Error(`npm run verify failed (${verifyCode}):\n${verifyOut}`)
    return figures
  } finally {
    for (const c of clients) c.destroy()
    await killHard(server)
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
