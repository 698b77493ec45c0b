// The report's account of the panel's process: its settings (blind votes, quorum), and for each proposal the
// votes, with a blind panel's sealed (first) views beside the final ones, and any decision below quorum.
import { For, Show } from 'solid-js'
import { settingsOf } from '../../../../shared/panel/settings.ts'
import type { PanelState, ProposalState } from '../../../../shared/panel/types.ts'
import { RatingBadge } from '../../components/RatingBadge.tsx'
import { SealedVoters } from '../../components/SealedVoters.tsx'
import { SettingsSummary } from '../../components/SettingsSummary.tsx'
import { VoteDistribution } from '../../components/VoteDistribution.tsx'
import { useT } from '../../i18n/i18n.tsx'

export function VotesSection(props: { state: PanelState }) {
  const t = useT()
  const proposals = () => props.state.proposalOrder.map((id) => props.state.proposals[id]!)
  return (
    <section class="report__votes" aria-labelledby="report-settings-heading">
      <h2 id="report-settings-heading" class="heading-s">
        {t().settings.heading}
      </h2>
      <SettingsSummary settings={settingsOf(props.state)} />
      <Show when={proposals().length}>
        <h2 class="heading-s" id="report-votes-heading">
          {t().blind.distribution}
        </h2>
        <For each={proposals()}>{(p) => <ProposalVotes state={props.state} proposal={p} />}</For>
      </Show>
    </section>
  )
}

function ProposalVotes(props: { state: PanelState; proposal: ProposalState }) {
  const t = useT()
  const p = () => props.proposal
  const headingId = () => `report-proposal-${p().id}`
  const votes = () => Object.values(p().votes)
  return (
    <article
      class="report__proposal"
      aria-labelledby={headingId()}
      data-testid={`report-votes-${p().standardId}`}
    >
      <h3 class="heading-xs" id={headingId()}>
        {p().standardId}: <RatingBadge rating={p().from} /> → <RatingBadge rating={p().to} />{' '}
        <span class={`tag tag--${p().status}`}>{t().statuses[p().status]}</span>
      </h3>
      <Show when={p().decision?.belowQuorum}>
        {(b) => <p class="notice">⚠ {t().quorum.belowInReport(b().votes, b().reason)}</p>}
      </Show>
      <Show when={p().unopened}>{(n) => <p class="hint">{t().blind.unopened(n())}</p>}</Show>
      <Show
        when={p().revealed}
        fallback={
          <Show
            when={Object.keys(p().seals ?? {}).length && p().status === 'open'}
            fallback={
              <Show when={votes().length} fallback={<p class="hint">{t().standard.noVotes}</p>}>
                <table class="table table--compact">
                  <thead>
                    <tr>
                      <th scope="col">{t().standard.voter}</th>
                      <th scope="col">{t().standard.stance}</th>
                      <th scope="col">{t().standard.justification}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={votes()}>
                      {(v) => (
                        <tr>
                          <th scope="row">{v.byName}</th>
                          <td>{t().stances[v.stance]}</td>
                          <td>{v.justification}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            }
          >
            <SealedVoters state={props.state} proposal={p()} id={`report-sealed-${p().id}`} />
          </Show>
        }
      >
        <VoteDistribution proposal={p()} id={`report-distribution-${p().id}`} />
      </Show>
    </article>
  )
}
