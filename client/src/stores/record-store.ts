// The record doc as reactive Solid state: the projected PanelState and the log, refreshed on every server write.
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import type * as Y from 'yjs'
import type { PanelState } from '../../../shared/panel/types.ts'
import { readRecordLog, readRecordState, type LogEntry } from '../../../shared/ydoc/layout.ts'

export interface RecordStore {
  /** The panel state; starts from the HTTP answer until the record doc has synced. */
  state: PanelState
  log: Accessor<LogEntry[]>
}

/**
 * Binds to the record doc. The server writes only what each event changed (shared/ydoc/record.ts), but
 * the state is read whole; `reconcile` turns that into fine-grained changes, so only the parts of the
 * board that changed re-render.
 */
export function createRecordStore(doc: Y.Doc, initial: PanelState): RecordStore {
  const [state, setState] = createStore<PanelState>(structuredClone(initial))
  const [log, setLog] = createSignal<LogEntry[]>(readRecordLog(doc))
  const refresh = () => {
    const next = readRecordState(doc)
    if (next) setState(reconcile(next, { merge: true }))
    setLog(readRecordLog(doc))
  }
  refresh()
  // Every server write is one transaction with state and log, so one refresh per transaction.
  doc.on('afterTransaction', refresh)
  onCleanup(() => doc.off('afterTransaction', refresh))
  return { state, log }
}

/**
 * Calls `onEntries` with log entries that arrive after the first sync (not the history already there),
 * so a screen reader hears what others do now, not everything that happened before.
 */
export function createLogListener(
  doc: Y.Doc,
  synced: Accessor<boolean>,
  onEntries: (entries: LogEntry[]) => void,
): void {
  let seen = -1
  const lastSeq = () => readRecordLog(doc).at(-1)?.seq ?? 0
  // y-websocket marks a doc synced after applying the first state, so the baseline is set then.
  createEffect(() => {
    if (synced() && seen < 0) seen = lastSeq()
  })
  const check = () => {
    if (seen < 0) return
    const fresh = readRecordLog(doc).filter((e) => e.seq > seen)
    if (fresh.length) {
      seen = fresh.at(-1)!.seq
      onEntries(fresh)
    }
  }
  doc.on('afterTransaction', check)
  onCleanup(() => doc.off('afterTransaction', check))
}
