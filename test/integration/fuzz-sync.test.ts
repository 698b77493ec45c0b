// Hostile sync frames (seeded fast-check smoke run): the offender alone is refused, honest clients see no
// change they should not, the server stays up, and its store replays to exactly what clients saw.
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { readDraft } from '../../shared/ydoc/layout.ts'
import {
  awarenessFrame,
  closeRaw,
  openRaw,
  planArb,
  sendFrames,
  startSyncFuzz,
  step1Frame,
  syncFrame,
  FUZZ_LIMITS,
  type Offender,
} from '../support/fuzz.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

const SEED = Number(process.env.FUZZ_SEED ?? 20260101)
const RUNS = Number(process.env.FUZZ_RUNS ?? 120)

let t: TestServer | null = null
const clients: Client[] = []
const open = (...args: Parameters<typeof connect>) => {
  const c = connect(...args)
  clients.push(c)
  return c
}
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await t?.close()
  t = null
})

describe('sync fuzzing (smoke run)', () => {
  it(`survives ${RUNS} hostile plans per offender (seed ${SEED})`, async () => {
    const session = await startSyncFuzz()
    const offenders: Offender[] = ['writer', 'reviewer', 'record']
    try {
      for (const [i, offender] of offenders.entries()) {
        await fc.assert(
          fc.asyncProperty(planArb(FUZZ_LIMITS), (plan) => session.runCase(plan, offender)),
          { seed: SEED + i, numRuns: offender === 'writer' ? RUNS : Math.ceil(RUNS / 2), endOnFailure: true },
        )
      }
    } finally {
      const { storedUpdates, unreplayable } = await session.finish()
      console.log(
        `sync fuzz: ${session.counts.cases} sockets, ${session.counts.framesSent} frames, refused ${JSON.stringify(session.counts.refused)}, ` +
          `${session.counts.survived} survived, ${storedUpdates} updates stored, ${unreplayable} unreplayable`,
      )
    }
    expect(session.counts.framesSent).toBeGreaterThan(RUNS * 2)
    // Every refusal is our own named code; nothing fell through to an unexpected exception.
    expect(session.logLines.filter((l) => l.includes('"level":"error"'))).toEqual([])
  })
})

