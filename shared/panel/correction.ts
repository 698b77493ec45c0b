// Corrections: a finalised record is never edited. A correction is a new panel whose log starts by naming
// the record it corrects (`correction.opened`, after `panel.created`); the corrected panel gains a forward
// link (`correction.linked`) in its access log, which never changes its frozen record or its hash.
import type { Framework } from '../framework/schema.ts'
import { err, ok, type Result } from '../result.ts'
import { decide } from './decide.ts'
import { evolve } from './evolve.ts'
import { evolveMembership, isActiveMember, isMembershipEvent } from './membership.ts'
import type {
  Actor,
  CorrectionLinkedEvent,
  CorrectionOf,
  CorrectionOpenedEvent,
  DomainError,
  MembershipEvent,
  PanelEvent,
  PanelState,
} from './types.ts'

const fail = (code: DomainError['code'], message: string) => err<DomainError>({ code, message })

export const MIN_REASON = 10
export const MAX_REASON = 2_000

/** What the access log of a finalised panel may hold: membership changes and forward links to corrections. */
export type AccessEvent = MembershipEvent | CorrectionLinkedEvent

export const isAccessEvent = (e: { type: string }): e is AccessEvent =>
  isMembershipEvent(e) || e.type === 'correction.linked'

/** Folds one access-log event into the access view (members, invitations, corrections). */
export function evolveAccess(access: PanelState, e: AccessEvent): PanelState {
  if (e.type !== 'correction.linked') return evolveMembership(access, e)
  const link = {
    panelId: e.correctionPanelId,
    recordHash: e.recordHash,
    reason: e.reason,
    at: e.at,
    by: e.by,
    byName: e.byName,
  }
  return { ...access, correctedBy: [...(access.correctedBy ?? []), link] }
}

export interface OpenCorrectionContext {
  now: string
  /** The actor is an organiser (account level). */
  organiser: boolean
  /** The sha256 of the frozen record being corrected. */
  recordHash: string
  /** The new panel's id, named by the server. */
  correctionPanelId: string
  reason: string
}

export function reasonProblem(reason: string): string | null {
  const t = reason.trim()
  if (t.length < MIN_REASON)
    return `Give the reason for the correction (at least ${MIN_REASON} characters); it is published with it.`
  if (reason.length > MAX_REASON) return `The reason is too long (at most ${MAX_REASON} characters).`
  return null
}

/**
 * May this actor open a correction of this panel's record, now? Only the lead, or an organiser who is a
 * member, of a finalised panel not already corrected (a correction is itself corrected, not the original
 * twice). Judged on the access view: who may act now. Gives the forward link for the access log.
 */
export function decideCorrection(
  access: PanelState,
  actor: Actor,
  ctx: OpenCorrectionContext,
): Result<CorrectionLinkedEvent[], DomainError> {
  if (!access.finalised)
    return fail('conflict', 'Only a finalised record can be corrected; change the panel itself instead.')
  if (!actor.role) return fail('forbidden', 'You are not a member of this panel.')
  if (actor.role !== 'lead' && !ctx.organiser)
    return fail('forbidden', 'Only the lead, or an organiser who is a member, can open a correction.')
  const already = access.correctedBy?.[0]
  if (already)
    return fail(
      'conflict',
      `This record is already corrected by panel ${already.panelId}; correct that one instead.`,
    )
  const problem = reasonProblem(ctx.reason)
  if (problem) return fail('invalid', problem)
  return ok([
    {
      type: 'correction.linked',
      by: actor.accountId,
      byName: actor.name,
      at: ctx.now,
      correctionPanelId: ctx.correctionPanelId,
      recordHash: ctx.recordHash,
      reason: ctx.reason,
    },
  ])
}

/** The people of the corrected panel to invite again (everyone active now but the opener), with their roles. */
export const membersToReinvite = (access: PanelState, openerId: string) =>
  Object.values(access.members)
    .filter((m) => isActiveMember(m) && m.accountId !== openerId)
    .map((m) => ({ accountId: m.accountId, name: m.name, role: m.role }))

/**
 * The events after `panel.created` and the lead's membership that open a correction: `correction.opened`,
 * then every decided proposal of the corrected record carried over, proposed and decided as it was, each
 * through the rules (under the corrected inspection it must still be a valid decision; one that is not
 * is named in `notCarried` with the reason, and can be proposed afresh).
 */
export function correctionEvents(input: {
  /** The new panel's state after its first events. */
  start: PanelState
  original: PanelState
  correctionOf: CorrectionOf
  reason: string
  lead: Actor
  framework: Framework
  now: string
  newProposalId: () => string
}): PanelEvent[] {
  const { original, lead, framework, now } = input
  const carried: PanelEvent[] = []
  const notCarried: CorrectionOpenedEvent['notCarried'] = []
  let state = input.start
  const ctx = { framework, now }
  for (const id of original.proposalOrder) {
    const p = original.proposals[id]!
    // Decided, and not reopened since (a reopened carried decision keeps its old decision but is retracted).
    if (!p.decision || (p.status !== 'applied' && p.status !== 'rejected')) continue
    const skip = (reason: string) =>
      notCarried.push({ standardId: p.standardId, to: p.to, outcome: p.decision!.outcome, reason })
    const standard = state.rating.standards.find((s) => s.id === p.standardId)
    if (standard && (standard.rating ?? '') !== p.from) {
      skip(`its rules-based rating is now ${standard.rating ?? 'none'}, not ${p.from}`)
      continue
    }
    const proposalId = input.newProposalId()
    const made = decide(
      state,
      { type: 'propose', proposalId, standardId: p.standardId, rating: p.to, justification: p.justification },
      lead,
      ctx,
    )
    if (!made.ok) {
      skip(made.error.message)
      continue
    }
    let next = state
    const events = made.value.map((e) =>
      e.type === 'proposal.made' ? { ...e, carriedFrom: { panelId: original.panelId, proposalId: p.id } } : e,
    )
    for (const e of events) next = evolve(next, e)
    const decided = decide(
      next,
      { type: 'decide', proposalId, outcome: p.decision.outcome, text: p.decision.text },
      lead,
      ctx,
    )
    if (!decided.ok) {
      skip(decided.error.message)
      continue
    }
    for (const e of decided.value) next = evolve(next, e)
    carried.push(...events, ...decided.value)
    state = next
  }
  const opened: CorrectionOpenedEvent = {
    type: 'correction.opened',
    by: lead.accountId,
    byName: lead.name,
    at: now,
    correctionOf: input.correctionOf,
    reason: input.reason,
    notCarried,
  }
  return [opened, ...carried]
}
