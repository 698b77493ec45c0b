// Sync fuzzing: plans of hostile frames (pure data, from fast-check), turned into bytes against a live
// workspace, sent over a raw socket; the socket's fate is read from its close code or a final probe.
import fc from 'fast-check'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { createLogger } from '../../server/logger.ts'
import { openSqliteStorage } from '../../server/storage/sqlite.ts'
import { startTestServer, type Member } from './server.ts'
import { connect, synced, waitFor, type Client } from './yclient.ts'

/** Close codes a refused peer may get: our named ones, and ws's own 1009 above its payload cap. */
export const REFUSAL_CODES = new Set([4400, 4403, 4413, 4422, 4429, 4507, 1009])

// ---- plans (pure data) ----

export type Edit =
  | { kind: 'insert'; key: number; pos: number; text: string }
  | { kind: 'delete'; key: number; pos: number; len: number }
  | { kind: 'focus'; value: string | null }
  | { kind: 'root'; name: string; text: string }

export type Step =
  | { kind: 'update'; index: number; wrap: 'update' | 'step2' }
  | { kind: 'all-updates' }
  | { kind: 'merged' }
  | { kind: 'truncate'; index: number; at: number }
  | { kind: 'flip'; index: number; flips: [number, number][]; whole: boolean }
  | { kind: 'splice'; index: number; at: number; bytes: number[] }
  | { kind: 'v2'; index: number }
  | { kind: 'oversized'; factor: number }
  | { kind: 'step1'; sv: 'real' | 'empty' | number[] }
  | { kind: 'awareness'; entries: { clientID: number; clock: number; state: unknown }[] }
  | { kind: 'awareness-raw'; bytes: number[] }
  | { kind: 'awareness-big' }
  | { kind: 'flood'; count: number; what: 'awareness' | 'query' | 'step1' }
  | { kind: 'unknown-type'; type: number; payload: number[] }
  | { kind: 'sync-sub'; sub: number; payload: number[] }
  | { kind: 'random'; bytes: number[] }
  | { kind: 'text'; text: string }
  | { kind: 'empty' }

export interface Plan {
  clientID: number
  edits: Edit[]
  steps: Step[]
}

const bytes = (max: number) => fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: max })
const smallText = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('Ann: near the line. ', '€🙂 ', '\u0000', 'x'.repeat(40)),
)

export const editArb: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      key: fc.nat(60),
      pos: fc.nat(50),
      text: smallText,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      key: fc.nat(60),
      pos: fc.nat(50),
      len: fc.integer({ min: 1, max: 20 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('focus' as const),
      value: fc.option(fc.constantFrom('2.1', '3.2', 'nope'), { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('root' as const),
      name: fc.constantFrom('evil', '__proto__', 'drafts2', ''),
      text: smallText,
    }),
  },
)

export function stepArb(limits: { burst: number }): fc.Arbitrary<Step> {
  const index = fc.nat(12)
  const json = fc.oneof(
    fc.constant(null),
    fc.jsonValue({ maxDepth: 3 }),
    fc.record({
      user: fc.record({
        name: fc.constantFrom('Admin', 'Lead Inspector'),
        accountId: fc.string(),
        role: fc.constant('lead'),
      }),
      viewing: fc.string({ maxLength: 5 }),
    }),
  )
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('update' as const),
        index,
        wrap: fc.constantFrom('update' as const, 'step2' as const),
      }),
    },
    { weight: 2, arbitrary: fc.constant({ kind: 'all-updates' as const }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'merged' as const }) },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('truncate' as const),
        index,
        at: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
    },
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('flip' as const),
        index,
        flips: fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat(7)), {
          minLength: 1,
          maxLength: 4,
        }),
        whole: fc.boolean(),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('splice' as const),
        index,
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        bytes: bytes(6),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('v2' as const), index }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('oversized' as const), factor: fc.constantFrom(1.01, 2, 5) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('step1' as const),
        sv: fc.oneof(fc.constantFrom('real' as const, 'empty' as const), bytes(12)),
      }),
    },
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('awareness' as const),
        entries: fc.array(
          fc.record({ clientID: fc.oneof(fc.nat(8), fc.nat()), clock: fc.nat(5), state: json }),
          { maxLength: 6 },
        ),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('awareness-raw' as const), bytes: bytes(40) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'awareness-big' as const }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('flood' as const),
        count: fc.integer({ min: 1, max: limits.burst * 2 }),
        what: fc.constantFrom('awareness' as const, 'query' as const, 'step1' as const),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('unknown-type' as const),
        type: fc.oneof(fc.integer({ min: 4, max: 300 }), fc.constant(2 ** 31)),
        payload: bytes(16),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('sync-sub' as const),
        sub: fc.oneof(fc.integer({ min: 3, max: 200 }), fc.constant(2 ** 40)),
        payload: bytes(16),
      }),
    },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('random' as const), bytes: bytes(64) }) },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('text' as const), text: fc.string({ maxLength: 20 }) }),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const }) },
  )
}

