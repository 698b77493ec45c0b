// The rules for votes: cast open or sealed, changed before or after the reveal, revealed together
// (by the lead, or by itself once every lead and inspector has voted), and the panel's settings.
import { err, ok, type Result } from '../result.ts'
import { everyoneHasSealed, votesAreBlind, type Opening, type SealedVote } from './sealed.ts'
import { changedSettings, hasAnyVote, settingsOf, withSettings } from './settings.ts'
import type { Actor, Command, DomainError, PanelEvent, PanelState, ProposalState } from './types.ts'

/** A sealed vote's content as the server keeps it apart from the log (readable by its voter alone). */
export interface StoredSeal {
  by: string
  commitment: string
  stance: Opening['stance']
  justification: string
  salt: string
}

/** What the server gives the vote rules that the log does not hold. */
export interface VoteContext {
  now: string
  /** Seals a vote: a fresh random salt and the commitment over the vote and it. */
  seal?: (v: SealedVote) => { commitment: string; salt: string }
  /** The stored content of the proposal's standing sealed votes (for reveal, auto-reveal, an unchanged vote). */
  sealed?: readonly StoredSeal[]
}

type Fail = { ok: false; error: DomainError }
const fail = (code: DomainError['code'], message: string): Fail => err<DomainError>({ code, message })

/**
 * Every standing commitment's opening from what the server stored, or the first voter whose content is
 * missing or is not what was committed (the server checks each stored row's hash before it is given here).
 */
function openingsOf(p: ProposalState, sealed: readonly StoredSeal[]): Result<Opening[], string> {
  const out: Opening[] = []
  for (const s of Object.values(p.seals ?? {})) {
    const row = sealed.find((r) => r.by === s.by && r.commitment === s.commitment)
    if (!row) return err(s.byName)
    out.push({
      by: s.by,
      byName: s.byName,
      at: s.at,
      commitment: s.commitment,
      stance: row.stance,
      justification: row.justification,
      salt: row.salt,
    })
  }
  return ok(out)
}

export function decideVote(
  state: PanelState,
  p: ProposalState,
  command: Extract<Command, { type: 'vote' }>,
  actor: Actor,
  ctx: VoteContext,
): Result<PanelEvent[], DomainError> {
  const base = { by: actor.accountId, byName: actor.name, at: ctx.now }
  if (!votesAreBlind(state, p)) {
    const previous = p.votes[actor.accountId]
    if (previous && previous.stance === command.stance && previous.justification === command.justification)
      return fail('conflict', 'You have already cast exactly this vote.')
    return ok([
      {
        type: 'vote.cast',
        ...base,
        proposalId: p.id,
        stance: command.stance,
        justification: command.justification,
        replaces: previous?.stance ?? null,
        ...(p.revealed ? { afterReveal: true as const } : {}),
      },
    ])
  }
  if (!ctx.seal) throw new Error('decideVote: votes are blind but no sealer was given')
  const standing = p.seals?.[actor.accountId]
  const stored = standing && ctx.sealed?.find((r) => r.by === actor.accountId)
  if (stored && stored.stance === command.stance && stored.justification === command.justification)
    return fail('conflict', 'You have already cast exactly this vote.')
  const vote = {
    panelId: state.panelId,
    proposalId: p.id,
    by: actor.accountId,
    stance: command.stance,
    justification: command.justification,
  }
  const { commitment, salt } = ctx.seal(vote)
  const events: PanelEvent[] = [
    {
      type: 'vote.sealed',
      ...base,
      proposalId: p.id,
      commitment,
      supersedes: standing?.commitment ?? null,
    },
  ]
  // Auto-reveal: this vote completes the set, so the openings go out with it (when all are at hand).
  const after: ProposalState = {
    ...p,
    seals: { ...p.seals, [actor.accountId]: { ...base, commitment, supersedes: null } },
  }
  if (settingsOf(state).autoReveal && everyoneHasSealed(state, after)) {
    const mine: StoredSeal = {
      by: actor.accountId,
      commitment,
      salt,
      stance: command.stance,
      justification: command.justification,
    }
    const others = (ctx.sealed ?? []).filter((r) => r.by !== actor.accountId)
    const openings = openingsOf(after, [...others, mine])
    if (openings.ok)
      events.push({ type: 'votes.revealed', ...base, proposalId: p.id, openings: openings.value, auto: true })
  }
  return ok(events)
}

export function decideReveal(
  state: PanelState,
  command: Extract<Command, { type: 'reveal' }>,
  actor: Actor,
  ctx: VoteContext,
): Result<PanelEvent[], DomainError> {
  if (actor.role !== 'lead') return fail('forbidden', 'Only the lead inspector reveals the votes.')
  const p = state.proposals[command.proposalId]
  if (!p) return fail('not-found', `There is no proposal ${command.proposalId}.`)
  if (!settingsOf(state).blindVotes)
    return fail('conflict', 'This panel votes openly: there is nothing to reveal.')
  if (p.revealed) return fail('conflict', `The votes on ${p.standardId} have been revealed already.`)
  if (p.status !== 'open')
    return fail(
      'conflict',
      `The proposal for ${p.standardId} is ${p.status}; its sealed votes stay unopened.`,
    )
  if (!Object.keys(p.seals ?? {}).length)
    return fail('conflict', `Nobody has voted on ${p.standardId} yet: there is nothing to reveal.`)
  const openings = openingsOf(p, ctx.sealed ?? [])
  if (!openings.ok)
    return fail(
      'conflict',
      `The sealed vote of ${openings.error} on ${p.standardId} cannot be opened: what the server stored is missing or is not what was committed. Ask an operator to run npm run verify.`,
    )
  return ok([
    {
      type: 'votes.revealed',
      by: actor.accountId,
      byName: actor.name,
      at: ctx.now,
      proposalId: p.id,
      openings: openings.value,
      auto: false,
    },
  ])
}

export function decideSettings(
  state: PanelState,
  command: Extract<Command, { type: 'settings' }>,
  actor: Actor,
  now: string,
): Result<PanelEvent[], DomainError> {
  if (actor.role !== 'lead') return fail('forbidden', "Only the lead inspector changes the panel's settings.")
  const from = settingsOf(state)
  const settings = withSettings(from, command.settings)
  const changed = changedSettings(from, settings)
  if (!changed.length) return fail('conflict', 'The settings are already so; nothing changed.')
  if (changed.includes('blindVotes') && hasAnyVote(state))
    return fail(
      'conflict',
      'Blind voting can be turned on or off only until the first vote; votes have been cast on this panel.',
    )
  return ok([
    { type: 'panel.settings-changed', by: actor.accountId, byName: actor.name, at: now, from, settings },
  ])
}
