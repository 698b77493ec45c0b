// Membership as domain data: who is invited, who joined, with which role, who was removed. The rules
// (decideMembership) and the fold (evolveMembership) used for the record's log and, after finalisation,
// for the separate access log that grants reading without changing the frozen record.
import { err, ok, type Result } from '../result.ts'
import type {
  Actor,
  DomainError,
  MemberState,
  MembershipCommand,
  MembershipEvent,
  PanelState,
  Role,
} from './types.ts'

const fail = (code: DomainError['code'], message: string) => err<DomainError>({ code, message })

export const isActiveMember = (m: MemberState | undefined): m is MemberState => !!m && !m.removedAt

export const activeMembers = (state: Pick<PanelState, 'members'>): MemberState[] =>
  Object.values(state.members).filter(isActiveMember)

const activeLeads = (state: Pick<PanelState, 'members'>): MemberState[] =>
  activeMembers(state).filter((m) => m.role === 'lead')

/** Same person by name (trimmed, case and spacing ignored): the invite form warns before a duplicate. */
export const sameName = (a: string, b: string): boolean =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase()

export interface MembershipContext {
  now: string
  /** After finalisation, access changes go to the access log: only reading can be granted or taken away. */
  afterFinalisation: boolean
  /** The actor is an organiser (account level): after finalisation an organiser who is a member may grant reading. */
  organiser?: boolean
}

export function decideMembership(
  state: PanelState,
  command: MembershipCommand,
  actor: Actor,
  ctx: MembershipContext,
): Result<MembershipEvent[], DomainError> {
  const base = { by: actor.accountId, byName: actor.name, at: ctx.now }
  const after = ctx.afterFinalisation
  const canManage = actor.role === 'lead' || (after && actor.role !== null && ctx.organiser === true)

  switch (command.type) {
    case 'invite': {
      if (!canManage)
        return fail(
          'forbidden',
          after
            ? 'Only the lead, or an organiser who is a member, can grant access to a finalised panel.'
            : 'Only the lead inspector invites people.',
        )
      if (after && command.role !== 'reviewer')
        return fail('finalised', 'The panel is finalised: people can now be invited only as reviewers.')
      if (state.invites[command.inviteId]) return fail('conflict', 'That invitation already exists.')
      if (command.accountId && isActiveMember(state.members[command.accountId]))
        return fail('conflict', `${command.name} is already a member of this panel.`)
      return ok([
        {
          type: 'member.invited',
          ...base,
          inviteId: command.inviteId,
          name: command.name,
          role: command.role,
          accountId: command.accountId,
          expiresAt: command.expiresAt,
        },
      ])
    }
    case 'revoke-invite': {
      if (!canManage) return fail('forbidden', 'Only the lead inspector can revoke an invitation.')
      const invite = state.invites[command.inviteId]
      if (!invite) return fail('not-found', 'There is no such invitation.')
      if (invite.status !== 'pending')
        return fail('conflict', `The invitation for ${invite.name} was already ${invite.status}.`)
      return ok([{ type: 'invite.revoked', ...base, inviteId: invite.inviteId }])
    }
    case 'join': {
      const invite = state.invites[command.inviteId]
      if (!invite) return fail('not-found', 'This invitation does not exist.')
      if (invite.status !== 'pending')
        return fail('conflict', `This invitation was already ${invite.status}; ask the lead for a new one.`)
      if (invite.expiresAt <= ctx.now) return fail('conflict', 'This invitation has expired.')
      if (after && invite.role !== 'reviewer')
        return fail('finalised', 'The panel is finalised; nobody new can join it except as a reviewer.')
      if (invite.accountId && invite.accountId !== actor.accountId)
        return fail('forbidden', `This invitation is for ${invite.name}'s existing account.`)
      // Opening a link never changes an existing membership's role.
      if (isActiveMember(state.members[actor.accountId]))
        return fail('conflict', 'You are already a member of this panel; the link changes nothing.')
      return ok([
        {
          type: 'member.joined',
          ...base,
          accountId: actor.accountId,
          inviteId: invite.inviteId,
          name: actor.name,
          role: invite.role,
        },
      ])
    }
    case 'change-role': {
      if (after) return fail('finalised', 'The panel is finalised; roles in its record cannot change.')
      if (actor.role !== 'lead') return fail('forbidden', "Only the lead inspector changes people's roles.")
      const m = state.members[command.accountId]
      if (!isActiveMember(m)) return fail('not-found', 'That person is not a member of this panel.')
      if (m.role === command.role) return fail('conflict', `${m.name} is already ${m.role}.`)
      if (m.role === 'lead' && activeLeads(state).length === 1)
        return fail('conflict', 'The panel needs a lead: make someone else lead before changing this role.')
      return ok([
        { type: 'member.role-changed', ...base, accountId: m.accountId, from: m.role, role: command.role },
      ])
    }
    case 'remove-member': {
      if (!canManage) return fail('forbidden', 'Only the lead inspector removes people.')
      const m = state.members[command.accountId]
      if (!isActiveMember(m)) return fail('not-found', 'That person is not a member of this panel.')
      if (m.role === 'lead' && activeLeads(state).length === 1)
        return fail('conflict', 'The last lead cannot be removed: make someone else lead first.')
      const events: MembershipEvent[] = [{ type: 'member.removed', ...base, accountId: m.accountId }]
      // Their pending invitations to this panel die with their membership.
      for (const i of Object.values(state.invites))
        if (i.status === 'pending' && i.accountId === m.accountId)
          events.push({ type: 'invite.revoked', ...base, inviteId: i.inviteId })
      return ok(events)
    }
  }
}