export function planArb(limits: { burst: number }): fc.Arbitrary<Plan> {
  return fc.record({
    clientID: fc.integer({ min: 1000, max: 2 ** 30 }),
    edits: fc.array(editArb, { minLength: 1, maxLength: 12 }),
    steps: fc.array(stepArb(limits), { minLength: 1, maxLength: 6 }),
  })
}

// ---- plans to bytes ----

/** Real incremental updates: edits made on a copy of the live workspace, one update per edit. */
export function realUpdates(base: Y.Doc, plan: Plan): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc()
  // A fresh writer: an id the document has not seen (Yjs would otherwise pick another one itself, noisily).
  let id = plan.clientID
  while (base.store.clients.has(id)) id++
  doc.clientID = id
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(base))
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  const drafts = doc.getMap<Y.Text>('drafts')
  const keys = [...drafts.keys()].sort()
  for (const e of plan.edits) {
    if (e.kind === 'focus') {
      doc.getMap('focus').set('standardId', e.value)
      continue
    }
    if (e.kind === 'root') {
      doc.getText(e.name).insert(0, e.text)
      continue
    }
    const text = keys.length ? drafts.get(keys[e.key % keys.length]!) : undefined
    if (!text) continue
    if (e.kind === 'insert' && e.text) text.insert(Math.min(e.pos, text.length), e.text)
    if (e.kind === 'delete' && text.length) {
      const pos = Math.min(e.pos, text.length - 1)
      text.delete(pos, Math.min(e.len, text.length - pos))
    }
  }
  return { updates, doc }
}

const frame = (write: (enc: encoding.Encoder) => void): Uint8Array => {
  const enc = encoding.createEncoder()
  write(enc)
  return encoding.toUint8Array(enc)
}
export const syncFrame = (sub: number, payload: Uint8Array) =>
  frame((enc) => {
    encoding.writeVarUint(enc, 0)
    encoding.writeVarUint(enc, sub)
    encoding.writeVarUint8Array(enc, payload)
  })
export const step1Frame = (sv: Uint8Array) => syncFrame(syncProtocol.messageYjsSyncStep1, sv)
const awarenessMessage = (payload: Uint8Array) =>
  frame((enc) => {
    encoding.writeVarUint(enc, 1)
    encoding.writeVarUint8Array(enc, payload)
  })
/** One presence update for one client id. */
export const awarenessFrame = (clientID: number, clock: number, state: unknown) =>
  awarenessMessage(awarenessPayload([{ clientID, clock, state }]))
function awarenessPayload(entries: { clientID: number; clock: number; state: unknown }[]): Uint8Array {
  return frame((enc) => {
    encoding.writeVarUint(enc, entries.length)
    for (const e of entries) {
      encoding.writeVarUint(enc, e.clientID)
      encoding.writeVarUint(enc, e.clock)
      encoding.writeVarString(enc, JSON.stringify(e.state) ?? 'null')
    }
  })
}

export type Frame = Uint8Array | string

