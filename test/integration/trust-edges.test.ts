// Trust at the edges (issue 11), each defect reproduced from outside as an attacker or a careless click
// would: late invitations after finalisation, a lead demoted by a link, login CSRF, locked-out organisers,
// removal, tampering that hides, and the unload race. Real server on port 0, real SQLite file, real
// y-websocket clients, real `npm run verify` and `npm run admin`.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { readDraft } from '../../shared/ydoc/layout.ts'
import { linkHash } from '../../server/panels/chain.ts'
import type { Storage } from '../../server/storage/port.ts'
import {
  openLink,
  readFixtureJson,
  startTestServer,
  type Member,
  type TestServer,
} from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

const root = path.resolve(import.meta.dirname, '../..')
const decisions = readFixtureJson<{ decisions: Record<string, { rating: string; justification: string }> }>(
  'gloucestershire-2020.decisions.json',
).decisions

let servers: TestServer[] = []
const clients: Client[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.close()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function server(opts: Parameters<typeof startTestServer>[0] = {}) {
  const t = await startTestServer(opts)
  servers.push(t)
  return t
}

const invite = async (t: TestServer, by: Member, panelId: string, role: string, name: string) => {
  const r = await t.api(by, 'POST', `/api/panels/${panelId}/invites`, { role, name })
  if (r.status !== 201) throw new Error(`invite: ${r.status} ${r.text}`)
  return r.json as { url: string; inviteId: string }
}

async function finalise(t: TestServer, panelId: string, lead: Member, inspector: Member) {
  for (const [sid, d] of Object.entries(decisions)) {
    const { proposalId } = await t.accept(inspector, panelId, {
      type: 'propose',
      standardId: sid,
      rating: d.rating,
      justification: 'As published.',
    })
    await t.accept(lead, panelId, { type: 'decide', proposalId, outcome: 'applied', text: d.justification })
  }
  await t.accept(lead, panelId, { type: 'finalise' })
}

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', cmd, '--', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: '', ...env },
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out }))
  })
}

