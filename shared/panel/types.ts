// Panel vocabulary: roles, commands (what people ask for), events (what happened) and the projected state.
import type { Direction, FinalResult, RatingResult, TriggerKind } from '../engine/types.ts'
import type { Framework } from '../framework/schema.ts'
import type { Opening } from './sealed.ts'
import type { PanelSettings, Quorum, SettingsInput } from './settings.ts'

export type Role = 'lead' | 'inspector' | 'reviewer'
export type Stance = 'support' | 'oppose' | 'abstain'

/** Who is acting, as the server knows them (never as a client claims). */
export interface Actor {
  accountId: string
  name: string
  /** The actor's role on this panel, or null when they are not a member. */
  role: Role | null
}

export type Command =
  | { type: 'propose'; proposalId: string; standardId: string; rating: string; justification: string }
  | { type: 'vote'; proposalId: string; stance: Stance; justification: string }
  | { type: 'retract'; proposalId: string }
  | {
      type: 'decide'
      proposalId: string
      outcome: 'applied' | 'rejected'
      text: string
      /** Deciding below the panel's quorum: the lead's recorded reason. */
      override?: { reason: string }
    }
  | { type: 'finalise' }
  | { type: 'settings'; settings: SettingsInput }
  /** Publishes every sealed vote's opening on the proposal (the server adds what only it holds). */
  | { type: 'reveal'; proposalId: string }
  | MembershipCommand

/**
 * Membership commands. `invite` and `join` carry what only the server knows (the invitation's id and
 * expiry, the joining account's name): routes build them, clients never send them whole.
 */
export type MembershipCommand =
  | {
      type: 'invite'
      inviteId: string
      name: string
      role: Role
      /** Bound to an existing account (a re-invitation): only that account can join with it. */
      accountId: string | null
      expiresAt: string
    }
  | { type: 'revoke-invite'; inviteId: string }
  | { type: 'join'; inviteId: string }
  | { type: 'change-role'; accountId: string; role: Role }
  | { type: 'remove-member'; accountId: string }

export const MEMBERSHIP_COMMANDS = [
  'invite',
  'revoke-invite',
  'join',
  'change-role',
  'remove-member',
] as const

interface EventBase {
  /** Who caused it (accountId) and their name at the time. */
  by: string
  byName: string
  /** ISO 8601, from the injected clock. */
  at: string
}

export interface PanelCreatedEvent extends EventBase {
  type: 'panel.created'
  panelId: string
  title: string
  frameworkId: string
  /** The framework the panel rates by, whole, so the record never depends on a later version of it. */
  framework: Framework
  /** sha256 of the framework's canonical JSON: the exact version pinned (absent in panels made before it). */
  frameworkHash?: string
  /** The validated, normalised inspection (shared/inspection/parse.ts). */
  inspection: unknown
  /** The rules-based result at creation, kept so the record never depends on a later engine. */
  rating: RatingResult
  lead: string
  /** The panel's settings (absent in panels made before settings existed: the defaults). */
  settings?: PanelSettings
}

export interface SettingsChangedEvent extends EventBase {
  type: 'panel.settings-changed'
  /** The settings before and after: the whole object each time. */
  from: PanelSettings
  settings: PanelSettings
}

export interface MemberAddedEvent extends EventBase {
  type: 'member.added'
  accountId: string
  name: string
  role: Role
}

/**
 * Someone joined. Since membership became domain data it names the invitation, the role and the name;
 * older logs hold `member.added` followed by a bare `member.joined` (both still fold).
 */
export interface MemberJoinedEvent extends EventBase {
  type: 'member.joined'
  accountId: string
  inviteId?: string
  name?: string
  role?: Role
}

export interface MemberInvitedEvent extends EventBase {
  type: 'member.invited'
  inviteId: string
  name: string
  role: Role
  accountId: string | null
  expiresAt: string
}

export interface InviteRevokedEvent extends EventBase {
  type: 'invite.revoked'
  inviteId: string
}

export interface MemberRoleChangedEvent extends EventBase {
  type: 'member.role-changed'
  accountId: string
  from: Role
  role: Role
}

