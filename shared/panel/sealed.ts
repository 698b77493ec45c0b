// Sealed votes: what a commitment covers, what an opening holds, and when a proposal's votes are sealed.
//
// A blind panel's vote goes into the log as a commitment, SHA-256 over the canonical JSON of the vote and
// a random salt (commitmentInput), with voter and time; the vote itself is kept apart, readable by the
// voter alone, until the reveal publishes every opening (vote and salt) in one event. Anyone holding the
// log can then check each opening against its commitment. The hash is injected, so the server (node:crypto)
// and the browser (WebCrypto) check with the same input.
import { canonicalize } from '../canonical.ts'
import { activeMembers } from './membership.ts'
import { settingsOf } from './settings.ts'
import type { PanelState, ProposalState, Stance } from './types.ts'

export const COMMITMENT_FORMAT = 'ratings-panel/vote-commitment@1'

/** What is sealed: one voter's vote on one proposal of one panel. */
export interface SealedVote {
  panelId: string
  proposalId: string
  by: string
  stance: Stance
  justification: string
}

/** An opening as `votes.revealed` publishes it: the vote, its salt, and the commitment it opens. */
export interface Opening {
  by: string
  byName: string
  /** When the vote was sealed (the `vote.sealed` event's time). */
  at: string
  commitment: string
  stance: Stance
  justification: string
  /** 32 random bytes, hex. */
  salt: string
}

/** The exact text a commitment hashes: panel, proposal and voter bind it, so an opening cannot be moved. */
export const commitmentInput = (v: SealedVote, salt: string): string =>
  canonicalize({
    format: COMMITMENT_FORMAT,
    panelId: v.panelId,
    proposalId: v.proposalId,
    by: v.by,
    stance: v.stance,
    justification: v.justification,
    salt,
  })

export const SALT_PATTERN = /^[0-9a-f]{64}$/
export const COMMITMENT_PATTERN = /^[0-9a-f]{64}$/

/** A proposal's votes are sealed: the panel votes blind, someone has voted, and nothing is revealed yet. */
export function isSealed(state: Pick<PanelState, 'settings'>, p: ProposalState): boolean {
  return settingsOf(state).blindVotes && !p.revealed && Object.keys(p.seals ?? {}).length > 0
}

/** A vote cast now on this proposal is sealed (blind panel, not yet revealed). */
export const votesAreBlind = (state: Pick<PanelState, 'settings'>, p: ProposalState): boolean =>
  settingsOf(state).blindVotes && !p.revealed

/** Everyone who may vote now: active leads and inspectors. */
export const mayVote = (state: PanelState): string[] =>
  activeMembers(state)
    .filter((m) => m.role === 'lead' || m.role === 'inspector')
    .map((m) => m.accountId)

/** Every active lead and inspector has a sealed vote on the proposal (auto-reveal's condition). */
export function everyoneHasSealed(state: PanelState, p: ProposalState): boolean {
  const voters = mayVote(state)
  const seals = p.seals ?? {}
  return voters.length > 0 && voters.every((id) => seals[id] !== undefined)
}

/** Sealed votes nobody will open: their proposal was retracted while they were sealed. */
export const unopenedSeals = (p: ProposalState): number =>
  p.status === 'retracted' && !p.revealed ? Object.keys(p.seals ?? {}).length : 0

/** Who changed their view after the reveal: their final vote differs from the opening. */
export function changedAfterReveal(p: ProposalState): string[] {
  if (!p.revealed) return []
  return p.revealed.openings
    .filter((o) => {
      const v = p.votes[o.by]
      return v && (v.stance !== o.stance || v.justification !== o.justification)
    })
    .map((o) => o.by)
}

/** Checks one opening against the voter's standing commitment (in the state before the reveal) and its hash. */
export async function checkOpening(
  state: PanelState,
  p: ProposalState,
  o: Opening,
  sha256: (text: string) => Promise<string> | string,
): Promise<string | null> {
  const standing = p.seals?.[o.by]
  if (!standing) return `${o.byName}'s opening on ${p.standardId} opens no sealed vote`
  if (standing.commitment !== o.commitment)
    return `${o.byName}'s opening on ${p.standardId} names a commitment other than their standing one`
  const hash = await sha256(
    commitmentInput(
      {
        panelId: state.panelId,
        proposalId: p.id,
        by: o.by,
        stance: o.stance,
        justification: o.justification,
      },
      o.salt,
    ),
  )
  return hash === o.commitment
    ? null
    : `${o.byName}'s opening on ${p.standardId} does not match its commitment (the vote, its salt or the commitment was altered)`
}

/**
 * Checks a reveal in the state before it: every standing commitment opened exactly once, each opening
 * matching. The first problem, or null.
 */
export async function checkReveal(
  state: PanelState,
  p: ProposalState,
  openings: readonly Opening[],
  sha256: (text: string) => Promise<string> | string,
): Promise<string | null> {
  const seen = new Set<string>()
  for (const o of openings) {
    if (seen.has(o.by)) return `${o.byName}'s vote on ${p.standardId} is opened twice`
    seen.add(o.by)
    const problem = await checkOpening(state, p, o, sha256)
    if (problem) return problem
  }
  const unopened = Object.values(p.seals ?? {}).find((s) => !seen.has(s.by))
  return unopened ? `${unopened.byName}'s sealed vote on ${p.standardId} was not opened by the reveal` : null
}