/** The frames a plan stands for, against the live document `base`. */
export function framesOf(
  plan: Plan,
  base: Y.Doc,
  limits: { maxFrameBytes: number; maxAwarenessBytes: number },
): Frame[] {
  const { updates, doc } = realUpdates(base, plan)
  doc.destroy()
  const pick = (i: number) => (updates.length ? updates[i % updates.length]! : new Uint8Array([0, 0]))
  const out: Frame[] = []
  for (const s of plan.steps) {
    switch (s.kind) {
      case 'update':
        out.push(
          syncFrame(
            s.wrap === 'update' ? syncProtocol.messageYjsUpdate : syncProtocol.messageYjsSyncStep2,
            pick(s.index),
          ),
        )
        break
      case 'all-updates':
        for (const u of updates) out.push(syncFrame(syncProtocol.messageYjsUpdate, u))
        break
      case 'merged':
        out.push(
          syncFrame(
            syncProtocol.messageYjsUpdate,
            updates.length ? Y.mergeUpdates(updates) : new Uint8Array([0, 0]),
          ),
        )
        break
      case 'truncate': {
        const u = pick(s.index)
        out.push(syncFrame(syncProtocol.messageYjsUpdate, u.slice(0, Math.floor(u.length * s.at))))
        break
      }
      case 'flip': {
        const f = s.whole ? syncFrame(syncProtocol.messageYjsUpdate, pick(s.index)) : pick(s.index).slice()
        for (const [at, bit] of s.flips) f[Math.floor(at * f.length)]! ^= 1 << bit
        out.push(s.whole ? f : syncFrame(syncProtocol.messageYjsUpdate, f))
        break
      }
      case 'splice': {
        const u = pick(s.index)
        const at = Math.floor(u.length * s.at)
        out.push(
          syncFrame(
            syncProtocol.messageYjsUpdate,
            new Uint8Array([...u.slice(0, at), ...s.bytes, ...u.slice(at)]),
          ),
        )
        break
      }
      case 'v2':
        out.push(syncFrame(syncProtocol.messageYjsUpdate, Y.convertUpdateFormatV1ToV2(pick(s.index))))
        break
      case 'oversized':
        out.push(
          syncFrame(
            syncProtocol.messageYjsUpdate,
            new Uint8Array(Math.ceil(limits.maxFrameBytes * s.factor)),
          ),
        )
        break
      case 'step1':
        out.push(
          step1Frame(
            s.sv === 'real'
              ? Y.encodeStateVector(base)
              : s.sv === 'empty'
                ? new Uint8Array([0])
                : Uint8Array.from(s.sv),
          ),
        )
        break
      case 'awareness':
        out.push(awarenessMessage(awarenessPayload(s.entries)))
        break
      case 'awareness-raw':
        out.push(awarenessMessage(Uint8Array.from(s.bytes)))
        break
      case 'awareness-big':
        out.push(awarenessFrame(plan.clientID, 1, { pad: 'x'.repeat(limits.maxAwarenessBytes) }))
        break
      case 'flood':
        for (let i = 0; i < s.count; i++)
          out.push(
            s.what === 'query'
              ? frame((enc) => encoding.writeVarUint(enc, 3))
              : s.what === 'step1'
                ? step1Frame(new Uint8Array([0]))
                : awarenessFrame(plan.clientID, i + 1, { viewing: String(i) }),
          )
        break
      case 'unknown-type':
        out.push(
          frame((enc) => {
            encoding.writeVarUint(enc, s.type)
            encoding.writeUint8Array(enc, Uint8Array.from(s.payload))
          }),
        )
        break
      case 'sync-sub':
        out.push(syncFrame(s.sub, Uint8Array.from(s.payload)))
        break
      case 'random':
        out.push(Uint8Array.from(s.bytes))
        break
      case 'text':
        out.push(s.text)
        break
      case 'empty':
        out.push(new Uint8Array(0))
        break
    }
  }
  return out
}

/** How many sync step 2 replies the server owes for these frames (well-formed step 1 messages). */
export function step2RepliesOwed(frames: Frame[]): number {
  let n = 0
  for (const f of frames) {
    if (typeof f === 'string' || f.byteLength === 0) continue
    try {
      const dec = decoding.createDecoder(f)
      if (decoding.readVarUint(dec) !== 0 || decoding.readVarUint(dec) !== syncProtocol.messageYjsSyncStep1)
        continue
      Y.decodeStateVector(decoding.readVarUint8Array(dec))
      n++
    } catch {
      /* malformed: the server closes instead */
    }
  }
  return n
}

// ---- the wire ----

export interface RawOutcome {
  /** The close code, or null when the socket survived every frame. */
  code: number | null
  framesSent: number
}

/** Opens a raw socket as `member`, as a browser on the server's origin would. */
export function openRaw(
  serverUrl: string,
  member: Member,
  panelId: string,
  doc: string,
  origin = serverUrl,
): WebSocket {
  return new WebSocket(serverUrl.replace(/^http/, 'ws') + `/sync/${panelId}/${doc}`, {
    headers: { cookie: member.cookie, origin },
  })
}

/**
 * Sends the frames, then a probe (sync step 1). Frames are handled in order, so the probe's reply means
 * every frame before it was handled and the socket survived; a close means it was refused.
 */
