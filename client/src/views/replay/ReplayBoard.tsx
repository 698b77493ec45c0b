// The panel as it was at the step on display: the score then, every standard's rating then, the proposals
// with their status and tally of votes, the decisions, and the drafts and notes as they stood.
import { createMemo, For, Show } from 'solid-js'
import type { StandardResult } from '../../../../shared/engine/types.ts'
import { openProposals } from '../../../../shared/panel/decide.ts'
import type { ProposalState } from '../../../../shared/panel/types.ts'
import { SealedVoters } from '../../components/SealedVoters.tsx'
import { VoteDistribution } from '../../components/VoteDistribution.tsx'
import { RatingBadge } from '../../components/RatingBadge.tsx'
import { TriggerText } from '../../components/RatingTable.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { useLabels } from '../../lib/labels.tsx'
import { OutcomeView, OverallOutcomeView } from '../../components/Outcome.tsx'
import { hasTriggers } from '../../lib/describe.ts'
import { overallOutcome, standardOutcomes, type StandardOutcome } from '../../lib/outcome.ts'
import { domainTitles, groupByDomain } from '../../lib/domains.ts'
import { projected } from '../panel/projection.ts'
import { resultAt } from './compare.ts'
import { describeStep, stepTime } from './describe-step.ts'
import type { Replay } from './replay-store.ts'
import { parseDraftKey, type Snapshot } from './snapshot.ts'
import type { Story } from './story.ts'
import type { Timeline } from './timeline.ts'

const STANCE_ICON: Record<string, string> = { support: '✔', oppose: '✘', abstain: '–' }

export function ReplayBoard(props: { replay: Replay }) {
  const t = useT()
  return (
    <section class="replay-board" aria-labelledby="replay-board-heading" aria-busy={props.replay.loading()}>
      <h2 id="replay-board-heading">{t().replay.boardHeading}</h2>
      <Show when={props.replay.shown()} fallback={<p class="loading">{t().common.loading}</p>}>
        {(s) => (
          <BoardAt
            timeline={props.replay.timeline}
            story={props.replay.story}
            step={s().step}
            snapshot={s().snapshot}
          />
        )}
      </Show>
    </section>
  )
}

function BoardAt(props: { timeline: Timeline; story: Story; step: number; snapshot: Snapshot }) {
  const t = useT()
  const labels = useLabels()
  const state = () => props.snapshot.state
  const result = createMemo(() => resultAt(state()))
  const proj = createMemo(() =>
    !state().finalised && openProposals(state()).length ? projected(state().framework, state()) : null,
  )
  const outcomes = createMemo(() =>
    Object.fromEntries(standardOutcomes(state().framework, state(), result()).map((o) => [o.id, o])),
  )
  const groups = () => groupByDomain(state().rating.standards, domainTitles(state().framework))
  const members = () => Object.values(state().members)
  return (
    <>
      <p class="replay-board__when">
        {t().replay.when(
          describeStep(t(), props.timeline, props.story, props.step),
          t().replay.time(stepTime(props.timeline, props.step)),
        )}
      </p>
      <Show when={state().finalised} fallback={<p class="hint">{t().replay.notFinalisedThen}</p>}>
        {(f) => (
          <p class="notice notice--done">
            ✔ {t().replay.finalisedThen(t().common.dateTime(f().at), f().byName)}
          </p>
        )}
      </Show>
      <section class="overall-summary" aria-labelledby="replay-overall-heading">
        <h3 id="replay-overall-heading">{t().overall.heading}</h3>
        <dl class="score-lines">
          <OverallOutcomeView
            label={state().finalised ? t().overall.final : t().replay.scoreThenLabel}
            outcome={overallOutcome(state().framework, state(), result())}
            testId="replay-score"
          />
          <Show when={proj()}>
            {(p) => (
              <OverallOutcomeView
                label={t().overall.projected}
                outcome={{
                  ...overallOutcome(state().framework, state(), result()),
                  current: p().overall,
                  movedBy: [],
                }}
                testId="replay-score-projected"
              />
            )}
          </Show>
        </dl>
      </section>
      <For each={groups()}>
        {(g) => (
          <section class="domain" aria-labelledby={`replay-domain-${g.id}`}>
            <h3 id={`replay-domain-${g.id}`} class="domain__title">
              {t().result.domainHeading(g.id, labels.domain(g.id, g.title))}
            </h3>
            <For each={g.standards}>
              {(s) => <StandardAt standard={s} snapshot={props.snapshot} outcome={outcomes()[s.id]!} />}
            </For>
          </section>
        )}
      </For>
      <section aria-labelledby="replay-members-heading">
        <h3 id="replay-members-heading" class="heading-s">
          {t().replay.membersHeading}
        </h3>
        <ul class="replay-members">
          <For each={members()}>
            {(m) => (
              <li>
                {m.joinedAt || m.accountId === state().lead
                  ? t().replay.memberJoined(m.name, t().roles[m.role] ?? m.role)
                  : t().replay.memberInvited(m.name, t().roles[m.role] ?? m.role)}
              </li>
            )}
          </For>
        </ul>
      </section>
    </>
  )
}

