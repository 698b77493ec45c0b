// Seeded Yjs histories as a sync server stores them: many clients editing texts (insertions, deletions,
// formatting, embeds), maps and arrays holding nested types and binary and JSON values, XML, subdocs;
// nested types deleted (their content garbage-collected in the server's checkpoints); clients going
// offline and sending their edits back as one sync step 2; now and then a client that re-sends what
// the server already has (an overlap). The server applies each update as it arrives, with gc on.
import * as Y from 'yjs'
import { carriesNothingNew } from '../../server/sync/updates.ts'

export interface HistoryOptions {
  clients: number
  steps: number
  /** Take a checkpoint (the server's whole doc, encoded) after these many stored updates. */
  checkpointsAt: number[]
}

export interface FuzzedHistory {
  /** What the server stored, in order; update 0 is the server's initial layout. */
  updates: Uint8Array[]
  /** Indices of updates that overlap what the server already held (a fast path may decline them). */
  overlapping: Set<number>
  /** Checkpoint after update k (0-based, inclusive): Y.encodeStateAsUpdate of the server's doc. */
  checkpoints: Map<number, Uint8Array>
  /** The server doc's content after the last update. */
  finalContent: unknown
}

const ALPHABET = ['a', 'b', ' ', 'é', '€', '😀', '\uFEFF', 'e\u0301', '字', '\n', 'xyz']

export function seeded(seed: number) {
  let s = seed >>> 0 || 1
  const random = () => {
    // xorshift32: fast, and enough for picking operations
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s / 0x100000000
  }
  const int = (n: number) => Math.floor(random() * n)
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!
  return { random, int, pick }
}

/** Everything a doc holds, comparable with toEqual (subdocs by guid, binaries as arrays). */
export function contentOf(doc: Y.Doc): unknown {
  const plain = (v: unknown): unknown =>
    v instanceof Y.Doc
      ? { subdoc: v.guid }
      : v instanceof Uint8Array
        ? { binary: [...v] }
        : v instanceof Y.Text
          ? { text: v.toDelta() }
          : v instanceof Y.Map
            ? Object.fromEntries(
                [...v.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, plain(x)]),
              )
            : v instanceof Y.Array
              ? v.toArray().map(plain)
              : v
  return {
    drafts: plain(doc.getMap('drafts')),
    meta: plain(doc.getMap('meta')),
    list: plain(doc.getArray('list')),
    xml: doc.getXmlFragment('xml').toString(),
  }
}

