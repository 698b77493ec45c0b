// Whether a proposal's votes (sealed or open) reach the panel's quorum; nothing when the panel has none.
import { Show } from 'solid-js'
import { quorumStatus, settingsOf } from '../../../shared/panel/settings.ts'
import type { PanelState, ProposalState } from '../../../shared/panel/types.ts'
import { useT } from '../i18n/i18n.tsx'

export function QuorumLine(props: { state: PanelState; proposal: ProposalState; id?: string }) {
  const t = useT()
  const q = () => settingsOf(props.state).quorum
  const status = () => quorumStatus(props.state, props.proposal)
  const text = () => {
    const s = status()
    if (s.met) return t().quorum.met(s.votes)
    return q() && 'minVotes' in q()!
      ? t().quorum.short(s.votes, s.required)
      : t().quorum.shortInspectors(s.missing.length)
  }
  return (
    <Show when={q()}>
      <p class={`quorum ${status().met ? 'quorum--met' : 'quorum--short'}`} id={props.id}>
        <span aria-hidden="true">{status().met ? '✔ ' : '⚠ '}</span>
        {text()}
      </p>
    </Show>
  )
}
