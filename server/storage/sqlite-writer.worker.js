// The SQLite adapter's durable writer: a worker thread with its own connection to the same WAL file that
// commits workspace updates (and checkpoints), so the fsync of a commit never holds the event loop.
// Plain JavaScript, so it starts without a TypeScript loader (under tsx, vitest or node alike); the
// messages it speaks are typed in sqlite-writer.ts.
//
// Group commit that adapts to load: whatever queued on the port while the previous transaction was
// committing is drained (receiveMessageOnPort) and committed together in one transaction, so an idle
// server commits each update at once and a busy one commits many per fsync. Each request is answered
// only after its transaction has committed (WAL, synchronous=FULL).
import { createHash } from 'node:crypto'
import { receiveMessageOnPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const { file, port } = workerData
const db = new Database(file)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.pragma('foreign_keys = ON')
db.pragma('busy_timeout = 5000')

const q = {
  // Seqs are never reused, not even those of updates a retention compaction deleted.
  maxUpdateId: db.prepare(
    `SELECT max(coalesce((SELECT max(id) FROM workspace_updates), 0),
                coalesce((SELECT max(upto) FROM workspace_compactions), 0)) AS id`,
  ),
  // After a compaction the chain goes on from its seal (server/panels/retention.ts).
  lastUpdateHash: db.prepare(
    `SELECT coalesce(
       (SELECT hash FROM workspace_updates WHERE panel_id = @p ORDER BY id DESC LIMIT 1),
       (SELECT sealed_head FROM workspace_compactions WHERE panel_id = @p)) AS hash`,
  ),
  insertUpdate: db.prepare(
    'INSERT INTO workspace_updates (id, panel_id, data, account_id, at, hash) VALUES (?, ?, ?, ?, ?, ?)',
  ),
  insertCheckpoint: db.prepare(
    'INSERT OR REPLACE INTO checkpoints (panel_id, doc, seq, state, at) VALUES (?, ?, ?, ?, ?)',
  ),
}

// The workspace chain, exactly as server/panels/workspace-chain.ts links it (the storage contract test
// verifies the chains this writer stores against that code).
const sha256 = (data) => createHash('sha256').update(data).digest('hex')
const genesis = (panelId) => sha256(`ratings-panel/workspace@1:${panelId}`)
const link = (prev, u) => sha256(`${prev}\n${u.seq}\n${u.accountId}\n${u.at}\n${sha256(u.update)}`)

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

const close = () => {
  db.close()
  port.postMessage({ closed: true })
  port.close()
}

port.on('message', (first) => {
  if (first.close) return close()
  const reqs = [first]
  let closeAfter = false
  for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
    if (m.message.close) {
      closeAfter = true
      break
    }
    reqs.push(m.message)
  }
  try {
    // IMMEDIATE: the write lock first, so the ids and chain heads read inside are this writer's alone.
    const results = writeAll.immediate(reqs)
    port.postMessage({ done: reqs.map((r, i) => [r.id, results[i]]) })
  } catch (e) {
    // One bad request must not fail the others: each alone, each answered with its own outcome.
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
    port.postMessage({ done, failed, cause: String(e && e.message ? e.message : e) })
  }
  if (closeAfter) close()
})
