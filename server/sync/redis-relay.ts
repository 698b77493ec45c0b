/*
 * Scale-out relay: Redis pub/sub between server processes that share one PostgreSQL store.
 *
 *   update     a workspace update this process stored; others holding the panel apply it
 *   awareness  presence on one of the panel's documents; others apply it to that room
 *   events     this process appended domain events (new head seq); others catch up from the store
 *   query      a room just opened here; others answer with the presence they hold for it
 *   resync     "you may have missed messages from me" (after a Redis outage); others re-read the store
 *   heartbeat / bye   liveness of processes, on one shared channel
 *
 * Redis keeps nothing: the store is the truth and every message is a hint that can be lost. A process
 * that opens a panel subscribes first and then re-reads the store; a process whose Redis link comes
 * back, or that sees another process go quiet, re-reads the store for the panels concerned.
 * Channel per panel (`rp:panel:<id>`): a process hears only about the panels it holds open.
 */
import { randomUUID } from 'node:crypto'
import { Redis, type RedisOptions } from 'ioredis'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from '../logger.ts'
import type { PanelHub } from '../panels/hub.ts'
import type { LivePanel } from '../panels/live-panel.ts'
import { REMOTE_ORIGIN, type DocName } from './room.ts'
import type { Relay, SyncService } from './service.ts'

const WIRE_VERSION = 1
const KINDS = ['update', 'awareness', 'events', 'query', 'resync', 'heartbeat', 'bye'] as const
type Kind = (typeof KINDS)[number]
const DOCS: DocName[] = ['record', 'workspace']

export interface RelayMessage {
  from: string
  kind: Kind
  doc: DocName
  seq: number
  payload: Uint8Array
}

export function encodeMessage(m: RelayMessage): Buffer {
  const enc = encoding.createEncoder()
  encoding.writeUint8(enc, WIRE_VERSION)
  encoding.writeVarString(enc, m.from)
  encoding.writeVarUint(enc, KINDS.indexOf(m.kind))
  encoding.writeVarUint(enc, DOCS.indexOf(m.doc))
  encoding.writeVarUint(enc, m.seq)
  encoding.writeVarUint8Array(enc, m.payload)
  return Buffer.from(encoding.toUint8Array(enc))
}

export function decodeMessage(data: Uint8Array): RelayMessage | null {
  try {
    const dec = decoding.createDecoder(data)
    if (decoding.readUint8(dec) !== WIRE_VERSION) return null
    const from = decoding.readVarString(dec)
    const kind = KINDS[decoding.readVarUint(dec)]
    const doc = DOCS[decoding.readVarUint(dec)]
    const seq = decoding.readVarUint(dec)
    const payload = decoding.readVarUint8Array(dec)
    return kind && doc ? { from, kind, doc, seq, payload } : null
  } catch {
    return null
  }
}

/** Client ids and whether each is still present, from an encoded awareness update. */
function awarenessEntries(update: Uint8Array): { clientID: number; present: boolean }[] {
  const dec = decoding.createDecoder(update)
  const n = decoding.readVarUint(dec)
  const out: { clientID: number; present: boolean }[] = []
  for (let i = 0; i < n; i++) {
    const clientID = decoding.readVarUint(dec)
    decoding.readVarUint(dec)
    out.push({ clientID, present: decoding.readVarString(dec) !== 'null' })
  }
  return out
}

export interface RedisRelayOptions {
  log: Logger
  /** Channel prefix, so several deployments can share one Redis. */
  prefix?: string
  /** How often this process says it is alive; another is presumed gone after three missed beats. */
  heartbeatMs?: number
  /** How long to wait for Redis at start-up before refusing to start. */
  connectTimeoutMs?: number
}

export interface PanelHooks {
  onEventsAppended(panel: LivePanel): void
  onOpened(panel: LivePanel): void
  onUnloaded(panelId: string): void
}

