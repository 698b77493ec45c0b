// Scale-out end to end: two real server processes on one PostgreSQL and one Redis, real y-websocket
// clients on both. They converge; commands race safely across processes; a process killed mid-panel
// loses nothing and its clients carry on at the other. Needs TEST_DATABASE_URL and TEST_REDIS_URL
// (bash .ci/run sets both); skipped without them unless REQUIRE_SCALEOUT=1, which makes it fail instead.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { findFramework } from '../../shared/framework/builtin.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import { readDraft, readRecordLog, readRecordState } from '../../shared/ydoc/layout.ts'
import { createLogger } from '../../server/logger.ts'
import { PanelHub } from '../../server/panels/hub.ts'
import { openPostgresStorage } from '../../server/storage/postgres.ts'
import type { Storage } from '../../server/storage/port.ts'
import { openLink, readFixtureJson, scratchHeadLog, type Member } from '../support/server.ts'
import { waitFor } from '../support/yclient.ts'

const databaseUrl = process.env.TEST_DATABASE_URL
const redisUrl = process.env.TEST_REDIS_URL
const requireScaleOut = process.env.REQUIRE_SCALEOUT === '1'
const missing = [!databaseUrl && 'TEST_DATABASE_URL', !redisUrl && 'TEST_REDIS_URL']
  .filter(Boolean)
  .join(' and ')
const repoRoot = path.resolve(import.meta.dirname, '../..')

// ---- server processes -------------------------------------------------------------------------

interface Proc {
  name: string
  url: string
  firstSignInUrl: string | null
  child: ChildProcess
  exited: Promise<number | null>
  output(): string
}

/** Starts `server/main.ts` as its own process on port 0 and reads its URL (and sign-in link) from stdout. */
function startProcess(name: string, env: Record<string, string>, expectLink = false): Promise<Proc> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `rp-scale-${name}-`))
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_QUIET: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  let ready = false
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      fs.rmSync(dataDir, { recursive: true, force: true })
      resolve(code)
    }),
  )
  return new Promise<Proc>((resolve, reject) => {
    const fail = (e: Error) => {
      if (ready) return
      ready = true
      clearTimeout(timer)
      child.kill('SIGKILL')
      reject(new Error(`${e.message}\n${out.slice(-3000)}`))
    }
    const timer = setTimeout(() => fail(new Error(`${name} did not start within 30 s`)), 30_000)
    const check = () => {
      const running = /Ratings Panel is running at (http:\/\/\S+)/.exec(out)
      const link = /first organiser[^\n]*\n\s+(http:\/\/\S+)/.exec(out)
      if (ready || !running || (expectLink && !link)) return
      ready = true
      clearTimeout(timer)
      resolve({ name, url: running[1]!, firstSignInUrl: link?.[1] ?? null, child, exited, output: () => out })
    }
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      check()
    })
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
    child.once('exit', (code) => fail(new Error(`${name} exited with ${code} before it was ready`)))
  })
}

async function stopProcess(p: Proc, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return
  p.child.kill(signal)
  const timer = setTimeout(() => p.child.kill('SIGKILL'), 10_000)
  await p.exited
  clearTimeout(timer)
}

// ---- HTTP -------------------------------------------------------------------------------------

