// The board: every domain and standard with its key questions, bars, triggers, proposals and the lead's focus.
import { For, Show } from 'solid-js'
import type { StandardResult } from '../../../../shared/engine/types.ts'
import { isSealed } from '../../../../shared/panel/sealed.ts'
import { OutcomeView } from '../../components/Outcome.tsx'
import { TriggerText } from '../../components/RatingTable.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { useLabels } from '../../lib/labels.tsx'
import { hasTriggers } from '../../lib/describe.ts'
import { standardNotRated } from '../../lib/not-rated.ts'
import { groupByDomain } from '../../lib/domains.ts'
import { Link } from '../../lib/router.tsx'
import { DiscretionFilter } from './DiscretionFilter.tsx'
import { KeyQuestionRow } from './KeyQuestionRow.tsx'
import { usePanel } from './panel-context.ts'

export function Board() {
  const t = useT()
  const labels = useLabels()
  const p = usePanel()
  const groups = () =>
    groupByDomain(
      p.state.rating.standards.filter((s) => !p.discretionOnly() || hasTriggers(s)),
      p.domains(),
    )
  const triggered = () => p.state.rating.standards.filter(hasTriggers).length
  return (
    <section class="board" aria-labelledby="board-heading">
      <h2 id="board-heading">{t().panel.boardHeading}</h2>
      <p class="hint">{t().panel.discretionCount(triggered())}</p>
      <DiscretionFilter id="board-filter" />
      <For each={groups()}>
        {(g) => (
          <section class="domain" aria-labelledby={`domain-${g.id}`}>
            <h3 id={`domain-${g.id}`} class="domain__title">
              {t().result.domainHeading(g.id, labels.domain(g.id, g.title))}
            </h3>
            <For each={g.standards}>{(s) => <StandardCard standard={s} />}</For>
          </section>
        )}
      </For>
    </section>
  )
}

function StandardCard(props: { standard: StandardResult }) {
  const t = useT()
  const labels = useLabels()
  const p = usePanel()
  const s = () => props.standard
  const proposals = () =>
    p.state.proposalOrder
      .map((id) => p.state.proposals[id]!)
      .filter((x) => x.standardId === s().id && x.status !== 'retracted')
  const focused = () => p.focus()?.standardId === s().id
  const open = () => p.openStandard() === s().id
  const headingId = () => `standard-${s().id}-heading`
  return (
    <article
      class="standard-card"
      id={`standard-${s().id}`}
      classList={{
        'standard-card--triggered': hasTriggers(s()),
        'standard-card--focused': focused(),
        'standard-card--open': open(),
      }}
      aria-labelledby={headingId()}
    >
      <header class="standard-card__head">
        <h4 id={headingId()} class="standard-card__title">
          {s().id} {labels.standard(s().id, s().title)}
        </h4>
      </header>
      <Show when={p.outcomes()[s().id]}>{(o) => <OutcomeView outcome={o()} footnote="details" />}</Show>
      <Show when={focused()}>
        <p class="marker marker--focus">{t().focus.inFocus(p.nameOf(p.focus()!.by))}</p>
      </Show>
      <Show when={!s().scored}>
        <p class="hint">{t().result.notScored}</p>
      </Show>
      <Show when={s().rating === null}>
        <p class="hint">{t().standard.notRated(standardNotRated(t(), s()))}</p>
      </Show>
      <Show when={hasTriggers(s())}>
        <div class="standard-card__triggers">
          <TriggerText standard={s()} />
        </div>
      </Show>
      <Show when={s().kind === 'cases'}>
        <ul class="kq-rows">
          <For each={s().keyQuestions}>
            {(k) => <KeyQuestionRow kq={k} driving={k.id === s().drivingQuestion} />}
          </For>
        </ul>
      </Show>
      <For each={proposals()}>
        {(x) => {
          const counts = () => {
            const v = Object.values(x.votes)
            return [
              v.filter((y) => y.stance === 'support').length,
              v.filter((y) => y.stance === 'oppose').length,
              v.filter((y) => y.stance === 'abstain').length,
            ] as const
          }
          return (
            <p class={`proposal-line proposal-line--${x.status}`}>
              {x.direction === 'up' ? '▲' : '▼'}{' '}
              {t().panel.proposalSummary(labels.rating(x.to), t().statuses[x.status] ?? x.status)} —{' '}
              {isSealed(p.state, x)
                ? t().blind.sealedCount(Object.keys(x.seals ?? {}).length)
                : t().panel.votesSummary(...counts())}
            </p>
          )
        }}
      </For>
      <p class="standard-card__open">
        <Link href={p.standardHref(s().id)} aria-current={open() ? 'page' : undefined}>
          {t().panel.openStandard(s().id, labels.standard(s().id, s().title))}
        </Link>
      </p>
    </article>
  )
}
