// Backups that restore: in the middle of a burst of commands and workspace edits on a real server, a
// backup is taken by the real operator command (SQLite: `npm run backup`; PostgreSQL: pg_dump). After
// the store is lost, it is restored (`npm run restore`; pg_restore) and `npm run verify` passes, and
// everything acknowledged before the backup began is there: every command answered 200 with its seq and
// hash, and every edit another member had received (the server relays an edit only once it is stored).
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { workspaceAt } from '../../server/panels/audit.ts'
import type { Storage } from '../../server/storage/port.ts'
import { openPostgresStorage } from '../../server/storage/postgres.ts'
import { openSqliteStorage } from '../../server/storage/sqlite.ts'
import { readDraft } from '../../shared/ydoc/layout.ts'
import { startTestServer, type Member, type TestServer } from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

const root = path.resolve(import.meta.dirname, '..', '..')
const databaseUrl = process.env.TEST_DATABASE_URL
const requireScaleOut = process.env.REQUIRE_SCALEOUT === '1'

function run(cmd: string, args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; out: string }>((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, DATABASE_URL: '', ...env } })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out }))
  })
}
const npmRun = (script: string, args: string[], env?: Record<string, string>) =>
  run('npm', ['run', '--silent', script, '--', ...args], env)

let t: TestServer | null = null
const clients: Client[] = []
const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await t?.close()
  t = null
  for (const f of cleanups.splice(0).reverse()) await f()
})

interface Acknowledged {
  events: { seq: number; hash: string }[]
  /** Edit marks the watcher holds, i.e. that the server stored and relayed. */
  edits: Set<string>
}

/**
 * Commands (propose, vote, retract, over and over) and edits (a mark typed into a note) as fast as the
 * server takes them, until stopped; `acknowledged()` says what has been confirmed so far.
 */
async function startBurst(server: TestServer, lead: Member, ann: Member, panelId: string) {
  const writer = connect(server.url, ann, panelId, 'workspace')
  const watcher = connect(server.url, lead, panelId, 'workspace')
  clients.push(writer, watcher)
  await Promise.all([synced(writer), synced(watcher)])
  const events: Acknowledged['events'] = []
  let stopped = false
  const commands = (async () => {
    for (let i = 0; !stopped; i++) {
      const p = await server.accept(ann, panelId, {
        type: 'propose',
        standardId: '2.1',
        rating: 'Good',
        justification: `Round ${i}: near the boundary.`,
      })
      const v = await server.accept(lead, panelId, {
        type: 'vote',
        proposalId: p.proposalId,
        stance: 'support',
        justification: 'The evidence supports it.',
      })
      const r = await server.accept(ann, panelId, { type: 'retract', proposalId: p.proposalId })
      for (const answer of [p, v, r]) events.push(...(answer.events as { seq: number; hash: string }[]))
    }
  })()
  const edits = (async () => {
    for (let i = 0; !stopped; i++) {
      readDraft(writer.doc, 'note', ['2.1', '3.2', '3.3'][i % 3]!)!.insert(0, `[e${i}]`)
      // Let the socket carry it: the burst paces itself by the event loop, not by a clock.
      await new Promise((resolve) => setImmediate(resolve))
    }
  })()
  const marks = () =>
    new Set(
      ['2.1', '3.2', '3.3'].flatMap(
        (s) =>
          readDraft(watcher.doc, 'note', s)!
            .toString()
            .match(/\[e\d+\]/g) ?? [],
      ),
    )
  return {
    acknowledged: (): Acknowledged => ({ events: [...events], edits: marks() }),
    async stop() {
      stopped = true
      await Promise.all([commands, edits])
    },
  }
}

/** Checks the restored store holds everything acknowledged before the backup began. */
async function expectAllThere(storage: Storage, panelId: string, before: Acknowledged) {
  const events = await storage.loadEvents(panelId)
  for (const e of before.events) expect(events[e.seq - 1]?.hash, `event ${e.seq}`).toBe(e.hash)
  const updates = await storage.loadWorkspaceUpdates(panelId)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, (await workspaceAt(storage, panelId, updates.at(-1)!.seq)).update)
  const restored = ['2.1', '3.2', '3.3'].map((s) => readDraft(doc, 'note', s)!.toString()).join('')
  doc.destroy()
  const missing = [...before.edits].filter((m) => !restored.includes(m))
  expect(missing, 'edits acknowledged before the backup, missing after the restore').toEqual([])
}

