// Retention: a finalised panel past its retention period has its keystroke history compacted into one
// checkpoint per panel event, after its full archive is written. Verify still passes (API and
// `npm run verify`, with the signed heads) and says what was compacted; replay at every panel event
// shows the same documents as before; a restart serves the same; an altered checkpoint is caught.
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { compactPanel } from '../../server/panels/retention.ts'
import { readDraft } from '../../shared/ydoc/layout.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

const root = path.resolve(import.meta.dirname, '..', '..')
const DAY = 86_400_000
let ms = Date.parse('2026-03-02T09:00:00.000Z')
const now = () => new Date(ms)
const tick = (by = 1000) => (ms += by)

let t: TestServer | null = null
const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  if (t) await t.close()
  t = null
})

const draftsOf = (b64: string): Record<string, string> => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Buffer.from(b64, 'base64'))
  const out = Object.fromEntries(
    [...doc.getMap<Y.Text>('drafts').entries()].map(([k, v]) => [k, v.toString()]).sort(),
  )
  doc.destroy()
  return out
}

function verifyCli(dataDir: string) {
  return new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'verify', '--', '--data', dataDir], {
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

describe('retention', () => {
  it('compacts a finalised panel past its period: verify passes and says so, replay at events is unchanged', async () => {
    t = await startTestServer({
      now,
      sessionTtlHours: 24 * 90,
      limits: { messagesPerSecond: 100_000, burst: 100_000 },
    })
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
    const writer = connect(t.url, ann, panelId, 'workspace')
    const watcher = connect(t.url, lead, panelId, 'workspace')
    clients.push(writer, watcher)
    await Promise.all([synced(writer), synced(watcher)])
    // Keystrokes between the events: each burst is seen by the lead before the next command.
    const type = async (text: string) => {
      const note = readDraft(writer.doc, 'note', '2.1')!
      for (const ch of text) {
        tick()
        note.insert(note.length, ch)
      }
      const want = note.toString()
      await waitFor(() => readDraft(watcher.doc, 'note', '2.1')!.toString() === want, 'the lead to see it')
    }
    await type('Near the boundary')
    tick()
    const p = await t.accept(ann, panelId, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: 'Near the boundary: 60.9% against 65%.',
    })
    await type('; desistance work is strong')
    tick()
    await t.accept(lead, panelId, {
      type: 'decide',
      proposalId: p.proposalId,
      outcome: 'applied',
      text: 'Raised to Good: desistance work is strong.',
    })
    await type('. Agreed.')
    tick()
    await t.accept(lead, panelId, { type: 'finalise' })
    const { events } = (await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json as {
      events: { seq: number; event: { at: string } }[]
    }
    const replayAt = async (at: string) =>
      (await t!.api(lead, 'GET', `/api/panels/${panelId}/replay?at=${encodeURIComponent(at)}`)).json as {
        state: unknown
        workspace: string
      }
    const before = new Map<number, { state: unknown; drafts: Record<string, string> }>()
    for (const e of events) {
      const r = await replayAt(e.event.at)
      before.set(e.seq, { state: r.state, drafts: draftsOf(r.workspace) })
    }
    const updatesBefore = (await t.server.storage.loadWorkspaceUpdates(panelId)).length
    expect(updatesBefore).toBeGreaterThan(40)

    const deps = {
      storage: t.server.storage,
      heads: t.server.ctx.heads,
      now,
      log: t.server.ctx.log,
      hub: t.server.ctx.hub,
      archiveDir: path.join(t.dataDir, 'archive'),
    }
    // Not yet: the period runs from the finalisation.
    tick(29 * DAY)
    expect(await compactPanel(deps, panelId, 30)).toEqual({
      compacted: false,
      reason: 'within the retention period',
    })
    tick(2 * DAY)
    const done = await compactPanel(deps, panelId, 30)
    expect(done.compacted).toBe(true)
    if (!done.compacted) return
    expect(done.manifest.updates).toBe(updatesBefore)
    expect(await t.server.storage.loadWorkspaceUpdates(panelId)).toEqual([])
    expect(await compactPanel(deps, panelId, 30)).toEqual({ compacted: false, reason: 'compacted already' })

    // The archive written first holds every update, and is the one the seal names.
    const archive = fs.readFileSync(path.join(deps.archiveDir, done.manifest.archive.file))
    expect(createHash('sha256').update(archive).digest('hex')).toBe(done.manifest.archive.sha256)
    const lines = archive
      .toString('utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string })
    expect(lines.filter((l) => l.kind === 'workspace-update')).toHaveLength(updatesBefore)
    expect(lines.at(-1)).toMatchObject({ kind: 'verification', ok: true })

    // Verify passes and says what was compacted and when.
    const v = (await t.api(lead, 'GET', `/api/panels/${panelId}/verify`)).json
    expect(v.ok, JSON.stringify(v.broken)).toBe(true)
    expect(v.compacted).toMatchObject({ upto: done.manifest.upto, updates: updatesBefore })
    expect(v.checks.find((c: { check: string }) => c.check === 'compaction')?.detail).toMatch(
      /workspace updates up to \d+ were compacted into \d+ checkpoints/,
    )
    // Replay at every panel event shows the same documents as before.
    for (const e of events) {
      const r = await replayAt(e.event.at)
      expect({ state: r.state, drafts: draftsOf(r.workspace) }, `replay at event ${e.seq}`).toEqual(
        before.get(e.seq),
      )
    }
    // The history lists the kept checkpoints; the archive route still answers.
    const history = (await t.api(lead, 'GET', `/api/panels/${panelId}/history`)).json
    expect(history.workspace.every((w: unknown[]) => w[2] === 'compacted')).toBe(true)
    expect((await t.api(lead, 'GET', `/api/panels/${panelId}/archive`)).status).toBe(200)

    // After a restart (the head log and its signature on disk), the same, and the CLI agrees.
    const dataDir = t.dataDir
    for (const c of clients.splice(0)) c.destroy()
    await t.close(false)
    t = await startTestServer({ now, dataDir, sessionTtlHours: 24 * 90 })
    const again = await fetch(`${t.url}/api/panels/${panelId}/verify`, { headers: { cookie: lead.cookie } })
    expect(((await again.json()) as { ok: boolean }).ok).toBe(true)
    const last = events.at(-1)!
    const r = (
      await t.api(lead, 'GET', `/api/panels/${panelId}/replay?at=${encodeURIComponent(last.event.at)}`)
    ).json as { workspace: string }
    expect(draftsOf(r.workspace)).toEqual(before.get(last.seq)!.drafts)
    await t.close(false)
    t = null
    const cli = await verifyCli(dataDir)
    expect(cli.code, cli.out).toBe(0)
    expect(cli.out).not.toMatch(/WARNING/)

    // An altered compacted checkpoint no longer matches the seal.
    const db = new Database(path.join(dataDir, 'panels.sqlite'))
    const forged = new Y.Doc()
    forged.getMap<Y.Text>('drafts').set('note:2.1', new Y.Text('rewritten'))
    db.prepare(`UPDATE checkpoints SET state = ? WHERE panel_id = ? AND doc = 'workspace' AND seq = ?`).run(
      Buffer.from(Y.encodeStateAsUpdate(forged)),
      panelId,
      done.manifest.upto,
    )
    db.close()
    const broken = await verifyCli(dataDir)
    expect(broken.code).toBe(1)
    expect(broken.out).toMatch(/not the one the compaction sealed/)
    fs.rmSync(dataDir, { recursive: true, force: true })
  })
})
