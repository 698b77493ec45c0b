// Blind votes end to end: three inspectors and a lead on a real server. Before the reveal no other member
// (the lead included) and no reviewer finds a sealed vote's unique marker in any route, either document or
// any log line; after it, everyone does. The openings verify; tampering with an opening, a commitment or
// a sealed vote kept apart is caught by verify (and `npm run verify`); a change before the reveal leaves
// exactly one superseded commitment.
import { spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { PanelEvent } from '../../shared/panel/types.ts'
import { readRecordState, readVoteDraft } from '../../shared/ydoc/layout.ts'
import { linkHash } from '../../server/panels/chain.ts'
import { verifyStoredPanel } from '../../server/panels/verify.ts'
import { backupSqliteStore, restoreSqliteStore } from '../../server/ops/backup.ts'
import os from 'node:os'
import { createLogger } from '../../server/logger.ts'
import { openSqliteStorage } from '../../server/storage/sqlite.ts'
import { readFixtureJson, startTestServer, type Member, type TestServer } from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

let t: TestServer | null = null
const clients: Client[] = []
const open = (...args: Parameters<typeof connect>) => {
  const c = connect(...args)
  clients.push(c)
  return c
}
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await t?.close()
  t = null
})
/** The server was closed by the test itself (its data dir kept). */
const clearServer = () => {
  t = null
}

const marker = (who: string) => `SEALED-${who}-${randomUUID()}`

interface World {
  t: TestServer
  panelId: string
  lead: Member
  inspectors: Member[]
  rita: Member
  logs: string[]
}

async function world(settings: Record<string, unknown> = { blindVotes: true }): Promise<World> {
  const logs: string[] = []
  t = await startTestServer({ log: createLogger({ write: (l) => logs.push(l) }) })
  const lead = t.organiser
  const created = await t.api(lead, 'POST', '/api/panels', {
    inspection: readFixtureJson('gloucestershire-2020.inspection.json'),
    settings,
  })
  expect(created.status, created.text).toBe(201)
  const panelId = created.json.panel.id as string
  const inspectors = [
    await t.invite(lead, panelId, 'inspector', 'Ann Inspector'),
    await t.invite(lead, panelId, 'inspector', 'Bob Inspector'),
    await t.invite(lead, panelId, 'inspector', 'Cat Inspector'),
  ]
  const rita = await t.invite(lead, panelId, 'reviewer', 'Rita Reviewer')
  for (const m of [lead, rita]) {
    const qa = await t.api(lead, 'POST', `/api/accounts/${m.accountId}/qa`)
    expect(qa.status, qa.text).toBe(200)
  }
  return { t, panelId, lead, inspectors, rita, logs }
}

const utf8 = (b64: string) => Buffer.from(b64, 'base64').toString('utf8')

/** Everything a member can read of the panel: every route, both documents, decoded where they are binary. */
async function everything(w: World, m: Member): Promise<Record<string, string>> {
  const base = `/api/panels/${w.panelId}`
  const out: Record<string, string> = {}
  const get = async (route: string) => {
    const r = await w.t.api(m, 'GET', route)
    out[route] = r.text
    return r
  }
  await get('/api/me')
  await get('/api/panels')
  const panel = await get(base)
  for (const route of [
    'members',
    'events',
    'head',
    'verify',
    'record',
    'record.csv',
    'archive',
    'corrections',
    'my-sealed-votes',
  ])
    await get(`${base}/${route}`)
  // The discretion register across panels (quality assurance: the test grants it to the lead and the reviewer).
  await get('/api/discretion')
  const history = await get(`${base}/history`)
  const audit = await get(`${base}/audit.jsonl`)
  for (const line of audit.text.trim().split('\n')) {
    const l = JSON.parse(line) as { kind: string; update?: string; seq: number }
    if (l.kind === 'workspace-update') out[`audit workspace update ${l.seq}`] = utf8(l.update!)
  }
  // The replay after every event, and its workspace.
  const events = history.json.events as { seq: number }[]
  for (const e of [{ seq: 0 }, ...events]) {
    const r = await get(`${base}/replay?event=${e.seq}`)
    out[`replay workspace at ${e.seq}`] = utf8(r.json.workspace)
  }
  expect(panel.status).toBe(200)
  // Both documents as the member syncs them: the bytes and what they read as.
  for (const name of ['record', 'workspace'] as const) {
    const c = open(w.t.url, m, w.panelId, name)
    await synced(c)
    if (name === 'record')
      await waitFor(
        () => readRecordState(c.doc)?.version === panel.json.state.version,
        'the record to catch up',
      )
    out[`${name} doc`] = Buffer.from(Y.encodeStateAsUpdate(c.doc)).toString('utf8')
    out[`${name} doc json`] = JSON.stringify(c.doc.toJSON())
    out[`${name} doc root json`] = JSON.stringify(readRecordState(c.doc))
  }
  return out
}

