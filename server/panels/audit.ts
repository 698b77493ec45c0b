// Reading a panel's history back: the frozen record with its hash, verification, and replay to a point.
import * as Y from 'yjs'
import { canonicalize } from '../../shared/canonical.ts'
import { evolve } from '../../shared/panel/evolve.ts'
import { buildFrozenRecord } from '../../shared/panel/record.ts'
import type { PanelState } from '../../shared/panel/types.ts'
import type { Storage, StoredEvent } from '../storage/port.ts'
import { sha256, verifyChain, type ChainVerdict } from './chain.ts'

export interface FrozenRecordWithHash {
  canonical: string
  hash: string
}

/** The frozen record as canonical JSON and its sha256; null until the panel is finalised. */
export function frozenRecordOf(events: StoredEvent[]): FrozenRecordWithHash | null {
  let state: PanelState | null = null
  let finalisedAt: StoredEvent | null = null
  for (const e of events) {
    state = evolve(state, e.event)
    if (e.event.type === 'panel.finalised') finalisedAt = e
  }
  if (!state || !finalisedAt) return null
  const canonical = canonicalize(buildFrozenRecord(state, { head: finalisedAt.hash, events: finalisedAt.seq }))
  return { canonical, hash: sha256(canonical) }
}

export interface Verification extends ChainVerdict {
  recordHash: string | null
}

export function verifyPanel(panelId: string, events: StoredEvent[]): Verification {
  const chain = verifyChain(panelId, events)
  let recordHash: string | null = null
  if (chain.ok) {
    try {
      recordHash = frozenRecordOf(events)?.hash ?? null
    } catch (e) {
      return { ...chain, ok: false, broken: { seq: events.length, reason: `the events do not fold into a panel: ${String(e)}` }, recordHash }
    }
  }
  return { ...chain, recordHash }
}

/** The panel's state right after event `seq`. */
export function stateAt(events: StoredEvent[], seq: number): PanelState | null {
  let state: PanelState | null = null
  for (const e of events) {
    if (e.seq > seq) break
    state = evolve(state, e.event)
  }
  return state
}

/** The workspace as it was right after update `seq`: nearest checkpoint, then the updates after it. */
export async function workspaceAt(storage: Storage, panelId: string, seq: number): Promise<Uint8Array> {
  const doc = new Y.Doc()
  try {
    const cp = await storage.loadCheckpoint(panelId, 'workspace', seq)
    if (cp) Y.applyUpdate(doc, cp.state)
    const updates = await storage.loadWorkspaceUpdates(panelId, cp?.seq ?? 0, seq)
    Y.transact(doc, () => {
      for (const u of updates) {
        try {
          Y.applyUpdate(doc, u.update)
        } catch {
          // A damaged update was refused live too; replay skips it the same way.
        }
      }
    })
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
