// The SQLite adapter's durable writer: a worker thread with its own connection to the same WAL file that
// commits workspace updates and checkpoints, so the fsync of every commit never holds the event loop.
// Plain JavaScript so that it starts without a TypeScript loader (under tsx, vitest or plain node alike);
// the messages it speaks are typed in sqlite-writer.ts.
//
// Group commit: whatever has queued on the port while the previous transaction was committing is drained
// (receiveMessageOnPort) and committed together in one transaction; each request is answered only after
// that transaction has committed (WAL, synchronous=FULL).
import { receiveMessageOnPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'

const { file, port } = workerData
const db = new Database(file)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.pragma('busy_timeout = 5000')

const insertUpdate = db.prepare(
  'INSERT INTO workspace_updates (panel_id, data, account_id, at) VALUES (?, ?, ?, ?)',
)
const insertCheckpoint = db.prepare(
  'INSERT OR REPLACE INTO checkpoints (panel_id, doc, seq, state, at) VALUES (?, ?, ?, ?, ?)',
)

/** One request: { id, updates?: [{ panelId, update, accountId, at }], checkpoint?: { panelId, doc, seq, state, at } }. */
const writeOne = (req) => {
  if (req.checkpoint) {
    const c = req.checkpoint
    insertCheckpoint.run(c.panelId, c.doc, c.seq, c.state, c.at)
    return []
  }
  return req.updates.map((u) =>
    Number(insertUpdate.run(u.panelId, u.update, u.accountId, u.at).lastInsertRowid),
  )
}
const writeAll = db.transaction((reqs) => reqs.map(writeOne))

port.on('message', (first) => {
  if (first.close) {
    db.close()
    port.postMessage({ closed: true })
    port.close()
    return
  }
  const reqs = [first]
  let closeAfter = false
  for (let next = receiveMessageOnPort(port); next; next = receiveMessageOnPort(port)) {
    if (next.message.close) {
      closeAfter = true
      break
    }
    reqs.push(next.message)
  }
  try {
    const results = writeAll(reqs)
    port.postMessage({ done: reqs.map((r, i) => [r.id, results[i]]) })
  } catch (e) {
    // One bad request must not fail the others: retry each alone, answering each with its own outcome.
    const done = []
    const failed = []
    for (const r of reqs) {
      try {
        done.push([r.id, db.transaction(writeOne)(r)])
      } catch (err) {
        failed.push([r.id, String(err && err.message ? err.message : err)])
      }
    }
    port.postMessage({ done, failed, cause: String(e && e.message ? e.message : e) })
  }
  if (closeAfter) {
    db.close()
    port.postMessage({ closed: true })
    port.close()
  }
})