const holding = (pages: Record<string, string>, text: string) =>
  Object.entries(pages)
    .filter(([, body]) => body.includes(text))
    .map(([where]) => where)

describe('blind votes', () => {
  it('hide every sealed vote from everyone else until the reveal, then show it to all', async () => {
    const w = await world()
    const { t, panelId, lead, inspectors, rita } = w
    const [ann, bob, cat] = inspectors as [Member, Member, Member]
    const made = await t.accept(ann, panelId, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: 'Within five per cent of the boundary.',
    })
    const pid = made.proposalId as string
    const marks = { ann: marker('ann'), bobFirst: marker('bob1'), bob: marker('bob'), cat: marker('cat') }
    const vote = (m: Member, stance: string, justification: string) =>
      t.accept(m, panelId, { type: 'vote', proposalId: pid, stance, justification })
    const answer = await vote(ann, 'support', `Ann's view: the sample supports Good. ${marks.ann}`)
    expect(answer.events.map((e: { type: string }) => e.type)).toEqual(['vote.sealed'])
    await vote(bob, 'support', `Bob's first view. ${marks.bobFirst}`)
    await vote(
      bob,
      'oppose',
      `Bob on reflection: the safety questions are weak, and that matters. ${marks.bob}`,
    )
    await vote(cat, 'abstain', `Cat abstains. ${marks.cat}`)

    // A vote draft in the shared workspace is refused while votes are blind, and nothing of it is stored.
    const annWs = open(t.url, ann, panelId, 'workspace')
    await synced(annWs)
    readVoteDraft(annWs.doc, pid, ann.accountId, true)!.insert(0, `draft ${marks.ann}`)
    await waitFor(() => annWs.closes.some((c) => c.code === 4422), 'the vote draft to be refused')

    // The sealed log: one shape for every vote, and Bob's change supersedes his first commitment.
    const events = (await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events as {
      event: PanelEvent
    }[]
    const sealed = events.map((e) => e.event).filter((e) => e.type === 'vote.sealed')
    expect(sealed).toHaveLength(4)
    for (const e of sealed) expect(Object.keys(e).sort()).toEqual(Object.keys(sealed[0]!).sort())
    const shape = (e: PanelEvent) => JSON.stringify({ ...e, byName: '', at: '', supersedes: null }).length
    expect(new Set(sealed.map(shape)).size).toBe(1)
    const bobs = sealed.filter((e) => e.by === bob.accountId) as Extract<
      PanelEvent,
      { type: 'vote.sealed' }
    >[]
    expect(bobs[1]!.supersedes).toBe(bobs[0]!.commitment)
    expect(sealed.filter((e) => (e as { supersedes: string | null }).supersedes !== null)).toHaveLength(1)

    // Before the reveal: each reader finds no one else's marker anywhere, and finds their own only in their own answer.
    const readers: [Member, string | null][] = [
      [lead, null],
      [ann, marks.ann],
      [bob, marks.bob],
      [cat, marks.cat],
      [rita, null],
    ]
    for (const [reader, own] of readers) {
      const pages = await everything(w, reader)
      for (const m of Object.values(marks)) {
        const where = holding(pages, m)
        if (m === own) expect(where, reader.name).toEqual([`/api/panels/${panelId}/my-sealed-votes`])
        else expect(where, `${reader.name} must not see ${m}`).toEqual([])
      }
      expect(JSON.parse(pages[`/api/panels/${panelId}`]!).state.proposals[pid].votes).toEqual({})
    }

    // Sealed: the lead cannot decide, the panel cannot finalise, an inspector cannot reveal.
    const decideIt = { type: 'decide', proposalId: pid, outcome: 'applied', text: 'The footnote text.' }
    expect((await t.command(lead, panelId, decideIt)).status).toBe(409)
    expect((await t.command(lead, panelId, { type: 'finalise' })).status).toBe(409)
    expect((await t.command(ann, panelId, { type: 'reveal', proposalId: pid })).status).toBe(403)

    const revealed = await t.accept(lead, panelId, { type: 'reveal', proposalId: pid })
    expect(revealed.events.map((e: { type: string }) => e.type)).toEqual(['votes.revealed'])

    // After the reveal every reader sees every standing vote in the state, the log, history, replay, audit
    // and the record doc; Bob's superseded view is never opened.
    for (const [reader] of readers) {
      const pages = await everything(w, reader)
      for (const m of [marks.ann, marks.bob, marks.cat]) {
        const where = holding(pages, m)
        for (const route of ['', '/events', '/history', '/audit.jsonl'])
          expect(where, `${reader.name}: ${route}`).toContain(`/api/panels/${panelId}${route}`)
        expect(where).toContain('record doc root json')
        expect(where.some((x) => x.startsWith('/api/panels/') && x.includes('/replay?event='))).toBe(true)
      }
      expect(holding(pages, marks.bobFirst), reader.name).toEqual([])
      expect(JSON.parse(pages[`/api/panels/${panelId}/my-sealed-votes`]!).sealed).toEqual([])
    }

    // The openings verify; the server's own check says so.
    const verdict = (await t.api(rita, 'GET', `/api/panels/${panelId}/verify`)).json
    expect(verdict.ok).toBe(true)
    expect(verdict.checks.find((c: { check: string }) => c.check === 'openings').detail).toMatch(/^3 opening/)

    // After the reveal a change is recorded as such; the report keeps the sealed and the final view.
    await vote(cat, 'support', 'Cat, persuaded by the discussion after the reveal.')
    await t.accept(lead, panelId, decideIt)
    await t.accept(lead, panelId, { type: 'finalise' })
    const record = (await t.api(rita, 'GET', `/api/panels/${panelId}/record`)).json
    const p = record.proposals.find((x: { id: string }) => x.id === pid)
    expect(record.settings).toEqual({ blindVotes: true, quorum: null, autoReveal: false })
    expect(p.sealHistory).toHaveLength(4)
    expect(p.revealed.openings).toHaveLength(3)
    expect(p.revealed.openings.find((o: { by: string }) => o.by === cat.accountId).stance).toBe('abstain')
    expect(p.votes[cat.accountId]).toMatchObject({ stance: 'support', afterReveal: true })
    expect(holding({ record: JSON.stringify(record) }, marks.bobFirst)).toEqual([])

    for (const m of Object.values(marks)) expect(holding({ logs: w.logs.join('\n') }, m)).toEqual([])
  })

  it('catches a tampered opening, commitment or sealed vote (verify and npm run verify)', async () => {
    const w = await world()
    const { t, panelId, lead, inspectors } = w
    const [ann, bob] = inspectors as [Member, Member]
    const pid = (
      await t.accept(ann, panelId, {
        type: 'propose',
        standardId: '2.1',
        rating: 'Good',
        justification: 'Within five per cent of the boundary.',
      })
    ).proposalId as string
    const vote = (m: Member, stance: string, justification: string, proposalId = pid) =>
      t.accept(m, panelId, { type: 'vote', proposalId, stance, justification })
    await vote(ann, 'support', 'Ann supports the proposal.')
    await vote(bob, 'oppose', 'Bob opposes the proposal.')
    await t.accept(lead, panelId, { type: 'reveal', proposalId: pid })
    // A second proposal stays sealed: its vote is kept apart from the log.
    const pid2 = (
      await t.accept(ann, panelId, {
        type: 'propose',
        standardId: '3.2',
        rating: 'Requires improvement',
        justification: 'One case would change it.',
      })
    ).proposalId as string
    await vote(bob, 'support', 'Bob supports raising 3.2.', pid2)
    for (const c of clients.splice(0)) c.destroy()
    await w.t.close(false)
    const dataDir = w.t.dataDir
    clearServer()

    const file = path.join(dataDir, 'panels.sqlite')
    const db = new Database(file)
    db.exec('DROP TRIGGER events_no_update')
    type Row = { seq: number; event: string; hash: string; prev_hash: string }
    const rows = () =>
      db
        .prepare('SELECT seq, event, hash, prev_hash FROM events WHERE panel_id = ? ORDER BY seq')
        .all(panelId) as Row[]
    const original = rows()
    const restore = () => {
      const put = db.prepare(
        'UPDATE events SET event = ?, hash = ?, prev_hash = ? WHERE panel_id = ? AND seq = ?',
      )
      for (const r of original) put.run(r.event, r.hash, r.prev_hash, panelId, r.seq)
    }
    /** Rewrites one event and, when `rechain`, every hash after it, as a forger who knows the chain would. */
    const rewrite = (type: string, change: (e: any) => void, rechain: boolean) => {
      const all = rows()
      const i = all.findIndex((r) => (JSON.parse(r.event) as PanelEvent).type === type)
      const e = JSON.parse(all[i]!.event)
      change(e)
      all[i]!.event = JSON.stringify(e)
      if (rechain)
        for (let k = i; k < all.length; k++) {
          const prev = k === 0 ? all[0]!.prev_hash : all[k - 1]!.hash
          all[k]!.prev_hash = prev
          all[k]!.hash = linkHash(prev, JSON.parse(all[k]!.event) as PanelEvent)
        }
      const put = db.prepare(
        'UPDATE events SET event = ?, hash = ?, prev_hash = ? WHERE panel_id = ? AND seq = ?',
      )
      for (const r of all) put.run(r.event, r.hash, r.prev_hash, panelId, r.seq)
    }
    const verify = async () => {
      const storage = openSqliteStorage(dataDir)
      try {
        return await verifyStoredPanel(storage, panelId)
      } finally {
        await storage.close()
      }
    }
    const failed = async () => (await verify()).checks.find((c) => !c.ok)

    expect((await verify()).ok).toBe(true)

    // An opening altered: the chain breaks; rechained, the opening no longer matches its commitment.
    const flip = (e: any) =>
      (e.openings[0].stance = e.openings[0].stance === 'support' ? 'oppose' : 'support')
    rewrite('votes.revealed', flip, false)
    expect((await failed())?.check).toBe('events')
    restore()
    rewrite('votes.revealed', flip, true)
    expect(await failed()).toMatchObject({ check: 'openings' })
    expect((await failed())?.detail).toMatch(/does not match its commitment/)
    // npm run verify says so too, and exits 1.
    const cli = spawnSync('npx', ['tsx', 'server/cli/verify.ts', '--data', dataDir, '--panel', panelId], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      encoding: 'utf8',
    })
    expect(cli.status, cli.stdout + cli.stderr).toBe(1)
    expect(cli.stdout + cli.stderr).toMatch(/opening/)
    restore()

    // A commitment altered (rechained): the reveal's opening no longer opens it.
    rewrite('vote.sealed', (e) => (e.commitment = 'f'.repeat(64)), true)
    expect(await failed()).toMatchObject({ check: 'openings' })
    restore()
    expect((await verify()).ok).toBe(true)

    // A sealed vote kept apart, altered before its reveal.
    db.prepare("UPDATE sealed_votes SET stance = 'oppose' WHERE panel_id = ?").run(panelId)
    expect(await failed()).toMatchObject({ check: 'sealed votes' })
    db.prepare('DELETE FROM sealed_votes WHERE panel_id = ?').run(panelId)
    expect((await failed())?.detail).toMatch(/can never be revealed/)
    db.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })
})

