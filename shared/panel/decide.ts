// decide(state, command, actor, context) -> Result<events, DomainError>: every panel rule in one place.
import type { Framework } from '../framework/schema.ts'
import { applyDecisions } from '../engine/decisions.ts'
import { judgedTargets } from '../engine/judged-targets.ts'
import type { Decision } from '../engine/types.ts'
import { err, ok, type Result } from '../result.ts'
import { decideReveal, decideSettings, decideVote, type VoteContext } from './decide-votes.ts'
import { decideMembership } from './membership.ts'
import { isSealed } from './sealed.ts'
import { quorumStatus } from './settings.ts'
import type {
  Actor,
  BelowQuorum,
  Command,
  DomainError,
  PanelEvent,
  PanelState,
  ProposalState,
} from './types.ts'

export interface DecideContext extends Omit<VoteContext, 'now'> {
  framework: Framework
  /** ISO time from the injected clock. */
  now: string
  /** The actor is an organiser (account level). */
  organiser?: boolean
}

export const MAX_TEXT = 10_000
const MIN_JUSTIFICATION = 3

const fail = (code: DomainError['code'], message: string) => err<DomainError>({ code, message })

function textProblem(what: string, text: string): string | null {
  const t = text.trim()
  if (t.length < MIN_JUSTIFICATION) return `${what} is required: write at least a sentence.`
  if (text.length > MAX_TEXT) return `${what} is too long (${text.length} characters; at most ${MAX_TEXT}).`
  return null
}

/** Decisions already applied by the lead, keyed by standard. */
export function appliedDecisions(state: PanelState): Record<string, Decision> {
  const out: Record<string, Decision> = {}
  for (const id of state.proposalOrder) {
    const p = state.proposals[id]
    if (p?.status === 'applied' && p.decision)
      out[p.standardId] = { rating: p.to, justification: p.decision.text }
  }
  return out
}

/** The overall or an area rated by judgement, seen as a standard for a proposal: no triggers, no points. */
function judgedTargetAsStandard(framework: Framework, state: PanelState, id: string) {
  const t = judgedTargets(framework, state.rating).find((x) => x.id === id)
  return t ? { id: t.id, rating: t.rating, triggers: { up: [], down: [] } } : undefined
}

export const openProposals = (state: PanelState): ProposalState[] =>
  state.proposalOrder.map((id) => state.proposals[id]!).filter((p) => p.status === 'open')