export function fuzzedHistory(seed: number, opts: HistoryOptions): FuzzedHistory {
  const { random, int, pick } = seeded(seed)
  const server = new Y.Doc()
  const updates: Uint8Array[] = []
  const overlapping = new Set<number>()
  const checkpoints = new Map<number, Uint8Array>()
  const store = (u: Uint8Array, overlaps = false) => {
    if (overlaps) overlapping.add(updates.length)
    updates.push(u)
    Y.applyUpdate(server, u, 'client')
    if (opts.checkpointsAt.includes(updates.length - 1))
      checkpoints.set(updates.length - 1, Y.encodeStateAsUpdate(server))
  }
  // The server's initial layout, as the workspace's is written.
  const init = new Y.Doc()
  init.clientID = 2
  for (const k of ['1.1', '1.2', '2.1']) init.getMap('drafts').set(k, new Y.Text())
  store(Y.encodeStateAsUpdate(init))

  interface Client {
    doc: Y.Doc
    online: boolean
  }
  const clients: Client[] = []
  const broadcast = (u: Uint8Array, from: Client | null) => {
    for (const c of clients) if (c !== from && c.online) Y.applyUpdate(c.doc, u, 'remote')
  }
  for (let i = 0; i < opts.clients; i++) {
    const c: Client = { doc: new Y.Doc(), online: true }
    // Seeded ids (and so a seeded order of concurrent edits): the same seed is the same history.
    c.doc.clientID = 1000 + i * 7919 + int(1_000_000)
    Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(server), 'remote')
    c.doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === 'remote' || !c.online) return
      store(u)
      broadcast(u, c)
    })
    clients.push(c)
  }

  const textOf = (doc: Y.Doc): Y.Text => {
    const drafts = doc.getMap<Y.Text>('drafts')
    const nested = [...doc.getMap('meta').values()].filter((v): v is Y.Text => v instanceof Y.Text)
    return pick([...drafts.values(), ...nested])
  }
  const value = (depth: number): unknown => {
    const r = random()
    if (r < 0.2) return int(1000)
    if (r < 0.35) return pick(ALPHABET).repeat(1 + int(4))
    if (r < 0.45) return { n: int(9), list: [1, 'x', null, true], nested: { s: pick(ALPHABET) } }
    if (r < 0.55) return new Uint8Array([int(256), int(256), 0, 255])
    if (depth > 1) return null
    if (r < 0.7) {
      const m = new Y.Map<unknown>()
      m.set('a', value(depth + 1))
      m.set('b', pick(ALPHABET))
      return m
    }
    if (r < 0.82) {
      const t = new Y.Text()
      t.insert(0, pick(ALPHABET), random() < 0.5 ? { bold: true } : undefined)
      return t
    }
    if (r < 0.95) {
      const a = new Y.Array<unknown>()
      a.insert(0, [value(depth + 1), int(5)])
      return a
    }
    if (r < 0.97) {
      const hook = new Y.XmlHook('hook')
      hook.set('n', int(9))
      return hook
    }
    return new Y.Doc({ guid: `sub-${int(1_000_000)}` })
  }

  const edit = (doc: Y.Doc) => {
    const r = random()
    const text = textOf(doc)
    const len = text.length
    if (r < 0.35) {
      const attrs = random() < 0.15 ? { bold: true } : random() < 0.05 ? { italic: true, size: 3 } : undefined
      text.insert(int(len + 1), pick(ALPHABET).repeat(1 + int(3)), attrs)
    } else if (r < 0.5 && len > 0) {
      const at = int(len)
      text.delete(at, 1 + int(Math.min(8, len - at)))
    } else if (r < 0.57 && len > 0) {
      const at = int(len)
      text.format(
        at,
        1 + int(len - at),
        pick([{ bold: true }, { bold: null }, { italic: true }, { italic: null }]),
      )
    } else if (r < 0.59) {
      text.insertEmbed(int(len + 1), { image: `img-${int(9)}` })
    } else if (r < 0.72) {
      doc.getMap('meta').set(`k${int(6)}`, value(0))
    } else if (r < 0.77) {
      // Deleting a key drops a nested type whole: the server's gc turns its content into GC structs.
      const meta = doc.getMap('meta')
      const keys = [...meta.keys()]
      if (keys.length) meta.delete(pick(keys))
    } else if (r < 0.85) {
      const list = doc.getArray('list')
      if (list.length > 6 && random() < 0.4) list.delete(int(list.length - 2), 2)
      else list.insert(int(list.length + 1), [value(0)])
    } else if (r < 0.92) {
      const xml = doc.getXmlFragment('xml')
      if (xml.length > 4 && random() < 0.3) xml.delete(0, 1)
      else {
        const p = new Y.XmlElement(pick(['p', 'h1', 'li']))
        p.setAttribute('class', pick(ALPHABET))
        p.insert(0, [new Y.XmlText(pick(ALPHABET))])
        xml.insert(int(xml.length + 1), [p])
      }
    } else {
      // Several edits in one transaction: one update with several structs and deletions.
      doc.transact(() => {
        for (let i = 0; i < 3; i++) {
          const t = textOf(doc)
          if (t.length > 2 && random() < 0.5) t.delete(int(t.length - 1), 1)
          else t.insert(int(t.length + 1), pick(ALPHABET))
        }
      })
    }
  }

  for (let step = 0; step < opts.steps; step++) {
    const c = pick(clients)
    const r = random()
    if (r < 0.03 && c.online) c.online = false
    else if (r < 0.08 && !c.online) {
      // Back online: its edits as one sync step 2 (what the server lacks), then what it missed.
      // Now and then a client that lost track re-sends its whole state: structs the server has (an overlap).
      const whole = random() < 0.2
      const sv = whole ? new Uint8Array([0]) : Y.encodeStateVector(server)
      const diff = Y.encodeStateAsUpdate(c.doc, sv)
      c.online = true
      // The server stores a sync step 2 only when it carries something new (server/sync/connection.ts).
      if (!carriesNothingNew(server, diff)) {
        store(diff, whole)
        broadcast(diff, c)
      }
      Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(server, Y.encodeStateVector(c.doc)), 'remote')
    } else edit(c.doc)
  }
  for (const c of clients) c.doc.destroy()
  const finalContent = contentOf(server)
  server.destroy()
  return { updates, overlapping, checkpoints, finalContent }
}

export interface MergeCheck {
  /** (checkpoint, later updates) pairs compared. */
  compared: number
  /** Of those, how many the fast path answered (not null). */
  answered: number
  /** Pairs with no overlapping update that the fast path still declined. */
  declined: string[]
  /** Pairs where the fast path's document differs from Y.mergeUpdates's. */
  wrong: string[]
}

const docOf = (update: Uint8Array) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * The differential check: for every checkpoint and several runs of updates after it, the fast merge
 * must give exactly the document that applying Y.mergeUpdates of the same parts to a fresh doc gives
 * (state encoded byte for byte, and content), and must not decline what it claims to handle.
 */
export function checkMerge(
  h: FuzzedHistory,
  merge: (checkpoint: Uint8Array, after: Uint8Array[]) => Uint8Array | null,
  label: string,
): MergeCheck {
  const out: MergeCheck = { compared: 0, answered: 0, declined: [], wrong: [] }
  const last = h.updates.length - 1
  for (const [k, checkpoint] of h.checkpoints) {
    for (const j of new Set([k + 1, k + 2, k + 17, Math.floor((k + last) / 2), last])) {
      if (j <= k || j > last) continue
      const after = h.updates.slice(k + 1, j + 1)
      const where = `${label}: checkpoint after update ${k}, updates ${k + 1}..${j}`
      out.compared++
      const fast = merge(checkpoint, after)
      if (!fast) {
        if (!after.some((_, i) => h.overlapping.has(k + 1 + i))) out.declined.push(where)
        continue
      }
      out.answered++
      const expected = docOf(Y.mergeUpdates([checkpoint, ...after]))
      const got = docOf(fast)
      try {
        const same =
          sameBytes(Y.encodeStateAsUpdate(got), Y.encodeStateAsUpdate(expected)) &&
          JSON.stringify(contentOf(got)) === JSON.stringify(contentOf(expected)) &&
          (j !== last || JSON.stringify(contentOf(got)) === JSON.stringify(h.finalContent))
        if (!same) out.wrong.push(where)
      } finally {
        got.destroy()
        expected.destroy()
      }
    }
  }
  return out
}