describe('blind votes: by themselves, retracted, restarted, backed up', () => {
  it('reveals by itself when all have voted, leaves a retracted proposal unopened, and survives a restart and a restore', async () => {
    const w = await world({ blindVotes: true, autoReveal: true })
    const { panelId, lead, inspectors } = w
    const [ann, bob, cat] = inspectors as [Member, Member, Member]
    const propose = async (standardId: string, rating: string) =>
      (
        await w.t.accept(ann, panelId, {
          type: 'propose',
          standardId,
          rating,
          justification: 'Open to discretion, and the evidence supports it.',
        })
      ).proposalId as string
    const vote = (m: Member, proposalId: string, stance: string, why: string) =>
      w.t.accept(m, panelId, { type: 'vote', proposalId, stance, justification: why })
    const pid = await propose('2.1', 'Good')
    for (const m of [ann, bob, cat]) await vote(m, pid, 'support', `${m.name} supports.`)
    const last = await vote(lead, pid, 'abstain', 'The lead abstains.')
    expect(last.events.map((e: { type: string }) => e.type)).toEqual(['vote.sealed', 'votes.revealed'])
    // A retracted proposal's sealed votes stay unopened, and their content is gone.
    const marker = `UNOPENED-${randomUUID()}`
    const pid2 = await propose('3.2', 'Requires improvement')
    await vote(bob, pid2, 'oppose', `Bob opposes. ${marker}`)
    await w.t.accept(ann, panelId, { type: 'retract', proposalId: pid2 })
    const state = (await w.t.api(lead, 'GET', `/api/panels/${panelId}`)).json.state
    expect(state.proposals[pid2]).toMatchObject({ status: 'retracted', unopened: 1 })
    expect(state.proposals[pid].revealed.auto).toBe(true)
    expect((await w.t.api(bob, 'GET', `/api/panels/${panelId}/my-sealed-votes`)).json.sealed).toEqual([])
    const pid3 = await propose('3.3', 'Requires improvement')
    await vote(cat, pid3, 'support', 'Cat supports 3.3, sealed across the restart.')

    // A restart rebuilds the same record document; the sealed vote is still there to reveal.
    const before = (await w.t.api(lead, 'GET', `/api/panels/${panelId}`)).json.state
    for (const c of clients.splice(0)) c.destroy()
    await w.t.close(false)
    clearServer()
    t = await startTestServer({ dataDir: w.t.dataDir })
    const again = t
    const rec = open(again.url, lead, panelId, 'record')
    await synced(rec)
    await waitFor(() => readRecordState(rec.doc)?.version === before.version, 'the record after the restart')
    expect(readRecordState(rec.doc)).toEqual(before)
    expect((await again.api(lead, 'GET', `/api/panels/${panelId}/verify`)).json.ok).toBe(true)

    // A backup carries the sealed vote; the restored store verifies, and the vote can still be revealed.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-blind-backup-'))
    const file = path.join(dir, 'backup.sqlite')
    await backupSqliteStore(again.dataDir, file, { now: new Date() })
    const restoredDir = path.join(dir, 'restored')
    const restored = await restoreSqliteStore(file, restoredDir)
    const v = restored.verifications.find((x) => x.panelId === panelId)!.verification
    expect(v.ok, JSON.stringify(v.checks.filter((c) => !c.ok))).toBe(true)
    expect(v.checks.find((c) => c.check === 'sealed votes')!.detail).toMatch(/^1 sealed vote/)
    const storage = openSqliteStorage(restoredDir)
    try {
      const rows = await storage.loadSealedVotes(panelId)
      expect(rows.map((r) => [r.proposalId, r.stance])).toEqual([[pid3, 'support']])
      expect(JSON.stringify(await storage.loadEvents(panelId))).not.toContain(marker)
    } finally {
      await storage.close()
    }
    fs.rmSync(dir, { recursive: true, force: true })
    await again.accept(lead, panelId, { type: 'reveal', proposalId: pid3 })
  })
})

