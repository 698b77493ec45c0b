// A proposal: what it asks, its justification, the votes (and how they changed), the decision, and the actions open to me.
import { createSignal, For, Show } from 'solid-js'
import { isSealed, votesAreBlind } from '../../../../shared/panel/sealed.ts'
import { settingsOf } from '../../../../shared/panel/settings.ts'
import type { ProposalState } from '../../../../shared/panel/types.ts'
import { ErrorMessage } from '../../components/Problems.tsx'
import { QuorumLine } from '../../components/QuorumLine.tsx'
import { RatingBadge } from '../../components/RatingBadge.tsx'
import { SealedVoters } from '../../components/SealedVoters.tsx'
import { VoteDistribution } from '../../components/VoteDistribution.tsx'
import { failureText } from '../../lib/http.ts'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { focusWhenLost } from '../../lib/page.ts'
import { DecideForm } from './DecideForm.tsx'
import { FootnoteDraft } from './FootnoteDraft.tsx'
import { BlindVoteForm } from './BlindVoteForm.tsx'
import { usePanel } from './panel-context.ts'
import { RevealButton } from './RevealButton.tsx'
import { VoteForm } from './VoteForm.tsx'

const STANCE_ICON: Record<string, string> = { support: '✔', oppose: '✘', abstain: '–' }

export function ProposalView(props: { proposal: ProposalState }) {
  const t = useT()
  const p = usePanel()
  const announce = useAnnounce()
  const x = () => props.proposal
  const votes = () => Object.values(x().votes)
  const [error, setError] = createSignal<string | null>(null)
  const [footnoteHeld, setFootnoteHeld] = createSignal(false)
  const [footnote, setFootnote] = createSignal('')
  const [footnoteError, setFootnoteError] = createSignal<string | undefined>()
  const retract = async () => {
    setError(null)
    const r = await p.send({ type: 'retract', proposalId: x().id })
    if (!r.ok) return setError(failureText(t(), r.error))
    announce(t().standard.retracted)
    // The Retract button goes with the open status; the proposal's heading keeps focus in place.
    focusWhenLost(headingId())
  }
  // A decision carried over into a correction: the lead reopens it (retracts it) so the standard is free again.
  const reopen = async () => {
    setError(null)
    const r = await p.send({ type: 'retract', proposalId: x().id })
    if (!r.ok) return setError(failureText(t(), r.error))
    announce(t().correction.reopened)
    focusWhenLost(headingId())
  }
  const headingId = () => `proposal-${x().id}`
  return (
    <article class={`proposal proposal--${x().status}`} aria-labelledby={headingId()}>
      <h4 id={headingId()} class="proposal__title">
        {x().direction === 'up' ? '▲' : '▼'} <RatingBadge rating={x().from} /> →{' '}
        <RatingBadge rating={x().to} />{' '}
        <span class={`tag tag--${x().status}`}>{t().statuses[x().status]}</span>
      </h4>
      <p class="hint">{t().standard.proposedBy(x().byName, t().common.dateTime(x().at))}</p>
      <Show when={x().carriedFrom}>
        <p class="hint">{t().correction.carried}</p>
        <Show when={x().status !== 'retracted' && p.isLead() && !p.state.finalised}>
          <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
          <button type="button" class="button button--secondary" onClick={() => void reopen()}>
            {t().correction.reopen}
          </button>
        </Show>
      </Show>
      <h5 class="heading-xs">{t().standard.justification}</h5>
      <blockquote class="quote">{x().justification}</blockquote>

      <Show when={x().unopened}>{(n) => <p class="notice">{t().blind.unopened(n())}</p>}</Show>
      <Show when={x().status === 'open' && votesAreBlind(p.state, x())}>
        <p class="notice">{t().blind.sealedNotice}</p>
        <SealedVoters state={p.state} proposal={x()} id={`sealed-${x().id}`} />
      </Show>
      <Show when={x().status === 'open'}>
        <QuorumLine state={p.state} proposal={x()} />
      </Show>
      <Show when={x().revealed}>
        <VoteDistribution proposal={x()} id={`distribution-${x().id}`} />
      </Show>
      <Show when={!x().revealed && !votesAreBlind(p.state, x())}>
        <h5 class="heading-xs">{t().standard.votes}</h5>
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
                    <td class={`stance stance--${v.stance}`}>
                      <span aria-hidden="true">{STANCE_ICON[v.stance]}</span> {t().stances[v.stance]}
                    </td>
                    <td>{v.justification}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
        <Show when={x().voteHistory.length > votes().length}>
          <details class="history">
            <summary>{t().standard.voteHistory}</summary>
            <ol>
              <For each={x().voteHistory}>
                {(v) => (
                  <li>
                    {t().common.dateTime(v.at)} — {v.byName}: {t().stances[v.stance]} — {v.justification}
                  </li>
                )}
              </For>
            </ol>
          </details>
        </Show>
      </Show>

      <Show when={x().decision}>
        {(d) => (
          <div class="decision">
            <p>
              <strong>
                {t().standard.decision(
                  t().statuses[d().outcome] ?? d().outcome,
                  d().byName,
                  t().common.dateTime(d().at),
                )}
              </strong>
            </p>
            <h5 class="heading-xs">
              {d().outcome === 'applied' ? t().standard.footnote : t().standard.reason}
            </h5>
            <blockquote class="quote">{d().text}</blockquote>
          </div>
        )}
      </Show>

      <Show when={x().status === 'open' && !p.state.finalised}>
        <FootnoteDraft
          proposal={x()}
          onHeld={setFootnoteHeld}
          onValue={setFootnote}
          error={footnoteError()}
        />
      </Show>
      <Show when={x().status === 'open' && p.canWrite()}>
        {/* On a blind panel vote drafts stay in the voter's browser, before the reveal and after it. */}
        <Show when={settingsOf(p.state).blindVotes} fallback={<VoteForm proposal={x()} />}>
          <BlindVoteForm proposal={x()} />
        </Show>
        <Show when={p.isLead()}>
          <Show
            when={isSealed(p.state, x())}
            fallback={
              <DecideForm
                proposal={x()}
                footnote={footnote()}
                footnoteHeld={footnoteHeld()}
                onFootnoteError={setFootnoteError}
              />
            }
          >
            <RevealButton proposal={x()} />
          </Show>
        </Show>
        <Show when={x().by === p.me.accountId}>
          <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
          <button type="button" class="button button--warning" onClick={() => void retract()}>
            {t().standard.retract}
          </button>
        </Show>
      </Show>
    </article>
  )
}
