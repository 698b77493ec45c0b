// One panel held in memory: its state, its two Y.Docs, and the serialised path by which commands change it.
import * as Y from 'yjs'
import type { Framework } from '../../shared/framework/schema.ts'
import { decide } from '../../shared/panel/decide.ts'
import { evolve } from '../../shared/panel/evolve.ts'
import type { Actor, Command, DomainError, PanelEvent, PanelState } from '../../shared/panel/types.ts'
import { err, ok, type Result } from '../../shared/result.ts'
import { jsonEqual } from '../../shared/ydoc/record-diff.ts'
import {
  RECORD_CLIENT_ID,
  RECORD_LAYOUT,
  readRecordLog,
  readRecordState,
  recordLayoutOf,
  writeRecord,
  type LogEntry,
} from '../../shared/ydoc/layout.ts'
import type { Refusal } from '../../shared/ydoc/update-guard.ts'
import type { Writer } from '../../shared/ydoc/workspace-rules.ts'
import type { Logger } from '../logger.ts'
import { ConcurrencyError, type Storage, type StoredEvent } from '../storage/port.ts'
import { REMOTE_ORIGIN, STORED_ORIGIN } from '../sync/room.ts'
import { WriteBudgets } from '../sync/write-budget.ts'
import { mergeWithStateVector } from './checkpoint-merge.ts'
import { chainEvents, genesisHash } from './chain.ts'
import { WorkspaceGuard, type GuardTicket } from './workspace-guard.ts'

/** Take a checkpoint of a document after this many changes, so opening and seeking stay fast. */
export const RECORD_CHECKPOINT_EVERY = 50
export const WORKSPACE_CHECKPOINT_EVERY = 500

export interface PanelDeps {
  storage: Storage
  log: Logger
  now: () => Date
  /** Scale-out: told after this process appended events to a panel, so other processes can catch up. */
  onEventsAppended?: (panel: LivePanel, events: StoredEvent[]) => void
}

export function summarise(e: PanelEvent): string {
  switch (e.type) {
    case 'panel.created':
      return `created the panel for ${e.rating.service}`
    case 'member.added':
      return `added ${e.name} as ${e.role}`
    case 'member.joined':
      return 'joined the panel'
    case 'proposal.made':
      return `proposed ${e.standardId}: ${e.from} → ${e.to}`
    case 'vote.cast':
      return e.replaces ? `changed their vote from ${e.replaces} to ${e.stance}` : `voted ${e.stance}`
    case 'proposal.retracted':
      return 'retracted a proposal'
    case 'proposal.decided':
      return e.outcome === 'applied' ? 'applied a proposal' : 'rejected a proposal'
    case 'panel.finalised':
      return `finalised: ${e.final.overall.score ?? '—'}/${e.final.overall.max ?? '—'} ${e.final.overall.rating ?? ''}`.trim()
  }
}

export function logEntryOf(stored: StoredEvent, state: PanelState): LogEntry {
  const e = stored.event
  const proposalId = 'proposalId' in e ? e.proposalId : undefined
  const standardId =
    'standardId' in e ? e.standardId : proposalId ? state.proposals[proposalId]?.standardId : undefined
  return {
    seq: stored.seq,
    type: e.type,
    by: e.by,
    byName: e.byName,
    at: e.at,
    summary: summarise(e),
    hash: stored.hash,
    ...(standardId ? { standardId } : {}),
    ...(proposalId ? { proposalId } : {}),
  }
}

/** A Y update of an empty document: nothing stored yet. */
const EMPTY_UPDATE = new Uint8Array([0, 0])