describe('quorum', () => {
  it('refuses deciding below quorum without an override, and records the override with its reason', async () => {
    const w = await world({ quorum: { minVotes: 2 } })
    const { t, panelId, lead, inspectors } = w
    const [ann] = inspectors as [Member]
    const pid = (
      await t.accept(ann, panelId, {
        type: 'propose',
        standardId: '2.1',
        rating: 'Good',
        justification: 'Within five per cent of the boundary.',
      })
    ).proposalId as string
    await t.accept(ann, panelId, {
      type: 'vote',
      proposalId: pid,
      stance: 'support',
      justification: 'Ann supports.',
    })
    const decideIt = { type: 'decide', proposalId: pid, outcome: 'applied', text: 'The footnote text.' }
    const refused = await t.command(lead, panelId, decideIt)
    expect(refused.status).toBe(409)
    expect(refused.json.error.code).toBe('below-quorum')
    const reason = 'Two inspectors are away; the evidence is clear.'
    await t.accept(lead, panelId, { ...decideIt, override: { reason } })
    const events = (await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events as {
      event: PanelEvent
    }[]
    expect(events.at(-1)!.event).toMatchObject({
      type: 'proposal.decided',
      belowQuorum: { quorum: { minVotes: 2 }, votes: 1, reason },
    })
    // The settings change is an event too, and the quorum changes until finalisation.
    await t.accept(lead, panelId, { type: 'settings', settings: { quorum: { everyInspector: true } } })
    const state = (await t.api(lead, 'GET', `/api/panels/${panelId}`)).json.state
    expect(state.settings.quorum).toEqual({ everyInspector: true })
    // Bad settings are refused as input, never a 500; the rules refuse the rest.
    const inspection = readFixtureJson('gloucestershire-2020.inspection.json')
    for (const settings of [
      { quorum: { minVotes: 0 } },
      { quorum: { minVotes: 2.5 } },
      { blind: true },
      'on',
    ])
      expect((await t.api(lead, 'POST', '/api/panels', { inspection, settings })).status).toBe(422)
    const change = (m: Member, settings: unknown) => t.command(m, panelId, { type: 'settings', settings })
    expect((await change(ann, { quorum: null })).status).toBe(403)
    expect((await change(lead, { blindVotes: true })).json.error.message).toMatch(/first vote/)
    expect((await change(lead, { quorum: { everyInspector: true } })).status).toBe(409)
    expect((await change(lead, { quorum: { minVotes: 101 } })).status).toBe(422)
    expect(state.proposals[pid].decision.belowQuorum.reason).toBe(reason)
  })
})