describe('a frozen record stays frozen', () => {
  it('an invitation issued before finalisation and opened after it changes neither the record, its hash nor its events', async () => {
    const t = await server()
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
    const late = await invite(t, lead, panelId, 'inspector', 'Late Larry')
    const lateReviewer = await invite(t, lead, panelId, 'reviewer', 'Late Rita')
    await finalise(t, panelId, lead, ann)
    const before = await t.api(lead, 'GET', `/api/panels/${panelId}/record`)
    const eventsBefore = (await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events

    // An inspector's invitation cannot be used any more; nothing is used up or appended.
    const larry = await openLink(late.url)
    expect(larry.status).toBe(409)
    expect(larry.json.error.code).toBe('finalised')
    // A reviewer may still be let in (reviewers come after a panel), through the access log only.
    const rita = await openLink(lateReviewer.url)
    expect(rita.status).toBe(200)
    const ritaMember = { name: 'Late Rita', cookie: rita.cookie, accountId: rita.json.accountId }
    expect((await t.api(ritaMember, 'GET', `/api/panels/${panelId}`)).status).toBe(200)
    // And the lead may grant reading after finalisation, not anything else.
    expect(
      (await t.api(lead, 'POST', `/api/panels/${panelId}/invites`, { role: 'inspector', name: 'Ivy' }))
        .status,
    ).toBe(409)
    expect(
      (await t.api(lead, 'POST', `/api/panels/${panelId}/invites`, { role: 'reviewer', name: 'Rob' })).status,
    ).toBe(201)

    const after = await t.api(ritaMember, 'GET', `/api/panels/${panelId}/record`)
    expect(after.text).toBe(before.text)
    expect(after.headers.get('x-record-hash')).toBe(before.headers.get('x-record-hash'))
    expect(JSON.parse(after.text).participants.map((p: { name: string }) => p.name)).not.toContain(
      'Late Rita',
    )
    expect((await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events).toEqual(eventsBefore)
    const v = await t.api(lead, 'GET', `/api/panels/${panelId}/verify`)
    // Rita joining and Rob's invitation: the access log, not the record's.
    expect(v.json).toMatchObject({ ok: true, access: { events: 2 } })
    // No command can change it, nor un-finalise it.
    expect((await t.command(lead, panelId, { type: 'finalise' })).status).toBe(409)
  })
})

describe('opening a link never changes anyone’s role', () => {
  it('a lead who opens an inspector invitation stays lead; a reviewer who opens one stays reviewer', async () => {
    const t = await server()
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const rita = await t.invite(lead, panelId, 'reviewer', 'Rita Reviewer')
    for (const who of [lead, rita]) {
      const link = await invite(t, lead, panelId, 'inspector', `Someone ${who.name}`)
      const page = await fetch(link.url, { headers: { cookie: who.cookie } })
      expect(await page.text()).toContain('already a member')
      const r = await openLink(link.url, who.cookie, { as: 'signed-in' })
      expect(r.status).toBe(200)
      expect(r.json.changed).toBe(false)
      expect(r.cookie).toBe(who.cookie)
    }
    const members = (await t.api(lead, 'GET', `/api/panels/${panelId}/members`)).json.members
    expect(members.find((m: { accountId: string }) => m.accountId === lead.accountId).role).toBe('lead')
    expect(members.find((m: { accountId: string }) => m.accountId === rita.accountId).role).toBe('reviewer')
    // The lead can still decide and invite: the panel is not leaderless.
    expect((await invite(t, lead, panelId, 'inspector', 'Ann')).url).toContain('/auth/link/')
  })

  it('the last lead cannot be demoted or removed', async () => {
    const t = await server()
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const demote = await t.command(lead, panelId, {
      type: 'change-role',
      accountId: lead.accountId,
      role: 'inspector',
    })
    expect(demote.status).toBe(409)
    expect((await t.api(lead, 'DELETE', `/api/panels/${panelId}/members/${lead.accountId}`)).status).toBe(409)
  })
})

describe('links cannot be turned against anyone', () => {
  it('a cross-site navigation to an invitation link does not switch the session, and a cross-site POST is refused', async () => {
    const t = await server()
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
    // The attacker's invitation, to their own panel, opened in Ann's browser by a cross-site page: the
    // SameSite=Strict cookie is not sent, so the GET looks anonymous.
    const attackerPanel = await t.createPanel(lead)
    const bait = await invite(t, lead, attackerPanel, 'inspector', 'Mallory')
    const nav = await fetch(bait.url, { redirect: 'manual', headers: { 'sec-fetch-site': 'cross-site' } })
    expect(nav.status).toBe(200)
    expect(nav.headers.getSetCookie()).toEqual([])
    // A form another site submits: no JSON, a foreign origin.
    const form = await fetch(bait.url, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'as=invited',
    })
    expect([403, 415]).toContain(form.status)
    expect(form.headers.getSetCookie()).toEqual([])
    const json = await fetch(bait.url, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    })
    expect(json.status).toBe(403)
    // Ann is still Ann, and the bait is still unused.
    expect((await t.api(ann, 'GET', '/api/me')).json.account.id).toBe(ann.accountId)
    expect((await fetch(bait.url)).status).toBe(200)
  })

  it('signed in as someone else, the page says who is signed in and who is invited, and joins as the one chosen', async () => {
    const t = await server()
    const lead = t.organiser
    const p1 = await t.createPanel(lead)
    const p2 = await t.createPanel(lead)
    const ann = await t.invite(lead, p1, 'inspector', 'Ann Inspector')
    const link = await invite(t, lead, p2, 'reviewer', 'Ann Inspector (second panel)')
    const page = await (await fetch(link.url, { headers: { cookie: ann.cookie } })).text()
    expect(page).toContain('signed in as Ann Inspector')
    expect(page).toContain('Join as Ann Inspector')
    const undecided = await fetch(link.url, {
      method: 'POST',
      headers: { origin: t.url, 'content-type': 'application/json', cookie: ann.cookie },
      body: '{}',
    })
    expect(undecided.status).toBe(409)
    const joined = await openLink(link.url, ann.cookie, { as: 'signed-in' })
    expect(joined.status).toBe(200)
    expect(joined.cookie).toBe(ann.cookie)
    const members = (await t.api(lead, 'GET', `/api/panels/${p2}/members`)).json.members
    expect(members.map((m: { accountId: string }) => m.accountId)).toContain(ann.accountId)
  })
})

