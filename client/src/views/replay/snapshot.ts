// One point of the replay: the record state and the workspace's drafts and focus as they were. Pure.
import * as Y from 'yjs'
import type { PanelState } from '../../../../shared/panel/types.ts'
import { readFocus, type Focus } from '../../../../shared/ydoc/layout.ts'

/** GET /api/panels/:id/replay as the binary frame (shared/replay-frame.ts): the JSON head, and the update. */
export interface ReplayAnswer {
  state: PanelState | null
  /** The workspace doc as one Y update. */
  workspace: Uint8Array
  seqs: { event: number; workspace: number }
}

export interface Snapshot {
  state: PanelState
  /** Every draft's text by key (`proposal:2.1`, `note:3.2`, `vote:<proposal>:<account>`); empty ones left out. */
  drafts: Record<string, string>
  focus: Focus | null
  seqs: { event: number; workspace: number }
}

/** Reads a workspace update the way the live panel reads its doc (shared/ydoc/layout.ts). */
export function readWorkspace(update: Uint8Array): { drafts: Record<string, string>; focus: Focus | null } {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, update)
    const drafts: Record<string, string> = {}
    for (const [key, text] of doc.getMap<Y.Text>('drafts').entries()) {
      const s = text instanceof Y.Text ? text.toString() : ''
      if (s) drafts[key] = s
    }
    return { drafts, focus: readFocus(doc) }
  } finally {
    doc.destroy()
  }
}

/**
 * Turns an answer into a snapshot. The parts fixed at creation (framework, inspection, rules-based
 * rating) are the same at every point, so all snapshots share the first copy instead of holding their own.
 */
export function makeSnapshot(
  answer: ReplayAnswer,
  shared: Pick<PanelState, 'framework' | 'inspection' | 'rating'> | null,
): Snapshot | null {
  if (!answer.state) return null
  const state = shared
    ? { ...answer.state, framework: shared.framework, inspection: shared.inspection, rating: shared.rating }
    : answer.state
  return { state, ...readWorkspace(answer.workspace), seqs: answer.seqs }
}

export type DraftKey =
  | { kind: 'proposal' | 'footnote' | 'decision' | 'note'; standardId: string }
  | { kind: 'vote'; proposalId: string; accountId: string }

export function parseDraftKey(key: string): DraftKey | null {
  const colon = key.indexOf(':')
  const kind = key.slice(0, colon)
  const rest = key.slice(colon + 1)
  if (colon < 1 || !rest) return null
  if (kind === 'vote') {
    // vote:<proposal id>:<account id>; a proposal id may itself hold a colon, an account id does not.
    const last = rest.lastIndexOf(':')
    return last > 0 ? { kind, proposalId: rest.slice(0, last), accountId: rest.slice(last + 1) } : null
  }
  if (kind === 'proposal' || kind === 'footnote' || kind === 'decision' || kind === 'note')
    return { kind, standardId: rest }
  return null
}