/** Folds one membership event into members and invites (nothing else changes). */
export function evolveMembership<S extends Pick<PanelState, 'members' | 'invites'>>(
  state: S,
  event: MembershipEvent,
): S {
  const members = state.members
  const invites = state.invites ?? {}
  switch (event.type) {
    case 'member.added': {
      const m: MemberState = {
        accountId: event.accountId,
        name: event.name,
        role: event.role,
        joinedAt: members[event.accountId]?.joinedAt ?? null,
      }
      return { ...state, members: { ...members, [event.accountId]: m } }
    }
    case 'member.joined': {
      if (event.inviteId === undefined) {
        // The older form: member.added came first.
        const m = members[event.accountId]
        if (!m) throw new Error(`member.joined for a non-member ${event.accountId}`)
        return { ...state, members: { ...members, [event.accountId]: { ...m, joinedAt: event.at } } }
      }
      const invite = invites[event.inviteId]
      if (!invite) throw new Error(`member.joined with unknown invitation ${event.inviteId}`)
      const m: MemberState = {
        accountId: event.accountId,
        name: event.name ?? invite.name,
        role: event.role ?? invite.role,
        joinedAt: event.at,
      }
      return {
        ...state,
        members: { ...members, [event.accountId]: m },
        invites: { ...invites, [invite.inviteId]: { ...invite, status: 'used', usedBy: event.accountId } },
      }
    }
    case 'member.invited':
      return {
        ...state,
        invites: {
          ...invites,
          [event.inviteId]: {
            inviteId: event.inviteId,
            name: event.name,
            role: event.role,
            accountId: event.accountId,
            by: event.by,
            at: event.at,
            expiresAt: event.expiresAt,
            status: 'pending',
            usedBy: null,
          },
        },
      }
    case 'invite.revoked': {
      const invite = invites[event.inviteId]
      if (!invite) throw new Error(`invite.revoked for unknown invitation ${event.inviteId}`)
      return { ...state, invites: { ...invites, [invite.inviteId]: { ...invite, status: 'revoked' } } }
    }
    case 'member.role-changed': {
      const m = members[event.accountId]
      if (!m) throw new Error(`member.role-changed for a non-member ${event.accountId}`)
      return { ...state, members: { ...members, [event.accountId]: { ...m, role: event.role } } }
    }
    case 'member.removed': {
      const m = members[event.accountId]
      if (!m) throw new Error(`member.removed for a non-member ${event.accountId}`)
      return { ...state, members: { ...members, [event.accountId]: { ...m, removedAt: event.at } } }
    }
  }
}

export const MEMBERSHIP_EVENT_TYPES: ReadonlySet<string> = new Set([
  'member.added',
  'member.joined',
  'member.invited',
  'invite.revoked',
  'member.role-changed',
  'member.removed',
])

export const isMembershipEvent = (e: { type: string }): e is MembershipEvent =>
  MEMBERSHIP_EVENT_TYPES.has(e.type)

/** The role each active member holds: what the memberships table projects. */
export function rolesOf(state: Pick<PanelState, 'members'>): { accountId: string; role: Role }[] {
  return activeMembers(state).map((m) => ({ accountId: m.accountId, role: m.role }))
}