export interface RedisRelay extends Relay {
  readonly processId: string
  /** For PanelHub's deps: how panels tell the relay what happened. */
  readonly panelHooks: PanelHooks
  /** Starts handling messages for the panels and rooms of this process. */
  attach(ctx: { hub: PanelHub; sync: SyncService }): void
  close(): Promise<void>
}

interface Peer {
  lastSeen: number
  /** Panels this peer spoke about, and the presence ids it carried per `${panelId}/${doc}`. */
  panels: Set<string>
  presence: Map<string, Set<number>>
}

function waitReady(client: Redis, ms: number, what: string): Promise<void> {
  if (client.status === 'ready') return Promise.resolve()
  return new Promise((resolve, reject) => {
    let lastError = ''
    const onError = (e: Error) => (lastError = e.message)
    const done = (e?: Error) => {
      clearTimeout(timer)
      client.off('ready', onReady)
      client.off('error', onError)
      if (e) reject(e)
      else resolve()
    }
    const onReady = () => done()
    const timer = setTimeout(
      () =>
        done(
          new Error(`could not reach Redis (${what}) within ${ms} ms${lastError ? `: ${lastError}` : ''}`),
        ),
      ms,
    )
    client.on('ready', onReady)
    client.on('error', onError)
  })
}

export async function connectRedisRelay(redisUrl: string, opts: RedisRelayOptions): Promise<RedisRelay> {
  const { log } = opts
  const prefix = opts.prefix ?? 'rp'
  const heartbeatMs = opts.heartbeatMs ?? 2000
  const processId = randomUUID()
  const panelChannel = (panelId: string) => `${prefix}:panel:${panelId}`
  const procChannel = `${prefix}:processes`
  const panelOf = (channel: string) =>
    channel.startsWith(`${prefix}:panel:`) ? channel.slice(prefix.length + 7) : null

  const common: RedisOptions = {
    // Reconnect for ever, backing off to 2 s; the store carries the truth meanwhile.
    retryStrategy: (times) => Math.min(100 * times, 2000),
    maxRetriesPerRequest: null,
    connectionName: `ratings-panel:${processId}`,
  }
  // A publish while Redis is away is dropped, not queued: after reconnecting we ask for a resync instead.
  const pub = new Redis(redisUrl, { ...common, enableOfflineQueue: false })
  const sub = new Redis(redisUrl, { ...common, autoResubscribe: true })
  let lost = false
  let closed = false
  let started = false
  for (const [name, client] of [
    ['publisher', pub],
    ['subscriber', sub],
  ] as const) {
    client.on('error', (e: Error) => {
      if (started && !lost && !closed) log.warn('redis error', { connection: name, error: e.message })
    })
    client.on('close', () => {
      if (!started || closed || lost) return
      lost = true
      log.warn('redis connection lost; cross-process live updates paused', { connection: name })
    })
  }
  try {
    await Promise.all([
      waitReady(pub, opts.connectTimeoutMs ?? 10_000, 'publisher'),
      waitReady(sub, opts.connectTimeoutMs ?? 10_000, 'subscriber'),
    ])
  } catch (e) {
    closed = true
    pub.disconnect()
    sub.disconnect()
    throw e
  }
  started = true

  let ctx: { hub: PanelHub; sync: SyncService } | null = null
  const subscribed = new Set<string>()
  const peers = new Map<string, Peer>()
  const queried = new WeakSet<object>()
  const catchingUp = new WeakSet<LivePanel>()
  let dropped = 0

  const send = (channel: string, m: Omit<RelayMessage, 'from'>) => {
    if (closed) return
    pub.publish(channel, encodeMessage({ ...m, from: processId })).catch(() => {
      // Redis is away; the resync after reconnecting covers what was dropped.
      dropped++
    })
  }

  /** Still the panel this process holds (not unloaded or replaced meanwhile)? */
  const held = (panel: LivePanel) => ctx?.hub.isOpen(panel.panelId) === panel

  const catchUpEvents = (panel: LivePanel): Promise<void> => {
    if (catchingUp.has(panel)) return Promise.resolve()
    catchingUp.add(panel)
    return panel
      .serialise(async () => {
        catchingUp.delete(panel)
        if (held(panel)) await panel.catchUp()
      })
      .catch((e: unknown) =>
        log.error('catching up with events failed', { panelId: panel.panelId, error: String(e) }),
      )
  }

  /** Re-reads what other processes stored for this panel: events, then workspace updates. */
  const resync = async (panel: LivePanel): Promise<void> => {
    if (!held(panel)) return
    await catchUpEvents(panel)
    if (!held(panel)) return
    await panel
      .catchUpWorkspace()
      .catch((e: unknown) =>
        log.error('catching up with the workspace failed', { panelId: panel.panelId, error: String(e) }),
      )
  }

  const subscribeAndResync = async (panel: LivePanel): Promise<void> => {
    const channel = panelChannel(panel.panelId)
    subscribed.add(panel.panelId)
    try {
      await sub.subscribe(channel)
    } catch (e) {
      log.warn('redis subscribe failed; relying on resync after reconnect', {
        panelId: panel.panelId,
        error: String(e),
      })
      return
    }
    // Subscribed first, read second: anything stored after this read is published after it, and reaches us.
    await resync(panel)
  }

  const peer = (id: string): Peer => {
    let p = peers.get(id)
    if (!p) {
      p = { lastSeen: Date.now(), panels: new Set(), presence: new Map() }
      peers.set(id, p)
    }
    p.lastSeen = Date.now()
    return p
  }

  /** Another process stopped (said bye, or went quiet): drop its people's presence, re-read its panels. */
  const peerGone = (id: string, why: string) => {
    const p = peers.get(id)
    if (!p) return
    peers.delete(id)
    log.info('server process gone; resyncing its panels', { peer: id, why, panels: p.panels.size })
    for (const [key, ids] of p.presence) {
      const [panelId, doc] = key.split('/') as [string, DocName]
      const room = ctx?.sync.findRoom(panelId, doc)
      const stale = [...ids].filter((clientID) => room?.awareness.getStates().has(clientID))
      if (room && stale.length) awarenessProtocol.removeAwarenessStates(room.awareness, stale, REMOTE_ORIGIN)
    }
    for (const panelId of p.panels) {
      const panel = ctx?.hub.isOpen(panelId)
      if (panel) void resync(panel)
    }
  }

  const onMessage = (channelBuf: Buffer, data: Buffer) => {
    const m = decodeMessage(data)
    if (!m || m.from === processId || !ctx) return
    const from = peer(m.from)
    if (m.kind === 'bye') return peerGone(m.from, 'stopped')
    if (m.kind === 'heartbeat') return
    const panelId = panelOf(channelBuf.toString())
    if (!panelId) return
    from.panels.add(panelId)
    const panel = ctx.hub.isOpen(panelId)
    if (!panel) return
    try {
      switch (m.kind) {
        case 'update':
          panel.applyRemoteWorkspaceUpdate(m.payload, m.seq, REMOTE_ORIGIN)
          return
        case 'awareness': {
          const room = ctx.sync.findRoom(panelId, m.doc)
          if (!room) return
          const key = `${panelId}/${m.doc}`
          let ids = from.presence.get(key)
          if (!ids) from.presence.set(key, (ids = new Set()))
          for (const e of awarenessEntries(m.payload)) {
            if (e.present) ids.add(e.clientID)
            else ids.delete(e.clientID)
          }
          awarenessProtocol.applyAwarenessUpdate(room.awareness, m.payload, REMOTE_ORIGIN)
          return
        }
        case 'events':
          if (m.seq > panel.headSeq) void catchUpEvents(panel)
          return
        case 'query': {
          // Answer with the presence of people connected here (not what others relayed to us).
          const room = ctx.sync.findRoom(panelId, m.doc)
          if (!room) return
          const relayed = new Set(
            [...peers.values()].flatMap((p) => [...(p.presence.get(`${panelId}/${m.doc}`) ?? [])]),
          )
          const mine = [...room.awareness.getStates().keys()].filter((id) => !relayed.has(id))
          if (mine.length)
            send(panelChannel(panelId), {
              kind: 'awareness',
              doc: m.doc,
              seq: 0,
              payload: awarenessProtocol.encodeAwarenessUpdate(room.awareness, mine),
            })
          return
        }
        case 'resync':
          void resync(panel)
          return
      }
    } catch (e) {
      log.error('relay message could not be applied', { panelId, kind: m.kind, error: String(e) })
    }
  }
  sub.on('messageBuffer', onMessage)
  await sub.subscribe(procChannel)

  // Liveness: beat, and notice peers that stopped beating (killed, or cut off from Redis).
  const beat = setInterval(() => {
    send(procChannel, { kind: 'heartbeat', doc: 'record', seq: 0, payload: new Uint8Array() })
    const deadline = Date.now() - 3 * heartbeatMs
    for (const [id, p] of peers) if (p.lastSeen < deadline) peerGone(id, 'no heartbeat')
  }, heartbeatMs)
  beat.unref()

  // Back from an outage (both connections up again): resubscribe, re-read every open panel, and tell the
  // others to re-read too, since what we published meanwhile was dropped.
  const onReconnected = () => {
    if (closed || !lost || pub.status !== 'ready' || sub.status !== 'ready') return
    lost = false
    log.info('redis connection back; resyncing open panels', { panels: subscribed.size, dropped })
    dropped = 0
    const channels = [...subscribed].map(panelChannel)
    void (channels.length ? sub.subscribe(...channels) : Promise.resolve(0))
      .then(() => {
        for (const panelId of subscribed) {
          send(panelChannel(panelId), { kind: 'resync', doc: 'workspace', seq: 0, payload: new Uint8Array() })
          const panel = ctx?.hub.isOpen(panelId)
          if (panel) void resync(panel)
        }
      })
      .catch((e: unknown) => log.warn('redis resubscribe failed', { error: String(e) }))
  }
  pub.on('ready', onReconnected)
  sub.on('ready', onReconnected)

  return {
    processId,
    panelHooks: {
      onEventsAppended: (panel) =>
        send(panelChannel(panel.panelId), {
          kind: 'events',
          doc: 'record',
          seq: panel.headSeq,
          payload: new Uint8Array(),
        }),
      onOpened: (panel) => void subscribeAndResync(panel),
      onUnloaded: (panelId) => {
        // Reopened meanwhile (a socket joined during the unload): the new copy keeps the subscription.
        if (ctx?.hub.isOpen(panelId)) return
        subscribed.delete(panelId)
        sub.unsubscribe(panelChannel(panelId)).catch(() => undefined)
      },
    },
    attach(c) {
      ctx = c
    },
    publish(panelId, doc, kind, payload, seq) {
      const channel = panelChannel(panelId)
      if (kind === 'awareness' && ctx) {
        const room = ctx.sync.findRoom(panelId, doc)
        // Presence now spoken for here is no longer another process's to clear.
        for (const e of awarenessEntries(payload))
          for (const p of peers.values()) p.presence.get(`${panelId}/${doc}`)?.delete(e.clientID)
        if (room && !queried.has(room)) {
          // A room new to this process: ask the others who is already there.
          queried.add(room)
          send(channel, { kind: 'query', doc, seq: 0, payload: new Uint8Array() })
        }
      }
      send(channel, { kind, doc, seq: seq ?? 0, payload })
    },
    async close() {
      if (closed) return
      clearInterval(beat)
      await pub
        .publish(
          procChannel,
          encodeMessage({ from: processId, kind: 'bye', doc: 'record', seq: 0, payload: new Uint8Array() }),
        )
        .catch(() => undefined)
      closed = true
      await Promise.allSettled([pub.quit(), sub.quit()])
    },
  }
}
