// The SQLite adapter's durable writer thread: commits workspace updates (and checkpoints) on a
// connection of its own (sqlite-workspace-writes.js), so the fsync of a commit never holds the event loop.
//
// Group commit that adapts to load: whatever queued on the port while the previous transaction was
// committing is drained (receiveMessageOnPort) and committed together in one transaction, so an idle
// server commits each update at once and a busy one commits many per fsync. Each request is answered
// only after its transaction has committed (WAL, synchronous=FULL).
import { performance } from 'node:perf_hooks'
import { receiveMessageOnPort, workerData } from 'node:worker_threads'
import { openWorkspaceWrites } from './sqlite-workspace-writes.js'

const { file, port } = workerData
const writes = openWorkspaceWrites(file)

const close = () => {
  writes.close()
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
  const started = performance.now()
  const reply = writes.commit(reqs)
  // How long the commit took, for the main thread's choice of where to commit (commit-pace.ts).
  port.postMessage({ ...reply, ms: performance.now() - started })
  if (closeAfter) close()
})
