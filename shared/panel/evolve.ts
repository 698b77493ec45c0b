// evolve(state, event) -> state: the panel's state is a fold over its domain events.
import { evolveMembership, isMembershipEvent } from './membership.ts'
import type { PanelEvent, PanelState, ProposalState } from './types.ts'

export function initialState(): PanelState | null {
  return null
}

function withProposal(
  state: PanelState,
  id: string,
  change: (p: ProposalState) => ProposalState,
): PanelState {
  const p = state.proposals[id]
  if (!p) throw new Error(`event refers to unknown proposal ${id}`)
  return { ...state, proposals: { ...state.proposals, [id]: change(p) } }
}

/** Applies one event. Events were validated by `decide`; a mismatch here is a bug, so it throws. */
export function evolve(state: PanelState | null, event: PanelEvent): PanelState {
  if (event.type === 'panel.created') {
    if (state) throw new Error('panel.created on an existing panel')
    return {
      panelId: event.panelId,
      title: event.title,
      frameworkId: event.frameworkId,
      framework: event.framework,
      ...(event.frameworkHash ? { frameworkHash: event.frameworkHash } : {}),
      inspection: event.inspection,
      rating: event.rating,
      createdAt: event.at,
      lead: event.lead,
      ...(event.settings ? { settings: event.settings } : {}),
      members: {},
      invites: {},
      proposalOrder: [],
      proposals: {},
      finalised: null,
      version: 1,
    }
  }
  if (!state) throw new Error(`${event.type} before panel.created`)
  const next = evolveExisting(state, event)
  return { ...next, version: state.version + 1 }
}

function evolveExisting(
  state: PanelState,
  event: Exclude<PanelEvent, { type: 'panel.created' }>,
): PanelState {
  if (isMembershipEvent(event)) return evolveMembership(state, event)
  switch (event.type) {
    case 'panel.settings-changed':
      return { ...state, settings: event.settings }
    case 'proposal.made':
      return {
        ...state,
        proposalOrder: [...state.proposalOrder, event.proposalId],
        proposals: {
          ...state.proposals,
          [event.proposalId]: {
            id: event.proposalId,
            standardId: event.standardId,
            from: event.from,
            to: event.to,
            direction: event.direction,
            triggers: event.triggers,
            justification: event.justification,
            by: event.by,
            byName: event.byName,
            at: event.at,
            status: 'open',
            votes: {},
            voteHistory: [],
            decision: null,
            ...(event.carriedFrom ? { carriedFrom: event.carriedFrom } : {}),
          },
        },
      }
    case 'vote.cast':
      return withProposal(state, event.proposalId, (p) => {
        const vote = {
          by: event.by,
          byName: event.byName,
          stance: event.stance,
          justification: event.justification,
          at: event.at,
          ...(event.afterReveal ? { afterReveal: true as const } : {}),
        }
        return { ...p, votes: { ...p.votes, [event.by]: vote }, voteHistory: [...p.voteHistory, vote] }
      })
    case 'vote.sealed':
      return withProposal(state, event.proposalId, (p) => {
        const seal = {
          by: event.by,
          byName: event.byName,
          at: event.at,
          commitment: event.commitment,
          supersedes: event.supersedes,
        }
        return {
          ...p,
          seals: { ...p.seals, [event.by]: seal },
          sealHistory: [...(p.sealHistory ?? []), seal],
        }
      })
    case 'votes.revealed':
      return withProposal(state, event.proposalId, (p) => {
        // The openings become the live votes: each voter's first view, as sealed.
        const opened = event.openings.map((o) => ({
          by: o.by,
          byName: o.byName,
          stance: o.stance,
          justification: o.justification,
          at: o.at,
        }))
        return {
          ...p,
          votes: { ...p.votes, ...Object.fromEntries(opened.map((v) => [v.by, v])) },
          voteHistory: [...p.voteHistory, ...opened],
          revealed: {
            at: event.at,
            by: event.by,
            byName: event.byName,
            auto: event.auto,
            openings: event.openings,
          },
        }
      })
    case 'proposal.retracted':
      return withProposal(state, event.proposalId, (p) => ({
        ...p,
        status: 'retracted',
        ...(event.unopened ? { unopened: event.unopened } : {}),
      }))
    case 'proposal.decided':
      return withProposal(state, event.proposalId, (p) => ({
        ...p,
        status: event.outcome,
        decision: {
          outcome: event.outcome,
          text: event.text,
          by: event.by,
          byName: event.byName,
          at: event.at,
          ...(event.belowQuorum ? { belowQuorum: event.belowQuorum } : {}),
        },
      }))
    case 'correction.opened':
      return {
        ...state,
        correctionOf: {
          ...event.correctionOf,
          reason: event.reason,
          at: event.at,
          by: event.by,
          byName: event.byName,
          notCarried: event.notCarried,
        },
      }
    case 'correction.linked':
      throw new Error('correction.linked belongs to the access log, never to the record')
    case 'panel.finalised':
      return {
        ...state,
        finalised: {
          at: event.at,
          by: event.by,
          byName: event.byName,
          final: event.final,
          keptWithoutProposal: event.keptWithoutProposal,
        },
      }
  }
}

/** Replays a whole log: the state after every event is a prefix fold. */
export function replay(events: Iterable<PanelEvent>, from: PanelState | null = null): PanelState | null {
  let state = from
  for (const e of events) state = evolve(state, e)
  return state
}