describe('nobody locked out, nobody duplicated, anyone removable', () => {
  it('an organiser whose session expired gets back in with npm run admin -- sign-in-link, as the same account', async () => {
    let clock = new Date('2026-06-01T09:00:00Z')
    const t = await server({ now: () => clock, sessionTtlHours: 1 })
    const organiser = t.organiser
    const panelId = await t.createPanel(organiser)
    clock = new Date(clock.getTime() + 2 * 3_600_000)
    expect((await t.api(organiser, 'GET', '/api/me')).status).toBe(401)
    const out = await run('admin', [
      'sign-in-link',
      '--account',
      organiser.accountId,
      '--data',
      t.dataDir,
      '--base',
      t.url,
      '--hours',
      '72',
    ])
    expect(out.code, out.out).toBe(0)
    const url = /(http:\/\/\S+\/auth\/link\/\S+)/.exec(out.out)![1]!
    const back = await openLink(url)
    expect(back.status).toBe(200)
    const me = await t.api({ ...organiser, cookie: back.cookie }, 'GET', '/api/me')
    expect(me.json.account.id).toBe(organiser.accountId)
    expect((await t.api({ ...organiser, cookie: back.cookie }, 'GET', `/api/panels/${panelId}`)).status).toBe(
      200,
    )
    const listed = await run('admin', ['accounts', '--data', t.dataDir])
    expect(listed.out).toContain(organiser.accountId)
  })

  it('a re-issued sign-in link signs the same member in: no duplicate person in the frozen record', async () => {
    const t = await server()
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const tom = await t.invite(lead, panelId, 'inspector', 'Tom Baker')
    const again = await t.api(lead, 'POST', `/api/panels/${panelId}/members/${tom.accountId}/sign-in-link`)
    expect(again.status).toBe(201)
    const phone = await openLink(again.json.url)
    expect((await t.api({ ...tom, cookie: phone.cookie }, 'GET', '/api/me')).json.account.id).toBe(
      tom.accountId,
    )
    // Re-inviting by name is caught: the lead is told to re-issue the link instead.
    const dup = await t.api(lead, 'POST', `/api/panels/${panelId}/invites`, {
      role: 'inspector',
      name: 'tom  baker',
    })
    expect(dup.status).toBe(409)
    expect(dup.json.error.code).toBe('same-name')
    await finalise(t, panelId, lead, tom)
    const record = JSON.parse((await t.api(lead, 'GET', `/api/panels/${panelId}/record`)).text)
    expect(record.participants.filter((p: { name: string }) => p.name === 'Tom Baker')).toHaveLength(1)
  })

  it('removing a member closes their sockets at once (4403) and refuses their requests and pending links; their account stays', async () => {
    const t = await server()
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
    const pending = await t.api(lead, 'POST', `/api/panels/${panelId}/members/${ann.accountId}/sign-in-link`)
    const record = connect(t.url, ann, panelId, 'record')
    const workspace = connect(t.url, ann, panelId, 'workspace')
    clients.push(record, workspace)
    await Promise.all([synced(record), synced(workspace)])
    const removed = await t.api(lead, 'DELETE', `/api/panels/${panelId}/members/${ann.accountId}`)
    expect(removed.status).toBe(200)
    await waitFor(
      () => record.closes.some((c) => c.code === 4403) && workspace.closes.some((c) => c.code === 4403),
      'both sockets closed with 4403',
    )
    expect((await t.api(ann, 'GET', `/api/panels/${panelId}`)).status).toBe(404)
    expect(
      (
        await t.command(ann, panelId, {
          type: 'propose',
          standardId: '2.1',
          rating: 'Good',
          justification: 'Still here?',
        })
      ).status,
    ).toBe(404)
    expect((await openLink(pending.json.url)).status).toBe(410)
    expect((await t.api(ann, 'GET', '/api/me')).status).toBe(200)
    // The removal is in the log, through the rules like every change; the chain verifies.
    const events = (await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events
    expect(events.at(-1).event).toMatchObject({ type: 'member.removed', accountId: ann.accountId })
    expect((await t.api(lead, 'GET', `/api/panels/${panelId}/verify`)).json.ok).toBe(true)
  })

  it('a revoked invitation cannot be used', async () => {
    const t = await server()
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const link = await invite(t, lead, panelId, 'inspector', 'Ann')
    expect((await t.api(lead, 'DELETE', `/api/panels/${panelId}/invites/${link.inviteId}`)).status).toBe(200)
    expect((await openLink(link.url)).status).toBe(410)
    const invites = (await t.api(lead, 'GET', `/api/panels/${panelId}/members`)).json.invites
    expect(invites.find((i: { inviteId: string }) => i.inviteId === link.inviteId).status).toBe('revoked')
  })
})

// ---- tampering

type Tamper = { name: string; tamper: (db: Database.Database, panelId: string) => void; part: RegExp }

async function stoppedPanel() {
  const t = await startTestServer()
  const lead = t.organiser
  const panelId = await t.createPanel(lead)
  const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
  const ws = connect(t.url, ann, panelId, 'workspace')
  await synced(ws)
  readDraft(ws.doc, 'note', '2.1')!.insert(0, 'Check case C07 again.')
  for (let i = 0; i < 100; i++) {
    const h = await t.api(lead, 'GET', `/api/panels/${panelId}/history`)
    if (h.json.workspace.length >= 2) break
    await new Promise((r) => setTimeout(r, 50))
  }
  ws.destroy()
  // 50+ events: a record checkpoint, then a few more after it.
  const { proposalId } = await t.accept(ann, panelId, {
    type: 'propose',
    standardId: '2.1',
    rating: 'Good',
    justification: 'As published.',
  })
  for (let i = 0; i < 52; i++)
    await t.accept(ann, panelId, {
      type: 'vote',
      proposalId,
      stance: i % 2 ? 'oppose' : 'support',
      justification: `Round ${i}.`,
    })
  await t.accept(lead, panelId, {
    type: 'decide',
    proposalId,
    outcome: 'applied',
    text: decisions['2.1']!.justification,
  })
  await t.accept(lead, panelId, { type: 'finalise' })
  await t.close(false)
  dirs.push(t.dataDir)
  return { dataDir: t.dataDir, panelId, lead }
}

function tamperedCopy(dataDir: string, f: (db: Database.Database) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-tamper-'))
  dirs.push(dir)
  fs.cpSync(dataDir, dir, { recursive: true })
  const db = new Database(path.join(dir, 'panels.sqlite'))
  // Whoever edits the file can drop the database's own guards first.
  for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as {
    name: string
  }[])
    db.exec(`DROP TRIGGER ${name}`)
  f(db)
  db.close()
  return dir
}

