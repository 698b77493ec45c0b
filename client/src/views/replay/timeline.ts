// The panel's history as one scrubbable sequence: domain events and workspace updates merged by time. Pure.
//
// A raw step is one event or one workspace update; the replay shows the panel right after a step, that is
// after every event and every update up to it. A long history holds 100,000s of updates, so steps live
// in typed arrays; what people step through groups each person's typing into bursts (story.ts).
import type { PanelEvent } from '../../../../shared/panel/types.ts'

/** GET /api/panels/:id/history */
export interface HistoryAnswer {
  events: { seq: number; hash: string; event: PanelEvent }[]
  /** Compact rows: [seq, at, accountId, bytes]. */
  workspace: [number, string, string, number][]
}

export const EVENT = 0
export const EDIT = 1

export interface Timeline {
  events: HistoryAnswer['events']
  edits: HistoryAnswer['workspace']
  length: number
  /** Per step: EVENT or EDIT, and its index into `events` or `edits`. */
  kind: Uint8Array
  ref: Uint32Array
  /** Per step, the replay target: the last event seq and the last workspace update seq folded in. */
  eventSeq: Uint32Array
  workspaceSeq: Float64Array
  /** Per step, its time (ms since the epoch). */
  time: Float64Array
  /** The step of each event, by its index in `events`. */
  eventStep: Uint32Array
  /** Names by account id, as the log knows them (the server's own writes are "server"). */
  names: Map<string, string>
  /** Which standard a proposal is about. */
  standardOf: Map<string, string>
  /** Who each invitation was for. */
  inviteNames: Map<string, string>
}

export function makeTimeline(h: HistoryAnswer): Timeline {
  const events = h.events
  const edits = h.workspace
  const length = events.length + edits.length
  const kind = new Uint8Array(length)
  const ref = new Uint32Array(length)
  const eventSeq = new Uint32Array(length)
  const workspaceSeq = new Float64Array(length)
  const time = new Float64Array(length)
  const eventStep = new Uint32Array(events.length)
  const names = new Map<string, string>()
  const standardOf = new Map<string, string>()
  const inviteNames = new Map<string, string>()
  for (const { event } of events) {
    names.set(event.by, event.byName)
    if (event.type === 'member.added') names.set(event.accountId, event.name)
    if (event.type === 'member.joined' && event.name) names.set(event.accountId, event.name)
    if (event.type === 'member.invited') inviteNames.set(event.inviteId, event.name)
    if (event.type === 'proposal.made') standardOf.set(event.proposalId, event.standardId)
  }
  // Merge by time; on a tie the event goes first (a command and an edit in the same millisecond).
  let i = 0
  let j = 0
  let lastEvent = 0
  let lastEdit = 0
  for (let s = 0; s < length; s++) {
    const eventAt = i < events.length ? events[i]!.event.at : null
    const editAt = j < edits.length ? edits[j]![1] : null
    if (eventAt !== null && (editAt === null || eventAt <= editAt)) {
      kind[s] = EVENT
      ref[s] = i
      eventStep[i] = s
      lastEvent = Math.max(lastEvent, events[i]!.seq)
      time[s] = Date.parse(eventAt)
      i++
    } else {
      kind[s] = EDIT
      ref[s] = j
      lastEdit = Math.max(lastEdit, edits[j]![0])
      time[s] = Date.parse(editAt!)
      j++
    }
    eventSeq[s] = lastEvent
    workspaceSeq[s] = lastEdit
  }
  return {
    events,
    edits,
    length,
    kind,
    ref,
    eventSeq,
    workspaceSeq,
    time,
    eventStep,
    names,
    standardOf,
    inviteNames,
  }
}

export const nameOf = (tl: Timeline, accountId: string): string => tl.names.get(accountId) ?? accountId

export const eventAtStep = (tl: Timeline, step: number) =>
  tl.kind[step] === EVENT ? tl.events[tl.ref[step]!]! : null

/** The replay target of a step, and the cache key of its answer. */
export function targetOf(tl: Timeline, step: number): { event: number; workspace: number; key: string } {
  const event = tl.eventSeq[step] ?? 0
  const workspace = tl.workspaceSeq[step] ?? 0
  return { event, workspace, key: `${event}:${workspace}` }
}

/** The step that shows the panel as it was after event `seq` and update `workspace` (a shared link). */
export function stepOf(tl: Timeline, event: number, workspace: number): number {
  // The steps' targets only grow, so the first step reaching both is found by bisection.
  let lo = 0
  let hi = tl.length - 1
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (tl.eventSeq[mid]! >= event && tl.workspaceSeq[mid]! >= workspace) hi = mid
    else lo = mid + 1
  }
  return lo
}

/** The last step at or before a moment (ms), or 0. */
export function stepAtTime(tl: Timeline, ms: number): number {
  let lo = 0
  let hi = tl.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (tl.time[mid]! <= ms) lo = mid
    else hi = mid - 1
  }
  return lo
}

// ---- the picture of the history

export type Marker =
  'created' | 'member' | 'proposal' | 'vote' | 'retracted' | 'applied' | 'rejected' | 'finalised'

export function markerOf(e: PanelEvent): Marker {
  switch (e.type) {
    case 'panel.created':
    case 'correction.opened':
    case 'panel.settings-changed':
      return 'created'
    case 'correction.linked':
    case 'member.added':
    case 'member.joined':
    case 'member.invited':
    case 'invite.revoked':
    case 'member.role-changed':
    case 'member.removed':
      return 'member'
    case 'proposal.made':
      return 'proposal'
    case 'vote.cast':
    case 'vote.sealed':
    case 'votes.revealed':
      return 'vote'
    case 'proposal.retracted':
      return 'retracted'
    case 'proposal.decided':
      return e.outcome
    case 'panel.finalised':
      return 'finalised'
  }
}

/** How many workspace edits fall in each of `buckets` equal slices of [from, to]. */
export function editDensity(tl: Timeline, from: number, to: number, buckets: number): number[] {
  const out = new Array<number>(buckets).fill(0)
  const span = Math.max(1, to - from)
  for (let s = 0; s < tl.length; s++) {
    if (tl.kind[s] !== EDIT) continue
    const b = Math.min(buckets - 1, Math.max(0, Math.floor(((tl.time[s]! - from) / span) * buckets)))
    out[b]!++
  }
  return out
}
