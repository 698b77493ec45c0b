// The SQLite adapter's durable workspace writes, on a connection of their own: each batch of requests is
// one transaction (WAL, synchronous=FULL), with update ids and workspace chain links assigned inside it.
// Plain JavaScript, so the writer thread (sqlite-writer.worker.js) starts without a TypeScript loader;
// the main thread's inline writer (sqlite-writer.ts) runs the same code. The messages are typed there.
import { createHash } from 'node:crypto'
import Database from 'better-sqlite3'

// The workspace chain, exactly as server/panels/workspace-chain.ts links it (the storage contract test
// verifies the chains this writer stores against that code).
const sha256 = (data) => createHash('sha256').update(data).digest('hex')
const genesis = (panelId) => sha256(`ratings-panel/workspace@1:${panelId}`)
const link = (prev, u) => sha256(`${prev}\n${u.seq}\n${u.accountId}\n${u.at}\n${sha256(u.update)}`)

/** The workspace chain's statements, shared with the adapter's own connection (sqlite.ts). */
export const WORKSPACE_SQL = {
  // Seqs are never reused, not even those of updates a retention compaction deleted.
  maxUpdateId: `SELECT max(coalesce((SELECT max(id) FROM workspace_updates), 0),
                        coalesce((SELECT max(upto) FROM workspace_compactions), 0)) AS id`,
  // After a compaction the chain goes on from its seal (server/panels/retention.ts).
  lastUpdateHash: `SELECT coalesce(
         (SELECT hash FROM workspace_updates WHERE panel_id = @p ORDER BY id DESC LIMIT 1),
         (SELECT sealed_head FROM workspace_compactions WHERE panel_id = @p)) AS hash`,
  insertUpdate:
    'INSERT INTO workspace_updates (id, panel_id, data, account_id, at, hash) VALUES (?, ?, ?, ?, ?, ?)',
}

/**
 * Opens `file` for durable writes; `commit(reqs)` answers each request with its outcome, in order.
 * `busyTimeoutMs`: how long a commit waits for another process's write lock. With `busyReply`, a batch
 * that finds the lock held is not written and the answer is `{ busy: true }` (the event loop's writer
 * hands it to the thread rather than wait).
 */
export function openWorkspaceWrites(file, { busyTimeoutMs = 5000, busyReply = false } = {}) {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma(`busy_timeout = ${busyTimeoutMs}`)

  const q = {
    maxUpdateId: db.prepare(WORKSPACE_SQL.maxUpdateId),
    lastUpdateHash: db.prepare(WORKSPACE_SQL.lastUpdateHash),
    insertUpdate: db.prepare(WORKSPACE_SQL.insertUpdate),
    insertCheckpoint: db.prepare(
      'INSERT OR REPLACE INTO checkpoints (panel_id, doc, seq, state, at) VALUES (?, ?, ?, ?, ?)',
    ),
  }

  /** One request's writes, inside the shared transaction: ids and chain links assigned here. */
  const writeOne = (req, heads, next) => {
    if (req.checkpoint) {
      const c = req.checkpoint
      q.insertCheckpoint.run(c.panelId, c.doc, c.seq, c.state, c.at)
      return []
    }
    return req.updates.map((u) => {
      const seq = next.id++
      const prev = heads.get(u.panelId) ?? q.lastUpdateHash.get({ p: u.panelId })?.hash ?? genesis(u.panelId)
      const hash = link(prev, { seq, accountId: u.accountId, at: u.at, update: u.update })
      heads.set(u.panelId, hash)
      q.insertUpdate.run(seq, u.panelId, u.update, u.accountId, u.at, hash)
      return { seq, hash }
    })
  }
  const writeAll = db.transaction((reqs) => {
    const next = { id: q.maxUpdateId.get().id + 1 }
    const heads = new Map()
    return reqs.map((r) => writeOne(r, heads, next))
  })

  /** Commits the requests together; after a failure, each alone, so one bad request fails no other. */
  const commit = (reqs) => {
    try {
      // IMMEDIATE: the write lock first, so the ids and chain heads read inside are this writer's alone.
      const results = writeAll.immediate(reqs)
      return { done: reqs.map((r, i) => [r.id, results[i]]) }
    } catch (e) {
      if (busyReply && e && e.code === 'SQLITE_BUSY') return { busy: true }
      const done = []
      const failed = []
      for (const r of reqs) {
        try {
          done.push([
            r.id,
            db.transaction((x) => writeOne(x, new Map(), { id: q.maxUpdateId.get().id + 1 })).immediate(r),
          ])
        } catch (err) {
          failed.push([r.id, String(err && err.message ? err.message : err)])
        }
      }
      return { done, failed, cause: String(e && e.message ? e.message : e) }
    }
  }
  return { commit, close: () => db.close() }
}
