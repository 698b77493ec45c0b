// The Y.Doc layout of a panel's two documents: the server-written record and the members' workspace.
import * as Y from 'yjs'
import type { PanelState } from '../panel/types.ts'

/** The record doc is written by the server only, always with this client id, so it rebuilds identically. */
export const RECORD_CLIENT_ID = 1
/** The server's own writes into a workspace (initial layout) use this id. */
export const WORKSPACE_SERVER_CLIENT_ID = 2

/** One line of the panel's history as clients see it in the record doc. */
export interface LogEntry {
  seq: number
  type: string
  by: string
  byName: string
  at: string
  standardId?: string
  proposalId?: string
  /** A short, non-sensitive summary ("vote.cast support"); full text lives in the state. */
  summary: string
  hash: string
}

const root = (doc: Y.Doc) => doc.getMap<unknown>('record')
const logOf = (doc: Y.Doc) => doc.getArray<LogEntry>('log')

/** Writes the state after an event, and the event's log line, in one transaction. The parts fixed at
 * creation (framework, inspection, rules-based rating) are written once, so later events carry only what changed. */
export function writeRecord(doc: Y.Doc, state: PanelState, entry: LogEntry): void {
  doc.transact(() => {
    const r = root(doc)
    // The state is immutable (evolve returns new objects), so the doc can hold it by reference
    // rather than as a second copy; values are plain JSON, which keeps the projection deterministic.
    const { framework, inspection, rating, ...rest } = state
    if (!r.has('static')) r.set('static', { framework, inspection, rating })
    r.set('state', rest)
    logOf(doc).push([entry])
  })
}

export function readRecordState(doc: Y.Doc): PanelState | null {
  const r = root(doc)
  const fixed = r.get('static') as Record<string, unknown> | undefined
  const rest = r.get('state') as Record<string, unknown> | undefined
  return fixed && rest ? ({ ...fixed, ...rest } as unknown as PanelState) : null
}

export function readRecordLog(doc: Y.Doc): LogEntry[] {
  return logOf(doc).toArray()
}

// ---- workspace ----

export type DraftKind = 'proposal' | 'footnote' | 'decision' | 'note'

const drafts = (doc: Y.Doc) => doc.getMap<Y.Text>('drafts')
export const focusMap = (doc: Y.Doc) => doc.getMap<unknown>('focus')

export const draftKey = (kind: DraftKind, standardId: string) => `${kind}:${standardId}`
export const voteDraftKey = (proposalId: string, accountId: string) => `vote:${proposalId}:${accountId}`

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
