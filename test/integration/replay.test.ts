// Replay and audit end to end: the replayed panel equals the live one at every event, workspace replay gives
// the drafts as they were (by update and by time), and any tampering with the stored log is caught by
// `npm run verify` and GET /verify. Real server on port 0, real y-websocket clients, real SQLite file.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { decodeReplayFrame, REPLAY_FRAME_TYPE } from '../../shared/replay-frame.ts'
import { RECORD_CHECKPOINT_EVERY, WORKSPACE_CHECKPOINT_EVERY } from '../../server/panels/live-panel.ts'
import { linkHash } from '../../server/panels/chain.ts'
import { verifyStoredPanel } from '../../server/panels/verify.ts'
import { openSqliteStorage } from '../../server/storage/sqlite.ts'
import type { Storage, StoredEvent } from '../../server/storage/port.ts'
import type { PanelState } from '../../shared/panel/types.ts'
import { readDraft, readRecordState } from '../../shared/ydoc/layout.ts'
import {
  openLink,
  readFixtureJson,
  startTestServer,
  type Member,
  type TestServer,
} from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

const root = path.resolve(import.meta.dirname, '..', '..')
const decisions = readFixtureJson<{ decisions: Record<string, { rating: string; justification: string }> }>(
  'gloucestershire-2020.decisions.json',
).decisions

let servers: TestServer[] = []
const clients: Client[] = []
const dirs: string[] = []
const open = (...args: Parameters<typeof connect>) => {
  const c = connect(...args)
  clients.push(c)
  return c
}
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.close()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

/** A clock the test moves: every stored `at` is a known, distinct moment. */
function testClock(start = '2020-01-14T09:00:00.000Z') {
  let ms = Date.parse(start)
  return { now: () => new Date(ms), tick: (by = 1000) => new Date((ms += by)).toISOString() }
}

/** The two documents a replay answer holds, read back: the state, and every draft's text. */
function readReplay(json: { state: PanelState | null; workspace: string }) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Buffer.from(json.workspace, 'base64'))
  const drafts = draftsOf(doc)
  doc.destroy()
  return { state: json.state, drafts }
}

const draftsOf = (doc: Y.Doc): Record<string, string> =>
  Object.fromEntries(
    [...doc.getMap<Y.Text>('drafts').entries()]
      .map(([k, v]) => [k, v.toString()])
      .sort(([a], [b]) => (a! < b! ? -1 : 1)),
  )

/** JSON as the wire carries it, so a live state and a replayed one compare by value. */
const plain = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T

async function inviteStepwise(
  t: TestServer,
  lead: Member,
  panelId: string,
  role: string,
  name: string,
  after: () => Promise<void>,
): Promise<Member> {
  const r = await t.api(lead, 'POST', `/api/panels/${panelId}/invites`, { role, name })
  expect(r.status).toBe(201)
  const { cookie } = await openLink(r.json.url)
  await after()
  const me = await t.api({ name, cookie, accountId: '' }, 'GET', '/api/me')
  return { name, cookie, accountId: me.json.account.id }
}

