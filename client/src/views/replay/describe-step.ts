// A step of the history in words: who did what, from the event itself (the log holds everything). Pure.
import type { PanelEvent } from '../../../../shared/panel/types.ts'
import type { Messages } from '../../i18n/en.ts'
import { updateInBurst, type Story } from './story.ts'
import { nameOf, type Timeline } from './timeline.ts'

export function describeEvent(t: Messages, tl: Timeline, e: PanelEvent): string {
  const sidOf = (proposalId: string) => tl.standardOf.get(proposalId) ?? ''
  switch (e.type) {
    case 'panel.created':
      return t.replay.created(e.byName)
    case 'member.added':
      return t.replay.memberAdded(e.name, t.roles[e.role] ?? e.role)
    case 'member.joined':
      return t.activity.joined(e.name ?? nameOf(tl, e.accountId))
    case 'member.invited':
      return t.replay.memberWasInvited(e.byName, e.name, t.roles[e.role] ?? e.role)
    case 'invite.revoked':
      return t.replay.inviteRevoked(e.byName, tl.inviteNames.get(e.inviteId) ?? '')
    case 'member.role-changed':
      return t.replay.roleChanged(e.byName, nameOf(tl, e.accountId), t.roles[e.role] ?? e.role)
    case 'member.removed':
      return t.replay.memberRemoved(e.byName, nameOf(tl, e.accountId))
    case 'proposal.made':
      return t.activity.proposal(e.byName, e.standardId, e.from, e.to)
    case 'vote.cast': {
      const stance = t.stances[e.stance] ?? e.stance
      if (e.afterReveal && e.replaces)
        return t.blind.activityAfterReveal(e.byName, stance, sidOf(e.proposalId))
      return e.replaces
        ? t.activity.voteChanged(e.byName, stance, sidOf(e.proposalId))
        : t.activity.vote(e.byName, stance, sidOf(e.proposalId))
    }
    case 'vote.sealed':
      return e.supersedes
        ? t.blind.activityResealed(e.byName, sidOf(e.proposalId))
        : t.blind.activitySealed(e.byName, sidOf(e.proposalId))
    case 'votes.revealed':
      return e.auto
        ? t.blind.activityAutoRevealed(sidOf(e.proposalId), e.openings.length)
        : t.blind.activityRevealed(e.byName, sidOf(e.proposalId), e.openings.length)
    case 'panel.settings-changed':
      return t.settings.changed(e.byName)
    case 'proposal.retracted':
      return t.activity.retracted(e.byName, sidOf(e.proposalId))
    case 'proposal.decided':
      return e.outcome === 'applied'
        ? t.activity.applied(e.byName, sidOf(e.proposalId))
        : t.activity.rejected(e.byName, sidOf(e.proposalId))
    case 'panel.finalised':
      return t.activity.finalised(e.byName)
    case 'correction.opened':
      return t.correction.openedStep(e.byName, e.correctionOf.panelId)
    case 'correction.linked':
      return t.correction.linkedStep(e.byName, e.correctionPanelId)
  }
}

const editorName = (t: Messages, tl: Timeline, accountId: string) =>
  accountId === 'server' ? t.replay.serverName : nameOf(tl, accountId)

/** What the story step holding raw step `pos` is, in words; inside an expanded burst, which of its updates. */
export function describeStep(t: Messages, tl: Timeline, story: Story, pos: number): string {
  const st = story.steps[story.ofRaw[pos]!]!
  if (st.kind === 'event') return describeEvent(t, tl, tl.events[st.index]!.event)
  const who = editorName(t, tl, st.accountId)
  const what = st.raws.length === 1 ? t.replay.edited(who) : t.replay.edits(who, st.raws.length)
  const inner = updateInBurst(story, pos)
  return inner ? `${what} ${t.replay.update(inner.n, inner.of)}` : what
}

export const stepTime = (tl: Timeline, step: number): string => new Date(tl.time[step]!).toISOString()
