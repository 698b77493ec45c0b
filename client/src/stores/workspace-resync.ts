// A workspace doc that starts again from the server when the server refuses one of its updates.
//
// Yjs cannot take an update back, and a client resends everything the server lacks whenever it
// reconnects, so a refused change would come back forever. On a refusal (close 4422) the local doc
// is therefore dropped and a new one, with a new client id, syncs from the server. What the member
// had typed that the server does not hold is offered back to them (`unshared`), never lost silently.
// Plain TypeScript (no Solid), so the integration tests drive exactly this with real sockets.
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { draftsMap } from '../../../shared/ydoc/layout.ts'
import { parseRefusalReason, REFUSED_CLOSE_CODE, type Refusal } from '../../../shared/ydoc/update-guard.ts'

/** A draft whose text here differs from the server's after a refusal: the member's text, to offer back. */
export interface UnsharedDraft {
  key: string
  text: string
}

export interface Restart {
  refusal: Pick<Refusal, 'code' | 'where'>
  /** Known once the new doc has synced. */
  unshared: UnsharedDraft[]
}

export interface ResyncingWorkspace {
  readonly doc: Y.Doc
  readonly provider: WebsocketProvider
  /** Called when a new doc replaces the old one (the old one is gone), and when its sync shows what was unshared. */
  onReplaced(f: (doc: Y.Doc, provider: WebsocketProvider) => void): void
  onRestarted(f: (r: Restart) => void): void
  destroy(): void
}

/** Texts of `doc`'s drafts that its own client id wrote into (typed or deleted-after-typing). */
function ownTexts(doc: Y.Doc): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, text] of draftsMap(doc)) {
    if (!(text instanceof Y.Text)) continue
    for (let item = text._start; item; item = item.right)
      if (item.id.client === doc.clientID) {
        out.set(key, text.toString())
        break
      }
  }
  return out
}

export function unsharedDrafts(
  mine: Map<string, string>,
  server: Y.Doc,
  refusedKey: string | null,
  refusedText: string | null,
): UnsharedDraft[] {
  const out: UnsharedDraft[] = []
  const drafts = draftsMap(server)
  const candidates = new Map(mine)
  if (refusedKey && refusedText !== null && !candidates.has(refusedKey))
    candidates.set(refusedKey, refusedText)
  for (const [key, text] of candidates) {
    const there = drafts.get(key)
    if ((there instanceof Y.Text ? there.toString() : '') !== text) out.push({ key, text })
  }
  return out
}

/** `make` opens a provider on a doc; it is called again with a fresh doc after each refusal. */
export function createResyncingWorkspace(make: (doc: Y.Doc) => WebsocketProvider): ResyncingWorkspace {
  let doc = new Y.Doc()
  let provider = make(doc)
  let destroyed = false
  const replaced: ((doc: Y.Doc, provider: WebsocketProvider) => void)[] = []
  const restarted: ((r: Restart) => void)[] = []

  const restart = (refusal: Pick<Refusal, 'code' | 'where'>) => {
    const old = { doc, provider }
    const mine = ownTexts(old.doc)
    const refusedText = refusal.where ? (draftsMap(old.doc).get(refusal.where)?.toString() ?? null) : null
    const presence = old.provider.awareness.getLocalState()
    old.provider.destroy()
    old.doc.destroy()
    doc = new Y.Doc()
    provider = make(doc)
    // Carry what I am viewing over to the new presence (the server sets who I am).
    if (presence) {
      const { user: _user, ...mineOnly } = presence as Record<string, unknown>
      provider.awareness.setLocalState(mineOnly)
    }
    watch(provider)
    for (const f of replaced) f(doc, provider)
    const fresh = doc
    const onSync = (synced: boolean) => {
      if (!synced || destroyed || fresh !== doc) return
      provider.off('sync', onSync)
      const r = { refusal, unshared: unsharedDrafts(mine, fresh, refusal.where, refusedText) }
      for (const f of restarted) f(r)
    }
    provider.on('sync', onSync)
  }

  function watch(p: WebsocketProvider) {
    p.on('closed', (e: { code: number; reason: string }) => {
      if (destroyed || p !== provider || e.code !== REFUSED_CLOSE_CODE) return
      const refusal = parseRefusalReason(e.reason) ?? { code: 'malformed' as const, where: null }
      // Out of the provider's own close handler before it is destroyed.
      queueMicrotask(() => !destroyed && p === provider && restart(refusal))
    })
  }
  watch(provider)

  return {
    get doc() {
      return doc
    },
    get provider() {
      return provider
    },
    onReplaced: (f) => void replaced.push(f),
    onRestarted: (f) => void restarted.push(f),
    destroy() {
      destroyed = true
      provider.destroy()
      doc.destroy()
    },
  }
}
