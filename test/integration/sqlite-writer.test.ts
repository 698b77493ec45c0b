// The SQLite writer moving between the event loop and its thread (commit-pace.ts) loses nothing and
// keeps order: here it moves at every chance (every commit counts as slow inline and quick on the
// thread), while three panels' updates and checkpoints arrive over many turns.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { verifyWorkspaceChain } from '../../server/panels/workspace-chain.ts'
import { openSqliteStorage } from '../../server/storage/sqlite.ts'
import { startSqliteWriter, type SqliteWriter } from '../../server/storage/sqlite-writer.ts'
import type { Storage } from '../../server/storage/port.ts'

const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function storeWithPanels(panels: string[]): Promise<{ dir: string; file: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-writer-'))
  dirs.push(dir)
  const s = openSqliteStorage(dir)
  for (const id of panels)
    await s.appendEvents(id, 0, [], {
      panel: { id, title: id, frameworkId: 'f', createdAt: 'x', createdBy: 'a', finalisedAt: null },
    })
  await s.close()
  return { dir, file: path.join(dir, 'panels.sqlite') }
}

const turn = () => new Promise((r) => setImmediate(r))
const update = (panelId: string, i: number) => ({
  panelId,
  update: Uint8Array.from([i & 255, i >> 8, 1, 2, 3]),
  accountId: 'a1',
  at: `t${i}`,
})

describe('SQLite writer', () => {
  it('moves between the event loop and its thread without losing or reordering a write', async () => {
    const panels = ['p1', 'p2', 'p3']
    const { dir, file } = await storeWithPanels(panels)
    const writer: SqliteWriter = startSqliteWriter(file, {
      mode: 'adaptive',
      pace: { slowMs: 0, fastMs: Number.POSITIVE_INFINITY, window: 1 },
    })
    const asked: { panelId: string; i: number; p: Promise<{ seq: number }> }[] = []
    const checkpoints: Promise<void>[] = []
    let i = 0
    for (let t = 0; t < 60; t++) {
      for (let k = 0; k < 1 + (t % 7); k++, i++) {
        const panelId = panels[i % 3]!
        const update = Uint8Array.from([i & 255, i >> 8, 1, 2, 3])
        asked.push({
          panelId,
          i,
          p: writer.appendWorkspaceUpdate({ panelId, update, accountId: 'a1', at: `t${i}` }),
        })
      }
      if (t % 10 === 3)
        checkpoints.push(
          writer.saveCheckpoint({
            panelId: 'p1',
            doc: 'workspace',
            seq: i,
            state: Uint8Array.from([t]),
            at: 'c',
          }),
        )
      // Some turns wait for the disk, some do not: both places get work while the other has some.
      if (t % 4 === 0) await asked.at(-1)!.p
      else await turn()
    }
    const seqs = await Promise.all(asked.map((a) => a.p.then((r) => r.seq)))
    await Promise.all(checkpoints)
    const stats = writer.stats()
    await writer.close()
    // Both places committed, and the seqs follow the order the writes were asked for.
    expect(stats.inline).toBeGreaterThan(5)
    expect(stats.thread).toBeGreaterThan(5)
    for (let n = 1; n < seqs.length; n++) expect(seqs[n]!).toBeGreaterThan(seqs[n - 1]!)
    const s: Storage = openSqliteStorage(dir)
    try {
      for (const panelId of panels) {
        const stored = await s.loadWorkspaceUpdates(panelId)
        const mine = asked.filter((a) => a.panelId === panelId)
        expect(stored.map((u) => u.at)).toEqual(mine.map((a) => `t${a.i}`))
        expect(verifyWorkspaceChain(panelId, stored)).toMatchObject({ ok: true, updates: mine.length })
      }
      expect((await s.loadCheckpoint('p1', 'workspace'))?.state).toEqual(Uint8Array.from([53]))
    } finally {
      await s.close()
    }
  })

  it('hands a batch to its thread when another process holds the write lock, so the event loop goes on', async () => {
    const { file } = await storeWithPanels(['p1'])
    // Never slow by time here (a first commit on a fresh file can take milliseconds): only the lock moves it.
    const writer = startSqliteWriter(file, { mode: 'adaptive', pace: { slowMs: 1e6, maxShare: 1 } })
    try {
      const first = await writer.appendWorkspaceUpdate(update('p1', 1))
      expect(writer.stats()).toMatchObject({ place: 'inline', inline: 1, thread: 0 })
      // Someone else (an admin command, say) holds the write lock.
      const other = new Database(file)
      other.exec('BEGIN IMMEDIATE')
      let settled = false
      const second = writer.appendWorkspaceUpdate(update('p1', 2)).finally(() => (settled = true))
      for (let i = 0; i < 20; i++) await turn()
      // The loop kept turning, the write waits on the thread, and nothing was written yet.
      expect(settled).toBe(false)
      expect(writer.stats().thread).toBe(1)
      other.exec('COMMIT')
      other.close()
      expect((await second).seq).toBe(first.seq + 1)
    } finally {
      await writer.close()
    }
  })
})
