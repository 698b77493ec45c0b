// The record's log in words: newest first, and the sentence a screen reader hears when someone else acts.
import { For, Show, type Accessor } from 'solid-js'
import type { PanelState } from '../../../../shared/panel/types.ts'
import type { LogEntry } from '../../../../shared/ydoc/layout.ts'
import type { Messages } from '../../i18n/en.ts'
import { useT } from '../../i18n/i18n.tsx'
import { usePanel } from './panel-context.ts'

export function describeEntry(t: Messages, e: LogEntry, state: PanelState): string {
  const p = e.proposalId ? state.proposals[e.proposalId] : undefined
  const sid = e.standardId ?? p?.standardId ?? ''
  switch (e.type) {
    case 'proposal.made':
      return t.activity.proposal(e.byName, sid, p?.from ?? '', p?.to ?? '')
    case 'vote.cast': {
      const stance = t.stances[p?.votes[e.by]?.stance ?? ''] ?? e.summary
      if (e.summary.includes('after the reveal') && e.summary.startsWith('changed'))
        return t.blind.activityAfterReveal(e.byName, stance, sid)
      return e.summary.startsWith('changed')
        ? t.activity.voteChanged(e.byName, stance, sid)
        : t.activity.vote(e.byName, stance, sid)
    }
    case 'vote.sealed':
      return e.summary.startsWith('changed')
        ? t.blind.activityResealed(e.byName, sid)
        : t.blind.activitySealed(e.byName, sid)
    case 'votes.revealed': {
      const n = p?.revealed?.openings.length ?? 0
      return e.summary.includes('by themselves')
        ? t.blind.activityAutoRevealed(sid, n)
        : t.blind.activityRevealed(e.byName, sid, n)
    }
    case 'panel.settings-changed':
      return t.settings.changed(e.byName)
    case 'proposal.retracted':
      return t.activity.retracted(e.byName, sid)
    case 'proposal.decided':
      return e.summary.startsWith('applied')
        ? t.activity.applied(e.byName, sid)
        : t.activity.rejected(e.byName, sid)
    case 'panel.finalised':
      return t.activity.finalised(e.byName)
    case 'member.joined':
      return t.activity.joined(e.byName)
    default:
      return t.activity.other(e.byName, e.summary)
  }
}

export function Activity(props: { log: Accessor<LogEntry[]> }) {
  const t = useT()
  const recent = () => [...props.log()].reverse().slice(0, 30)
  return (
    <section class="side-section activity" aria-labelledby="activity-heading">
      <h2 id="activity-heading" class="heading-s">
        {t().panel.activity}
      </h2>
      <Show when={recent().length} fallback={<p class="hint">{t().panel.noActivity}</p>}>
        {/* It scrolls past 24em: focusable (named by its heading) so keyboard users can scroll it too. */}
        <ol class="activity__list" reversed tabindex="0" aria-labelledby="activity-heading">
          <For each={recent()}>
            {(e) => (
              <li>
                <span class="activity__when">{t().common.dateTime(e.at)}</span> <ActivityLine entry={e} />
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  )
}

function ActivityLine(props: { entry: LogEntry }) {
  const t = useT()
  const p = usePanel()
  return <span>{describeEntry(t(), props.entry, p.state)}</span>
}