const rechainFrom = (db: Database.Database, panelId: string, seq: number, change: (e: any) => any) => {
  const rows = db
    .prepare('SELECT seq, event, hash, prev_hash AS prevHash FROM events WHERE panel_id = ? ORDER BY seq')
    .all(panelId) as { seq: number; event: string; hash: string; prevHash: string }[]
  let prev = rows[seq - 2]!.hash
  for (const r of rows.slice(seq - 1)) {
    const event = r.seq === seq ? change(JSON.parse(r.event)) : JSON.parse(r.event)
    const hash = linkHash(prev, event)
    db.prepare('UPDATE events SET event = ?, hash = ?, prev_hash = ? WHERE panel_id = ? AND seq = ?').run(
      JSON.stringify(event),
      hash,
      prev,
      panelId,
      r.seq,
    )
    prev = hash
  }
}

describe('tampering cannot hide (SQLite file, npm run verify and GET /verify)', () => {
  it('detects each kind of tampering', async () => {
    const { dataDir, panelId, lead } = await stoppedPanel()
    const intact = await run('verify', ['--data', dataDir, '--panel', panelId])
    expect(intact.code, intact.out).toBe(0)
    expect(intact.out).toContain('heads as signed')
    const cases: Tamper[] = [
      {
        name: 'the newest event deleted',
        part: /signed heads|panel row|frozen/,
        tamper: (db, id) =>
          void db
            .prepare(
              'DELETE FROM events WHERE panel_id = ? AND seq = (SELECT max(seq) FROM events WHERE panel_id = ?)',
            )
            .run(id, id),
      },
      {
        name: 'a footnote forged and the chain re-linked after the last checkpoint',
        part: /signed heads/,
        tamper: (db, id) => {
          const n = (
            db.prepare('SELECT max(seq) AS n FROM events WHERE panel_id = ?').get(id) as { n: number }
          ).n
          rechainFrom(db, id, n - 1, (e) => ({ ...e, text: 'A forged footnote.' }))
        },
      },
      {
        name: 'checkpoints deleted and the chain re-linked from event 3',
        part: /signed heads/,
        tamper: (db, id) => {
          db.prepare('DELETE FROM checkpoints WHERE panel_id = ?').run(id)
          rechainFrom(db, id, 3, (e) => ({ ...e, justification: 'Forged from the start.' }))
        },
      },
      {
        name: 'the finalisation deleted and finalised_at cleared (un-finalised)',
        part: /signed heads|panel row/,
        tamper: (db, id) => {
          db.prepare('DELETE FROM events WHERE panel_id = ? AND event LIKE \'%"panel.finalised"%\'').run(id)
          db.prepare('UPDATE panels SET finalised_at = NULL WHERE id = ?').run(id)
        },
      },
      {
        name: 'a stored workspace update edited',
        part: /workspace/,
        tamper: (db, id) => {
          const row = db
            .prepare('SELECT id, data FROM workspace_updates WHERE panel_id = ? ORDER BY id DESC LIMIT 1')
            .get(id) as { id: number; data: Buffer }
          const data = Buffer.from(row.data)
          data[data.length - 2] = (data[data.length - 2]! + 1) & 255
          db.prepare('UPDATE workspace_updates SET data = ? WHERE id = ?').run(data, row.id)
        },
      },
      {
        name: 'the newest workspace update deleted',
        part: /signed heads|workspace/,
        tamper: (db, id) =>
          void db
            .prepare(
              'DELETE FROM workspace_updates WHERE id = (SELECT max(id) FROM workspace_updates WHERE panel_id = ?)',
            )
            .run(id),
      },
      {
        name: "the record checkpoint's static part forged (a service name)",
        part: /record checkpoints/,
        tamper: (db, id) => {
          const cp = db
            .prepare(
              "SELECT seq, state FROM checkpoints WHERE panel_id = ? AND doc = 'record' ORDER BY seq DESC LIMIT 1",
            )
            .get(id) as { seq: number; state: Buffer }
          const forged = Buffer.from(
            cp.state.toString('latin1').replace('Gloucestershire', 'Glovcestershire'),
            'latin1',
          )
          db.prepare(
            "UPDATE checkpoints SET state = ? WHERE panel_id = ? AND doc = 'record' AND seq = ?",
          ).run(forged, id, cp.seq)
        },
      },
      {
        name: 'a membership upgraded in the table',
        part: /memberships/,
        tamper: (db, id) =>
          void db
            .prepare("UPDATE memberships SET role = 'lead' WHERE panel_id = ? AND role = 'inspector'")
            .run(id),
      },
    ]
    for (const c of cases) {
      const dir = tamperedCopy(dataDir, (db) => c.tamper(db, panelId))
      const cli = await run('verify', ['--data', dir, '--panel', panelId])
      expect(cli.code, `${c.name}: ${cli.out}`).toBe(1)
      expect(cli.out, c.name).toMatch(c.part)
      const t = await server({ dataDir: dir })
      const v = await t.api(lead, 'GET', `/api/panels/${panelId}/verify`)
      // Either the panel is refused outright (its store is behind what the server signed) or verify says why.
      if (v.status === 200) expect(v.json.ok, c.name).toBe(false)
      else expect(v.json.error.code, c.name).toBe('integrity')
      await t.close(false)
      servers = servers.filter((s) => s !== t)
    }
  })

  it('an un-finalised store is not reopened for commands', async () => {
    const { dataDir, panelId, lead } = await stoppedPanel()
    const dir = tamperedCopy(dataDir, (db) => {
      db.prepare('DELETE FROM events WHERE panel_id = ? AND event LIKE \'%"panel.finalised"%\'').run(panelId)
      db.prepare('UPDATE panels SET finalised_at = NULL WHERE id = ?').run(panelId)
    })
    const t = await server({ dataDir: dir })
    const r = await t.command(lead, panelId, {
      type: 'propose',
      standardId: '1.1',
      rating: 'Good',
      justification: 'Sneaking one in.',
    })
    expect(r.status).toBe(503)
    expect(r.json.error.code).toBe('integrity')
  })
})