describe('replay', () => {
  it('replays the panel to exactly the state the live panel had after every event', async () => {
    const clock = testClock()
    const t = await startTestServer({ now: clock.now })
    servers.push(t)
    const lead = t.organiser
    const panelId = await t.createPanel(lead)

    // Live states, two ways: the record doc a real client holds (every transaction is one event), and
    // GET /api/panels/:id after every action.
    const live = new Map<number, PanelState>()
    const viaHttp = new Map<number, PanelState>()
    const rec = open(t.url, lead, panelId, 'record')
    const capture = () => {
      const s = readRecordState(rec.doc)
      if (s) live.set(s.version, plain(s))
    }
    rec.doc.on('update', capture)
    await synced(rec)
    capture()
    const snapshot = async () => {
      const r = await t.api(lead, 'GET', `/api/panels/${panelId}`)
      viaHttp.set(r.json.state.version, r.json.state)
      await waitFor(
        () => live.has(r.json.state.version),
        `the record doc to reach version ${r.json.state.version}`,
      )
    }
    const act = async (m: Member, command: Record<string, unknown>) => {
      clock.tick(60_000)
      const r = await t.command(m, panelId, command)
      expect(r.status, JSON.stringify(r.json)).toBe(200)
      await snapshot()
      return r.json as { proposalId?: string }
    }

    const ann = await inviteStepwise(t, lead, panelId, 'inspector', 'Ann Inspector', snapshot)
    const bob = await inviteStepwise(t, lead, panelId, 'inspector', 'Bob Inspector', snapshot)
    await inviteStepwise(t, lead, panelId, 'reviewer', 'Rita Reviewer', snapshot)

    // Every kind of event: proposals, votes and changed votes, a retraction, applied and rejected decisions, finalisation.
    const p21 = (
      await act(ann, {
        type: 'propose',
        standardId: '2.1',
        rating: 'Good',
        justification: 'Near the boundary: 60.9% against 65%.',
      })
    ).proposalId!
    await act(bob, {
      type: 'vote',
      proposalId: p21,
      stance: 'support',
      justification: 'Desistance work is strong.',
    })
    await act(lead, { type: 'vote', proposalId: p21, stance: 'abstain', justification: 'Undecided for now.' })
    await act(bob, { type: 'vote', proposalId: p21, stance: 'oppose', justification: 'On reflection, no.' })
    await act(bob, {
      type: 'vote',
      proposalId: p21,
      stance: 'support',
      justification: 'Back to support after the notes.',
    })
    const wrong = (
      await act(ann, {
        type: 'propose',
        standardId: '3.2',
        rating: 'Requires improvement',
        justification: 'Draft sent too early.',
      })
    ).proposalId!
    await act(ann, { type: 'retract', proposalId: wrong })
    const p24 = (
      await act(bob, {
        type: 'propose',
        standardId: '2.4',
        rating: 'Requires improvement',
        justification: 'Reviewing looks weaker than the score.',
      })
    ).proposalId!
    await act(lead, {
      type: 'decide',
      proposalId: p24,
      outcome: 'rejected',
      text: 'The score stands: no reason to lower it.',
    })
    await act(lead, {
      type: 'decide',
      proposalId: p21,
      outcome: 'applied',
      text: decisions['2.1']!.justification,
    })
    for (const sid of ['3.2', '3.3']) {
      const pid = (
        await act(ann, {
          type: 'propose',
          standardId: sid,
          rating: decisions[sid]!.rating,
          justification: 'One answer flips it.',
        })
      ).proposalId!
      await act(lead, {
        type: 'decide',
        proposalId: pid,
        outcome: 'applied',
        text: decisions[sid]!.justification,
      })
    }
    await act(lead, { type: 'finalise' })

    const head = viaHttp.get(Math.max(...viaHttp.keys()))!
    expect(head.finalised?.final.overall).toMatchObject({ score: 18, max: 36 })
    // Creation appends two events before anyone can look; every later event was seen live.
    for (let n = 2; n <= head.version; n++) expect(live.has(n), `live state after event ${n}`).toBe(true)
    for (let n = 1; n <= head.version; n++) {
      const r = await t.api(lead, 'GET', `/api/panels/${panelId}/replay?event=${n}&workspace=0`)
      expect(r.status).toBe(200)
      expect(r.json.seqs.event).toBe(n)
      const replayed = r.json.state as PanelState
      expect(replayed.version).toBe(n)
      if (live.has(n)) expect(replayed, `replayed state after event ${n}`).toEqual(live.get(n))
      if (viaHttp.has(n)) expect(replayed, `replayed state after event ${n} (HTTP)`).toEqual(viaHttp.get(n))
    }
    // Replay by time lands on the last event at or before the moment.
    const events = (await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events as StoredEvent[]
    const decided21 = events.find((e) => e.event.type === 'proposal.decided' && e.event.proposalId === p21)!
    const justBefore = new Date(Date.parse(decided21.event.at) - 1).toISOString()
    const byTime = await t.api(
      lead,
      'GET',
      `/api/panels/${panelId}/replay?at=${encodeURIComponent(justBefore)}`,
    )
    expect(byTime.json.state).toEqual(live.get(decided21.seq - 1))
    expect(byTime.json.state.proposals[p21].status).toBe('open')

    // Who may replay: every member, as every member may read the history (one rule for every route).
    expect((await t.api(ann, 'GET', `/api/panels/${panelId}/replay?event=3`)).status).toBe(200)
    expect((await t.api(lead, 'GET', `/api/panels/${panelId}/replay?event=-1`)).status).toBe(400)
    expect((await t.api(lead, 'GET', `/api/panels/${panelId}/replay?at=yesterday`)).status).toBe(400)
    expect((await t.api(lead, 'GET', `/api/panels/${panelId}/replay?format=xml`)).status).toBe(400)
  })

  it('replays workspace edits to any update, and to any time, giving the drafts as they were', async () => {
    const clock = testClock()
    const t = await startTestServer({
      now: clock.now,
      limits: { messagesPerSecond: 100_000, burst: 100_000 },
    })
    servers.push(t)
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
    const bob = await t.invite(lead, panelId, 'inspector', 'Bob Inspector')
    const [a, b, watcher] = [ann, bob, lead].map((m) => open(t.url, m, panelId, 'workspace'))
    await Promise.all([a, b, watcher].map((c) => synced(c!)))
    const before = (await t.api(lead, 'GET', `/api/panels/${panelId}/history`)).json.workspace
      .length as number

    // More edits than two checkpoints' worth, by two people in shared and own drafts: typing,
    // deleting, typing into the middle. After each, the drafts as everyone then saw them.
    const edits = 2 * WORKSPACE_CHECKPOINT_EVERY + 137
    const seen: { at: string; drafts: Record<string, string> }[] = []
    let rnd = 7
    const random = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
    for (let i = 0; i < edits; i++) {
      const client = i % 3 === 2 ? b! : a!
      const kind = (['proposal', 'footnote', 'note'] as const)[i % 3]!
      const text = readDraft(client.doc, kind, ['2.1', '3.2'][i % 2]!)!
      const at = clock.tick()
      const r = random()
      if (r < 0.2 && text.length > 3) text.delete(Math.floor(random() * (text.length - 3)), 3)
      else if (r < 0.3) text.insert(Math.floor(random() * (text.length + 1)), `[${i}]`)
      else text.insert(text.length, `${kind} ${i}. `)
      const want = draftsOf(client.doc)
      await waitFor(
        () => JSON.stringify(draftsOf(watcher!.doc)) === JSON.stringify(want),
        `edit ${i} to reach the watcher`,
      )
      seen.push({ at, drafts: want })
    }

    const history = (await t.api(lead, 'GET', `/api/panels/${panelId}/history`)).json
    const rows = (history.workspace as [number, string, string, number][]).slice(before)
    expect(rows).toHaveLength(edits)
    expect(rows.map((r) => r[1])).toEqual(seen.map((s) => s.at))
    expect(new Set(rows.map((r) => r[2]))).toEqual(new Set([ann.accountId, bob.accountId]))
    const cp = await t.server.storage.loadCheckpoint(panelId, 'workspace')
    // Checkpoints were taken among these edits, so replays below start from them.
    expect(cp?.seq).toBeGreaterThan(rows[WORKSPACE_CHECKPOINT_EVERY]![0])

    for (let i = 0; i < edits; i++) {
      const route = `/api/panels/${panelId}/replay?event=0&workspace=${rows[i]![0]}`
      const r = await t.api(lead, 'GET', route)
      expect(r.json.seqs.workspace).toBe(rows[i]![0])
      expect(readReplay(r.json).drafts, `drafts after edit ${i}`).toEqual(seen[i]!.drafts)
      // The binary answer the replay view reads holds the same, asked for either way.
      if (i % 50 === 0 || i === edits - 1)
        for (const [suffix, accept] of [
          ['', REPLAY_FRAME_TYPE],
          ['&format=binary', 'application/json'],
        ] as const) {
          const res = await fetch(t.url + route + suffix, { headers: { cookie: lead.cookie, accept } })
          expect(res.headers.get('content-type')).toBe(REPLAY_FRAME_TYPE)
          const frame = decodeReplayFrame(new Uint8Array(await res.arrayBuffer()))!
          expect(frame.head).toEqual({ state: r.json.state, seqs: r.json.seqs })
          expect(Buffer.from(frame.update).toString('base64')).toBe(r.json.workspace)
        }
    }
    // By time: at the moment of an edit, and a millisecond before it (the edit before).
    for (let i = 1; i < edits; i += 97) {
      const at = await t.api(
        lead,
        'GET',
        `/api/panels/${panelId}/replay?at=${encodeURIComponent(seen[i]!.at)}`,
      )
      expect(readReplay(at.json).drafts, `drafts at ${seen[i]!.at}`).toEqual(seen[i]!.drafts)
      const earlier = new Date(Date.parse(seen[i]!.at) - 1).toISOString()
      const before = await t.api(
        lead,
        'GET',
        `/api/panels/${panelId}/replay?at=${encodeURIComponent(earlier)}`,
      )
      expect(readReplay(before.json).drafts).toEqual(seen[i - 1]!.drafts)
    }
    // A stored update that cannot be read (the live panel refused it too) is skipped, not fatal.
    await t.server.storage.appendWorkspaceUpdate({
      panelId,
      update: new Uint8Array([0, 255, 255, 255, 255, 15, 7]),
      accountId: ann.accountId,
      at: clock.tick(),
    })
    const skipped = await t.api(lead, 'GET', `/api/panels/${panelId}/replay`)
    expect(skipped.status).toBe(200)
    expect(readReplay(skipped.json).drafts).toEqual(seen.at(-1)!.drafts)
    // The audit log holds every event and every update, who and when.
    const audit = await t.api(lead, 'GET', `/api/panels/${panelId}/audit.jsonl`)
    expect(audit.headers.get('content-disposition')).toContain('audit.jsonl')
    const lines = audit.text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; accountId?: string; update?: string })
    expect(lines.filter((l) => l.kind === 'event')).toHaveLength(history.events.length)
    expect(lines.filter((l) => l.kind === 'workspace-update')).toHaveLength(history.workspace.length + 1)
  })
})