async function burstThenBackup(
  server: TestServer,
  backup: () => Promise<{ code: number | null; out: string }>,
) {
  const lead = server.organiser
  const panelId = await server.createPanel(lead)
  const ann = await server.invite(lead, panelId, 'inspector', 'Ann Inspector')
  const burst = await startBurst(server, lead, ann, panelId)
  await waitFor(
    () => burst.acknowledged().events.length >= 30 && burst.acknowledged().edits.size >= 100,
    'the burst to get going',
    30_000,
  )
  const before = burst.acknowledged()
  const made = await backup()
  const during = burst.acknowledged()
  await burst.stop()
  expect(made.code, made.out).toBe(0)
  // The backup really was taken while the server kept accepting work.
  expect(during.events.length).toBeGreaterThan(before.events.length)
  return { panelId, before }
}

describe('backup and restore: SQLite', () => {
  it('restores a backup taken mid-burst with everything acknowledged before it began, and it verifies', async () => {
    t = await startTestServer({ limits: { messagesPerSecond: 100_000, burst: 100_000 } })
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-backup-'))
    cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }))
    const file = path.join(work, 'panels.rpbackup')
    const { panelId, before } = await burstThenBackup(t, () =>
      npmRun('backup', ['--out', file, '--data', t!.dataDir]),
    )
    const serverDir = t.dataDir
    await t.close(false)
    t = null
    cleanups.push(() => fs.rmSync(serverDir, { recursive: true, force: true }))

    const restoredDir = path.join(work, 'restored')
    const restored = await npmRun('restore', [file, '--data', restoredDir])
    expect(restored.code, restored.out).toBe(0)
    expect(restored.out).toMatch(
      /restored 1 panel\(s\) .*every chain verifies and every head is the one the server signed/,
    )
    // The head log and the public key travel in the backup; the private key never does.
    expect(fs.readdirSync(restoredDir).sort()).toEqual(['head-signing.pub', 'heads.log', 'panels.sqlite'])
    const privateKey = fs.readFileSync(path.join(serverDir, 'head-signing.key'), 'utf8')
    expect(privateKey).toMatch(/PRIVATE KEY/)
    expect(fs.readFileSync(file).includes(Buffer.from('PRIVATE KEY'))).toBe(false)
    expect(restored.out).toMatch(/put the head-signing private key back/)
    const verified = await npmRun('verify', ['--data', restoredDir])
    expect(verified.code, verified.out).toBe(0)
    expect(verified.out).not.toMatch(/WARNING/)
    const storage = openSqliteStorage(restoredDir)
    try {
      await expectAllThere(storage, panelId, before)
    } finally {
      await storage.close()
    }
    // A restore never writes over a store.
    const again = await npmRun('restore', [file, '--data', restoredDir])
    expect(again.code).toBe(1)
    expect(again.out).toMatch(/not empty/)
  })

  it('refuses a restore whose head log was altered: the signatures no longer hold', async () => {
    t = await startTestServer()
    const panelId = await t.createPanel(t.organiser)
    await t.accept(t.organiser, panelId, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: 'Near the boundary.',
    })
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-backup-'))
    cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }))
    const file = path.join(work, 'b.rpbackup')
    const made = await npmRun('backup', ['--out', file, '--data', t.dataDir])
    expect(made.code, made.out).toBe(0)
    // Someone rewrites the newest signed head of the event chain in the backup to another hash.
    const db = new Database(file)
    const row = db.prepare(`SELECT data FROM rp_backup WHERE name = 'file:heads.log'`).get() as {
      data: Buffer
    }
    const lines = row.data.toString('utf8').trim().split('\n')
    const last = lines
      .map((l) => JSON.parse(l) as { chain: string; hash: string })
      .findLastIndex((h) => h.chain === 'events')
    const forged = { ...JSON.parse(lines[last]!), hash: 'f'.repeat(64) }
    lines[last] = JSON.stringify(forged)
    db.prepare(`UPDATE rp_backup SET data = ? WHERE name = 'file:heads.log'`).run(
      Buffer.from(lines.join('\n') + '\n'),
    )
    db.close()
    const restored = await npmRun('restore', [file, '--data', path.join(work, 'r')])
    expect(restored.code, restored.out).toBe(1)
    expect(restored.out).toMatch(new RegExp(`BROKEN  ${panelId}: .*signature`))
  })

  it('refuses to overwrite a file, and to restore what is not a backup', async () => {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-backup-'))
    cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }))
    const exists = path.join(work, 'exists')
    fs.writeFileSync(exists, 'x')
    const over = await npmRun('backup', [
      '--out',
      exists,
      '--data',
      path.join(root, 'test/fixtures/store-v1'),
    ])
    expect(over.code).toBe(1)
    expect(over.out).toMatch(/exists already/)
    expect(fs.readFileSync(exists, 'utf8')).toBe('x')
    const notBackup = await npmRun('restore', [
      path.join(root, 'test/fixtures/store-v1/panels.sqlite'),
      '--data',
      path.join(work, 'r'),
    ])
    expect(notBackup.code).toBe(1)
    expect(notBackup.out).toMatch(/not a backup/)
    expect((await npmRun('backup', [])).code).toBe(2)
  })
})