describe('faults and races', () => {
  it('an idle panel unloading while a member joins is not split in two', async () => {
    let release: () => void = () => undefined
    let holding = false
    const t = await server({
      idleUnloadMs: 30,
      wrapStorage: (s: Storage): Storage => ({
        ...s,
        saveCheckpoint: async (c) => {
          // Hold the unload's checkpoint until a member has joined in the window.
          if (c.doc === 'workspace' && !holding) {
            holding = true
            await new Promise<void>((r) => (release = r))
          }
          return s.saveCheckpoint(c)
        },
      }),
    })
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const first = connect(t.url, lead, panelId, 'workspace')
    clients.push(first)
    await synced(first)
    readDraft(first.doc, 'note', '1.1')!.insert(0, 'before the unload ')
    await new Promise((r) => setTimeout(r, 100))
    first.destroy()
    await waitFor(() => holding, 'the unload has begun its checkpoint')
    // A member joins inside the window; the unload's checkpoint then completes.
    const a = connect(t.url, lead, panelId, 'workspace')
    clients.push(a)
    await new Promise((r) => setTimeout(r, 100))
    release()
    await synced(a)
    readDraft(a.doc, 'note', '1.1')!.insert(0, 'A ')
    const b = connect(t.url, lead, panelId, 'workspace')
    clients.push(b)
    await synced(b)
    await waitFor(
      () => readDraft(b.doc, 'note', '1.1')?.toString() === 'A before the unload ',
      "the second joiner sees the first joiner's text",
    )
    readDraft(b.doc, 'note', '1.1')!.insert(0, 'B ')
    await waitFor(
      () => readDraft(a.doc, 'note', '1.1')?.toString() === 'B A before the unload ',
      'both on one document',
    )
  })

  it('creating a panel is one transaction: a failure leaves nothing behind', async () => {
    let fail = true
    const t = await server({
      wrapStorage: (s: Storage): Storage => ({
        ...s,
        appendEvents: async (...args) => {
          if (fail && args[3]?.panel) throw new Error('disk full')
          return s.appendEvents(...args)
        },
      }),
    })
    const r = await t.api(t.organiser, 'POST', '/api/panels', {
      inspection: readFixtureJson('gloucestershire-2020.inspection.json'),
    })
    expect(r.status).toBe(500)
    expect((await t.api(t.organiser, 'GET', '/api/panels')).json.panels).toEqual([])
    fail = false
    expect(
      (
        await t.api(t.organiser, 'POST', '/api/panels', {
          inspection: readFixtureJson('gloucestershire-2020.inspection.json'),
        })
      ).status,
    ).toBe(201)
  })
})

