/*
 * One socket on one room, speaking the y-websocket protocol:
 *   on open     server -> client: sync step 1 (our state vector) and the current presence
 *   step 1      client -> server: its state vector; we answer with step 2 (what it lacks)
 *   step 2 / update  client -> server: changes; writers' changes are stored durably, then applied
 *               (which broadcasts them); read-only peers may only send changes we already have
 *   awareness   client -> server: presence, with `user` replaced by who the server knows
 * Any malformed frame closes this socket alone, with a named code.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Role } from '../../shared/panel/types.ts'
import { presenceFields } from '../../shared/ydoc/presence.ts'
import { refusalReason } from '../../shared/ydoc/update-guard.ts'
import type { Logger } from '../logger.ts'
import { CLOSE, CLOSE_REASON } from './close-codes.ts'
import { MESSAGE_AUTH, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from './messages.ts'
import type { RoomMember, SyncRoom } from './room.ts'
import { carriesNothingNew, knownToStateVector } from './updates.ts'
import type { WriteBudgetLimits } from './write-budget.ts'

export interface SyncLimits extends WriteBudgetLimits {
  maxFrameBytes: number
  /** Token bucket: sustained messages per second, and burst. */
  messagesPerSecond: number
  burst: number
  maxDocBytes: number
  maxAwarenessBytes: number
  /** Bytes received on one socket but not yet handled (each waits for the previous one's durable write). */
  maxQueuedBytes: number
  /** Judge every workspace update before storing it (shared/ydoc/update-guard.ts). Off only to measure its cost. */
  guardWorkspace: boolean
}

export const DEFAULT_LIMITS: SyncLimits = {
  maxFrameBytes: 1 << 20,
  messagesPerSecond: 100,
  burst: 400,
  maxDocBytes: 32 << 20,
  maxAwarenessBytes: 8 << 10,
  maxQueuedBytes: 16 << 20,
  memberBytesPerSecond: 64 << 10,
  memberBurstBytes: 4 << 20,
  guardWorkspace: true,
}

/** Presence ids a room remembers the owners of. */
const MAX_PRESENCE_OWNERS = 10_000

export interface Peer {
  send(data: Uint8Array): void
  close(code: number, reason: string): void
}

export interface SyncActor {
  accountId: string
  name: string
  role: Role
  /** The session the socket was opened with: signing out or its expiry ends the socket too. */
  session?: { hash: string; msLeft: number }
}

class ProtocolError extends Error {
  constructor(
    readonly code: number,
    message: string,
    /** What the peer is told, when more than the code's usual reason. */
    readonly reason?: string,
  ) {
    super(message)
  }
}

export class SyncConnection implements RoomMember {
  private readonly ownedClients = new Set<number>()
  private chain: Promise<void> = Promise.resolve()
  /** Sync and other messages: running out closes the socket. */
  private readonly messageBudget: TokenBucket
  /**
   * Presence has its own budget, and over it is dropped, not answered with a close: y-websocket clients
   * echo every presence change they receive, so one member's flood would otherwise spend the others'
   * budgets and get honest clients disconnected. Presence is lossy anyway; the next change repairs it.
   */
  private readonly presenceBudget: TokenBucket
  private closed = false
  private queuedBytes = 0

  constructor(
    readonly room: SyncRoom,
    private readonly peer: Peer,
    readonly actor: SyncActor,
    readonly canWrite: boolean,
    private readonly limits: SyncLimits,
    private readonly log: Logger,
  ) {
    this.messageBudget = new TokenBucket(limits.messagesPerSecond, limits.burst)
    this.presenceBudget = new TokenBucket(limits.messagesPerSecond, limits.burst)
  }

  open(): void {
    // From the stored bytes while the workspace is not built (server/panels/live-panel.ts).
    this.send(this.room.syncStep1())
    const states = this.room.awareness.getStates()
    if (states.size) this.send(this.awarenessMessage([...states.keys()]))
  }

  send(data: Uint8Array): void {
    if (!this.closed) this.peer.send(data)
  }

  close(code: number, detail?: string, reason?: string): void {
    if (this.closed) return
    if (code >= 4000)
      this.log.warn('sync connection closed', {
        panelId: this.room.panel.panelId,
        doc: this.room.name,
        code,
        detail,
        accountId: this.actor.accountId,
      })
    this.peer.close(code, reason ?? CLOSE_REASON[code] ?? 'closed')
    this.dispose()
  }