const pgUnavailable = !databaseUrl
  ? 'TEST_DATABASE_URL is not set (bash .ci/run sets it)'
  : spawnSync('pg_dump', ['--version']).status !== 0
    ? 'pg_dump is not installed'
    : null

describe('backup and restore: PostgreSQL (pg_dump, pg_restore)', () => {
  if (pgUnavailable) {
    if (requireScaleOut) it(`runs (REQUIRE_SCALEOUT=1): ${pgUnavailable}`, () => expect.fail(pgUnavailable))
    else it.skip(`skipped: ${pgUnavailable}`, () => undefined)
    return
  }
  it('restores a pg_dump taken mid-burst with everything acknowledged before it began, and it verifies', async () => {
    if (!databaseUrl) throw new Error('unreachable: TEST_DATABASE_URL checked above')
    const schema = `backup_${process.pid}_${randomBytes(4).toString('hex')}`
    const admin = new pg.Client({ connectionString: databaseUrl })
    await admin.connect()
    cleanups.push(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
      await admin.end()
    })
    await admin.query(`CREATE SCHEMA ${schema}`)
    const sep = databaseUrl.includes('?') ? '&' : '?'
    const schemaUrl = `${databaseUrl}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-backup-'))
    cleanups.push(() => fs.rmSync(work, { recursive: true, force: true }))
    const dir = path.join(work, 'pg-backup')

    t = await startTestServer({
      databaseUrl: schemaUrl,
      limits: { messagesPerSecond: 100_000, burst: 100_000 },
    })
    const headLog = path.join(t.dataDir, 'heads.log')
    // npm run backup on PostgreSQL: pg_dump of one exported snapshot, and the head log cut to it.
    const { panelId, before } = await burstThenBackup(t, () =>
      npmRun('backup', ['--out', dir, '--heads', headLog, '--schema', schema], { DATABASE_URL: schemaUrl }),
    )
    const serverDir = t.dataDir
    await t.close(false)
    t = null
    cleanups.push(() => fs.rmSync(serverDir, { recursive: true, force: true }))
    expect(fs.readdirSync(dir).sort()).toEqual([
      'head-signing.pub',
      'heads.log',
      'manifest.json',
      'panels.pgdump',
    ])

    // The store is lost; pg_restore (by npm run restore) brings it back into the same, now empty, place.
    await admin.query(`DROP SCHEMA ${schema} CASCADE`)
    const restored = await npmRun('restore', [dir], { DATABASE_URL: schemaUrl })
    expect(restored.code, restored.out).toBe(0)
    expect(restored.out).toMatch(/every chain verifies and every head is the one the server signed/)
    const verified = await npmRun(
      'verify',
      ['--heads', path.join(dir, 'heads.log'), '--public-key', path.join(dir, 'head-signing.pub')],
      { DATABASE_URL: schemaUrl },
    )
    expect(verified.code, verified.out).toBe(0)
    expect(verified.out).toMatch(/1 panel\(s\) verified/)
    expect(verified.out).not.toMatch(/WARNING/)
    const storage = await openPostgresStorage(databaseUrl, { schema, maxConnections: 2 })
    try {
      await expectAllThere(storage, panelId, before)
    } finally {
      await storage.close()
    }
  })
})