describe('the link POST', () => {
  it('takes a same-origin POST with no body as "as the person the link names"', async () => {
    const t = await server()
    const panelId = await t.createPanel(t.organiser)
    const link = await invite(t, t.organiser, panelId, 'inspector', 'Ann')
    const r = await fetch(link.url, { method: 'POST', headers: { origin: t.url } })
    expect(r.status).toBe(200)
    expect(r.headers.getSetCookie().some((c) => c.startsWith('rp_session='))).toBe(true)
  })
})

// ---- the same on PostgreSQL (needs TEST_DATABASE_URL; .ci/run sets it)

const databaseUrl = process.env.TEST_DATABASE_URL
describe.skipIf(!databaseUrl)('tampering cannot hide (PostgreSQL, GET /verify and npm run verify)', () => {
  it('detects a deleted newest event, a forged record checkpoint, an upgraded membership and an edited workspace update', async () => {
    const schema = `tamper_${process.pid}_${Date.now()}`
    const admin = new pg.Client({ connectionString: databaseUrl })
    await admin.connect()
    try {
      await admin.query(`CREATE SCHEMA ${schema}`)
      const sep = databaseUrl!.includes('?') ? '&' : '?'
      const url = `${databaseUrl}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-pg-tamper-'))
      dirs.push(dataDir)
      let t = await startTestServer({ databaseUrl: url, dataDir })
      const lead = t.organiser
      const panelId = await t.createPanel(lead)
      const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
      const { proposalId } = await t.accept(ann, panelId, {
        type: 'propose',
        standardId: '2.1',
        rating: 'Good',
        justification: 'As published.',
      })
      for (let i = 0; i < 50; i++)
        await t.accept(ann, panelId, {
          type: 'vote',
          proposalId,
          stance: i % 2 ? 'oppose' : 'support',
          justification: `Round ${i}.`,
        })
      await t.close(false)
      const verifyCli = () => run('verify', ['--data', dataDir, '--panel', panelId], { DATABASE_URL: url })
      expect((await verifyCli()).code).toBe(0)
      const lastUpdate = `(SELECT max(id) FROM ${schema}.workspace_updates WHERE panel_id = '${panelId}')`
      const writer = (
        await admin.query(`SELECT account_id FROM ${schema}.workspace_updates WHERE id = ${lastUpdate}`)
      ).rows[0].account_id as string
      const cases: [name: string, tamper: string, undo: string, part: RegExp][] = [
        [
          'an upgraded membership',
          `UPDATE ${schema}.memberships SET role = 'lead' WHERE panel_id = '${panelId}' AND account_id = '${ann.accountId}'`,
          `UPDATE ${schema}.memberships SET role = 'inspector' WHERE panel_id = '${panelId}' AND account_id = '${ann.accountId}'`,
          /memberships/,
        ],
        [
          'a forged record checkpoint',
          `UPDATE ${schema}.checkpoints SET state = decode(replace(encode(state, 'hex'), encode('Gloucestershire', 'hex'), encode('Glovcestershire', 'hex')), 'hex') WHERE panel_id = '${panelId}' AND doc = 'record'`,
          `UPDATE ${schema}.checkpoints SET state = decode(replace(encode(state, 'hex'), encode('Glovcestershire', 'hex'), encode('Gloucestershire', 'hex')), 'hex') WHERE panel_id = '${panelId}' AND doc = 'record'`,
          /record checkpoints/,
        ],
        [
          'an edited workspace update',
          `UPDATE ${schema}.workspace_updates SET account_id = 'someone-else' WHERE id = ${lastUpdate}`,
          `UPDATE ${schema}.workspace_updates SET account_id = '${writer}' WHERE id = ${lastUpdate}`,
          /workspace/,
        ],
        [
          'the newest event deleted',
          `DELETE FROM ${schema}.events WHERE panel_id = '${panelId}' AND seq = (SELECT max(seq) FROM ${schema}.events WHERE panel_id = '${panelId}')`,
          '',
          /signed heads|record checkpoints/,
        ],
      ]
      // Whoever holds the database can switch its append-only triggers off first.
      await admin.query(
        `ALTER TABLE ${schema}.events DISABLE TRIGGER USER; ALTER TABLE ${schema}.workspace_updates DISABLE TRIGGER USER`,
      )
      for (const [name, tamper, undo, part] of cases) {
        await admin.query(tamper)
        const cli = await verifyCli()
        expect(cli.code, `${name}: ${cli.out}`).toBe(1)
        expect(cli.out, name).toMatch(part)
        if (!undo) continue
        await admin.query(undo)
        expect((await verifyCli()).code, `${name} undone`).toBe(0)
      }
      // The server's own /verify says the same, and it does not open the panel whose tail was cut.
      t = await startTestServer({ databaseUrl: url, dataDir })
      expect((await t.api(lead, 'GET', `/api/panels/${panelId}/verify`)).json.ok).toBe(false)
      expect((await t.api(lead, 'GET', `/api/panels/${panelId}`)).json.error.code).toBe('integrity')
      await t.close(false)
    } finally {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined)
      await admin.end()
    }
  })
})