// ---- tampering

/** Runs `npm run verify` as a person would; resolves with its exit code and output. */
function runVerify(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'verify', '--', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '' },
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out }))
  })
}

/** A copy of a stopped server's data dir, with the log's append-only triggers dropped so it can be tampered with. */
function tamperableCopy(dataDir: string, tamper: (db: Database.Database) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-tamper-'))
  dirs.push(dir)
  fs.cpSync(dataDir, dir, { recursive: true })
  const db = new Database(path.join(dir, 'panels.sqlite'))
  db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete')
  tamper(db)
  db.close()
  return dir
}

/** Runs Gloucestershire to finalisation, with enough vote changes to pass a record checkpoint; stops the server. */
async function finalisedPanel() {
  const t = await startTestServer()
  const lead = t.organiser
  const panelId = await t.createPanel(lead)
  const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
  const bob = await t.invite(lead, panelId, 'inspector', 'Bob Inspector')
  const rita = await t.invite(lead, panelId, 'reviewer', 'Rita Reviewer')
  for (const [sid, d] of Object.entries(decisions)) {
    const { proposalId: pid } = await t.accept(ann, panelId, {
      type: 'propose',
      standardId: sid,
      rating: d.rating,
      justification: 'As published.',
    })
    if (sid === '2.1')
      for (let i = 0; i < RECORD_CHECKPOINT_EVERY; i++)
        await t.accept(bob, panelId, {
          type: 'vote',
          proposalId: pid,
          stance: i % 2 ? 'oppose' : 'support',
          justification: `Thinking it over, round ${i}.`,
        })
    await t.accept(lead, panelId, {
      type: 'decide',
      proposalId: pid,
      outcome: 'applied',
      text: d.justification,
    })
  }
  await t.accept(lead, panelId, { type: 'finalise' })
  const record = await t.api(rita, 'GET', `/api/panels/${panelId}/record`)
  const events = (await t.api(rita, 'GET', `/api/panels/${panelId}/events`)).json.events as StoredEvent[]
  await t.close(false)
  dirs.push(t.dataDir)
  return { dataDir: t.dataDir, panelId, rita, record, events }
}

