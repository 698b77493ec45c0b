// The SQLite adapter's durable writer: workspace updates and checkpoints are committed on a connection
// of their own (sqlite-workspace-writes.js), and each promise settles only once its commit is durable
// (WAL, synchronous=FULL). What is asked for in one turn of the event loop is committed together, in one
// transaction and one fsync, at the end of the turn.
//
// Where a turn's batch commits is up to CommitPace (commit-pace.ts): on the event loop while commits are
// quick (no hand-off between threads), on the writer thread (sqlite-writer.worker.js) while they are slow,
// so a contended disk never holds every socket of the process still. The thread also commits together
// whatever queued while it was committing.
import { MessageChannel, Worker } from 'node:worker_threads'
import { CommitPace, DEFAULT_PACE, type CommitPlace, type PaceLimits } from './commit-pace.ts'
import type { Checkpoint } from './port.ts'
import {
  openWorkspaceWrites,
  type NewUpdate,
  type Stored,
  type WriteReply,
  type WriteRequest,
} from './sqlite-workspace-writes.js'

export interface SqliteWriter {
  appendWorkspaceUpdate(u: NewUpdate): Promise<Stored>
  saveCheckpoint(c: Checkpoint): Promise<void>
  /** Where commits are made now, and how many went each way (metrics, tests). */
  stats(): { place: CommitPlace; inline: number; thread: number; averageMs: number | null }
  /** Waits for every write already asked for, then stops the thread. */
  close(): Promise<void>
}

/** How long a commit on the event loop waits for another process's write lock before the thread takes it (ms). */
const BUSY_ON_LOOP_MS = 20

/** `adaptive` lets CommitPace choose; `inline` and `thread` pin it (SQLITE_WRITER). */
export type WriterMode = 'adaptive' | CommitPlace

interface Waiting {
  resolve: (stored: Stored[]) => void
  reject: (e: unknown) => void
}

/** One turn's writes: updates travel as one request, each checkpoint as its own. */
interface Batch {
  updates: NewUpdate[]
  waiting: Waiting[]
  checkpoints: { checkpoint: Checkpoint; waiting: Waiting }[]
}

export function startSqliteWriter(
  file: string,
  opts: { mode?: WriterMode; pace?: Partial<PaceLimits> } = {},
): SqliteWriter {
  const mode = opts.mode ?? 'adaptive'
  // Pinned (SQLITE_WRITER=inline|thread): only that writer exists, and the pace is never asked.
  const pace = new CommitPace({ ...DEFAULT_PACE, ...opts.pace })
  const thread = mode === 'inline' ? null : startThread(file, (ms) => pace.observe(ms))
  // On the event loop a commit must not wait seconds for another process's lock (an admin command,
  // say): with the thread there, such a batch goes to the thread, which may wait.
  const inline =
    mode === 'thread'
      ? null
      : openWorkspaceWrites(file, thread ? { busyTimeoutMs: BUSY_ON_LOOP_MS, busyReply: true } : {})
  const counts = { inline: 0, thread: 0 }
  let batch: Batch | null = null
  let closed: Promise<void> | null = null
  let nextId = 1

  const requestsOf = (b: Batch): { req: WriteRequest; waiting: Waiting }[] => [
    ...b.checkpoints.map((c) => ({ req: { id: nextId++, checkpoint: c.checkpoint }, waiting: c.waiting })),
    ...(b.updates.length
      ? [
          {
            req: { id: nextId++, updates: b.updates },
            waiting: {
              resolve: (stored: Stored[]) => b.waiting.forEach((w, i) => w.resolve([stored[i]!])),
              reject: (e: unknown) => b.waiting.forEach((w) => w.reject(e)),
            },
          },
        ]
      : []),
  ]

  const toThread = (requests: { req: WriteRequest; waiting: Waiting }[]) => {
    counts.thread += requests.length
    for (const r of requests) thread!.post(r.req, r.waiting)
  }

  const commitInline = (requests: { req: WriteRequest; waiting: Waiting }[]) => {
    const started = performance.now()
    let reply: WriteReply
    try {
      reply = inline!.commit(requests.map((r) => r.req))
    } catch (e) {
      reply = { failed: requests.map((r) => [r.req.id, e instanceof Error ? e.message : String(e)]) }
    }
    // Another process holds the write lock: this batch, and the next ones for a while, go to the thread.
    if (reply.busy) {
      pace.blocked(performance.now() - started)
      return toThread(requests)
    }
    pace.observe(performance.now() - started)
    counts.inline += requests.length
    answer(reply, new Map(requests.map((r) => [r.req.id, r.waiting])))
  }

  /** Where the next batch commits: the pinned writer's place, or the pace's choice. */
  const placeFor = (decide: boolean): CommitPlace =>
    !thread ? 'inline' : !inline ? 'thread' : decide ? pace.next(thread.idle()) : pace.current

  const flush = () => {
    const b = batch
    if (!b) return // close() sent it already
    batch = null
    const requests = requestsOf(b)
    if (placeFor(true) === 'inline') commitInline(requests)
    else toThread(requests)
  }

  const inTurn = (): Batch => {
    if (closed) throw new Error('the SQLite store is closed')
    if (!batch) {
      batch = { updates: [], waiting: [], checkpoints: [] }
      setImmediate(flush)
    }
    return batch
  }

  return {
    appendWorkspaceUpdate: (u) =>
      new Promise<Stored[]>((resolve, reject) => {
        const b = inTurn()
        b.updates.push(u)
        b.waiting.push({ resolve, reject })
      }).then((stored) => stored[0]!),
    saveCheckpoint: (checkpoint) =>
      new Promise<Stored[]>((resolve, reject) =>
        inTurn().checkpoints.push({ checkpoint, waiting: { resolve, reject } }),
      ).then(() => undefined),
    stats: () => ({ place: placeFor(false), ...counts, averageMs: pace.averageMs }),
    close: () =>
      (closed ??= (async () => {
        flush()
        await thread?.close()
        inline?.close()
      })()),
  }
}

