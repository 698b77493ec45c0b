// A proposal's sealed votes as everyone may see them before the reveal: who has voted and who has not,
// never how. Used by the live panel and by replay (which shows a sealed vote as sealed until the reveal step).
import { For } from 'solid-js'
import { mayVote } from '../../../shared/panel/sealed.ts'
import type { PanelState, ProposalState } from '../../../shared/panel/types.ts'
import { useT } from '../i18n/i18n.tsx'

export function SealedVoters(props: { state: PanelState; proposal: ProposalState; id: string }) {
  const t = useT()
  const rows = () => {
    const seals = props.proposal.seals ?? {}
    // Everyone who may vote now, and anyone who sealed a vote and has since left the panel.
    const ids = [...new Set([...mayVote(props.state), ...Object.keys(seals)])]
    return ids.map((id) => ({
      id,
      name: props.state.members[id]?.name ?? seals[id]?.byName ?? id,
      seal: seals[id],
    }))
  }
  return (
    <div class="sealed-voters">
      <h5 class="heading-xs" id={props.id}>
        {t().blind.whoVoted}
      </h5>
      <ul class="sealed-voters__list" aria-labelledby={props.id}>
        <For each={rows()}>
          {(r) => (
            <li class={r.seal ? 'sealed-voters__voted' : 'sealed-voters__waiting'}>
              <span aria-hidden="true">{r.seal ? '● ' : '○ '}</span>
              <strong>{r.name}</strong>:{' '}
              {r.seal ? (r.seal.supersedes ? t().blind.votedChanged : t().blind.voted) : t().blind.notVoted}
            </li>
          )}
        </For>
      </ul>
    </div>
  )
}
