/*
 * Typing load over raw clients, measured end to end.
 *
 * Every typed update inserts a marker `~B<member>.<seq>.<sentAtMicros>~` into the member's own draft
 * (numbers written in base 16 with consonants for digits, `bcdfghjklmnpqrst`, so that no marker or run of
 * them reads like a date, a reference or a word to ours' personal-data guard, which refuses such text)
 * (a real Y.Text edit, so a real Yjs update). Every other member of the room finds the marker in the
 * update it receives: latency = receive time - send time (one machine clock: performance.timeOrigin
 * + performance.now()). Each member keeps a bitmap per sender, so deliveries are counted once and
 * losses are expected - received. Presence works the same way with `~A…~` in the awareness state.
 */
import * as Y from 'yjs'
import { RawClient, type ClientSpec } from './raw-client.ts'
import { distOf, Samples, type Dist } from './stats.ts'

export interface RoomPlan {
  key: string
  members: ClientSpec[]
  /** base64 Y update this room's clients start from; overrides the plan's. */
  seed?: string | null
}

export interface ConnectPlan {
  rooms: RoomPlan[]
  /** base64 Y update every client starts from (the relay and Hocuspocus hold no panel state). */
  seed?: string | null
  applyRemote: boolean
  presence: boolean
  concurrency: number
  timeoutMs?: number
}

export interface RunPlan {
  durationMs: number
  /** Typed updates per second per typing member. */
  rate: number
  /** How many members of each room type (the rest only listen); default all. */
  typistsPerRoom?: number
  /** Each keystroke also moves the member's cursor in presence. */
  presenceOnType: boolean
  drainMs: number
}

export interface RunResult {
  sent: number
  offeredPerSec: number
  achievedPerSec: number
  expected: number
  received: number
  lost: number
  duplicates: number
  latency: Dist
  /** Deliveries between members connected to different server processes (ours ×2); null when all share one. */
  latencyAcross: Dist | null
  presence: Dist & { expected: number; received: number; lost: number }
  sendLag: Dist
  closed: number
  framesIn: number
}

const now = () => performance.timeOrigin + performance.now()
const B = 0x42
const A = 0x41
const TILDE = 0x7e

interface Member {
  gid: number
  room: Room
  client: RawClient
  /** The server (host:port) this member is connected to. */
  host: string
  text: Y.Text
  seq: number
  pseq: number
  /** First seq (update, presence) sent in the current run: earlier ones belong to an earlier step. */
  firstSeq: number
  firstPseq: number
  next: number
  /** sender gid -> bitmap of seqs seen (updates), and of presence seqs. */
  seen: Map<number, Uint8Array>
  seenP: Map<number, Uint8Array>
}

interface Room {
  key: string
  members: Member[]
}

class Tally {
  expected = 0
  received = 0
  duplicates = 0
  latency = new Samples()
  across = new Samples()
}

function mark(seen: Map<number, Uint8Array>, sender: number, seq: number): boolean {
  let bits = seen.get(sender)
  if (!bits || bits.length <= seq >> 3) {
    const grown = new Uint8Array(Math.max(64, (seq >> 3) * 2 + 1))
    if (bits) grown.set(bits)
    seen.set(sender, (bits = grown))
  }
  const had = (bits[seq >> 3]! >> (seq & 7)) & 1
  bits[seq >> 3]! |= 1 << (seq & 7)
  return !had
}

/** Marker numbers: base 16 in consonants, so no digit (a date, a case reference) and no word appears. */
const DIGITS = 'bcdfghjklmnpqrst'
export const markerNumber = (n: number): string => {
  let out = ''
  do {
    out = DIGITS[n % 16]! + out
    n = Math.floor(n / 16)
  } while (n > 0)
  return out
}
const readMarkerNumber = (s: string): number => {
  let n = 0
  for (const c of s) {
    const d = DIGITS.indexOf(c)
    if (d < 0) return NaN
    n = n * 16 + d
  }
  return n
}