function StandardAt(props: { standard: StandardResult; snapshot: Snapshot; outcome: StandardOutcome }) {
  const t = useT()
  const labels = useLabels()
  const s = () => props.standard
  const state = () => props.snapshot.state
  const proposals = () =>
    state()
      .proposalOrder.map((id) => state().proposals[id]!)
      .filter((p) => p.standardId === s().id)
  const focused = () => props.snapshot.focus?.standardId === s().id
  const drafts = () =>
    (['proposal', 'footnote', 'decision', 'note'] as const)
      .map((kind) => ({ kind, text: props.snapshot.drafts[`${kind}:${s().id}`] ?? '' }))
      .filter((d) => d.text)
  const headingId = () => `replay-standard-${s().id}`
  return (
    <article
      class="standard-card replay-standard"
      classList={{ 'standard-card--triggered': hasTriggers(s()), 'standard-card--focused': focused() }}
      aria-labelledby={headingId()}
      data-standard={s().id}
    >
      <header class="standard-card__head">
        <h4 id={headingId()} class="standard-card__title">
          {s().id} {labels.standard(s().id, s().title)}
        </h4>
      </header>
      <div data-testid={`replay-rating-${s().id}`}>
        <OutcomeView outcome={props.outcome} footnote="details" />
      </div>
      <Show when={focused()}>
        <p class="marker marker--focus">
          {t().focus.inFocus(props.snapshot.focus!.by ? nameIn(state(), props.snapshot.focus!.by) : '')}
        </p>
      </Show>
      <Show when={hasTriggers(s())}>
        <div class="standard-card__triggers">
          <TriggerText standard={s()} />
        </div>
      </Show>
      <For each={proposals()}>{(p) => <ProposalAt proposal={p} snapshot={props.snapshot} />}</For>
      <Show when={drafts().length}>
        <div class="replay-drafts">
          <For each={drafts()}>
            {(d) => <Draft label={`${s().id}: ${t().replay.draftKinds[d.kind]}`} text={d.text} />}
          </For>
        </div>
      </Show>
    </article>
  )
}

const nameIn = (state: Snapshot['state'], accountId: string) => state.members[accountId]?.name ?? accountId

function ProposalAt(props: { proposal: ProposalState; snapshot: Snapshot }) {
  const t = useT()
  const p = () => props.proposal
  const votes = () => Object.values(p().votes)
  const count = (stance: string) => votes().filter((v) => v.stance === stance).length
  const voteDrafts = () =>
    Object.entries(props.snapshot.drafts)
      .map(([key, text]) => ({ key: parseDraftKey(key), text }))
      .filter(
        (d): d is { key: { kind: 'vote'; proposalId: string; accountId: string }; text: string } =>
          d.key?.kind === 'vote' && d.key.proposalId === p().id,
      )
  const status = () =>
    p().status === 'open' ? t().replay.undecided : (t().statuses[p().status] ?? p().status)
  return (
    <div
      class={`proposal proposal--${p().status} replay-proposal`}
      data-testid={`replay-proposal-${p().standardId}`}
    >
      <p class="proposal__title">
        <span aria-hidden="true">{p().direction === 'up' ? '▲' : '▼'} </span>
        <RatingBadge rating={p().from} /> → <RatingBadge rating={p().to} />{' '}
        <span class={`tag tag--${p().status}`}>{status()}</span>
      </p>
      <p class="hint">{t().standard.proposedBy(p().byName, t().common.dateTime(p().at))}</p>
      <blockquote class="quote">{p().justification}</blockquote>
      <p>{t().replay.tally(count('support'), count('oppose'), count('abstain'))}</p>
      {/* A sealed vote stays sealed in replay until the step that reveals it. */}
      <Show when={!p().revealed && Object.keys(p().seals ?? {}).length}>
        <p class="hint">{t().blind.replaySealed}</p>
        <SealedVoters state={props.snapshot.state} proposal={p()} id={`replay-sealed-${p().id}`} />
      </Show>
      <Show when={p().revealed}>
        <VoteDistribution proposal={p()} id={`replay-distribution-${p().id}`} />
      </Show>
      <Show when={votes().length && !p().revealed}>
        <ul class="replay-votes">
          <For each={votes()}>
            {(v) => (
              <li>
                <span aria-hidden="true">{STANCE_ICON[v.stance]} </span>
                <strong>{v.byName}</strong>: {t().stances[v.stance]} — {v.justification}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={p().decision}>
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
            <blockquote class="quote">{d().text}</blockquote>
          </div>
        )}
      </Show>
      <For each={voteDrafts()}>
        {(d) => (
          <Draft label={t().replay.voteDraft(nameIn(props.snapshot.state, d.key.accountId))} text={d.text} />
        )}
      </For>
    </div>
  )
}

function Draft(props: { label: string; text: string }) {
  return (
    <figure class="replay-draft">
      <figcaption class="heading-xs">{props.label}</figcaption>
      {/* A long draft scrolls in its own box, which the keyboard can reach and scroll. */}
      <div class="replay-draft__text" tabindex="0" role="region" aria-label={props.label}>
        {props.text}
      </div>
    </figure>
  )
}
