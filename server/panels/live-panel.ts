// One panel held in memory: its state, its two Y.Docs, and the serialised path by which commands change it.
import * as Y from 'yjs'
import type { Framework } from '../../shared/framework/schema.ts'
import { decide, type DecideContext } from '../../shared/panel/decide.ts'
import { evolve } from '../../shared/panel/evolve.ts'
import {
  decideCorrection,
  evolveAccess,
  isAccessEvent,
  type OpenCorrectionContext,
} from '../../shared/panel/correction.ts'
import { decideMembership, isMembershipEvent, rolesOf } from '../../shared/panel/membership.ts'
import type { Actor, Command, DomainError, PanelEvent, PanelState, Role } from '../../shared/panel/types.ts'
import { MEMBERSHIP_COMMANDS, type MembershipCommand } from '../../shared/panel/types.ts'
import { err, ok, type Result } from '../../shared/result.ts'
import { settingsOf } from '../../shared/panel/settings.ts'
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
import {
  ConcurrencyError,
  type Projection,
  type SealedVoteRow,
  type Storage,
  type StoredEvent,
} from '../storage/port.ts'
import { REMOTE_ORIGIN, STORED_ORIGIN } from '../sync/room.ts'
import { WriteBudgets } from '../sync/write-budget.ts'
import { mergeWithStateVector } from './checkpoint-merge.ts'
import { accessGenesis, chainEvents, genesisHash } from './chain.ts'
import type { HeadLog } from './head-log.ts'
import { isIntactSeal, sealVote, storedSealOf } from './seal.ts'
import { WorkspaceGuard, type GuardTicket } from './workspace-guard.ts'

/** Take a checkpoint of a document after this many changes, so opening and seeking stay fast. */
export const RECORD_CHECKPOINT_EVERY = 50
export const WORKSPACE_CHECKPOINT_EVERY = 500

export interface PanelDeps {
  storage: Storage
  log: Logger
  now: () => Date
  /** Signs each new head into the log outside the database. */
  heads: HeadLog
  /** Scale-out: told after this process appended events to a panel, so other processes can catch up. */
  onEventsAppended?: (panel: LivePanel, events: StoredEvent[]) => void
  /** Told when someone's membership of a panel ended or changed, so their sockets can be closed. */
  onMembershipChanged?: (panelId: string, accountId: string, role: Role | null) => void
}

const isMembershipCommand = (c: Command): c is MembershipCommand =>
  (MEMBERSHIP_COMMANDS as readonly string[]).includes(c.type)