export class LivePanel {
  /** Replaced only while loading, when a stored checkpoint turns out not to be what the log rebuilds. */
  record = new Y.Doc()
  /** The workspace doc; empty while the panel is served from its stored bytes (`stored`). */
  private readonly workspaceDoc = new Y.Doc()
  /**
   * A panel opened from the store answers its first syncs from the stored bytes (the checkpoint and the
   * updates after it, merged as one update) and builds the doc only when something needs its content:
   * a write to check and apply, a client that already holds part of it, a checkpoint. Null once built.
   */
  private stored: { update: Uint8Array; stateVector: Uint8Array } | null = null
  state!: PanelState
  headSeq = 0
  headHash: string
  /** Last stored workspace update folded into `workspace`, and how many since the last checkpoint. */
  workspaceSeq = 0
  /**
   * About how many bytes the workspace holds: its encoded size at load or the last checkpoint, plus
   * what was applied since. Churn (text typed and deleted) inflates it; `workspaceIsFull` then
   * measures the document itself before refusing anyone.
   */
  workspaceBytes = 0
  /** Bytes applied since the workspace was last measured, so a full document is not re-measured per update. */
  private workspaceBytesSinceMeasured = 0
  /** Judges members' workspace updates before they are stored. */
  readonly guard: WorkspaceGuard
  /** Each member's write budget on this panel, across their sockets (kept while the panel is open). */
  readonly writeBudgets = new WriteBudgets()
  /**
   * Every stored workspace update of this panel up to here is folded into `workspace`. With one process
   * that is `workspaceSeq`; with several, updates relayed from others may arrive out of seq order, so
   * checkpoints use this watermark, which only advances by reading the store.
   */
  private workspaceStoredSeq = 0
  private workspaceSinceCheckpoint = 0
  private queue: Promise<unknown> = Promise.resolve()
  /** Open sync connections, counted by the sync layer so idle panels can be unloaded. */
  connections = 0

  constructor(
    readonly panelId: string,
    private readonly deps: PanelDeps,
  ) {
    this.record.clientID = RECORD_CLIENT_ID
    this.headHash = genesisHash(panelId)
    this.guard = new WorkspaceGuard(this.workspaceDoc)
  }

  /** The workspace doc, built from the stored bytes first if it has not been yet. */
  get workspace(): Y.Doc {
    if (this.stored) this.buildWorkspace()
    return this.workspaceDoc
  }

  /** The workspace doc as it is, built or not (sync rooms attach to it before anyone needs its content). */
  get workspaceHandle(): Y.Doc {
    return this.workspaceDoc
  }

  /** While the workspace is not built: the whole of it as one update, and its state vector. */
  get storedWorkspace(): { update: Uint8Array; stateVector: Uint8Array } | null {
    return this.stored
  }

  private buildWorkspace(): void {
    const stored = this.stored!
    this.stored = null
    // One transaction, under an origin the sync rooms do not broadcast: every client has it already.
    Y.applyUpdate(this.workspaceDoc, stored.update, STORED_ORIGIN)
  }

  get framework(): Framework {
    return this.state.framework
  }

  /** Folds stored events into the state and the record doc (both deterministic). */
  applyStored(events: StoredEvent[]): void {
    for (const e of events) {
      if (e.seq !== this.headSeq + 1)
        throw new Error(`panel ${this.panelId}: event ${e.seq} after ${this.headSeq}`)
      const prev = this.headSeq === 0 ? null : this.state
      this.state = evolve(prev, e.event)
      writeRecord(this.record, prev, this.state, logEntryOf(e, this.state))
      this.headSeq = e.seq
      this.headHash = e.hash
    }
  }

