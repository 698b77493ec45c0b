// What a durable commit costs on the store's disk: single-row SQLite transactions in WAL mode with
// synchronous=FULL (ours' setting: the WAL is fsynced at every commit) and, for comparison, NORMAL
// (no fsync at commit; survives a process crash, not a power loss).
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { distOf, type Dist } from './stats.ts'

export interface CommitCost {
  full: Dist
  normal: Dist
}

export function measureCommits(dir: string, count: number, maxMs = 3000): CommitCost {
  const file = path.join(dir, 'commit-probe.sqlite')
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB, at TEXT)')
    const insert = db.prepare('INSERT INTO t (data, at) VALUES (?, ?)')
    const row = Buffer.alloc(60, 7)
    const run = (mode: 'FULL' | 'NORMAL') => {
      db.pragma(`synchronous = ${mode}`)
      const times: number[] = []
      const until = performance.now() + maxMs / 2
      for (let i = 0; i < count && performance.now() < until; i++) {
        const t0 = performance.now()
        db.transaction(() => insert.run(row, new Date().toISOString()))()
        times.push(performance.now() - t0)
      }
      return distOf(times)
    }
    return { full: run('FULL'), normal: run('NORMAL') }
  } finally {
    db.close()
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true })
  }
}
