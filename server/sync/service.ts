// Sync service: puts authenticated sockets into rooms and takes them out again.
import type { Role } from '../../shared/panel/types.ts'
import type { Logger } from '../logger.ts'
import type { PanelHub } from '../panels/hub.ts'
import type { LivePanel } from '../panels/live-panel.ts'
import { CLOSE, CLOSE_REASON } from './close-codes.ts'
import { SyncConnection, type Peer, type SyncActor, type SyncLimits } from './connection.ts'
import { SyncRoom, type DocName } from './room.ts'

/** Carries updates and presence between server processes (Redis in scale-out); absent on one process. */
export interface Relay {
  publish(
    panelId: string,
    doc: DocName,
    kind: 'update' | 'awareness',
    payload: Uint8Array,
    seq?: number,
  ): void
}

export class SyncService {
  private readonly rooms = new Map<string, SyncRoom>()
  private readonly connections = new Set<SyncConnection>()
  private readonly expiryTimers = new Map<SyncConnection, NodeJS.Timeout>()
  /** When each member's last socket to a panel closed (this process, since it started). */
  private readonly lastSeen = new Map<string, Map<string, string>>()

  constructor(
    private readonly hub: PanelHub,
    private readonly limits: SyncLimits,
    private readonly log: Logger,
    private readonly relay?: Relay,
  ) {}

  room(panel: LivePanel, doc: DocName): SyncRoom {
    const key = `${panel.panelId}/${doc}`
    let room = this.rooms.get(key)
    if (!room) {
      room = new SyncRoom(panel, doc, (r, kind, payload) =>
        this.relay?.publish(
          r.panel.panelId,
          r.name,
          kind,
          payload,
          kind === 'update' ? r.panel.workspaceSeq : undefined,
        ),
      )
      this.rooms.set(key, room)
    }
    return room
  }

  /** The room if it is open in this process (used by the scale-out relay). */
  findRoom(panelId: string, doc: DocName): SyncRoom | undefined {
    return this.rooms.get(`${panelId}/${doc}`)
  }

  async join(panelId: string, doc: DocName, actor: SyncActor, peer: Peer) {
    const panel = await this.hub.open(panelId)
    if (!panel) {
      peer.close(CLOSE.notFound, CLOSE_REASON[CLOSE.notFound]!)
      return null
    }
    const room = this.room(panel, doc)
    const canWrite = doc === 'workspace' && actor.role !== 'reviewer'
    const conn = new SyncConnection(room, peer, actor, canWrite, this.limits, this.log)
    room.members.add(conn)
    this.connections.add(conn)
    panel.connections++
    this.hub.touch(panel)
    if (actor.session) {
      // A socket lives no longer than the session that opened it (setTimeout caps at about 24.8 days).
      const timer = setTimeout(
        () => this.end(conn, CLOSE.unauthenticated),
        Math.max(Math.min(actor.session.msLeft, 2 ** 31 - 1), 0),
      )
      timer.unref()
      this.expiryTimers.set(conn, timer)
    }
    conn.open()
    return conn
  }

  /**
   * Membership changed: a removed member's sockets to the panel close at once (4403, final); a member
   * whose role changed is told to reconnect (1012), and comes back with the new role's rights.
   */
  closeMember(panelId: string, accountId: string, role: Role | null): void {
    for (const conn of [...this.connections])
      if (conn.room.panel.panelId === panelId && conn.actor.accountId === accountId)
        this.end(conn, role === null ? CLOSE.readOnly : CLOSE.restarting)
  }

  /** Sign-out: every socket opened with that session is closed (4401). */
  closeSession(sessionHash: string): void {
    for (const conn of [...this.connections])
      if (conn.actor.session?.hash === sessionHash) this.end(conn, CLOSE.unauthenticated)
  }

  private end(conn: SyncConnection, code: number): void {
    conn.close(code)
    this.leave(conn)
  }

  /** Who has a socket open to the panel now, and when the others were last connected. */
  presenceOf(panelId: string): { online: Set<string>; lastSeen: Map<string, string> } {
    const online = new Set<string>()
    for (const conn of this.connections)
      if (conn.room.panel.panelId === panelId) online.add(conn.actor.accountId)
    return { online, lastSeen: this.lastSeen.get(panelId) ?? new Map<string, string>() }
  }

  leave(conn: SyncConnection): void {
    if (!this.connections.delete(conn)) return
    const panelId = conn.room.panel.panelId
    let seen = this.lastSeen.get(panelId)
    if (!seen) this.lastSeen.set(panelId, (seen = new Map()))
    seen.set(conn.actor.accountId, new Date().toISOString())
    clearTimeout(this.expiryTimers.get(conn))
    this.expiryTimers.delete(conn)
    conn.dispose()
    const room = conn.room
    room.members.delete(conn)
    room.panel.connections--
    if (room.members.size === 0) {
      room.destroy()
      this.rooms.delete(`${room.panel.panelId}/${room.name}`)
    }
    this.hub.touch(room.panel)
  }

  connectionCount(): number {
    return this.connections.size
  }

  /** Connected sockets by document kind (metrics). */
  countByDoc(): Record<DocName, number> {
    const by: Record<DocName, number> = { record: 0, workspace: 0 }
    for (const conn of this.connections) by[conn.room.name]++
    return by
  }

  /** Shutdown: every client is told to reconnect (1012), after in-flight writes finish. */
  closeAll(code: number = CLOSE.restarting): void {
    for (const conn of [...this.connections]) this.end(conn, code)
  }
}