export function sendFrames(ws: WebSocket, frames: Frame[], timeoutMs = 10_000): Promise<RawOutcome> {
  return new Promise((resolve, reject) => {
    const owed = step2RepliesOwed(frames) + 1
    let replies = 0
    let sent = 0
    const timer = setTimeout(
      () => reject(new Error(`no close and no probe reply within ${timeoutMs} ms (${sent} frames sent)`)),
      timeoutMs,
    )
    const done = (code: number | null) => {
      clearTimeout(timer)
      ws.removeAllListeners('message')
      resolve({ code, framesSent: sent })
    }
    ws.on('close', (code) => done(code))
    ws.on('error', () => undefined)
    ws.on('message', (data: Buffer) => {
      const dec = decoding.createDecoder(new Uint8Array(data))
      if (
        decoding.readVarUint(dec) === 0 &&
        decoding.readVarUint(dec) === syncProtocol.messageYjsSyncStep2 &&
        ++replies >= owed
      ) {
        ws.removeAllListeners('close')
        done(null)
      }
    })
    const go = () => {
      for (const f of frames) {
        if (ws.readyState !== WebSocket.OPEN) return
        ws.send(f)
        sent++
      }
      if (ws.readyState === WebSocket.OPEN) ws.send(step1Frame(new Uint8Array([0])))
    }
    if (ws.readyState === WebSocket.OPEN) go()
    else ws.once('open', go)
  })
}

/** Closes a raw socket and waits until it is gone. */
export function closeRaw(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve()
  return new Promise((resolve) => {
    ws.once('close', () => resolve())
    ws.terminate()
  })
}

/** The presence states a provider sees, as the server relayed them. */
export const presenceUsers = (awareness: awarenessProtocol.Awareness) =>
  [...awareness.getStates().entries()]
    .filter(([id]) => id !== awareness.clientID)
    .map(([, s]) => (s as { user?: unknown }).user)

/** Same integrated content and deletions (pending structs aside). */
export const sameContent = (a: Y.Doc, b: Y.Doc): boolean => Y.equalSnapshots(Y.snapshot(a), Y.snapshot(b))

// ---- a fuzzing session: one server, one panel, honest observers, hostile sockets ----

export type Offender = 'writer' | 'reviewer' | 'record'

export interface FuzzCounts {
  cases: number
  framesSent: number
  refused: Record<string, number>
  survived: number
}

export interface SyncFuzzSession {
  runCase(plan: Plan, offender: Offender): Promise<void>
  counts: FuzzCounts
  /** Stops the server and proves the store replays to exactly the workspace clients saw. */
  finish(): Promise<{ storedUpdates: number; unreplayable: number }>
  logLines: string[]
}

export const FUZZ_LIMITS = {
  maxFrameBytes: 64 << 10,
  messagesPerSecond: 20,
  burst: 50,
  maxDocBytes: 8 << 20,
  maxAwarenessBytes: 2 << 10,
}

class FuzzFailure extends Error {}
const check = (ok: boolean, what: string) => {
  if (!ok) throw new FuzzFailure(what)
}

