// Panel settings: one object for how the panel votes (blind or open), its quorum, and reveal by itself.
// Chosen at creation (`panel.created`), changed by the lead through the `settings` command.
import * as z from 'zod/mini'
import type { PanelState, ProposalState } from './types.ts'

/** How many votes a proposal needs before the lead decides it without an override. */
export type Quorum = { minVotes: number } | { everyInspector: true }

export interface PanelSettings {
  /** Votes are sealed (a commitment in the log) until the lead reveals them together. */
  blindVotes: boolean
  /** None: the lead may decide with any number of votes. */
  quorum: Quorum | null
  /** A proposal's sealed votes are revealed by themselves once every lead and inspector has voted. */
  autoReveal: boolean
}

/** Panels made before settings existed, and the API's default: open votes, no quorum. */
export const DEFAULT_SETTINGS: PanelSettings = { blindVotes: false, quorum: null, autoReveal: false }

export const MAX_QUORUM = 100

export const QuorumSchema = z.union([
  z.strictObject({ minVotes: z.number().check(z.int(), z.minimum(1), z.maximum(MAX_QUORUM)) }),
  z.strictObject({ everyInspector: z.literal(true) }),
])

/** What `POST /api/panels` and the `settings` command accept: any of the three, the rest unchanged. */
export const SettingsInputSchema = z.strictObject({
  blindVotes: z.optional(z.boolean()),
  quorum: z.optional(z.nullable(QuorumSchema)),
  autoReveal: z.optional(z.boolean()),
})
export type SettingsInput = z.infer<typeof SettingsInputSchema>

/** The panel's settings (the defaults for a panel made before settings existed). */
export const settingsOf = (state: Pick<PanelState, 'settings'>): PanelSettings =>
  state.settings ?? DEFAULT_SETTINGS

export const withSettings = (base: PanelSettings, input: SettingsInput): PanelSettings => ({
  blindVotes: input.blindVotes ?? base.blindVotes,
  quorum: input.quorum === undefined ? base.quorum : input.quorum,
  autoReveal: input.autoReveal ?? base.autoReveal,
})

export const sameQuorum = (a: Quorum | null, b: Quorum | null): boolean =>
  JSON.stringify(a) === JSON.stringify(b)

/** The keys whose values differ between two settings, in a fixed order. */
export function changedSettings(a: PanelSettings, b: PanelSettings): (keyof PanelSettings)[] {
  const out: (keyof PanelSettings)[] = []
  if (a.blindVotes !== b.blindVotes) out.push('blindVotes')
  if (!sameQuorum(a.quorum, b.quorum)) out.push('quorum')
  if (a.autoReveal !== b.autoReveal) out.push('autoReveal')
  return out
}

/** Everyone whose vote stands on a proposal: open votes and sealed ones alike (quorum counts both). */
export function votersOf(p: ProposalState): string[] {
  return [...new Set([...Object.keys(p.votes), ...Object.keys(p.seals ?? {})])]
}

export interface QuorumStatus {
  met: boolean
  votes: number
  /** Votes needed (minVotes), or the inspectors who have not voted yet (everyInspector). */
  required: number
  missing: string[]
}

/** Whether a proposal's votes, sealed or open, reach the panel's quorum; met when there is none. */
export function quorumStatus(state: PanelState, p: ProposalState): QuorumStatus {
  const q = settingsOf(state).quorum
  const voters = votersOf(p)
  if (!q) return { met: true, votes: voters.length, required: 0, missing: [] }
  if ('minVotes' in q)
    return { met: voters.length >= q.minVotes, votes: voters.length, required: q.minVotes, missing: [] }
  const inspectors = Object.values(state.members).filter((m) => !m.removedAt && m.role === 'inspector')
  const missing = inspectors.filter((m) => !voters.includes(m.accountId)).map((m) => m.accountId)
  return {
    met: missing.length === 0 && voters.length > 0,
    votes: voters.length,
    required: inspectors.length,
    missing,
  }
}

/** Has anyone voted on this panel yet (sealed or open)? After that, blind voting can no longer change. */
export const hasAnyVote = (state: PanelState): boolean =>
  Object.values(state.proposals).some((p) => votersOf(p).length > 0 || p.voteHistory.length > 0)