describe('sync limits (default configuration)', () => {
  async function panelWith() {
    t = await startTestServer()
    const panelId = await t.createPanel(t.organiser)
    const ann = await t.invite(t.organiser, panelId, 'inspector', 'Ann Inspector')
    const watcher = open(t.url, t.organiser, panelId, 'workspace')
    await synced(watcher)
    return { t, panelId, ann, watcher }
  }

  /** The watcher is still live: a legitimate edit from someone else reaches it. */
  async function stillLive(
    t: TestServer,
    panelId: string,
    ann: Parameters<typeof connect>[1],
    watcher: Client,
    mark: string,
  ) {
    const w = open(t.url, ann, panelId, 'workspace')
    await synced(w)
    readDraft(w.doc, 'note', '1.1')!.insert(0, mark)
    await waitFor(() => readDraft(watcher.doc, 'note', '1.1')!.toString().includes(mark), 'a later edit')
    expect(watcher.closes).toEqual([])
  }

  it('closes a frame over 1 MB with 4413', async () => {
    const { t, panelId, ann, watcher } = await panelWith()
    const raw = openRaw(t.url, ann, panelId, 'workspace')
    expect((await sendFrames(raw, [syncFrame(2, new Uint8Array((1 << 20) + 1))])).code).toBe(4413)
    await stillLive(t, panelId, ann, watcher, 'after 4413')
  })

  it('closes a socket over its message rate with 4429', async () => {
    const { t, panelId, ann, watcher } = await panelWith()
    const raw = openRaw(t.url, ann, panelId, 'workspace')
    const flood = Array.from({ length: 1000 }, () => step1Frame(new Uint8Array([0])))
    expect((await sendFrames(raw, flood)).code).toBe(4429)
    await stillLive(t, panelId, ann, watcher, 'after 4429')
  })

  it("another member's presence flood does not get honest clients disconnected (they echo presence back)", async () => {
    const { t, panelId, ann, watcher } = await panelWith()
    const bob = await t.invite(t.organiser, panelId, 'inspector', 'Bob Inspector')
    // Two flooders, each within its own burst: the watcher's provider echoes every change back.
    const floods = [ann, bob].map((m, k) => {
      const raw = openRaw(t.url, m, panelId, 'workspace')
      const frames = Array.from({ length: 350 }, (_, i) =>
        awarenessFrame(9000 + k, i + 1, { viewing: String(i) }),
      )
      return sendFrames(raw, frames).then(async (out) => (await closeRaw(raw), out))
    })
    const outcomes = await Promise.all(floods)
    expect(outcomes.map((o) => o.code)).toEqual([null, null])
    expect(watcher.closes).toEqual([])
    await stillLive(t, panelId, ann, watcher, 'after a presence flood')
    expect(watcher.closes).toEqual([])
  })

  it('forgets the presence of sockets that left: what a room remembers stays bounded', async () => {
    const { t, panelId, ann, watcher } = await panelWith()
    for (let i = 0; i < 200; i++) {
      const raw = openRaw(t.url, ann, panelId, 'workspace')
      expect((await sendFrames(raw, [awarenessFrame(50_000 + i, 1, { viewing: '2.1' })])).code).toBeNull()
      await closeRaw(raw)
    }
    const room = t.server.ctx.sync.findRoom(panelId, 'workspace')!
    await waitFor(() => room.awareness.getStates().size === 1, 'only the watcher present')
    expect(room.awareness.meta.size).toBeLessThanOrEqual(2)
    expect(watcher.closes).toEqual([])
  })

  it('refuses a socket that queues more bytes than the server has handled (4429), keeping memory bounded', async () => {
    t = await startTestServer({ limits: { maxQueuedBytes: 256 << 10 } })
    const panelId = await t.createPanel(t.organiser)
    const ann = await t.invite(t.organiser, panelId, 'inspector', 'Ann Inspector')
    const watcher = open(t.url, t.organiser, panelId, 'workspace')
    await synced(watcher)
    // Real updates of 100 KB each, all sent at once: the first few are taken, then the socket is refused.
    const panel = t.server.ctx.hub.isOpen(panelId)!
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(panel.workspace))
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    for (let i = 0; i < 20; i++) readDraft(doc, 'note', '2.1')!.insert(0, String(i % 10).repeat(100 << 10))
    const raw = openRaw(t.url, ann, panelId, 'workspace')
    expect(
      (
        await sendFrames(
          raw,
          updates.map((u) => syncFrame(2, u)),
        )
      ).code,
    ).toBe(4429)
    await stillLive(t, panelId, ann, watcher, 'after a queue flood')
  })

  it('closes an awareness message over 8 KB with 4413 and a text frame with 4400', async () => {
    const { t, panelId, ann, watcher } = await panelWith()
    const big = new Uint8Array(9000).fill(0x20)
    const raw = openRaw(t.url, ann, panelId, 'workspace')
    expect((await sendFrames(raw, [new Uint8Array([1, ...lenPrefix(big.length), ...big])])).code).toBe(4413)
    const text = openRaw(t.url, ann, panelId, 'workspace')
    expect((await sendFrames(text, ['hello'])).code).toBe(4400)
    await stillLive(t, panelId, ann, watcher, 'after awareness')
  })

  it('refuses writes past the document size cap with 4507, keeping what was accepted', async () => {
    t = await startTestServer({ limits: { maxDocBytes: 64 << 10 } })
    const panelId = await t.createPanel(t.organiser)
    const ann = await t.invite(t.organiser, panelId, 'inspector', 'Ann Inspector')
    const writer = open(t.url, ann, panelId, 'workspace')
    const watcher = open(t.url, t.organiser, panelId, 'workspace')
    await Promise.all([writer, watcher].map(synced))
    for (let i = 0; i < 10 && !writer.closes.length; i++) {
      readDraft(writer.doc, 'note', '2.1')!.insert(0, `${i}`.padEnd(16 << 10, '.'))
      await waitFor(
        () =>
          writer.closes.length > 0 ||
          readDraft(watcher.doc, 'note', '2.1')!.length === readDraft(writer.doc, 'note', '2.1')!.length,
        'edit or refusal',
      )
    }
    expect(writer.closes.map((c) => c.code)).toContain(4507)
    writer.provider.disconnect()
    expect(watcher.closes).toEqual([])
    expect(readDraft(watcher.doc, 'note', '2.1')!.length).toBeGreaterThan(0)
  })

  it('queues at most a bounded number of frames before a socket has joined its room', async () => {
    const { t, panelId, ann, watcher } = await panelWith()
    // Hold the join back, as a slow store would, while the client sends far more than the queue holds.
    const hub = t.server.ctx.hub
    const realOpen = hub.open.bind(hub)
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    hub.open = async (id: string) => {
      await gate
      return realOpen(id)
    }
    const raw = openRaw(t.url, ann, panelId, 'workspace')
    await new Promise((r) => raw.once('open', r))
    const closed = new Promise<number>((r) => raw.once('close', (code) => r(code)))
    for (let i = 0; i < 200; i++) raw.send(step1Frame(new Uint8Array([0])))
    const code = await within(closed, 5000, 'the early flood to be refused').finally(release)
    hub.open = realOpen
    expect(code).toBe(4429)
    await stillLive(t, panelId, ann, watcher, 'after an early flood')
  })

  it('a storage fault while a socket joins closes that socket alone (1011), and the server carries on', async () => {
    const { t, panelId, ann, watcher } = await panelWith()
    const hub = t.server.ctx.hub
    const realOpen = hub.open.bind(hub)
    hub.open = () => Promise.reject(new Error('disk on fire'))
    const raw = new WebSocket(t.url.replace('http', 'ws') + `/sync/${panelId}/record`, {
      headers: { cookie: ann.cookie, origin: t.url },
    })
    const code = await within(
      new Promise<number>((r) => raw.once('close', (c) => r(c))),
      5000,
      'the socket to be closed',
    ).finally(() => (hub.open = realOpen))
    expect(code).toBe(1011)
    await closeRaw(raw)
    await stillLive(t, panelId, ann, watcher, 'after a fault')
    expect(Y.encodeStateVector(watcher.doc).length).toBeGreaterThan(1)
  })
})

function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)),
  )
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer))
}

function lenPrefix(n: number): number[] {
  const out: number[] = []
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80)
    n >>>= 7
  }
  out.push(n)
  return out
}
