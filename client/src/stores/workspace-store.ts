// The workspace doc and presence as Solid signals: the lead's focus, who is here, and the shared draft texts.
// Each follows the current doc (or presence): the connection replaces both after the server refuses an update.
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Role } from '../../../shared/panel/types.ts'
import {
  focusMap,
  readDraft,
  readFocus,
  readVoteDraft,
  type DraftKind,
  type Focus,
  type PresenceState,
} from '../../../shared/ydoc/layout.ts'

export function createFocus(doc: Accessor<Y.Doc>): Accessor<Focus | null> {
  const [focus, setFocus] = createSignal<Focus | null>(readFocus(doc()))
  createEffect(() => {
    const d = doc()
    const map = focusMap(d)
    const onChange = () => setFocus(readFocus(d))
    onChange()
    map.observe(onChange)
    onCleanup(() => map.unobserve(onChange))
  })
  return focus
}

export interface Present {
  clientId: number
  accountId: string
  name: string
  role: Role | string
  viewing: string | null
  typing: string | null
  isMe: boolean
}

/** Everyone connected to the workspace, one line per person (several tabs count once). */
export function createPresence(current: Accessor<Awareness>): Accessor<Present[]> {
  const read = (awareness: Awareness): Present[] => {
    const byAccount = new Map<string, Present>()
    for (const [clientId, raw] of awareness.getStates()) {
      const s = raw as PresenceState
      const isMe = clientId === awareness.clientID
      // Our own state has no `user` until the server echoes it back; it is still us.
      if (!s.user && !isMe) continue
      const accountId = s.user?.accountId ?? 'me'
      const p: Present = {
        clientId,
        accountId,
        name: s.user?.name ?? '',
        role: s.user?.role ?? '',
        viewing: s.viewing ?? null,
        typing: s.typing ?? null,
        isMe,
      }
      const prev = byAccount.get(accountId)
      if (!prev || isMe || (!prev.typing && p.typing))
        byAccount.set(accountId, { ...p, isMe: isMe || (prev?.isMe ?? false) })
    }
    return [...byAccount.values()]
  }
  const [people, setPeople] = createSignal<Present[]>(read(current()))
  createEffect(() => {
    const awareness = current()
    const onChange = () => setPeople(read(awareness))
    onChange()
    awareness.on('change', onChange)
    onCleanup(() => awareness.off('change', onChange))
  })
  return people
}

/** Re-reads whenever the current doc's drafts map changes, or the doc is replaced. */
function draftsVersion(doc: Accessor<Y.Doc>): Accessor<number> {
  const [version, setVersion] = createSignal(0)
  createEffect(() => {
    const map = drafts(doc())
    const bump = () => setVersion((v) => v + 1)
    bump()
    map.observe(bump)
    onCleanup(() => map.unobserve(bump))
  })
  return version
}

const drafts = (doc: Y.Doc) => doc.getMap<Y.Text>('drafts')

/**
 * A shared draft, or null until the workspace has synced it (the server creates every standard's
 * drafts up front, so members never race to create the same one).
 */
export function createDraft(
  doc: Accessor<Y.Doc>,
  kind: DraftKind,
  standardId: Accessor<string>,
): Accessor<Y.Text | null> {
  const version = draftsVersion(doc)
  return () => {
    version()
    return readDraft(doc(), kind, standardId())
  }
}

/**
 * A voter's own draft. When `mayCreate` turns true (the voter may write and the workspace has synced,
 * so an existing draft from another tab is not shadowed) a missing draft is created.
 */
export function createVoteDraft(
  doc: Accessor<Y.Doc>,
  proposalId: Accessor<string>,
  accountId: Accessor<string>,
  mayCreate: Accessor<boolean>,
): Accessor<Y.Text | null> {
  const version = draftsVersion(doc)
  createEffect(() => {
    if (mayCreate() && !readVoteDraft(doc(), proposalId(), accountId()))
      readVoteDraft(doc(), proposalId(), accountId(), true)
  })
  return () => {
    version()
    return readVoteDraft(doc(), proposalId(), accountId())
  }
}