  /** Runs fn after every command queued before it: one command at a time per panel in this process. */
  serialise<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn)
    this.queue = run.catch(() => undefined)
    return run
  }

  /** Picks up events other processes appended (scale-out); a no-op when this process is the only writer. */
  async catchUp(): Promise<number> {
    const more = await this.deps.storage.loadEvents(this.panelId, this.headSeq)
    this.applyStored(more)
    return more.length
  }

  execute(command: Command, actor: Actor): Promise<Result<StoredEvent[], DomainError>> {
    return this.serialise(() =>
      this.appendDecided((state) =>
        decide(state, command, actor, { framework: this.framework, now: this.deps.now().toISOString() }),
      ),
    )
  }

  /** Appends events the server itself decides on (membership). */
  appendSystem(events: (state: PanelState) => PanelEvent[]): Promise<Result<StoredEvent[], DomainError>> {
    return this.serialise(() => this.appendDecided((state) => ok(events(state))))
  }

  private async appendDecided(
    decideFn: (state: PanelState) => Result<PanelEvent[], DomainError>,
  ): Promise<Result<StoredEvent[], DomainError>> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const decided = decideFn(this.state)
      if (!decided.ok) return decided
      if (!decided.value.length) return ok([])
      const stored = chainEvents(this.panelId, this.headSeq, this.headHash, decided.value)
      try {
        // Durable first: nobody sees an effect that the log does not hold.
        await this.deps.storage.appendEvents(this.panelId, this.headSeq, stored)
      } catch (e) {
        if (e instanceof ConcurrencyError) {
          await this.catchUp()
          continue
        }
        throw e
      }
      this.applyStored(stored)
      this.deps.onEventsAppended?.(this, stored)
      if (this.state.finalised) await this.deps.storage.markFinalised(this.panelId, this.state.finalised.at)
      if (this.headSeq % RECORD_CHECKPOINT_EVERY === 0) await this.checkpointRecord()
      return ok(stored)
    }
    return err({ code: 'conflict', message: 'The panel is busy; try again.' })
  }

  async checkpointRecord(): Promise<void> {
    await this.deps.storage.saveCheckpoint({
      panelId: this.panelId,
      doc: 'record',
      seq: this.headSeq,
      state: Y.encodeStateAsUpdate(this.record),
      at: this.deps.now().toISOString(),
    })
  }

  /**
   * Judges a member's workspace update (unless `judge` is false: trusted in-process writers such as
   * benches), then stores it durably and applies it (which broadcasts it). A refused update is
   * neither stored nor applied: the refusal is returned. Storage faults throw.
   */
  async acceptWorkspaceUpdate(
    update: Uint8Array,
    writer: Writer,
    origin: unknown,
    { judge = true }: { judge?: boolean } = {},
  ): Promise<Refusal | null> {
    // Judged against the document as it is: a panel served from its stored bytes is built first.
    if (this.stored) this.buildWorkspace()
    let ticket: GuardTicket | null = null
    if (judge) {
      const judged = this.guard.judge(update, writer)
      if (!judged.verdict.ok) return judged.verdict.refusal
      ticket = judged.ticket
    }
    let seq: number
    try {
      seq = await this.deps.storage.appendWorkspaceUpdate({
        panelId: this.panelId,
        update,
        accountId: writer.accountId,
        at: this.deps.now().toISOString(),
      })
    } catch (e) {
      if (ticket) this.guard.abandon(ticket)
      throw e
    }
    this.workspaceSeq = Math.max(this.workspaceSeq, seq)
    this.workspaceBytes += update.byteLength
    this.workspaceBytesSinceMeasured += update.byteLength
    const apply = () => Y.applyUpdate(this.workspace, update, origin)
    if (ticket) this.guard.applyJudged(ticket, apply)
    else apply()
    if (++this.workspaceSinceCheckpoint >= WORKSPACE_CHECKPOINT_EVERY) await this.checkpointWorkspace()
    return null
  }

  /**
   * Whether `more` bytes would take the workspace past `maxBytes`. What counts is what the document
   * holds: when the running estimate says full, the document is measured (at most once per `remeasureBytes`
   * applied), so text typed and deleted again does not fill it.
   */
  workspaceIsFull(more: number, maxBytes: number, remeasureBytes = Math.max(maxBytes >> 5, 1)): boolean {
    if (this.workspaceBytes + more <= maxBytes) return false
    if (this.workspaceBytesSinceMeasured >= remeasureBytes) {
      this.workspaceBytes = Y.encodeStateAsUpdate(this.workspace).byteLength
      this.workspaceBytesSinceMeasured = 0
    }
    return this.workspaceBytes + more > maxBytes
  }

  /** Applies an update another process already stored (scale-out relay). */
  applyRemoteWorkspaceUpdate(update: Uint8Array, seq: number, origin: unknown): void {
    this.workspaceSeq = Math.max(this.workspaceSeq, seq)
    Y.applyUpdate(this.workspace, update, origin)
  }

  /**
   * Scale-out: folds in workspace updates other processes stored that have not reached this one (a
   * relay message lost or still in flight). Applying an update twice changes nothing.
   */
  async catchUpWorkspace(): Promise<number> {
    const more = await this.deps.storage.loadWorkspaceUpdates(this.panelId, this.workspaceStoredSeq)
    for (const u of more) {
      try {
        Y.applyUpdate(this.workspace, u.update, REMOTE_ORIGIN)
      } catch (e) {
        this.deps.log.error('stored workspace update could not be applied', {
          panelId: this.panelId,
          seq: u.seq,
          error: String(e),
        })
      }
    }
    const last = more.at(-1)?.seq ?? 0
    this.workspaceStoredSeq = Math.max(this.workspaceStoredSeq, last)
    this.workspaceSeq = Math.max(this.workspaceSeq, last)
    return more.length
  }

  async checkpointWorkspace(): Promise<void> {
    // Not built: nothing has changed since it was loaded, and the store holds all of it already.
    if (this.workspaceSinceCheckpoint === 0 || this.stored) return
    this.workspaceSinceCheckpoint = 0
    // A shared store may hold updates of this panel that this process has not applied yet.
    if (this.deps.storage.kind === 'postgres') await this.catchUpWorkspace()
    else this.workspaceStoredSeq = this.workspaceSeq
    const state = Y.encodeStateAsUpdate(this.workspace)
    this.workspaceBytes = state.byteLength
    this.workspaceBytesSinceMeasured = 0
    await this.deps.storage.saveCheckpoint({
      panelId: this.panelId,
      doc: 'workspace',
      seq: this.workspaceStoredSeq,
      state,
      at: this.deps.now().toISOString(),
    })
  }

  async load(): Promise<boolean> {
    const { storage, log } = this.deps
    const events = await storage.loadEvents(this.panelId)
    if (!events.length) return false
    const cp = await storage.loadCheckpoint(this.panelId, 'record')
    if (cp && cp.seq <= events.length && this.resumeRecord(cp.state, events.slice(0, cp.seq))) {
      this.applyStored(events.slice(cp.seq))
    } else {
      this.applyStored(events)
      // A checkpoint in an older layout (or one this code would not have written) is replaced at once,
      // so the next load resumes from it instead of rebuilding again.
      if (cp) {
        log.info('record checkpoint rebuilt from the log', { panelId: this.panelId, seq: cp.seq })
        await this.checkpointRecord()
      }
    }
    const wcp = await storage.loadCheckpoint(this.panelId, 'workspace')
    const updates = await storage.loadWorkspaceUpdates(this.panelId, wcp?.seq ?? 0)
    this.workspaceSeq = updates.at(-1)?.seq ?? wcp?.seq ?? 0
    this.workspaceBytes = (wcp?.state.byteLength ?? 0) + updates.reduce((n, u) => n + u.update.byteLength, 0)
    this.workspaceBytesSinceMeasured = this.workspaceBytes - (wcp?.state.byteLength ?? 0)
    // Served from the stored bytes until needed, when they merge cleanly; otherwise built now, update by
    // update, skipping any that cannot be applied (as live).
    this.stored = mergeWithStateVector(
      wcp?.state ?? EMPTY_UPDATE,
      updates.map((u) => u.update),
    )
    if (!this.stored) {
      if (wcp) Y.applyUpdate(this.workspaceDoc, wcp.state, STORED_ORIGIN)
      for (const u of updates) {
        try {
          Y.applyUpdate(this.workspaceDoc, u.update, STORED_ORIGIN)
        } catch (e) {
          log.error('workspace update could not be applied on load', {
            panelId: this.panelId,
            seq: u.seq,
            error: String(e),
          })
        }
      }
    }
    this.workspaceSinceCheckpoint = updates.length
    this.workspaceStoredSeq = this.workspaceSeq
    return true
  }

  /**
   * Resumes the record doc from a checkpoint taken after `events`, when it is what folding them writes
   * now: the current layout, the same state and the same log. Otherwise (a checkpoint from before a
   * layout change, or from code that projected the state differently) it is left alone and the doc is
   * rebuilt from the log, which is the truth; the fold of the state is cheap either way.
   */
  private resumeRecord(checkpoint: Uint8Array, events: StoredEvent[]): boolean {
    let state: PanelState | null = null
    for (const e of events) state = evolve(state, e.event)
    const doc = new Y.Doc()
    try {
      Y.applyUpdate(doc, checkpoint)
    } catch {
      doc.destroy()
      return false
    }
    const log = readRecordLog(doc)
    const fits =
      recordLayoutOf(doc) === RECORD_LAYOUT &&
      log.length === events.length &&
      log.at(-1)?.hash === events.at(-1)?.hash &&
      jsonEqual(readRecordState(doc), state)
    if (!state || !fits) {
      doc.destroy()
      return false
    }
    // Applying structs written under our own id makes Yjs pick a random one; the record must keep its id.
    doc.clientID = RECORD_CLIENT_ID
    this.record.destroy()
    this.record = doc
    this.state = state
    this.headSeq = events.length
    this.headHash = events.at(-1)!.hash
    return true
  }

  destroy(): void {
    this.guard.destroy()
    this.stored = null
    this.record.destroy()
    this.workspaceDoc.destroy()
  }
}
