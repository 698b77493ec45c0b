// The SQLite writer moving between the event loop and its thread (commit-pace.ts) loses nothing and
// keeps order: here it moves at every chance (every commit counts as slow inline and quick on the
// thread), while three panels' updates and checkpoints arrive over many turns.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
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
})
