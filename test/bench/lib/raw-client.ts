/*
 * A load client speaking the sync protocol over `ws` itself, holding a real Y.Doc.
 *
 * Two dialects:
 *   y-websocket  (ours, the relay) frames are [type][payload]; type 0 sync, 1 awareness.
 *   hocuspocus   every frame is [varString documentName][type][payload]; the client first sends
 *                Auth (2) Token (0) <token> and waits for Auth Authenticated (2); the server then
 *                answers sync step 1 with step 2 and a SyncReply (4) step 1, echoes every update
 *                to all connections (the sender too) and acks each update with SyncStatus (8).
 * Handshake `sync`: send step 1, answer the server's step 1 with step 2, synced on the server's
 * step 2. Handshake `none` (the relay, which never answers): synced once open; the client starts
 * from the same seed as everyone else in the room and never asks peers for state.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import * as Y from 'yjs'

export type Dialect = 'y-websocket' | 'hocuspocus'

export interface ClientSpec {
  url: string
  dialect: Dialect
  handshake: 'sync' | 'none'
  /** Hocuspocus document name (ignored by the y-websocket dialect, whose room is the URL path). */
  docName: string
  headers?: Record<string, string>
}

const SYNC = 0
const AWARENESS = 1
const AUTH = 2
const SYNC_REPLY = 4
const SYNC_STATUS = 8
const CLOSE = 7
const STEP1 = 0
const STEP2 = 1
const UPDATE = 2
export const REMOTE = Symbol('remote')

export interface RawClientHooks {
  /** A Yjs update from the server or a peer (not the handshake's step 2), received at `now`. */
  onUpdate?(update: Uint8Array, now: number): void
  onAwareness?(update: Uint8Array, now: number): void
}

export class RawClient {
  readonly doc = new Y.Doc()
  ws: WebSocket | null = null
  synced = false
  closed: { code: number; reason: string } | null = null
  /** Apply peers' updates to the local doc (a real client does); off, updates are only inspected. */
  applyRemote = true
  counts = { framesIn: 0, bytesIn: 0, framesOut: 0, acks: 0, echoes: 0 }
  private awarenessClock = 0
  private onSynced: (() => void) | null = null

  constructor(
    readonly spec: ClientSpec,
    readonly hooks: RawClientHooks = {},
    seed?: Uint8Array,
  ) {
    if (seed) Y.applyUpdate(this.doc, seed, REMOTE)
    // Local edits go out as they happen, like a provider's doc 'update' handler.
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== REMOTE) this.send(this.syncMessage(UPDATE, update))
    })
  }

  connect(timeoutMs = 15_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`${this.spec.url} ${this.spec.docName}: not synced after ${timeoutMs} ms`))
        this.ws?.terminate()
      }, timeoutMs)
      const done = (e?: Error) => {
        clearTimeout(timer)
        if (e) reject(e)
        else resolve()
      }
      this.onSynced = () => done()
      const ws = new WebSocket(this.spec.url, { headers: this.spec.headers ?? {}, perMessageDeflate: false })
      ws.binaryType = 'nodebuffer'
      this.ws = ws
      ws.on('open', () => {
        if (this.spec.dialect === 'hocuspocus') {
          const enc = this.header()
          encoding.writeVarUint(enc, AUTH)
          encoding.writeVarUint(enc, 0)
          encoding.writeVarString(enc, 'bench')
          this.sendRaw(encoding.toUint8Array(enc))
        } else if (this.spec.handshake === 'sync') this.sendStep1()
        else this.markSynced()
      })
      ws.on('message', (data: Buffer) => this.receive(data))
      ws.on('close', (code, reason) => {
        this.closed = { code, reason: reason.toString() }
        if (!this.synced) done(new Error(`closed ${code} ${reason.toString()} before sync`))
      })
      ws.on('error', (e) => {
        if (!this.synced) done(e)
      })
    })
  }

  /** Publishes presence: one awareness entry for this client with a JSON state. */
  setAwareness(state: unknown): void {
    const inner = encoding.createEncoder()
    encoding.writeVarUint(inner, 1)
    encoding.writeVarUint(inner, this.doc.clientID)
    encoding.writeVarUint(inner, ++this.awarenessClock)
    encoding.writeVarString(inner, JSON.stringify(state))
    const enc = this.header()
    encoding.writeVarUint(enc, AWARENESS)
    encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner))
    this.sendRaw(encoding.toUint8Array(enc))
  }

  close(): void {
    this.ws?.terminate()
    this.doc.destroy()
  }

  private header(): encoding.Encoder {
    const enc = encoding.createEncoder()
    if (this.spec.dialect === 'hocuspocus') encoding.writeVarString(enc, this.spec.docName)
    return enc
  }

  private syncMessage(sub: number, payload: Uint8Array): Uint8Array {
    const enc = this.header()
    encoding.writeVarUint(enc, SYNC)
    encoding.writeVarUint(enc, sub)
    encoding.writeVarUint8Array(enc, payload)
    return encoding.toUint8Array(enc)
  }

  private sendStep1(): void {
    this.sendRaw(this.syncMessage(STEP1, Y.encodeStateVector(this.doc)))
  }

  private send(message: Uint8Array): void {
    this.sendRaw(message)
  }

  private sendRaw(message: Uint8Array): void {
    if (this.ws?.readyState !== WebSocket.OPEN) return
    this.counts.framesOut++
    this.ws.send(message)
  }

  private markSynced(): void {
    if (this.synced) return
    this.synced = true
    this.onSynced?.()
  }

  private receive(data: Buffer): void {
    const now = performance.now()
    this.counts.framesIn++
    this.counts.bytesIn += data.byteLength
    const dec = decoding.createDecoder(data)
    if (this.spec.dialect === 'hocuspocus') decoding.readVarString(dec)
    const type = decoding.readVarUint(dec)
    switch (type) {
      case SYNC:
      case SYNC_REPLY:
        return this.receiveSync(dec, now)
      case AWARENESS:
        return this.hooks.onAwareness?.(decoding.readVarUint8Array(dec), now)
      case AUTH: {
        const sub = decoding.readVarUint(dec)
        if (sub === 2) return this.sendStep1()
        this.ws?.close(4401, `auth message ${sub}: ${decoding.readVarString(dec)}`)
        return
      }
      case SYNC_STATUS:
        this.counts.acks++
        return
      case CLOSE:
        this.ws?.close(1000, 'server sent close')
        return
      default:
      // Query awareness, stateless and the like are not part of the load.
    }
  }

  private receiveSync(dec: decoding.Decoder, now: number): void {
    const sub = decoding.readVarUint(dec)
    const payload = decoding.readVarUint8Array(dec)
    if (sub === STEP1) {
      // The server asks what we have that it lacks (Hocuspocus receives the room's seed this way).
      this.sendRaw(this.syncMessage(STEP2, Y.encodeStateAsUpdate(this.doc, payload)))
      return
    }
    if (!this.synced && sub === STEP2) {
      Y.applyUpdate(this.doc, payload, REMOTE)
      this.markSynced()
      return
    }
    if (this.applyRemote) Y.applyUpdate(this.doc, payload, REMOTE)
    this.hooks.onUpdate?.(payload, now)
  }
}
