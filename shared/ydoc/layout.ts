// The Y.Doc layout of a panel's two documents: the server-written record and the members' workspace.
import * as Y from 'yjs'

export {
  PANEL_LAYOUT,
  RECORD_CLIENT_ID,
  RECORD_LAYOUT,
  readRecordLog,
  readRecordState,
  recordLayoutOf,
  writeRecord,
  type LogEntry,
} from './record.ts'

/** The server's own writes into a workspace (initial layout) use this id. */
export const WORKSPACE_SERVER_CLIENT_ID = 2

// ---- workspace ----

export type DraftKind = 'proposal' | 'footnote' | 'decision' | 'note'

/** The workspace's only root types: a map of shared texts, and the lead's focus. */
export const WORKSPACE_ROOTS = { drafts: 'drafts', focus: 'focus' } as const
export const VOTE_DRAFT_PREFIX = 'vote:'

export const draftsMap = (doc: Y.Doc) => doc.getMap<Y.Text>(WORKSPACE_ROOTS.drafts)
const drafts = draftsMap
export const focusMap = (doc: Y.Doc) => doc.getMap<unknown>(WORKSPACE_ROOTS.focus)

export const draftKey = (kind: DraftKind, standardId: string) => `${kind}:${standardId}`
export const voteDraftKey = (proposalId: string, accountId: string) =>
  `${VOTE_DRAFT_PREFIX}${proposalId}:${accountId}`

/**
 * Creates the shared texts for every standard up front (server side, once per panel), so that two
 * members who start typing at once edit the same Y.Text instead of racing to create it.
 */
export function initWorkspace(doc: Y.Doc, standardIds: string[]): void {
  doc.transact(() => {
    const d = drafts(doc)
    for (const sid of standardIds) {
      for (const kind of ['proposal', 'footnote', 'decision', 'note'] as const) {
        const key = draftKey(kind, sid)
        if (!d.has(key)) d.set(key, new Y.Text())
      }
    }
  })
}

export function readDraft(doc: Y.Doc, kind: DraftKind, standardId: string): Y.Text | null {
  return drafts(doc).get(draftKey(kind, standardId)) ?? null
}

/** A voter's own draft justification; created by that voter's client, which alone writes it. */
export function readVoteDraft(
  doc: Y.Doc,
  proposalId: string,
  accountId: string,
  create = false,
): Y.Text | null {
  const d = drafts(doc)
  const key = voteDraftKey(proposalId, accountId)
  let t = d.get(key) ?? null
  if (!t && create) {
    t = new Y.Text()
    d.set(key, t)
  }
  return t
}

export interface Focus {
  standardId: string | null
  by: string
  at: string
}

export function readFocus(doc: Y.Doc): Focus | null {
  const f = focusMap(doc)
  const standardId = f.get('standardId')
  if (standardId === undefined) return null
  return {
    standardId: (standardId as string | null) ?? null,
    by: String(f.get('by') ?? ''),
    at: String(f.get('at') ?? ''),
  }
}

export function writeFocus(doc: Y.Doc, focus: Focus): void {
  doc.transact(() => {
    const f = focusMap(doc)
    f.set('standardId', focus.standardId)
    f.set('by', focus.by)
    f.set('at', focus.at)
  })
}

/** Awareness state each client publishes; the server overwrites `user` with who it knows. */
export interface PresenceState {
  user?: { accountId: string; name: string; role: string }
  /** The standard this member is looking at. */
  viewing?: string | null
  /** The draft key this member is typing in. */
  typing?: string | null
}