  /** The socket is gone: forget this member's presence. */
  dispose(): void {
    if (this.closed) return
    this.closed = true
    if (!this.ownedClients.size) return
    const ids = [...this.ownedClients]
    awarenessProtocol.removeAwarenessStates(this.room.awareness, ids, 'disconnect')
    // Forget their clocks as well: the room would otherwise remember every id it ever saw, and a client
    // that reconnects with unchanged presence (the same clock) would be ignored as out of date.
    for (const id of ids) this.room.awareness.meta.delete(id)
  }

  /** Frames are handled strictly in arrival order, each after the previous one's durable write. */
  receive(data: Uint8Array | string): void {
    if (this.closed) return
    if (typeof data === 'string') return this.close(CLOSE.malformed, 'text frame')
    if (data.byteLength > this.limits.maxFrameBytes)
      return this.close(CLOSE.tooLarge, `${data.byteLength} bytes`)
    // A one-byte varuint 1 is an awareness message; any other encoding of it pays the stricter budget.
    if (data[0] === MESSAGE_AWARENESS) {
      if (!this.presenceBudget.take()) return
    } else if (!this.messageBudget.take()) return this.close(CLOSE.rateLimited)
    // Within the rate, a peer could still queue burst × frame size; what waits is capped in bytes too.
    this.queuedBytes += data.byteLength
    if (this.queuedBytes > this.limits.maxQueuedBytes)
      return this.close(CLOSE.rateLimited, `${this.queuedBytes} bytes queued`)
    this.chain = this.chain
      .then(() => this.handle(data))
      .catch((e: unknown) => {
        if (e instanceof ProtocolError) this.close(e.code, e.message, e.reason)
        else {
          // Not the peer's fault (a storage fault, say): the client reconnects with back-off and
          // resends what the server lacks, so nothing it typed is lost.
          this.log.error('sync message failed', {
            panelId: this.room.panel.panelId,
            doc: this.room.name,
            accountId: this.actor.accountId,
            error: e instanceof Error ? e.message : String(e),
            cause: e instanceof Error && e.cause !== undefined ? String(e.cause) : undefined,
          })
          this.close(CLOSE.serverError)
        }
      })
      .finally(() => (this.queuedBytes -= data.byteLength))
  }

  private async handle(data: Uint8Array): Promise<void> {
    if (this.closed) return
    const dec = decoding.createDecoder(data)
    const type = readVarUintOrFail(dec)
    switch (type) {
      case MESSAGE_SYNC:
        return this.handleSync(dec)
      case MESSAGE_AWARENESS:
        return this.handleAwareness(decodeOrFail(() => decoding.readVarUint8Array(dec)))
      case MESSAGE_QUERY_AWARENESS:
        return this.send(this.awarenessMessage([...this.room.awareness.getStates().keys()]))
      case MESSAGE_AUTH:
        // Authentication is by cookie at upgrade time; an auth message changes nothing.
        return
      default:
        throw new ProtocolError(CLOSE.malformed, `unknown message type ${type}`)
    }
  }

  private async handleSync(dec: decoding.Decoder): Promise<void> {
    const sub = readVarUintOrFail(dec)
    if (sub === syncProtocol.messageYjsSyncStep1) {
      const sv = decodeOrFail(() => decoding.readVarUint8Array(dec))
      // An empty state vector (a client with nothing yet) gets the room's cached encoding of the whole doc.
      if (sv.length === 1 && sv[0] === 0) return this.send(this.room.wholeDocSyncStep2())
      const enc = encoding.createEncoder()
      encoding.writeVarUint(enc, MESSAGE_SYNC)
      // The state vector is decoded while the reply is written: a malformed one is the peer's fault.
      decodeOrFail(() => syncProtocol.writeSyncStep2(enc, this.room.doc, sv))
      return this.send(encoding.toUint8Array(enc))
    }
    if (sub !== syncProtocol.messageYjsSyncStep2 && sub !== syncProtocol.messageYjsUpdate)
      throw new ProtocolError(CLOSE.malformed, `unknown sync message ${sub}`)
    const update = decodeOrFail(() => decoding.readVarUint8Array(dec))
    // A sync message that carries nothing new is not a write, whoever sends it. (Decoding validates.) A
    // workspace not built yet is told from its stored state vector when it can be (a newcomer's empty reply).
    const stored = this.room.storedStateVector()
    if (stored && decodeOrFail(() => knownToStateVector(stored, update))) return
    // A writer's update is judged, and the judge tells a repeat (LivePanel.acceptWorkspaceUpdate); anyone
    // else's, or any update to a finalised panel, is checked here first (a repeat is never a refusal).
    const judged = this.canWrite && this.limits.guardWorkspace && !panelIsFinalised(this.room)
    if (!judged && decodeOrFail(() => carriesNothingNew(this.room.doc, update))) return
    // A record client may have come from another process that is ahead of us: catch up, then judge.
    if (
      this.room.name === 'record' &&
      (await this.room.panel.serialise(() => this.room.panel.catchUp())) > 0 &&
      carriesNothingNew(this.room.doc, update)
    )
      return
    if (!this.canWrite || panelIsFinalised(this.room))
      throw new ProtocolError(CLOSE.readOnly, `${this.actor.role} wrote to ${this.room.name}`)
    const panel = this.room.panel
    // The member's own budget: their churn closes them, not the others.
    if (!panel.writeBudgets.take(this.actor.accountId, update.byteLength, this.limits))
      throw new ProtocolError(CLOSE.rateLimited, 'write budget spent', 'write budget spent; slow down')
    if (panel.workspaceIsFull(update.byteLength, this.limits.maxDocBytes))
      throw new ProtocolError(CLOSE.docFull, 'workspace full')
    const refusal = await panel.acceptWorkspaceUpdate(update, this.actor, this, {
      judge: this.limits.guardWorkspace,
    })
    if (refusal)
      throw new ProtocolError(CLOSE.refused, `${refusal.code}: ${refusal.detail}`, refusalReason(refusal))
  }

