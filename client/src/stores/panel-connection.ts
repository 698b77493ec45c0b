// The two live documents of a panel, each with its own y-websocket provider, and one connection status for both.
// The workspace starts again from the server when the server refuses one of its updates (4422), so its
// doc, provider and presence are signals; the text the server did not take waits in `unshared`.
import { batch, createSignal, onCleanup, type Accessor } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { REFUSED_CLOSE_CODE, type Refusal } from '../../../shared/ydoc/update-guard.ts'
import { createResyncingWorkspace } from './workspace-resync.ts'

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'stopped'

/** Why the server ended a connection for good (y-websocket does not retry codes 4400–4499). */
export type StopReason = 'session' | 'membership' | 'read-only' | 'too-large' | 'rate' | 'malformed' | 'other'

const OFFLINE_AFTER_MS = 8000

const STOP_REASONS: Record<number, StopReason> = {
  4400: 'malformed',
  4401: 'session',
  4403: 'read-only',
  4404: 'membership',
  4413: 'too-large',
  4429: 'rate',
}

export interface PanelConnection {
  record: Y.Doc
  /** The current workspace doc: a new one after the server refused an update. */
  workspace: Accessor<Y.Doc>
  recordProvider: WebsocketProvider
  workspaceProvider: Accessor<WebsocketProvider>
  /** Presence, on the current workspace provider. */
  awareness: Accessor<Awareness>
  /** The last refusal, until the workspace has started again from the server. */
  refusal: Accessor<Pick<Refusal, 'code' | 'where'> | null>
  /** Per draft key, the member's text the server does not hold after a refusal: to offer back, then settle. */
  unshared: Accessor<ReadonlyMap<string, string>>
  settleUnshared(key: string): void
  status: Accessor<ConnectionStatus>
  stopReason: Accessor<StopReason | null>
  /** True once the record has synced at least once. */
  recordSynced: Accessor<boolean>
  workspaceSynced: Accessor<boolean>
}

export const syncBase = (loc: Location = window.location) => loc.origin.replace(/^http/, 'ws') + '/sync/'

/** Opens both documents for the panel; closes and destroys them when the owning scope is disposed. */
export function createPanelConnection(panelId: string, base = syncBase()): PanelConnection {
  const record = new Y.Doc()
  const url = base + encodeURIComponent(panelId)
  const options = { disableBc: true, maxBackoffTime: 5000 }
  const recordProvider = new WebsocketProvider(url, 'record', record, options)
  const ws = createResyncingWorkspace((doc) => new WebsocketProvider(url, 'workspace', doc, options))
  const [workspace, setWorkspace] = createSignal(ws.doc, { equals: false })
  const [workspaceProvider, setWorkspaceProvider] = createSignal(ws.provider, { equals: false })
  const [refusal, setRefusal] = createSignal<Pick<Refusal, 'code' | 'where'> | null>(null)
  const [unshared, setUnshared] = createSignal<ReadonlyMap<string, string>>(new Map())
  // Presence lives on the workspace; the record connection publishes none.
  recordProvider.awareness.setLocalState(null)

  const [online, setOnline] = createSignal(navigator.onLine)
  const [connected, setConnected] = createSignal({ record: false, workspace: false })
  const [everConnected, setEverConnected] = createSignal(false)
  const [stopReason, setStopReason] = createSignal<StopReason | null>(null)
  const [recordSynced, setRecordSynced] = createSignal(false)
  const [workspaceSynced, setWorkspaceSynced] = createSignal(false)

  const timers = new Set<ReturnType<typeof setTimeout>>()
  // Disconnected for longer than this reads as offline, whatever navigator.onLine says.
  const [longGone, setLongGone] = createSignal(false)
  let goneTimer: ReturnType<typeof setTimeout> | undefined
  const watch = (p: WebsocketProvider, which: 'record' | 'workspace', setSynced: (v: boolean) => void) => {
    const onStatus = ({ status }: { status: string }) => {
      setConnected((c) => ({ ...c, [which]: status === 'connected' }))
      if (status === 'connected' && which === 'record') setEverConnected(true)
      const both = connected().record && connected().workspace
      clearTimeout(goneTimer)
      if (both) setLongGone(false)
      else if (everConnected()) goneTimer = setTimeout(() => setLongGone(true), OFFLINE_AFTER_MS)
    }
    const onSync = (synced: boolean) => {
      if (synced) setSynced(true)
    }
    const onClosed = (e: { code: number }) => {
      // A refused update: the resyncing workspace starts again by itself (workspace-resync.ts).
      if (e.code === REFUSED_CLOSE_CODE && which === 'workspace') return
      // Too many messages is the one terminal code worth retrying, after a pause.
      if (e.code === 4429) {
        const current = () => p === recordProvider || p === workspaceProvider()
        timers.add(setTimeout(() => current() && p.connect(), 3000))
        return
      }
      setStopReason(STOP_REASONS[e.code] ?? 'other')
    }
    p.on('status', onStatus)
    p.on('sync', onSync)
    p.on('closed', onClosed)
  }
  watch(recordProvider, 'record', setRecordSynced)
  watch(ws.provider, 'workspace', setWorkspaceSynced)
  ws.onReplaced((doc, provider) => {
    batch(() => {
      setConnected((c) => ({ ...c, workspace: false }))
      setWorkspaceSynced(false)
      setWorkspace(doc)
      setWorkspaceProvider(provider)
    })
    watch(provider, 'workspace', setWorkspaceSynced)
  })
  ws.onRestarted((r) =>
    batch(() => {
      setRefusal(r.refusal)
      setUnshared(new Map([...unshared(), ...r.unshared.map((u) => [u.key, u.text] as const)]))
    }),
  )
  const settleUnshared = (key: string) => {
    if (!unshared().has(key)) return
    const next = new Map(unshared())
    next.delete(key)
    batch(() => {
      setUnshared(next)
      if (!next.size) setRefusal(null)
    })
  }

  const onOnline = () => setOnline(true)
  const onOffline = () => setOnline(false)
  window.addEventListener('online', onOnline)
  window.addEventListener('offline', onOffline)

  onCleanup(() => {
    clearTimeout(goneTimer)
    for (const t of timers) clearTimeout(t)
    window.removeEventListener('online', onOnline)
    window.removeEventListener('offline', onOffline)
    ws.destroy()
    recordProvider.destroy()
    record.destroy()
  })

  const status = (): ConnectionStatus => {
    if (stopReason()) return 'stopped'
    // The browser knows it is offline before a socket notices, so say so first.
    if (!online()) return 'offline'
    const c = connected()
    if (c.record && c.workspace) return 'connected'
    if (longGone()) return 'offline'
    return everConnected() ? 'reconnecting' : 'connecting'
  }

  return {
    record,
    workspace,
    recordProvider,
    workspaceProvider,
    awareness: () => workspaceProvider().awareness,
    refusal,
    unshared,
    settleUnshared,
    status,
    stopReason,
    recordSynced,
    workspaceSynced,
  }
}