/** The store with its event log swapped for `events` (everything else as stored). */
const withLog = (storage: Storage, events: StoredEvent[]): Storage => ({
  ...storage,
  loadEvents: async () => events,
})

describe('verification', () => {
  it('names the first broken link whichever stored event is altered, deleted or moved', async () => {
    const { dataDir, panelId, events } = await finalisedPanel()
    const n = events.length
    expect(n).toBeGreaterThan(RECORD_CHECKPOINT_EVERY)
    const storage = openSqliteStorage(dataDir)
    try {
      expect(await verifyStoredPanel(storage, panelId)).toMatchObject({ ok: true, events: n, broken: null })
      const verdict = (log: StoredEvent[]) => verifyStoredPanel(withLog(storage, log), panelId)
      for (let k = 1; k <= n; k++) {
        const altered = events.map((e) =>
          e.seq === k ? { ...e, event: { ...e.event, byName: `${e.event.byName}.` } } : e,
        )
        expect((await verdict(altered)).broken?.seq, `event ${k} altered`).toBe(k)
        const deleted = events.filter((e) => e.seq !== k)
        expect((await verdict(deleted)).broken?.seq, `event ${k} deleted`).toBe(k)
        if (k < n) {
          const swapped = events.map((e) =>
            e.seq === k ? { ...events[k]!, seq: k } : e.seq === k + 1 ? { ...events[k - 1]!, seq: k + 1 } : e,
          )
          expect((await verdict(swapped)).broken?.seq, `events ${k} and ${k + 1} swapped`).toBe(k)
        }
      }
      // A forger who alters an event and recomputes every hash after it still differs from the record checkpoint.
      const k = 10
      let prev = events[k - 2]!.hash
      const rewritten = events.map((e) => {
        if (e.seq < k) return e
        const event = e.seq === k ? { ...e.event, byName: 'Someone else' } : e.event
        const hash = linkHash(prev, event)
        const out = { ...e, event, prevHash: prev, hash }
        prev = hash
        return out
      })
      expect((await verdict(rewritten)).broken?.seq).toBe(k)
    } finally {
      await storage.close()
    }
  })

  it('npm run verify and GET /verify report an altered, deleted or reordered event in the SQLite file', async () => {
    const { dataDir, panelId, rita, record, events } = await finalisedPanel()
    const n = events.length
    const intact = await runVerify(['--data', dataDir, '--panel', panelId])
    expect(intact.code, intact.out).toBe(0)
    expect(intact.out).toContain(`ok      ${panelId}: ${n} events, chain head ${events.at(-1)!.hash}`)
    expect(intact.out).toContain(`record sha256 ${record.headers.get('x-record-hash')}`)
    // The frozen record carries the chain head; a downloaded copy checks against the log, an edited one does not.
    expect(record.json.chain).toEqual({ head: events.at(-1)!.hash, events: n })
    const file = path.join(dataDir, 'record.json')
    fs.writeFileSync(file, record.text)
    expect((await runVerify(['--data', dataDir, '--panel', panelId, '--record', file])).code).toBe(0)
    fs.writeFileSync(file, record.text.replace('"score":18', '"score":19'))
    const forged = await runVerify(['--data', dataDir, '--panel', panelId, '--record', file])
    expect(forged.code).toBe(1)
    expect(forged.out).toContain('does not match the record the log derives')

    const vote = events.find((e) => e.event.type === 'vote.cast')!.seq
    const cases: { name: string; brokenAt: number; tamper: (db: Database.Database) => void }[] = [
      {
        name: 'a vote justification altered',
        brokenAt: vote,
        tamper: (db) => {
          const row = db
            .prepare('SELECT event FROM events WHERE panel_id = ? AND seq = ?')
            .get(panelId, vote) as { event: string }
          const e = JSON.parse(row.event)
          db.prepare('UPDATE events SET event = ? WHERE panel_id = ? AND seq = ?').run(
            JSON.stringify({ ...e, justification: 'Something else entirely.' }),
            panelId,
            vote,
          )
        },
      },
      {
        name: 'an event deleted',
        brokenAt: 7,
        tamper: (db) => void db.prepare('DELETE FROM events WHERE panel_id = ? AND seq = 7').run(panelId),
      },
      {
        name: 'two events swapped',
        brokenAt: 5,
        tamper: (db) => {
          const set = db.prepare('UPDATE events SET seq = ? WHERE panel_id = ? AND seq = ?')
          set.run(-1, panelId, 5)
          set.run(5, panelId, 6)
          set.run(6, panelId, -1)
        },
      },
      {
        name: 'the finalisation deleted',
        brokenAt: n,
        tamper: (db) => void db.prepare('DELETE FROM events WHERE panel_id = ? AND seq = ?').run(panelId, n),
      },
    ]
    for (const c of cases) {
      const dir = tamperableCopy(dataDir, c.tamper)
      const cli = await runVerify(['--data', dir, '--panel', panelId])
      expect(cli.code, `${c.name}: ${cli.out}`).toBe(1)
      expect(cli.out, c.name).toContain(`BROKEN  ${panelId}:`)
      expect(cli.out, c.name).toContain(`(first broken link: event ${c.brokenAt})`)
      const t = await startTestServer({ dataDir: dir })
      servers.push(t)
      const v = await t.api(rita, 'GET', `/api/panels/${panelId}/verify`)
      expect(v.status).toBe(200)
      expect(v.json, c.name).toMatchObject({ ok: false, broken: { seq: c.brokenAt } })
      await t.close(false)
      servers = servers.filter((s) => s !== t)
    }
  })
})