/** Finds every `~<kind><gid>.<seq>.<micros>~` marker in the bytes and calls back with its fields. */
function scan(
  bytes: Uint8Array,
  kind: number,
  found: (gid: number, seq: number, sentAt: number) => void,
): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  let i = buf.indexOf(TILDE)
  while (i >= 0 && i + 1 < buf.length) {
    if (buf[i + 1] !== kind) {
      i = buf.indexOf(TILDE, i + 1)
      continue
    }
    const end = buf.indexOf(TILDE, i + 2)
    if (end < 0) return
    const parts = buf.toString('latin1', i + 2, end).split('.')
    if (parts.length === 3)
      found(readMarkerNumber(parts[0]!), readMarkerNumber(parts[1]!), readMarkerNumber(parts[2]!) / 1000)
    i = buf.indexOf(TILDE, end + 1)
  }
}

export class Load {
  private readonly rooms: Room[] = []
  private readonly members: Member[] = []
  private counting = false
  private updates = new Tally()
  private presence = new Tally()

  async connect(plan: ConnectPlan): Promise<{ members: number; ms: number }> {
    const started = performance.now()
    const seeds = new Map<string, Uint8Array | undefined>()
    const seedOf = (b64: string | null | undefined) => {
      if (!b64) return undefined
      if (!seeds.has(b64)) seeds.set(b64, Buffer.from(b64, 'base64'))
      return seeds.get(b64)
    }
    const pending: (() => Promise<void>)[] = []
    for (const rp of plan.rooms) {
      const room: Room = { key: rp.key, members: [] }
      const seed = seedOf(rp.seed ?? plan.seed)
      this.rooms.push(room)
      for (const spec of rp.members) {
        const m = {
          gid: this.members.length,
          room,
          host: new URL(spec.url).host,
          seq: 0,
          pseq: 0,
          firstSeq: 1,
          firstPseq: 1,
          next: 0,
          seen: new Map(),
          seenP: new Map(),
        } as unknown as Member
        m.client = new RawClient(
          spec,
          {
            onUpdate: (u, t) => this.onUpdate(m, u, t),
            onAwareness: (u, t) => this.onAwareness(m, u, t),
          },
          seed,
        )
        m.client.applyRemote = plan.applyRemote
        room.members.push(m)
        this.members.push(m)
        pending.push(async () => {
          await m.client.connect(plan.timeoutMs)
          m.text = this.draftFor(m)
          if (plan.presence)
            m.client.setAwareness({ user: { name: `member ${m.gid}` }, viewing: null, typing: null })
        })
      }
    }
    // Bounded concurrency, so connecting does not itself look like a storm.
    let next = 0
    const worker = async () => {
      while (next < pending.length) await pending[next++]!()
    }
    await Promise.all(Array.from({ length: Math.max(1, plan.concurrency) }, worker))
    return { members: this.members.length, ms: performance.now() - started }
  }

  /**
   * Each member types in a draft of its own: the panel's shared texts when present (those any member
   * may write: not the lead's decision drafts), else a root text.
   */
  private draftFor(m: Member): Y.Text {
    const drafts = m.client.doc.getMap<Y.Text>('drafts')
    const keys = [...drafts.keys()]
      .filter((k) => drafts.get(k) instanceof Y.Text && !k.startsWith('decision:') && !k.startsWith('vote:'))
      .sort()
    const idx = m.room.members.indexOf(m)
    return keys.length ? drafts.get(keys[(idx * 7) % keys.length]!)! : m.client.doc.getText(`typing-${idx}`)
  }