export async function startSyncFuzz(): Promise<SyncFuzzSession> {
  const logLines: string[] = []
  const t = await startTestServer({
    limits: FUZZ_LIMITS,
    log: createLogger({ write: (l) => logLines.push(l) }),
  })
  const lead = t.organiser
  const panelId = await t.createPanel(lead)
  const ivy = await t.invite(lead, panelId, 'inspector', 'Ivy Inspector')
  const rex = await t.invite(lead, panelId, 'reviewer', 'Rex Reviewer')
  const rita = await t.invite(lead, panelId, 'reviewer', 'Rita Reviewer')
  const members = new Map(
    [
      [lead, 'lead'],
      [ivy, 'inspector'],
      [rex, 'reviewer'],
      [rita, 'reviewer'],
    ].map(([m, role]) => [
      (m as Member).accountId,
      { accountId: (m as Member).accountId, name: (m as Member).name, role },
    ]),
  )
  const observers: Client[] = [
    connect(t.url, lead, panelId, 'workspace'),
    connect(t.url, rita, panelId, 'workspace'),
  ]
  const recordObserver = connect(t.url, rita, panelId, 'record')
  await Promise.all([...observers, recordObserver].map(synced))
  // Observers announce presence, so the relay's rewriting of `user` is visible to them.
  for (const o of observers) o.provider.awareness.setLocalStateField('viewing', '2.1')
  const panel = t.server.ctx.hub.isOpen(panelId)
  if (!panel) throw new Error('the panel is not open')
  const counts: FuzzCounts = { cases: 0, framesSent: 0, refused: {}, survived: 0 }

  async function runCase(plan: Plan, offender: Offender): Promise<void> {
    const wsBefore = Y.snapshot(panel!.workspace)
    const recordBefore = Y.encodeStateAsUpdate(panel!.record)
    const frames = framesOf(plan, panel!.workspace, FUZZ_LIMITS)
    const who = offender === 'writer' ? ivy : rex
    const raw = openRaw(t.url, who, panelId, offender === 'record' ? 'record' : 'workspace')
    const out = await sendFrames(raw, frames)
    await closeRaw(raw)
    counts.cases++
    counts.framesSent += out.framesSent
    if (out.code === null) counts.survived++
    else counts.refused[out.code] = (counts.refused[out.code] ?? 0) + 1
    check(out.code === null || REFUSAL_CODES.has(out.code), `closed with unexpected code ${out.code}`)
    check(
      Buffer.from(Y.encodeStateAsUpdate(panel!.record)).equals(Buffer.from(recordBefore)),
      'the record doc changed',
    )
    if (offender !== 'writer')
      check(
        Y.equalSnapshots(wsBefore, Y.snapshot(panel!.workspace)),
        `a read-only ${offender} changed the workspace`,
      )
    // Honest clients: still connected, and holding exactly what the server holds.
    await waitFor(
      () => observers.every((o) => sameContent(o.doc, panel!.workspace)),
      'observers to converge',
      5000,
    )
    for (const o of [...observers, recordObserver])
      check(o.closes.length === 0, `an honest client was closed: ${JSON.stringify(o.closes)}`)
    for (const o of observers)
      for (const user of presenceUsers(o.provider.awareness)) {
        const u = user as { accountId?: string; name?: string; role?: string } | undefined
        const known = u?.accountId ? members.get(u.accountId) : undefined
        check(
          !!known && known.name === u!.name && known.role === u!.role,
          `presence shows a user the server does not know: ${JSON.stringify(user)}`,
        )
      }
    const health = await fetch(t.url + '/api/health')
    check(health.status === 200, `health answered ${health.status}`)
  }

  async function finish() {
    const live = new Y.Doc()
    Y.applyUpdate(live, Y.encodeStateAsUpdate(panel!.workspace))
    for (const o of [...observers, recordObserver]) o.destroy()
    await t.close(false)
    // Replaying every stored update from scratch gives what the clients saw: nothing poisoned, nothing missing.
    const storage = openSqliteStorage(t.dataDir)
    const updates = await storage.loadWorkspaceUpdates(panelId)
    await storage.close()
    const replayed = new Y.Doc()
    let unreplayable = 0
    for (const u of updates) {
      try {
        Y.applyUpdate(replayed, u.update)
      } catch {
        unreplayable++
      }
    }
    check(sameContent(replayed, live), 'the stored updates do not replay to the workspace clients saw')
    // And a restarted server serves the same workspace.
    const again = await startTestServer({ dataDir: t.dataDir, quiet: true })
    const c = connect(again.url, lead, panelId, 'workspace')
    await synced(c)
    const same = sameContent(c.doc, live)
    c.destroy()
    await again.close()
    check(same, 'a restarted server serves a different workspace')
    return { storedUpdates: updates.length, unreplayable }
  }

  return { runCase, counts, finish, logLines }
}

// ---- JSON mutation (HTTP bodies, inspection and framework files) ----

export interface Mutation {
  kind: 'delete' | 'replace' | 'add' | 'retype' | 'duplicate'
  /** Child choices on the way down (each taken modulo the number of children). */
  path: number[]
  key: string
  value: unknown
}

export const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(
    'delete' as const,
    'replace' as const,
    'add' as const,
    'retype' as const,
    'duplicate' as const,
  ),
  path: fc.array(fc.nat(), { maxLength: 6 }),
  key: fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom(
      '__proto__',
      'constructor',
      'toString',
      'note',
      'type',
      'id',
      'percent',
      'yes',
      'assessed',
      'notApplicable',
      'judgement',
      'notRated',
      'caseGrid',
    ),
  ),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(
      -1,
      0,
      1,
      0.5,
      100.0001,
      1e308,
      -0,
      2 ** 53,
      '',
      ' ',
      'Good',
      'Outstanding',
      'NA',
      '1.1',
      '2.1.1',
      null,
      true,
      [],
      {},
    ),
  ),
})

