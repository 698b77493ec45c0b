// A sync room: one document of one panel and the sockets on it. Broadcasts updates and presence.
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as encoding from 'lib0/encoding'
import type * as Y from 'yjs'
import type { LivePanel } from '../panels/live-panel.ts'
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from './messages.ts'

export type DocName = 'record' | 'workspace'

/** What a room needs of a socket. */
export interface RoomMember {
  send(message: Uint8Array): void
}

/** Origin of updates that came from another server process (scale-out); never re-published. */
export const REMOTE_ORIGIN = Symbol('remote')

export class SyncRoom {
  readonly members = new Set<RoomMember>()
  /** Presence ids and the account that first used each: only that account may use one again. */
  readonly presenceOwners = new Map<number, string>()
  readonly awareness: awarenessProtocol.Awareness
  readonly doc: Y.Doc

  constructor(
    readonly panel: LivePanel,
    readonly name: DocName,
    private readonly publish?: (room: SyncRoom, kind: 'update' | 'awareness', payload: Uint8Array) => void,
  ) {
    this.doc = name === 'record' ? panel.record : panel.workspace
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    // The server itself is not a participant.
    this.awareness.setLocalState(null)
    this.doc.on('update', this.onDocUpdate)
    this.awareness.on('update', this.onAwarenessUpdate)
  }

  /** The whole document as a sync step 2, for clients that hold nothing yet; dropped when the document changes. */
  private wholeDocStep2: Uint8Array | null = null

  /** What a client with an empty state vector needs: encoded once however many join (a reconnect storm, a large panel). */
  wholeDocSyncStep2(): Uint8Array {
    if (!this.wholeDocStep2) {
      const enc = encoding.createEncoder()
      encoding.writeVarUint(enc, MESSAGE_SYNC)
      syncProtocol.writeSyncStep2(enc, this.doc)
      this.wholeDocStep2 = encoding.toUint8Array(enc)
    }
    return this.wholeDocStep2
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.wholeDocStep2 = null
    const enc = encoding.createEncoder()
    encoding.writeVarUint(enc, MESSAGE_SYNC)
    syncProtocol.writeUpdate(enc, update)
    const msg = encoding.toUint8Array(enc)
    for (const m of this.members) if (m !== origin) m.send(msg)
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
    this.doc.off('update', this.onDocUpdate)
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
  }
}
