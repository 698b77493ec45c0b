// The main thread's side of the SQLite durable writer (sqlite-writer.worker.js): workspace updates and
// checkpoints are committed on a worker thread, and each promise settles only once its commit is durable.
// Updates asked for in one turn of the event loop travel as one message; the thread commits together
// whatever queued while it was committing, so the loop goes on serving sockets while the disk syncs.
import { MessageChannel, Worker } from 'node:worker_threads'
import type { Checkpoint, WorkspaceUpdate } from './port.ts'

type NewUpdate = Omit<WorkspaceUpdate, 'seq' | 'hash'>
type Stored = { seq: number; hash: string }
type Request = { id: number; updates: NewUpdate[] } | { id: number; checkpoint: Checkpoint }
interface Reply {
  done?: [number, Stored[]][]
  failed?: [number, string][]
  cause?: string
  closed?: true
}
interface Waiting {
  resolve: (stored: Stored[]) => void
  reject: (e: unknown) => void
}

export interface SqliteWriter {
  appendWorkspaceUpdate(u: NewUpdate): Promise<Stored>
  saveCheckpoint(c: Checkpoint): Promise<void>
  /** Waits for every write already asked for, then stops the thread. */
  close(): Promise<void>
}

export function startSqliteWriter(file: string): SqliteWriter {
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(new URL('./sqlite-writer.worker.js', import.meta.url), {
    workerData: { file, port: port2 },
    transferList: [port2],
  })
  const waiting = new Map<number, Waiting>()
  let nextId = 1
  let failure: Error | null = null
  let closed: Promise<void> | null = null
  // Updates asked for in one turn of the event loop travel to the writer as one message.
  let turn: { updates: NewUpdate[]; waiting: Waiting[] } | null = null

  // An idle writer must not keep the process alive; one with writes in flight must.
  worker.unref()
  port1.unref()
  const track = (id: number, w: Waiting) => {
    if (waiting.size === 0) {
      worker.ref()
      port1.ref()
    }
    waiting.set(id, w)
  }
  const settle = (id: number): Waiting | undefined => {
    const w = waiting.get(id)
    waiting.delete(id)
    if (waiting.size === 0) {
      worker.unref()
      port1.unref()
    }
    return w
  }
  const failAll = (e: Error) => {
    failure ??= e
    for (const id of [...waiting.keys()]) settle(id)?.reject(e)
  }

  port1.on('message', (reply: Reply) => {
    for (const [id, stored] of reply.done ?? []) settle(id)?.resolve(stored)
    for (const [id, message] of reply.failed ?? [])
      settle(id)?.reject(new Error(`SQLite write failed: ${message}`, { cause: reply.cause }))
  })
  worker.on('error', (e) => failAll(new Error('the SQLite writer thread failed', { cause: e })))
  worker.on('exit', (code) => failAll(new Error(`the SQLite writer thread exited (${code})`)))

  const post = (req: Request, w: Waiting) => {
    if (failure) return w.reject(failure)
    track(req.id, w)
    port1.postMessage(req)
  }

  const flushTurn = () => {
    const t = turn
    if (!t) return // close() sent it already
    turn = null
    post(
      { id: nextId++, updates: t.updates },
      {
        resolve: (stored) => t.waiting.forEach((w, i) => w.resolve([stored[i]!])),
        reject: (e) => t.waiting.forEach((w) => w.reject(e)),
      },
    )
  }

  return {
    appendWorkspaceUpdate: (u) =>
      new Promise<Stored[]>((resolve, reject) => {
        if (closed) return reject(new Error('the SQLite store is closed'))
        if (!turn) {
          turn = { updates: [], waiting: [] }
          setImmediate(flushTurn)
        }
        turn.updates.push(u)
        turn.waiting.push({ resolve, reject })
      }).then((stored) => stored[0]!),
    saveCheckpoint: (checkpoint) =>
      new Promise<Stored[]>((resolve, reject) => {
        if (closed) return reject(new Error('the SQLite store is closed'))
        post({ id: nextId++, checkpoint }, { resolve, reject })
      }).then(() => undefined),
    close: () =>
      (closed ??= (async () => {
        if (turn) flushTurn()
        const drained = [...waiting.values()].map(
          (w) =>
            new Promise<void>((r) => {
              const { resolve, reject } = w
              w.resolve = (s) => (resolve(s), r())
              w.reject = (e) => (reject(e), r())
            }),
        )
        await Promise.all(drained)
        if (!failure) {
          worker.ref()
          await new Promise<void>((resolve) => {
            worker.once('exit', () => resolve())
            port1.on('message', (m: Reply) => {
              if (m.closed) void worker.terminate()
            })
            port1.postMessage({ close: true })
          })
        }
        port1.close()
      })()),
  }
}