type Json = unknown
const isContainer = (v: Json): v is Record<string, Json> | Json[] => typeof v === 'object' && v !== null

/** Applies mutations to a deep copy; `__proto__` and the like become own keys, as JSON.parse makes them. */
export function mutateJson(value: Json, mutations: Mutation[]): Json {
  let root = structuredClone(value) as Json
  for (const m of mutations) {
    if (!isContainer(root)) {
      root = m.kind === 'delete' ? undefined : m.value
      continue
    }
    let parent: Record<string, Json> | Json[] = root
    let key: string | number = pickKey(parent, m.path[0] ?? 0)
    for (const step of m.path.slice(1)) {
      const child: Json = (parent as Record<string, Json>)[key as string]
      if (!isContainer(child) || !Object.keys(child).length) break
      parent = child
      key = pickKey(child, step)
    }
    const set = (k: string | number, v: Json) =>
      Object.defineProperty(parent, k, { value: v, enumerable: true, writable: true, configurable: true })
    const current = (parent as Record<string, Json>)[key as string]
    switch (m.kind) {
      case 'delete':
        if (Array.isArray(parent)) parent.splice(Number(key), 1)
        else delete parent[key]
        break
      case 'replace':
        set(key, m.value)
        break
      case 'add':
        if (Array.isArray(parent)) parent.push(m.value)
        else set(m.key, m.value)
        break
      case 'retype':
        set(
          key,
          typeof current === 'number'
            ? String(current)
            : typeof current === 'string'
              ? Number(current) || current.length
              : Array.isArray(current)
                ? { ...current }
                : isContainer(current)
                  ? Object.values(current)
                  : [current],
        )
        break
      case 'duplicate':
        if (Array.isArray(parent)) parent.push(structuredClone(current))
        else set(`${key}${m.key}`, structuredClone(current))
        break
    }
  }
  return root
}

function pickKey(v: Record<string, Json> | Json[], n: number): string | number {
  if (Array.isArray(v)) return v.length ? n % v.length : 0
  const keys = Object.keys(v)
  return keys.length ? keys[n % keys.length]! : 'x'
}

// ---- Large and deep bodies (issue 12: amplification and stack overflows) ----

export interface LargeBody {
  name: string
  /** `validate` (POST /api/frameworks/validate) or `panels` (POST /api/panels). */
  route: 'validate' | 'panels'
  body: string
}

/**
 * The bodies that answered 13.8 MB of problems or a 500 "Maximum call stack size exceeded": tens of
 * thousands of empty domains, 200,000 ratings, and the same framework inside a panel, plus deep nesting.
 */
export function largeBodies(framework: Record<string, unknown>, inspection: unknown): LargeBody[] {
  // A domain without standards, as the issue sent them (20,000 of them about 380 KB of JSON, under the 4 MB cap).
  const domains = (n: number) => ({
    ...framework,
    domains: Array.from({ length: n }, (_, k) => ({ id: `d${k}`, title: 'x', standards: [] })),
  })
  const ratings = (n: number) => ({ ...framework, ratings: Array.from({ length: n }, () => ({})) })
  const panel = (f: unknown) => JSON.stringify({ inspection, framework: f })
  const deep = (n: number) => '['.repeat(n) + ']'.repeat(n)
  const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)
  return [
    { name: '20,000 empty domains', route: 'validate', body: JSON.stringify(domains(20_000)) },
    { name: '50,000 empty domains', route: 'validate', body: JSON.stringify(domains(50_000)) },
    { name: '200,000 ratings', route: 'validate', body: JSON.stringify(ratings(200_000)) },
    { name: 'a panel with 50,000 empty domains', route: 'panels', body: panel(domains(50_000)) },
    { name: 'a panel with 200,000 ratings', route: 'panels', body: panel(ratings(200_000)) },
    { name: '1,000,000 nested lists', route: 'validate', body: deep(1_000_000) },
    { name: '500,000 nested objects', route: 'panels', body: deepObject(500_000) },
    {
      name: '999 empty domains (under the list limit)',
      route: 'validate',
      body: JSON.stringify(domains(999)),
    },
  ]
}