  async run(plan: RunPlan, window: { start?(): void; end?(): void } = {}): Promise<RunResult> {
    this.updates = new Tally()
    this.presence = new Tally()
    const typists = this.rooms.flatMap((r) => r.members.slice(0, plan.typistsPerRoom ?? r.members.length))
    const period = 1000 / plan.rate
    const start = now() + 20
    // Spread members' phases evenly over one period, so the offered load is smooth.
    typists.forEach((m, i) => (m.next = start + (period * i) / typists.length))
    for (const m of this.members) {
      m.firstSeq = m.seq + 1
      m.firstPseq = m.pseq + 1
    }
    const end = start + plan.durationMs
    const lag = new Samples()
    let sent = 0
    this.counting = true
    window.start?.()
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const t = now()
        for (const m of typists) {
          while (m.next <= t && m.next < end) {
            lag.push(now() - m.next)
            this.type(m, plan.presenceOnType)
            sent++
            m.next += period
          }
        }
        if (t >= end) {
          clearInterval(tick)
          resolve()
        }
      }, 2)
    })
    const sendingMs = now() - start
    window.end?.()
    // Drain: wait for every expected delivery, or give up after drainMs.
    const drainUntil = now() + plan.drainMs
    while (
      now() < drainUntil &&
      (this.updates.received < this.updates.expected || this.presence.received < this.presence.expected)
    )
      await new Promise((r) => setTimeout(r, 20))
    this.counting = false
    const u = this.updates
    const p = this.presence
    return {
      sent,
      offeredPerSec: typists.length * plan.rate,
      achievedPerSec: (sent / sendingMs) * 1000,
      expected: u.expected,
      received: u.received,
      lost: u.expected - u.received,
      duplicates: u.duplicates,
      latency: distOf(u.latency.view()),
      latencyAcross: new Set(this.members.map((m) => m.host)).size > 1 ? distOf(u.across.view()) : null,
      presence: {
        ...distOf(p.latency.view()),
        expected: p.expected,
        received: p.received,
        lost: p.expected - p.received,
      },
      sendLag: distOf(lag.view()),
      closed: this.members.filter((m) => m.client.closed).length,
      framesIn: this.members.reduce((n, m) => n + m.client.counts.framesIn, 0),
    }
  }

  private type(m: Member, presenceOnType: boolean): void {
    const peers = m.room.members.reduce((n, o) => n + (o !== m && !o.client.closed ? 1 : 0), 0)
    const seq = ++m.seq
    const sentAt = now()
    this.updates.expected += peers
    m.text.insert(
      m.text.length,
      `~B${markerNumber(m.gid)}.${markerNumber(seq)}.${markerNumber(Math.round(sentAt * 1000))}~`,
    )
    if (presenceOnType) {
      const pseq = ++m.pseq
      this.presence.expected += peers
      m.client.setAwareness({
        user: { name: `member ${m.gid}` },
        // The marker rides in `typing`: ours relays only the presence fields its client uses.
        typing: `~A${markerNumber(m.gid)}.${markerNumber(pseq)}.${markerNumber(Math.round(now() * 1000))}~`,
      })
    }
  }

  private onUpdate(m: Member, update: Uint8Array, at: number): void {
    if (!this.counting) return
    const t = performance.timeOrigin + at
    scan(update, B, (gid, seq, sentAt) => {
      if (gid === m.gid) return void m.client.counts.echoes++
      if (seq < (this.members[gid]?.firstSeq ?? 0)) return
      if (!mark(m.seen, gid, seq)) return void this.updates.duplicates++
      this.updates.received++
      this.updates.latency.push(t - sentAt)
      if (this.members[gid]?.host !== m.host) this.updates.across.push(t - sentAt)
    })
  }

  private onAwareness(m: Member, update: Uint8Array, at: number): void {
    if (!this.counting) return
    const t = performance.timeOrigin + at
    scan(update, A, (gid, seq, sentAt) => {
      if (gid === m.gid || seq < (this.members[gid]?.firstPseq ?? 0) || !mark(m.seenP, gid, seq)) return
      this.presence.received++
      this.presence.latency.push(t - sentAt)
    })
  }

  /** Every member's drafts as JSON, to compare replicas. */
  texts(): string[] {
    return this.members.map((m) => JSON.stringify(m.client.doc.getMap('drafts').toJSON()))
  }

  /** The first member's document state, to compare with a server's or a provider's. */
  stateOf(index: number): Uint8Array | null {
    const m = this.members[index]
    return m ? Y.encodeStateAsUpdate(m.client.doc) : null
  }

  close(): void {
    for (const m of this.members) m.client.close()
    this.members.length = 0
    this.rooms.length = 0
  }
}