  private handleAwareness(update: Uint8Array): void {
    if (update.byteLength > this.limits.maxAwarenessBytes)
      throw new ProtocolError(CLOSE.tooLarge, 'awareness too large')
    const entries = decodeOrFail(() => {
      const dec = decoding.createDecoder(update)
      const n = decoding.readVarUint(dec)
      const out: { clientID: number; clock: number; state: unknown }[] = []
      for (let i = 0; i < n; i++) {
        const clientID = decoding.readVarUint(dec)
        const clock = decoding.readVarUint(dec)
        out.push({ clientID, clock, state: JSON.parse(decoding.readVarString(dec)) as unknown })
      }
      return out
    })
    if (entries.length > 4) throw new ProtocolError(CLOSE.malformed, 'too many presence entries')
    const enc = encoding.createEncoder()
    // A removal (null state) is never a claim: clients echo others' departures back.
    const accepted = entries.filter(
      (e) => this.ownedClients.has(e.clientID) || (e.state !== null && this.claim(e.clientID)),
    )
    encoding.writeVarUint(enc, accepted.length)
    for (const e of accepted) {
      encoding.writeVarUint(enc, e.clientID)
      encoding.writeVarUint(enc, e.clock)
      // Only the fields the layout knows, checked; `user` is who the server knows.
      const state =
        e.state && typeof e.state === 'object'
          ? {
              ...presenceFields(e.state),
              user: { accountId: this.actor.accountId, name: this.actor.name, role: this.actor.role },
            }
          : null
      encoding.writeVarString(enc, JSON.stringify(state))
    }
    if (accepted.length)
      awarenessProtocol.applyAwarenessUpdate(this.room.awareness, encoding.toUint8Array(enc), this)
  }

  /**
   * A presence id belongs to the first socket that uses it; nobody can speak as another's id. Once
   * that socket is gone, only the same account may take it again (the client reconnecting), never
   * another member whose client merely echoed it.
   */
  private claim(clientID: number): boolean {
    const owner = this.room.presenceOwners.get(clientID)
    if (owner !== undefined && owner !== this.actor.accountId) return false
    for (const m of this.room.members)
      if (m !== this && m instanceof SyncConnection && m.ownedClients.has(clientID)) return false
    if (this.ownedClients.size >= 4) return false
    this.ownedClients.add(clientID)
    const owners = this.room.presenceOwners
    // Bounded: forget the oldest ids first (a live socket's own ids stay protected by the check above).
    if (owner === undefined && owners.size >= MAX_PRESENCE_OWNERS) owners.delete(owners.keys().next().value!)
    owners.set(clientID, this.actor.accountId)
    return true
  }

  private awarenessMessage(clients: number[]): Uint8Array {
    const enc = encoding.createEncoder()
    encoding.writeVarUint(enc, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.room.awareness, clients))
    return encoding.toUint8Array(enc)
  }
}

/** Sustained `perSecond`, bursts up to `burst`. */
class TokenBucket {
  private tokens: number
  private lastRefill = performance.now()

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst
  }

  take(): boolean {
    const now = performance.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.lastRefill) / 1000) * this.perSecond)
    this.lastRefill = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}

function decodeOrFail<T>(f: () => T): T {
  try {
    return f()
  } catch (e) {
    throw new ProtocolError(CLOSE.malformed, e instanceof Error ? e.message : String(e))
  }
}

const readVarUintOrFail = (dec: decoding.Decoder): number => decodeOrFail(() => decoding.readVarUint(dec))

const panelIsFinalised = (room: SyncRoom): boolean => room.panel.state.finalised !== null