export function summarise(e: PanelEvent): string {
  switch (e.type) {
    case 'panel.created':
      return `created the panel for ${e.rating.service}`
    case 'member.added':
      return `added ${e.name} as ${e.role}`
    case 'member.joined':
      return e.role ? `joined the panel as ${e.role}` : 'joined the panel'
    case 'member.invited':
      return `invited ${e.name} as ${e.role}`
    case 'invite.revoked':
      return 'revoked an invitation'
    case 'member.role-changed':
      return `changed a member's role from ${e.from} to ${e.role}`
    case 'member.removed':
      return 'removed a member'
    case 'proposal.made':
      return `proposed ${e.standardId}: ${e.from} → ${e.to}`
    case 'vote.cast': {
      const after = e.afterReveal ? ' after the reveal' : ''
      return e.replaces
        ? `changed their vote${after} from ${e.replaces} to ${e.stance}`
        : `voted ${e.stance}${after}`
    }
    case 'vote.sealed':
      // Never how: the same words for every sealed vote, and for every change of one.
      return e.supersedes ? 'changed their sealed vote' : 'cast a sealed vote'
    case 'votes.revealed':
      return `${e.auto ? 'votes revealed by themselves' : 'revealed the votes'}: ${e.openings.length} opened`
    case 'panel.settings-changed':
      return 'changed the panel settings'
    case 'proposal.retracted':
      return e.unopened
        ? `retracted a proposal; ${e.unopened} sealed vote(s) stay unopened`
        : 'retracted a proposal'
    case 'proposal.decided':
      return `${e.outcome === 'applied' ? 'applied a proposal' : 'rejected a proposal'}${e.belowQuorum ? ' below quorum' : ''}`
    case 'correction.opened':
      return `opened a correction of panel ${e.correctionOf.panelId}`
    case 'correction.linked':
      return `opened a correction: panel ${e.correctionPanelId}`
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

/** The store disagrees with the signed head log: the panel stays closed until an operator checks it. */
export class IntegrityError extends Error {
  constructor(
    readonly panelId: string,
    detail: string,
  ) {
    super(`panel ${panelId} does not match its signed head: ${detail}`)
    this.name = 'IntegrityError'
  }
}

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
  /** The record's state: the fold of the log (frozen at finalisation). */
  state!: PanelState
  /**
   * Who may do what now: the record's membership, then (after finalisation) the access log's changes,
   * which never touch `state` or the record doc.
   */
  access!: PanelState
  headSeq = 0
  headHash: string
  accessSeq = 0
  accessHash = ''
  /** The workspace chain's newest hash (stored updates link to it). */
  workspaceHash = ''
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
      if (this.headSeq > 0 && this.state.finalised)
        throw new Error(`panel ${this.panelId}: event ${e.seq} after finalisation`)
      const prev = this.headSeq === 0 ? null : this.state
      this.state = evolve(prev, e.event)
      writeRecord(this.record, prev, this.state, logEntryOf(e, this.state))
      this.headSeq = e.seq
      this.headHash = e.hash
    }
    if (events.length) {
      this.access = this.state
      if (this.state.finalised && !this.accessHash)
        this.accessHash = accessGenesis(this.panelId, this.headHash)
    }
  }

  /** Folds access-log events (after finalisation) into `access`. */
  applyAccess(events: StoredEvent[]): void {
    for (const e of events) {
      if (e.seq !== this.accessSeq + 1)
        throw new Error(`panel ${this.panelId}: access event ${e.seq} after ${this.accessSeq}`)
      if (!isAccessEvent(e.event)) throw new Error(`panel ${this.panelId}: ${e.event.type} in the access log`)
      this.access = evolveAccess(this.access, e.event)
      this.accessSeq = e.seq
      this.accessHash = e.hash
    }
  }

  /** The actor's role now (after any access changes), or null. */
  roleOf(accountId: string): Role | null {
    const m = this.access.members[accountId]
    return m && !m.removedAt ? m.role : null
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
    const before = this.access
    this.applyStored(more)
    let n = more.length
    if (this.state.finalised) {
      const access = (await this.deps.storage.loadAccessEvents(this.panelId)).filter(
        (e) => e.seq > this.accessSeq,
      )
      this.applyAccess(access)
      n += access.length
    }
    this.announceMembership(before, this.access)
    return n
  }

  /**
   * Every change goes through the rules. Before finalisation the events go to the record's log; after it,
   * membership changes (granting or ending reading) go to the access log and the record stays as it was.
   */
  execute(
    command: Command,
    actor: Omit<Actor, 'role'>,
    opts: { organiser?: boolean } = {},
  ): Promise<Result<StoredEvent[], DomainError>> {
    return this.serialise(async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        // Sealed votes: what the server keeps apart from the log goes in with the events that commit to it.
        const sealed: SealedVoteRow[] = []
        const votes: Pick<DecideContext, 'seal' | 'sealed'> = {
          sealed: (await this.loadSealedFor(command)).map(storedSealOf),
          seal: (v) => {
            const s = sealVote(v)
            sealed.push({
              panelId: this.panelId,
              proposalId: v.proposalId,
              accountId: v.by,
              commitment: s.commitment,
              stance: v.stance,
              justification: v.justification,
              salt: s.salt,
              at: this.deps.now().toISOString(),
            })
            return s
          },
        }
        const decided = this.decideNow(command, actor, opts, votes)
        if (!decided.ok) return decided
        try {
          return ok(
            decided.value.toAccessLog
              ? await this.appendAccess(decided.value.events)
              : await this.appendRecord(decided.value.events, sealed),
          )
        } catch (e) {
          if (!(e instanceof ConcurrencyError)) throw e
          await this.catchUp()
        }
      }
      return err({ code: 'conflict', message: 'The panel is busy; try again.' })
    })
  }

  /**
   * Opens a correction of this finalised panel, one at a time: the rules (on who may act now), then the
   * forward link in the access log (which names the new panel's id, so two corrections of one record
   * cannot both be linked), then `create` makes the correction. The frozen record never changes.
   */
  openCorrection<T>(
    actor: Omit<Actor, 'role'>,
    ctx: Omit<OpenCorrectionContext, 'now'>,
    create: () => Promise<T>,
  ): Promise<Result<{ link: StoredEvent[]; created: T }, DomainError>> {
    return this.serialise(async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const who: Actor = { ...actor, role: this.roleOf(actor.accountId) }
        const decided = decideCorrection(this.access, who, { ...ctx, now: this.deps.now().toISOString() })
        if (!decided.ok) return decided
        let link: StoredEvent[]
        try {
          link = await this.appendAccess(decided.value)
        } catch (e) {
          if (!(e instanceof ConcurrencyError)) throw e
          await this.catchUp()
          continue
        }
        return ok({ link, created: await create() })
      }
      return err({ code: 'conflict', message: 'The panel is busy; try again.' })
    })
  }

  /** What the rules would say now, without appending anything (a link checks before it is used up). */
  check(
    command: Command,
    actor: Omit<Actor, 'role'>,
    opts: { organiser?: boolean } = {},
  ): Result<PanelEvent[], DomainError> {
    const r = this.decideNow(command, actor, opts)
    return r.ok ? ok(r.value.events) : r
  }

  /**
   * The stored content of a proposal's sealed votes, when the command may need it (a vote or a reveal on a
   * blind panel). A row that no longer opens its commitment is left out (and logged, without its content):
   * a reveal then refuses rather than publish an opening that does not match.
   */
  private async loadSealedFor(command: Command): Promise<SealedVoteRow[]> {
    if (command.type !== 'vote' && command.type !== 'reveal') return []
    if (!settingsOf(this.state).blindVotes || !this.state.proposals[command.proposalId]) return []
    const rows = await this.deps.storage.loadSealedVotes(this.panelId, { proposalId: command.proposalId })
    return rows.filter((r) => {
      if (isIntactSeal(r)) return true
      this.deps.log.error('a sealed vote does not open its commitment', {
        panelId: this.panelId,
        proposalId: r.proposalId,
        accountId: r.accountId,
      })
      return false
    })
  }

  private decideNow(
    command: Command,
    actor: Omit<Actor, 'role'>,
    opts: { organiser?: boolean },
    votes: Pick<DecideContext, 'seal' | 'sealed'> = {},
  ): Result<{ events: PanelEvent[]; toAccessLog: boolean }, DomainError> {
    const now = this.deps.now().toISOString()
    const who: Actor = { accountId: actor.accountId, name: actor.name, role: this.roleOf(actor.accountId) }
    const organiser = opts.organiser ?? false
    if (this.state.finalised && isMembershipCommand(command)) {
      const r = decideMembership(this.access, command, who, { now, afterFinalisation: true, organiser })
      return r.ok ? ok({ events: r.value, toAccessLog: true }) : r
    }
    const r = decide(this.state, command, who, { framework: this.framework, now, organiser, ...votes })
    return r.ok ? ok({ events: r.value, toAccessLog: false }) : r
  }

  /** The relational rows these events change, for the same transaction. */
  private projectionAfter(
    before: PanelState,
    after: PanelState,
    events: PanelEvent[],
    sealed: SealedVoteRow[],
  ): Projection {
    const p: Projection = {}
    if (events.some(isMembershipEvent))
      p.memberships = rolesOf(after).map((m) => ({ panelId: this.panelId, ...m }))
    if (!before.finalised && after.finalised) p.finalisedAt = after.finalised.at
    // A revealed proposal's sealed content is now in the log; a retracted one's is never opened: both go.
    const dropProposals = events.flatMap((e) =>
      e.type === 'votes.revealed' || (e.type === 'proposal.retracted' && e.unopened) ? [e.proposalId] : [],
    )
    const committed = new Set(events.flatMap((e) => (e.type === 'vote.sealed' ? [e.commitment] : [])))
    const put = sealed.filter((r) => committed.has(r.commitment) && !dropProposals.includes(r.proposalId))
    if (put.length || dropProposals.length) p.sealedVotes = { put, dropProposals }
    return p
  }

  private async appendRecord(events: PanelEvent[], sealed: SealedVoteRow[] = []): Promise<StoredEvent[]> {
    if (!events.length) return []
    const stored = chainEvents(this.panelId, this.headSeq, this.headHash, events)
    let after = this.state
    for (const e of events) after = evolve(after, e)
    const projection = this.projectionAfter(this.state, after, events, sealed)
    const newHead = stored.at(-1)!
    if (
      Math.floor(newHead.seq / RECORD_CHECKPOINT_EVERY) > Math.floor(this.headSeq / RECORD_CHECKPOINT_EVERY)
    )
      projection.checkpoint = {
        panelId: this.panelId,
        doc: 'record',
        seq: newHead.seq,
        state: this.recordAfter(stored),
        at: this.deps.now().toISOString(),
      }
    // Durable first, with every row derived from the events in the same transaction: nobody sees an
    // effect that the log does not hold, and nothing the log holds goes unseen.
    await this.deps.storage.appendEvents(this.panelId, this.headSeq, stored, projection)
    this.signHead('events', newHead)
    const before = this.access
    this.applyStored(stored)
    this.deps.onEventsAppended?.(this, stored)
    this.announceMembership(before, this.access)
    return stored
  }

  private async appendAccess(events: PanelEvent[]): Promise<StoredEvent[]> {
    if (!events.length) return []
    const stored = chainEvents(this.panelId, this.accessSeq, this.accessHash, events)
    let after = this.access
    for (const e of events) if (isAccessEvent(e)) after = evolveAccess(after, e)
    await this.deps.storage.appendAccessEvents(this.panelId, this.accessSeq, stored, {
      memberships: rolesOf(after).map((m) => ({ panelId: this.panelId, ...m })),
    })
    this.signHead('access', stored.at(-1)!)
    const before = this.access
    this.applyAccess(stored)
    this.deps.onEventsAppended?.(this, [])
    this.announceMembership(before, this.access)
    return stored
  }

  /**
   * Signs the new head into the head log. The events are already committed: a failure here must not be
   * answered as "nothing changed", so it is logged (verify reports the unsigned head; start-up signs it).
   */
  private signHead(chain: 'events' | 'access', head: StoredEvent): void {
    try {
      this.deps.heads.record({ panelId: this.panelId, chain, seq: head.seq, hash: head.hash }, true)
    } catch (e) {
      this.deps.log.error('could not sign a head', {
        panelId: this.panelId,
        chain,
        seq: head.seq,
        error: String(e),
      })
    }
  }

  private announceMembership(before: PanelState, after: PanelState): void {
    if (before === after || !this.deps.onMembershipChanged) return
    for (const [id, m] of Object.entries(before.members)) {
      const now = after.members[id]
      const was = m.removedAt ? null : m.role
      const is = now && !now.removedAt ? now.role : null
      if (was !== null && was !== is) this.deps.onMembershipChanged(this.panelId, id, is)
    }
  }

  /** Saves the record doc as it is now (a checkpoint rebuilt from the log on load). */
  async checkpointRecord(): Promise<void> {
    await this.deps.storage.saveCheckpoint({
      panelId: this.panelId,
      doc: 'record',
      seq: this.headSeq,
      state: Y.encodeStateAsUpdate(this.record),
      at: this.deps.now().toISOString(),
    })
  }

  /** The record doc as it will be after these events, built aside (the live doc changes only after the commit). */
  private recordAfter(stored: StoredEvent[]): Uint8Array {
    const doc = new Y.Doc()
    doc.clientID = RECORD_CLIENT_ID
    try {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.record))
      doc.clientID = RECORD_CLIENT_ID
      let state: PanelState = this.state
      for (const e of stored) {
        const prev = state
        state = evolve(state, e.event)
        writeRecord(doc, prev, state, logEntryOf(e, state))
      }
      return Y.encodeStateAsUpdate(doc)
    } finally {
      doc.destroy()
    }
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
      // While votes are blind, vote drafts stay in each voter's browser, out of the shared workspace.
      const judged = this.guard.judge(update, writer, { voteDrafts: !settingsOf(this.state).blindVotes })
      if (!judged.verdict.ok) return judged.verdict.refusal
      // Nothing new (a sync reply repeating what the server has): no write, nothing to store or apply.
      if (!judged.verdict.changed) return null
      ticket = judged.ticket
    }
    let seq: number
    let hash: string
    try {
      ;({ seq, hash } = await this.deps.storage.appendWorkspaceUpdate({
        panelId: this.panelId,
        update,
        accountId: writer.accountId,
        at: this.deps.now().toISOString(),
      }))
    } catch (e) {
      if (ticket) this.guard.abandon(ticket)
      throw e
    }
    if (seq > this.workspaceSeq) {
      this.workspaceHash = hash
      try {
        this.deps.heads.recordWorkspace({ panelId: this.panelId, seq, hash })
      } catch (e) {
        this.deps.log.error('could not sign a head', {
          panelId: this.panelId,
          chain: 'workspace',
          seq,
          error: String(e),
        })
      }
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
    this.access = this.state
    if (this.state.finalised) {
      this.accessHash = accessGenesis(this.panelId, this.headHash)
      this.applyAccess(await storage.loadAccessEvents(this.panelId))
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
    this.checkAgainstSignedHeads()
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

  /**
   * A store behind (or beside) what the server signed was cut or rewritten outside it: such a panel is not
   * opened, so nothing can be added to a history with a hole in it (a deleted finalisation, say).
   */
  private checkAgainstSignedHeads(): void {
    const check = (chain: 'events' | 'access', seq: number, hash: string) => {
      const signed = this.deps.heads.newestHead(this.panelId, chain)
      if (signed && (signed.seq > seq || (signed.seq === seq && signed.hash !== hash)))
        throw new IntegrityError(
          this.panelId,
          `its ${chain} end at ${seq} but the server signed ${signed.seq}`,
        )
    }
    check('events', this.headSeq, this.headHash)
    if (this.accessSeq) check('access', this.accessSeq, this.accessHash)
  }

  destroy(): void {
    this.guard.destroy()
    this.stored = null
    this.record.destroy()
    this.workspaceDoc.destroy()
  }
}
