// Upgrading: a store made by the first released schema (test/fixtures/store-v1, checked in, never
// regenerated) is migrated forwards at start, keeps every panel verifiable with the same chain heads and
// record hashes, replays its workspace history, and takes new work. A store from a newer server is refused.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { hashToken, newToken } from '../../server/auth/tokens.ts'
import { workspaceAt } from '../../server/panels/audit.ts'
import { verifyStoredPanel } from '../../server/panels/verify.ts'
import { MIGRATIONS } from '../../server/storage/sqlite-schema.ts'
import { openSqliteStorage } from '../../server/storage/sqlite.ts'
import { fixturesDir, startTestServer, type TestServer } from '../support/server.ts'

interface Expected {
  organiser: string
  panels: Record<
    string,
    {
      finalised: boolean
      verify: { ok: boolean; events: number; head: string; recordHash: string | null }
      workspaceUpdates: number
      draft?: { key: string; text: string }
    }
  >
}

const fixture = path.join(fixturesDir, 'store-v1')
const expected = JSON.parse(fs.readFileSync(path.join(fixture, 'expected.json'), 'utf8')) as Expected

const dirs: string[] = []
const servers: TestServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close(false)
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

/** A copy of the fixture store in a fresh data dir (the checked-in file is never opened for writing). */
function copyOfFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-upgrade-'))
  dirs.push(dir)
  fs.copyFileSync(path.join(fixture, 'panels.sqlite'), path.join(dir, 'panels.sqlite'))
  return dir
}

const userVersion = (dir: string): number => {
  const db = new Database(path.join(dir, 'panels.sqlite'), { readonly: true })
  try {
    return db.pragma('user_version', { simple: true }) as number
  } finally {
    db.close()
  }
}

describe('upgrading a store made by schema version 1', () => {
  it('migrates forwards and keeps every panel verifiable, replayable and the same', async () => {
    const dir = copyOfFixture()
    expect(userVersion(dir)).toBe(1)
    const storage = openSqliteStorage(dir)
    try {
      expect(userVersion(dir)).toBe(MIGRATIONS.length)
      expect((await storage.listAllPanelIds()).sort()).toEqual(Object.keys(expected.panels).sort())
      for (const [id, want] of Object.entries(expected.panels)) {
        const v = await verifyStoredPanel(storage, id)
        expect(v, `panel ${id}`).toMatchObject({
          ok: true,
          events: want.verify.events,
          head: want.verify.head,
          recordHash: want.verify.recordHash,
        })
        expect(Boolean((await storage.findPanel(id))?.finalisedAt)).toBe(want.finalised)
        const updates = await storage.loadWorkspaceUpdates(id)
        expect(updates).toHaveLength(want.workspaceUpdates)
        if (want.draft) {
          const doc = new Y.Doc()
          Y.applyUpdate(doc, (await workspaceAt(storage, id, updates.at(-1)!.seq)).update)
          expect(doc.getMap<Y.Text>('drafts').get(want.draft.key)?.toString()).toBe(want.draft.text)
          doc.destroy()
        }
      }
    } finally {
      await storage.close()
    }
    // Migrating is idempotent: opening the upgraded store again runs nothing and changes nothing.
    const again = openSqliteStorage(dir)
    await again.close()
    expect(userVersion(dir)).toBe(MIGRATIONS.length)
  })

  it('serves the upgraded store: the old accounts sign in, the panel in progress takes commands', async () => {
    const dir = copyOfFixture()
    // Sessions are stored hashed, so the fixture's own cannot be reused: give its organiser a new one.
    const token = newToken()
    const storage = openSqliteStorage(dir)
    await storage.createSession({
      idHash: hashToken(token),
      accountId: expected.organiser,
      createdAt: new Date().toISOString(),
      expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    })
    await storage.close()
    const t = await startTestServer({ dataDir: dir })
    servers.push(t)
    expect(t.server.firstSignInUrl).toBeNull()
    const lead = { name: 'Organiser', cookie: `rp_session=${token}`, accountId: expected.organiser }
    const listed = await t.api(lead, 'GET', '/api/panels')
    expect(listed.status).toBe(200)
    expect(listed.json.panels.map((p: { id: string }) => p.id).sort()).toEqual(
      Object.keys(expected.panels).sort(),
    )
    const [inProgress] = Object.entries(expected.panels).find(([, p]) => !p.finalised)!
    const r = await t.accept(lead, inProgress, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: 'After the upgrade.',
    })
    expect(r.events[0].seq).toBe(expected.panels[inProgress]!.verify.events + 1)
    const v = await t.api(lead, 'GET', `/api/panels/${inProgress}/verify`)
    expect(v.json).toMatchObject({ ok: true, events: expected.panels[inProgress]!.verify.events + 1 })
    const [done] = Object.entries(expected.panels).find(([, p]) => p.finalised)!
    const refused = await t.command(lead, done, { type: 'finalise' })
    expect(refused.status).toBe(409)
  })

  it('refuses a store written by a newer server, naming both versions, and leaves it untouched', () => {
    const dir = copyOfFixture()
    const db = new Database(path.join(dir, 'panels.sqlite'))
    db.pragma(`user_version = ${MIGRATIONS.length + 5}`)
    db.close()
    expect(() => openSqliteStorage(dir)).toThrow(
      new RegExp(`schema version ${MIGRATIONS.length + 5}.*only up to ${MIGRATIONS.length}`),
    )
    expect(userVersion(dir)).toBe(MIGRATIONS.length + 5)
  })
})