/** Settles each request's promise from a writer's reply. */
function answer(reply: WriteReply, waiting: Map<number, Waiting>): void {
  for (const [id, stored] of reply.done ?? []) waiting.get(id)?.resolve(stored)
  for (const [id, message] of reply.failed ?? [])
    waiting.get(id)?.reject(new Error(`SQLite write failed: ${message}`, { cause: reply.cause }))
}

/** The writer thread: requests posted to it are answered once committed, in the order posted. */
function startThread(file: string, observe: (ms: number) => void) {
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(new URL('./sqlite-writer.worker.js', import.meta.url), {
    workerData: { file, port: port2 },
    transferList: [port2],
  })
  const waiting = new Map<number, Waiting>()
  let failure: Error | null = null

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
  const settled = () => {
    if (waiting.size === 0) {
      worker.unref()
      port1.unref()
    }
  }
  const failAll = (e: Error) => {
    failure ??= e
    const all = [...waiting.values()]
    waiting.clear()
    settled()
    for (const w of all) w.reject(e)
  }

  port1.on('message', (reply: WriteReply & { ms?: number }) => {
    if (reply.ms !== undefined) observe(reply.ms)
    const mine = new Map<number, Waiting>()
    for (const [id] of [...(reply.done ?? []), ...(reply.failed ?? [])]) {
      const w = waiting.get(id)
      waiting.delete(id)
      if (w) mine.set(id, w)
    }
    settled()
    answer(reply, mine)
  })
  worker.on('error', (e) => failAll(new Error('the SQLite writer thread failed', { cause: e })))
  worker.on('exit', (code) => failAll(new Error(`the SQLite writer thread exited (${code})`)))

  return {
    idle: () => waiting.size === 0,
    post(req: WriteRequest, w: Waiting) {
      if (failure) return w.reject(failure)
      track(req.id, w)
      port1.postMessage(req)
    },
    /** Waits for what is in flight, then stops the thread. */
    async close() {
      await Promise.all(
        [...waiting.values()].map(
          (w) =>
            new Promise<void>((r) => {
              const { resolve, reject } = w
              w.resolve = (s) => (resolve(s), r())
              w.reject = (e) => (reject(e), r())
            }),
        ),
      )
      if (!failure) {
        worker.ref()
        await new Promise<void>((resolve) => {
          worker.once('exit', () => resolve())
          port1.on('message', (m: WriteReply) => {
            if (m.closed) void worker.terminate()
          })
          port1.postMessage({ close: true })
        })
      }
      port1.close()
    },
  }
}