export interface MemberRemovedEvent extends EventBase {
  type: 'member.removed'
  accountId: string
}

export type MembershipEvent =
  | MemberAddedEvent
  | MemberJoinedEvent
  | MemberInvitedEvent
  | InviteRevokedEvent
  | MemberRoleChangedEvent
  | MemberRemovedEvent

export interface ProposalMadeEvent extends EventBase {
  type: 'proposal.made'
  proposalId: string
  standardId: string
  from: string
  to: string
  direction: Direction
  triggers: TriggerKind[]
  justification: string
  /** A decision carried over into a correction from the record it corrects (absent otherwise). */
  carriedFrom?: CarriedFrom
}

export interface VoteCastEvent extends EventBase {
  type: 'vote.cast'
  proposalId: string
  stance: Stance
  justification: string
  /** The stance this replaces, when the voter changed their vote. */
  replaces: Stance | null
  /** Cast after the proposal's sealed votes were revealed (blind panels). */
  afterReveal?: true
}

/**
 * A blind vote, as the log holds it: a commitment (SHA-256 over the canonical vote and a random salt) with
 * voter and time, the same shape for every vote, so the chain fixes what was voted and when without saying
 * what. A change before the reveal is a new commitment that supersedes the voter's standing one.
 */
export interface VoteSealedEvent extends EventBase {
  type: 'vote.sealed'
  proposalId: string
  commitment: string
  /** The voter's standing commitment this one replaces (the record says the vote changed, not how). */
  supersedes: string | null
}

/** Every standing sealed vote on a proposal, opened at once: the vote and its salt beside each commitment. */
export interface VotesRevealedEvent extends EventBase {
  type: 'votes.revealed'
  proposalId: string
  openings: Opening[]
  /** Revealed by itself, when every lead and inspector had voted (the panel's autoReveal setting). */
  auto: boolean
}

export interface ProposalRetractedEvent extends EventBase {
  type: 'proposal.retracted'
  proposalId: string
  /** Sealed votes on it that stay unopened for good (never revealed; their content is discarded). */
  unopened?: number
}

export interface ProposalDecidedEvent extends EventBase {
  type: 'proposal.decided'
  proposalId: string
  outcome: 'applied' | 'rejected'
  /** The footnote when applied, the reason when rejected. */
  text: string
  /** Decided below the panel's quorum, with the lead's reason. */
  belowQuorum?: BelowQuorum
}

export interface BelowQuorum {
  quorum: Quorum
  /** Votes standing when it was decided. */
  votes: number
  reason: string
}

export interface PanelFinalisedEvent extends EventBase {
  type: 'panel.finalised'
  final: FinalResult
  /** Triggered standards nobody proposed to change: they keep their rules-based rating. */
  keptWithoutProposal: string[]
}

/** Where a carried-over proposal came from: the corrected panel and its proposal. */
export interface CarriedFrom {
  panelId: string
  proposalId: string
}

/** The record this panel corrects, named by its panel id and the sha256 of its frozen record. */
export interface CorrectionOf {
  panelId: string
  recordHash: string
}

/**
 * The second event of a correction's log (after `panel.created`): which record it corrects and why.
 * Decisions that could not be carried over under the (corrected) inspection are named with the reason.
 */
export interface CorrectionOpenedEvent extends EventBase {
  type: 'correction.opened'
  correctionOf: CorrectionOf
  reason: string
  notCarried: { standardId: string; to: string; outcome: 'applied' | 'rejected'; reason: string }[]
}

/**
 * The forward link, in the corrected panel's access log (after its finalisation): its record never
 * changes; this says which panel corrects it, when, by whom and why.
 */
export interface CorrectionLinkedEvent extends EventBase {
  type: 'correction.linked'
  correctionPanelId: string
  /** The hash of the record corrected (this panel's), as the correction names it. */
  recordHash: string
  reason: string
}

