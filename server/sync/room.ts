// A sync room: one document of one panel and the sockets on it. Broadcasts updates and presence.
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as encoding from 'lib0/encoding'
import type * as Y from 'yjs'
import type { LivePanel } from '../panels/live-panel.ts'
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from './messages.ts'
import { releaseHeldSoon } from './turn-batch.ts'

export type DocName = 'record' | 'workspace'

/** What a room needs of a socket. */
export interface RoomMember {
  send(message: Uint8Array): void
}

/** Origin of updates that came from another server process (scale-out); never re-published. */
export const REMOTE_ORIGIN = Symbol('remote')
/** Origin of a panel's stored workspace applied to build its doc: every client has it, nothing to send. */
export const STORED_ORIGIN = Symbol('stored')

export class SyncRoom {
  readonly members = new Set<RoomMember>()
  /** Presence ids and the account that first used each: only that account may use one again. */
  readonly presenceOwners = new Map<number, string>()
  readonly awareness: awarenessProtocol.Awareness
  /** The document object, whose content may not be built yet (the workspace of a panel opened from the store). */
  private readonly handle: Y.Doc

  constructor(
    readonly panel: LivePanel,
    readonly name: DocName,
    private readonly publish?: (room: SyncRoom, kind: 'update' | 'awareness', payload: Uint8Array) => void,
  ) {
    this.handle = name === 'record' ? panel.record : panel.workspaceHandle
    this.awareness = new awarenessProtocol.Awareness(this.handle)
    // The server itself is not a participant.
    this.awareness.setLocalState(null)
    this.handle.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  /** The document, built first if it is not yet: for anything that reads or checks its content. */
  get doc(): Y.Doc {
    return this.name === 'record' ? this.handle : this.panel.workspace
  }

  private stored() {
    return this.name === 'workspace' ? this.panel.storedWorkspace : null
  }

  /** The state vector while the document is not built (null once it is). */
  storedStateVector(): Uint8Array | null {
    return this.stored()?.stateVector ?? null
  }

  /** Sync step 1 (the server's state vector), from the stored bytes while the document is not built. */
  syncStep1(): Uint8Array {
    const enc = encoding.createEncoder()
    encoding.writeVarUint(enc, MESSAGE_SYNC)
    const stored = this.stored()
    if (stored) {
      encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep1)
      encoding.writeVarUint8Array(enc, stored.stateVector)
    } else syncProtocol.writeSyncStep1(enc, this.handle)
    return encoding.toUint8Array(enc)
  }

  /** The whole document as a sync step 2, for clients that hold nothing yet; dropped when the document changes. */
  private wholeDocStep2: Uint8Array | null = null

  /**
   * What a client with an empty state vector needs: encoded once however many join (a reconnect storm,
   * a large panel); while the document is not built, the stored bytes as they are.
   */
  wholeDocSyncStep2(): Uint8Array {
    if (!this.wholeDocStep2) {
      const enc = encoding.createEncoder()
      encoding.writeVarUint(enc, MESSAGE_SYNC)
      const stored = this.stored()
      if (stored) {
        encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep2)
        encoding.writeVarUint8Array(enc, stored.update)
      } else syncProtocol.writeSyncStep2(enc, this.handle)
      this.wholeDocStep2 = encoding.toUint8Array(enc)
    }
    return this.wholeDocStep2
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    // Building the document from what was stored changes nothing a client can see: the cached step 2 stands.
    if (origin === STORED_ORIGIN) return
    this.wholeDocStep2 = null
    const enc = encoding.createEncoder()
    encoding.writeVarUint(enc, MESSAGE_SYNC)
    syncProtocol.writeUpdate(enc, update)
    const msg = encoding.toUint8Array(enc)
    for (const m of this.members) if (m !== origin) m.send(msg)
    // A committed update goes out with the rest of its batch, not a turn later (turn-batch.ts).
    if (this.name === 'workspace') releaseHeldSoon()
    if (origin !== REMOTE_ORIGIN && this.name === 'workspace') this.publish?.(this, 'update', update)
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed]
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
    const enc = encoding.createEncoder()
    encoding.writeVarUint(enc, MESSAGE_AWARENESS)
    encoding.writeVarUint8Array(enc, update)
    const msg = encoding.toUint8Array(enc)
    // Everyone gets presence, the sender too: y-websocket treats any message as a sign of life.
    for (const m of this.members) m.send(msg)
    if (origin !== REMOTE_ORIGIN) this.publish?.(this, 'awareness', update)
  }

  destroy(): void {
    this.handle.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
  }
}