export function decide(
  state: PanelState,
  command: Command,
  actor: Actor,
  ctx: DecideContext,
): Result<PanelEvent[], DomainError> {
  // Joining is the one thing a non-member may do.
  if (command.type === 'join')
    return decideMembership(state, command, actor, { now: ctx.now, afterFinalisation: !!state.finalised })
  if (!actor.role) return fail('forbidden', 'You are not a member of this panel.')
  if (actor.role === 'reviewer')
    return fail('forbidden', 'Reviewers can read and replay the panel but not change it.')
  if (state.finalised) return fail('finalised', 'The panel has been finalised; its record cannot change.')
  switch (command.type) {
    case 'invite':
    case 'revoke-invite':
    case 'change-role':
    case 'remove-member':
      return decideMembership(state, command, actor, {
        now: ctx.now,
        afterFinalisation: false,
        organiser: ctx.organiser ?? false,
      })
  }
  const base = { by: actor.accountId, byName: actor.name, at: ctx.now }

  switch (command.type) {
    case 'propose': {
      // A framework@2 may give the overall or an area by judgement: proposed and decided like a standard.
      const standard =
        state.rating.standards.find((s) => s.id === command.standardId) ??
        judgedTargetAsStandard(ctx.framework, state, command.standardId)
      if (!standard) return fail('not-found', `There is no standard ${command.standardId} in this panel.`)
      if (state.proposals[command.proposalId])
        return fail('conflict', `Proposal ${command.proposalId} already exists.`)
      const busy = Object.values(state.proposals).find(
        (p) => p.standardId === command.standardId && (p.status === 'open' || p.status === 'applied'),
      )
      if (busy)
        return fail(
          'conflict',
          busy.status === 'open'
            ? `Standard ${command.standardId} already has an open proposal (to ${busy.to}); vote on it or ask its proposer to retract it.`
            : `Standard ${command.standardId} has already been decided (${busy.to}).`,
        )
      const problem = textProblem('A justification', command.justification)
      if (problem) return fail('invalid', problem)
      if (standard.rating === command.rating)
        return fail(
          'invalid',
          `Standard ${command.standardId} is already ${command.rating}; propose a different rating.`,
        )
      const check = applyDecisions(ctx.framework, state.rating, {
        [command.standardId]: { rating: command.rating, justification: command.justification },
      })
      if (!check.ok) return fail('invalid', check.error.map((e) => e.message).join(' '))
      const labels = ctx.framework.ratings.map((r) => r.label)
      // Ratings are listed best first, so a smaller index is a higher rating.
      const direction =
        standard.rating === null || labels.indexOf(command.rating) < labels.indexOf(standard.rating)
          ? 'up'
          : 'down'
      return ok([
        {
          type: 'proposal.made',
          ...base,
          proposalId: command.proposalId,
          standardId: command.standardId,
          from: standard.rating ?? '',
          to: command.rating,
          direction,
          triggers: standard.triggers[direction],
          justification: command.justification,
        },
      ])
    }
    case 'vote': {
      const p = state.proposals[command.proposalId]
      if (!p) return fail('not-found', `There is no proposal ${command.proposalId}.`)
      if (p.status !== 'open')
        return fail('conflict', `The proposal for ${p.standardId} is ${p.status}; votes are closed.`)
      const problem = textProblem('A justification for your vote', command.justification)
      if (problem) return fail('invalid', problem)
      return decideVote(state, p, command, actor, ctx)
    }
    case 'reveal':
      return decideReveal(state, command, actor, ctx)
    case 'settings':
      return decideSettings(state, command, actor, ctx.now)
    case 'retract': {
      const p = state.proposals[command.proposalId]
      if (!p) return fail('not-found', `There is no proposal ${command.proposalId}.`)
      if (p.by !== actor.accountId && actor.role !== 'lead')
        return fail('forbidden', 'Only the proposer or the lead can retract a proposal.')
      // A decision carried into a correction is reopened by the lead's retracting it: the standard is free again.
      if (p.carriedFrom && p.status !== 'retracted') {
        if (actor.role !== 'lead')
          return fail('forbidden', 'Only the lead reopens a decision carried over from the corrected record.')
        return ok([{ type: 'proposal.retracted', ...base, proposalId: p.id }])
      }
      if (p.status !== 'open')
        return fail('conflict', `The proposal for ${p.standardId} is already ${p.status}.`)
      // Retracting opens nothing: sealed votes on it stay unopened, and the record says how many.
      const unopened = p.revealed ? 0 : Object.keys(p.seals ?? {}).length
      return ok([
        { type: 'proposal.retracted', ...base, proposalId: p.id, ...(unopened ? { unopened } : {}) },
      ])
    }
    case 'decide': {
      if (actor.role !== 'lead') return fail('forbidden', 'Only the lead inspector decides proposals.')
      const p = state.proposals[command.proposalId]
      if (!p) return fail('not-found', `There is no proposal ${command.proposalId}.`)
      if (p.status !== 'open')
        return fail('conflict', `The proposal for ${p.standardId} is already ${p.status}.`)
      if (isSealed(state, p))
        return fail('conflict', `The votes on ${p.standardId} are sealed: reveal them before deciding.`)
      const quorum = quorumStatus(state, p)
      const q = state.settings?.quorum
      let belowQuorum: BelowQuorum | null = null
      if (!quorum.met && q) {
        const reason = command.override?.reason ?? ''
        const why = textProblem('A reason for deciding below quorum', reason)
        if (why)
          return fail(
            'below-quorum',
            'minVotes' in q
              ? `${p.standardId} has ${quorum.votes} of the ${q.minVotes} votes the quorum needs. To decide anyway, give a reason for the override. ${why}`
              : `Not every inspector has voted on ${p.standardId} (${quorum.missing.length} to go). To decide anyway, give a reason for the override. ${why}`,
          )
        belowQuorum = { quorum: q, votes: quorum.votes, reason }
      }
      const problem = textProblem(
        command.outcome === 'applied' ? 'A footnote' : 'A reason for rejecting',
        command.text,
      )
      if (problem) return fail('invalid', problem)
      if (command.outcome === 'applied') {
        const check = applyDecisions(ctx.framework, state.rating, {
          ...appliedDecisions(state),
          [p.standardId]: { rating: p.to, justification: command.text },
        })
        if (!check.ok) return fail('invalid', check.error.map((e) => e.message).join(' '))
      }
      return ok([
        {
          type: 'proposal.decided',
          ...base,
          proposalId: p.id,
          outcome: command.outcome,
          text: command.text,
          ...(belowQuorum ? { belowQuorum } : {}),
        },
      ])
    }
    case 'finalise': {
      if (actor.role !== 'lead') return fail('forbidden', 'Only the lead inspector finalises the panel.')
      const open = openProposals(state)
      const sealed = open.filter((p) => isSealed(state, p))
      if (sealed.length)
        return fail(
          'conflict',
          `The votes on ${sealed.map((p) => p.standardId).join(', ')} are still sealed: reveal and decide them first.`,
        )
      if (open.length)
        return fail(
          'conflict',
          `Decide every proposal first: ${open.map((p) => p.standardId).join(', ')} still open.`,
        )
      const final = applyDecisions(ctx.framework, state.rating, appliedDecisions(state))
      if (!final.ok) return fail('invalid', final.error.map((e) => e.message).join(' '))
      const ungiven = judgedTargets(ctx.framework, final.value).filter((t) => t.rating === null)
      if (ungiven.length)
        return fail(
          'conflict',
          `Give every rating the framework leaves to judgement first: ${ungiven.map((t) => t.id).join(', ')} has none; propose and decide it.`,
        )
      const proposed = new Set(
        Object.values(state.proposals)
          .filter((p) => p.status !== 'retracted')
          .map((p) => p.standardId),
      )
      const keptWithoutProposal = state.rating.standards
        .filter((s) => (s.triggers.up.length || s.triggers.down.length) && !proposed.has(s.id))
        .map((s) => s.id)
      return ok([{ type: 'panel.finalised', ...base, final: final.value, keptWithoutProposal }])
    }
  }
}
