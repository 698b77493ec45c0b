// The record doc: the panel's state and its log as clients read them, written by the server alone.
import * as Y from 'yjs'
import type { PanelState } from '../panel/types.ts'
import { readFields, writeFields, type Layout } from './record-diff.ts'

/**
 * The record doc is written by the server only, always with this client id, so it rebuilds identically
 * from the log. Layout 1 (the whole state in one value per event) was written as client 1; layout 2
 * uses its own id, so a browser tab still holding a layout-1 doc from before an upgrade cannot mistake
 * the new structs for continuations of its old ones (it merges them as another writer's and is stopped
 * when it offers its old ones back).
 */
export const RECORD_CLIENT_ID = 3

/** The layout this code writes; checkpoints in another are rebuilt from the log (server/panels/live-panel.ts). */
export const RECORD_LAYOUT = 2

/**
 * Layout 2: every field of the state is a key of the root map, set when it changes; collections are
 * maps by id, so an event that touches one member, one proposal or one vote writes that alone. A new
 * event type needs no layout code (what it changes is found by comparing the states); a new collection
 * in the state needs one line here to be written entry by entry rather than whole.
 */
export const PANEL_LAYOUT: Layout = {
  members: { kind: 'map' },
  proposalOrder: { kind: 'list' },
  proposals: {
    kind: 'map',
    // Sealed votes (blind panels) likewise: a seal writes one entry of one fixed shape, however long the history.
    entry: {
      votes: { kind: 'map' },
      voteHistory: { kind: 'list' },
      seals: { kind: 'map' },
      sealHistory: { kind: 'list' },
    },
  },
}

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

const LAYOUT_KEY = 'layout'
const root = (doc: Y.Doc) => doc.getMap<unknown>('record')
const logOf = (doc: Y.Doc) => doc.getArray<LogEntry>('log')

/** 0: empty; 1: the whole state in one value (before 2026-12); 2: field by field. */
export function recordLayoutOf(doc: Y.Doc): number {
  const r = root(doc)
  const v = r.get(LAYOUT_KEY)
  if (typeof v === 'number') return v
  return r.has('state') ? 1 : 0
}

/**
 * Writes what an event changed, and its log line, in one transaction. `prev` is the state the doc
 * holds (null for the first event); the states are immutable, so unchanged parts are skipped by
 * reference and the update carries only what differs.
 */
export function writeRecord(doc: Y.Doc, prev: PanelState | null, next: PanelState, entry: LogEntry): void {
  doc.transact(() => {
    const r = root(doc)
    if (!prev) r.set(LAYOUT_KEY, RECORD_LAYOUT)
    writeFields(
      r,
      prev as unknown as Record<string, unknown> | null,
      next as unknown as Record<string, unknown>,
      PANEL_LAYOUT,
    )
    logOf(doc).push([entry])
  })
}

const SKIP = new Set([LAYOUT_KEY])

export function readRecordState(doc: Y.Doc): PanelState | null {
  const r = root(doc)
  if (recordLayoutOf(doc) === 1) {
    const fixed = r.get('static') as Record<string, unknown> | undefined
    const rest = r.get('state') as Record<string, unknown> | undefined
    return fixed && rest ? ({ ...fixed, ...rest } as unknown as PanelState) : null
  }
  if (!r.has('version')) return null
  return readFields(r, SKIP) as unknown as PanelState
}

export function readRecordLog(doc: Y.Doc): LogEntry[] {
  return logOf(doc).toArray()
}