async function api(base: string, member: Member | null, method: string, route: string, body?: unknown) {
  const res = await fetch(base + route, {
    method,
    headers: {
      origin: base,
      ...(member ? { cookie: member.cookie } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
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

async function signIn(base: string, link: string, name: string): Promise<Member> {
  const { cookie } = await openLink(link)
  const me = await api(base, { name, cookie, accountId: '' }, 'GET', '/api/me')
  expect(me.status).toBe(200)
  return { name: me.json.account.name, cookie, accountId: me.json.account.id }
}

async function invite(
  base: string,
  lead: Member,
  panelId: string,
  role: string,
  name: string,
): Promise<Member> {
  const r = await api(base, lead, 'POST', `/api/panels/${panelId}/invites`, { role, name })
  expect(r.status, r.text).toBe(201)
  return signIn(base, r.json.url, name)
}

const command = (base: string, m: Member, panelId: string, c: Record<string, unknown>) =>
  api(base, m, 'POST', `/api/panels/${panelId}/commands`, c)

// ---- y-websocket clients ----------------------------------------------------------------------

interface Client {
  doc: Y.Doc
  provider: WebsocketProvider
}

const clients: Client[] = []

/** A real provider on `base` for `doc` (a fresh one, or the one a client kept when its server died). */
function connect(
  base: string,
  member: Member,
  panelId: string,
  name: 'record' | 'workspace',
  doc = new Y.Doc(),
): Client {
  const headers = { cookie: member.cookie, origin: base }
  const Socket = class extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { headers })
    }
  }
  const provider = new WebsocketProvider(base.replace(/^http/, 'ws') + `/sync/${panelId}`, name, doc, {
    WebSocketPolyfill: Socket as never,
    disableBc: true,
    maxBackoffTime: 300,
  })
  const c = { doc, provider }
  clients.push(c)
  return c
}

const synced = (c: Client) => waitFor(() => c.provider.synced, 'sync', 20_000)
const draft = (c: Client, sid = '2.1') => readDraft(c.doc, 'proposal', sid)!
const text = (c: Client, sid = '2.1') => draft(c, sid).toString()
const sameRecord = (a: Client, b: Client) =>
  Buffer.from(Y.encodeStateVector(a.doc)).equals(Buffer.from(Y.encodeStateVector(b.doc))) &&
  JSON.stringify(readRecordState(a.doc)) === JSON.stringify(readRecordState(b.doc)) &&
  JSON.stringify(readRecordLog(a.doc)) === JSON.stringify(readRecordLog(b.doc))
const nextTurn = () => new Promise<void>((r) => setImmediate(r))

// ---- the suite --------------------------------------------------------------------------------

describe.skipIf(!!missing && !requireScaleOut)(
  `scale-out: two processes on PostgreSQL and Redis${missing ? ` (skipped: ${missing} not set)` : ''}`,
  () => {
    const schema = `scaleout_${process.pid}_${randomBytes(4).toString('hex')}`
    const procs: Proc[] = []
    let admin: pg.Client
    let env: Record<string, string>
    let A: Proc
    let B: Proc
    let lead: Member
    let ann: Member
    let bob: Member
    let panelId: string

    beforeAll(async () => {
      if (missing) throw new Error(`REQUIRE_SCALEOUT=1 but ${missing} is not set`)
      admin = new pg.Client({ connectionString: databaseUrl })
      await admin.connect()
      await admin.query(`CREATE SCHEMA ${schema}`)
      const sep = databaseUrl!.includes('?') ? '&' : '?'
      env = {
        DATABASE_URL: `${databaseUrl}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        REDIS_URL: redisUrl!,
      }
      // One at a time: the first migrates the schema and prints the first sign-in link; the second sees accounts.
      procs.push((A = await startProcess('A', env, true)))
      expect(A.firstSignInUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//)
      lead = await signIn(A.url, A.firstSignInUrl!, 'organiser')
      procs.push((B = await startProcess('B', env)))
      expect(B.firstSignInUrl).toBeNull()
      expect(B.url).not.toBe(A.url)

      const created = await api(A.url, lead, 'POST', '/api/panels', {
        inspection: readFixtureJson('gloucestershire-2020.inspection.json'),
      })
      expect(created.status, created.text).toBe(201)
      panelId = created.json.panel.id
      ann = await invite(A.url, lead, panelId, 'inspector', 'Ann Inspector')
      bob = await invite(A.url, lead, panelId, 'inspector', 'Bob Inspector')
    })

    afterAll(async () => {
      for (const c of clients.splice(0)) {
        c.provider.destroy()
        c.doc.destroy()
      }
      await Promise.all(procs.map((p) => stopProcess(p)))
      if (admin) {
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined)
        await admin.end()
      }
    })

    it('a session made on one process is good on the other (sessions live in PostgreSQL)', async () => {
      const onB = await api(B.url, ann, 'GET', `/api/panels/${panelId}`)
      expect(onB.status, onB.text).toBe(200)
      expect(onB.json.role).toBe('inspector')
      expect((await api(B.url, null, 'GET', '/api/panels')).status).toBe(401)
    })

    it('members on different processes see each other live: drafts, presence and the record', async () => {
      const annWs = connect(A.url, ann, panelId, 'workspace')
      const bobWs = connect(B.url, bob, panelId, 'workspace')
      const annRec = connect(A.url, ann, panelId, 'record')
      const bobRec = connect(B.url, bob, panelId, 'record')
      await Promise.all([annWs, bobWs, annRec, bobRec].map(synced))

      draft(annWs).insert(0, 'Ann on A: desistance work is strong. ')
      draft(bobWs).insert(0, 'Bob on B: safety scores sit near the line. ')
      await waitFor(
        () => [annWs, bobWs].every((c) => text(c).includes('Ann on A') && text(c).includes('Bob on B')),
        'drafts to converge across processes',
      )
      expect(text(annWs)).toBe(text(bobWs))

      // Presence carries the name the server knows, across processes too.
      annWs.provider.awareness.setLocalStateField('cursor', { standardId: '2.1' })
      const namesSeenBy = (c: Client) =>
        [...c.provider.awareness.getStates().values()].map(
          (s) => (s as { user?: { name?: string } }).user?.name,
        )
      await waitFor(() => namesSeenBy(bobWs).includes('Ann Inspector'), "Ann's presence on B")

      // A command on A reaches the record on B, and one on B reaches A.
      const proposed = await command(A.url, ann, panelId, {
        type: 'propose',
        standardId: '2.1',
        rating: 'Good',
        justification: text(annWs),
      })
      expect(proposed.status, proposed.text).toBe(200)
      const pid = proposed.json.proposalId as string
      await waitFor(() => !!readRecordState(bobRec.doc)?.proposals[pid], 'the proposal in the record on B')
      const voted = await command(B.url, bob, panelId, {
        type: 'vote',
        proposalId: pid,
        stance: 'support',
        justification: 'Agreed, near the boundary.',
      })
      expect(voted.status, voted.text).toBe(200)
      await waitFor(
        () => !!readRecordState(annRec.doc)?.proposals[pid]?.votes[bob.accountId],
        "Bob's vote in the record on A",
      )
      // Both processes built the record doc from the log the same way: same items, same content.
      await waitFor(() => sameRecord(annRec, bobRec), 'identical record docs on A and B')
    })

    it('two finalise requests at once on two processes: exactly one finalisation and one refusal', async () => {
      for (let round = 0; round < 3; round++) {
        const created = await api(B.url, lead, 'POST', '/api/panels', {
          inspection: readFixtureJson('gloucestershire-2020.inspection.json'),
        })
        expect(created.status).toBe(201)
        const id = created.json.panel.id as string
        // Both processes hold the panel open before the race.
        expect((await api(A.url, lead, 'GET', `/api/panels/${id}`)).status).toBe(200)
        const results = await Promise.all([
          command(A.url, lead, id, { type: 'finalise' }),
          command(B.url, lead, id, { type: 'finalise' }),
        ])
        expect(results.map((r) => r.status).sort(), results.map((r) => r.text).join('\n')).toEqual([200, 409])
        const events = await api(A.url, lead, 'GET', `/api/panels/${id}/events`)
        expect(
          events.json.events.filter((e: { event: { type: string } }) => e.event.type === 'panel.finalised'),
        ).toHaveLength(1)
        expect((await api(B.url, lead, 'GET', `/api/panels/${id}/verify`)).json.ok).toBe(true)
      }
    })

    it('a process killed mid-panel loses nothing; its clients reconnect to the other and carry on', async () => {
      const annWs = connect(A.url, ann, panelId, 'workspace')
      const annRec = connect(A.url, ann, panelId, 'record')
      const bobWs = connect(B.url, bob, panelId, 'workspace')
      await Promise.all([annWs, annRec, bobWs].map(synced))

      // Ann types on A, one keystroke per message; Bob on B sees the first ten; A is killed with more in flight.
      const typed = 'Kept across the crash: every keystroke, before and after. '
      const type = async (from: number, to: number) => {
        for (let i = from; i < to; i++) {
          draft(annWs, '3.2').insert(i, typed[i]!)
          await nextTurn()
        }
      }
      await type(0, 10)
      await waitFor(() => text(bobWs, '3.2') === typed.slice(0, 10), 'the first keystrokes on B')
      await type(10, 21)
      A.child.kill('SIGKILL')
      await type(21, typed.length)
      await A.exited
      expect(A.child.signalCode).toBe('SIGKILL')

      // What anyone was shown had been stored first: PostgreSQL alone (no client's help) holds it.
      const bobSaw = text(bobWs, '3.2')
      const stored = new Y.Doc()
      const stmt = await admin.query<{ data: Buffer }>(
        `SELECT data FROM ${schema}.workspace_updates WHERE panel_id = $1 ORDER BY id`,
        [panelId],
      )
      for (const row of stmt.rows) Y.applyUpdate(stored, row.data)
      const storedText = readDraft(stored, 'proposal', '3.2')!.toString()
      expect(typed.startsWith(storedText), storedText).toBe(true)
      expect(storedText.startsWith(bobSaw), `${storedText} / ${bobSaw}`).toBe(true)
      expect(bobSaw.length).toBeGreaterThanOrEqual(10)
      stored.destroy()

      // Her client reconnects to B with the same documents (a load balancer would do this by itself).
      annWs.provider.destroy()
      annRec.provider.destroy()
      const annWs2 = connect(B.url, ann, panelId, 'workspace', annWs.doc)
      const annRec2 = connect(B.url, ann, panelId, 'record', annRec.doc)
      await Promise.all([annWs2, annRec2].map(synced))
      await waitFor(() => text(bobWs, '3.2') === typed, "everything Ann typed on B's other clients", 20_000)

      // …and carries on: typing and commands on B.
      draft(annWs2, '3.2').insert(typed.length, 'After failover.')
      draft(bobWs, '3.2').insert(0, 'Bob: ')
      await waitFor(
        () =>
          text(annWs2, '3.2') === text(bobWs, '3.2') &&
          text(bobWs, '3.2').endsWith('After failover.') &&
          text(bobWs, '3.2').startsWith('Bob: '),
        'typing to carry on',
      )
      const proposed = await command(B.url, ann, panelId, {
        type: 'propose',
        standardId: '3.2',
        rating: 'Requires improvement',
        justification: text(annWs2, '3.2'),
      })
      expect(proposed.status, proposed.text).toBe(200)
      await waitFor(
        () => !!readRecordState(annRec2.doc)?.proposals[proposed.json.proposalId],
        'the new proposal in her record',
      )

      // Nothing accepted was lost: a fresh process loads from PostgreSQL exactly what the clients hold.
      const C = await startProcess('C', env)
      procs.push(C)
      const fresh = connect(C.url, lead, panelId, 'workspace')
      const freshRec = connect(C.url, lead, panelId, 'record')
      await Promise.all([fresh, freshRec].map(synced))
      await waitFor(
        () => text(fresh, '3.2') === text(bobWs, '3.2') && text(fresh) === text(bobWs),
        'the stored workspace to match the clients',
      )
      await waitFor(() => sameRecord(freshRec, annRec2), 'the stored record to match')
      const verify = await api(C.url, lead, 'GET', `/api/panels/${panelId}/verify`)
      expect(verify.status).toBe(200)
      expect(verify.json).toMatchObject({ ok: true, broken: null })
      const events = (await api(C.url, lead, 'GET', `/api/panels/${panelId}/events`)).json.events as {
        seq: number
      }[]
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1))
      expect(verify.json.events).toBe(events.length)
    })
  },
)

describe.skipIf(!databaseUrl && !requireScaleOut)(
  'scale-out: workspace checkpoints on a shared store',
  () => {
    it('a checkpoint one process takes includes updates another stored that never reached it', async () => {
      if (!databaseUrl) throw new Error('REQUIRE_SCALEOUT=1 but TEST_DATABASE_URL is not set')
      const schema = `checkpoint_${process.pid}_${randomBytes(4).toString('hex')}`
      const stores: Storage[] = []
      const hubs: PanelHub[] = []
      const open = async () => {
        const storage = await openPostgresStorage(databaseUrl, { schema, maxConnections: 2 })
        stores.push(storage)
        const hub = new PanelHub({
          storage,
          log: createLogger({ quiet: true }),
          now: () => new Date(),
          idleUnloadMs: 0,
          heads: scratchHeadLog(),
        })
        hubs.push(hub)
        return { storage, hub }
      }
      try {
        // Two "processes" on one store, with no relay between them: the worst case of lost messages.
        const one = await open()
        const two = await open()
        const lead = { id: 'lead', name: 'Lead', organiser: true, createdAt: new Date().toISOString() }
        await one.storage.createAccount(lead)
        const parsed = parseInspection(readFixtureJson('gloucestershire-2020.inspection.json'), findFramework)
        if (!parsed.ok) throw new Error(JSON.stringify(parsed.error))
        const p1 = await one.hub.create({
          panelId: 'p-cp',
          title: 'Checkpoint',
          framework: findFramework(parsed.value.framework)!,
          inspection: parsed.value,
          lead,
        })
        const p2 = (await two.hub.open('p-cp'))!

        // An edit made against a panel's workspace, as a client would send it.
        const edit = async (panel: typeof p1, standardId: string, words: string) => {
          const client = new Y.Doc()
          Y.applyUpdate(client, Y.encodeStateAsUpdate(panel.workspace))
          const before = Y.encodeStateVector(client)
          readDraft(client, 'note', standardId)!.insert(0, words)
          const by = { accountId: 'lead', role: 'lead' as const }
          expect(await panel.acceptWorkspaceUpdate(Y.encodeStateAsUpdate(client, before), by, null)).toBe(
            null,
          )
          client.destroy()
        }
        await edit(p1, '2.1', 'stored by process one')
        await edit(p2, '3.2', 'stored by process two')
        expect(readDraft(p2.workspace, 'note', '2.1')!.toString()).toBe('')
        await p2.checkpointWorkspace()

        const updates = await two.storage.loadWorkspaceUpdates('p-cp')
        const cp = (await two.storage.loadCheckpoint('p-cp', 'workspace'))!
        expect(cp.seq).toBe(updates.at(-1)!.seq)
        const fromCheckpoint = new Y.Doc()
        Y.applyUpdate(fromCheckpoint, cp.state)
        expect(readDraft(fromCheckpoint, 'note', '2.1')!.toString()).toBe('stored by process one')
        expect(readDraft(fromCheckpoint, 'note', '3.2')!.toString()).toBe('stored by process two')
        fromCheckpoint.destroy()

        // A third process loading the panel (checkpoint, then later updates) has both.
        const three = await open()
        const p3 = (await three.hub.open('p-cp'))!
        expect(readDraft(p3.workspace, 'note', '2.1')!.toString()).toBe('stored by process one')
        expect(readDraft(p3.workspace, 'note', '3.2')!.toString()).toBe('stored by process two')
      } finally {
        for (const h of hubs) await h.close()
        for (const s of stores) await s.close()
        const admin = new pg.Client({ connectionString: databaseUrl })
        await admin.connect()
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
        await admin.end()
      }
    })
  },
)