export type PanelEvent =
  | PanelCreatedEvent
  | CorrectionOpenedEvent
  | SettingsChangedEvent
  | MembershipEvent
  | ProposalMadeEvent
  | VoteCastEvent
  | VoteSealedEvent
  | VotesRevealedEvent
  | ProposalRetractedEvent
  | ProposalDecidedEvent
  | PanelFinalisedEvent
  | CorrectionLinkedEvent

export type ProposalStatus = 'open' | 'retracted' | 'applied' | 'rejected'

export interface VoteState {
  by: string
  byName: string
  stance: Stance
  justification: string
  at: string
  /** Cast after the reveal (blind panels): a view changed, or first given, once the others were known. */
  afterReveal?: true
}

/** A standing sealed vote: who, when and the commitment, never how. */
export interface SealState {
  by: string
  byName: string
  at: string
  commitment: string
  supersedes: string | null
}

export interface ProposalState {
  id: string
  standardId: string
  from: string
  to: string
  direction: Direction
  triggers: TriggerKind[]
  justification: string
  by: string
  byName: string
  at: string
  status: ProposalStatus
  /** Live votes, one per person. */
  votes: Record<string, VoteState>
  /** Every vote ever cast on it, in order, changes included. */
  voteHistory: VoteState[]
  decision: {
    outcome: 'applied' | 'rejected'
    text: string
    by: string
    byName: string
    at: string
    belowQuorum?: BelowQuorum
  } | null
  /** Blind panels: each voter's standing commitment (absent on proposals never voted on blind). */
  seals?: Record<string, SealState>
  /** Every commitment made on it, in order, superseded ones included. */
  sealHistory?: SealState[]
  /** The reveal: every opening, the sealed (first) views the report keeps beside the final ones. */
  revealed?: { at: string; by: string; byName: string; auto: boolean; openings: Opening[] }
  /** Retracted while votes were sealed: how many stay unopened. */
  unopened?: number
  /** Carried over from the record a correction corrects (absent otherwise). */
  carriedFrom?: CarriedFrom
}

/** A forward link to a correction, as the access log holds it. */
export interface CorrectionLink {
  panelId: string
  recordHash: string
  reason: string
  at: string
  by: string
  byName: string
}

export interface MemberState {
  accountId: string
  name: string
  role: Role
  joinedAt: string | null
  /** Set when the lead removed them; their votes stay in the record. Absent on members never removed. */
  removedAt?: string
}

export type InviteStatus = 'pending' | 'used' | 'revoked'

export interface InviteState {
  inviteId: string
  name: string
  role: Role
  accountId: string | null
  by: string
  at: string
  expiresAt: string
  status: InviteStatus
  /** Who joined with it. */
  usedBy: string | null
}

export interface PanelState {
  panelId: string
  title: string
  frameworkId: string
  framework: Framework
  frameworkHash?: string
  inspection: unknown
  rating: RatingResult
  createdAt: string
  lead: string
  /** Absent in panels made before settings existed (settingsOf gives the defaults). */
  settings?: PanelSettings
  members: Record<string, MemberState>
  /** Invitations by id (none in logs from before membership was domain data). */
  invites: Record<string, InviteState>
  /** Proposal ids in the order they were made. */
  proposalOrder: string[]
  proposals: Record<string, ProposalState>
  finalised: {
    at: string
    by: string
    byName: string
    final: FinalResult
    keptWithoutProposal: string[]
  } | null
  /** A correction: the record it corrects, why, and what was not carried over (absent on other panels). */
  correctionOf?: CorrectionOf & {
    reason: string
    at: string
    by: string
    byName: string
    notCarried: CorrectionOpenedEvent['notCarried']
  }
  /** The access view only (never the record's state): the corrections opened of this panel's record. */
  correctedBy?: CorrectionLink[]
  /** Number of events folded into this state. */
  version: number
}

export type DomainErrorCode =
  | 'forbidden'
  | 'not-found'
  | 'finalised'
  | 'invalid'
  | 'conflict'
  /** Deciding below the panel's quorum without a reason for the override. */
  | 'below-quorum'

export interface DomainError {
  code: DomainErrorCode
  message: string
}
