// A standard's outcome (or the overall score's) wherever a rating is shown: the rating now first, the rules-based
// one beside it when they differ, and what moved it: the decision, who made it and when, and its footnote.
import { For, Show, type JSX } from 'solid-js'
import type { OverallResult } from '../../../shared/engine/types.ts'
import { useT } from '../i18n/i18n.tsx'
import { useLabels } from '../lib/labels.tsx'
import { overallDistance } from '../lib/describe.ts'
import { overallNotRated } from '../lib/not-rated.ts'
import { sameOverall, type OverallOutcome, type StandardOutcome } from '../lib/outcome.ts'
import { RatingBadge } from './RatingBadge.tsx'

export function OutcomeView(props: {
  outcome: StandardOutcome
  /** How the footnote shows: in a disclosure (cards), in full (the detail), or not at all (the report numbers it). */
  footnote: 'details' | 'shown' | 'none'
  /** Whether to say who moved it and when (the report leaves that to its footnotes). */
  movedLine?: boolean
  /** After the current rating, e.g. the report's footnote reference. */
  after?: JSX.Element
}) {
  const t = useT()
  const o = () => props.outcome
  // The report, like the published one, does not say which standards are judged.
  const suffix = () =>
    o().kind === 'judged' && props.movedLine !== false ? `(${t().result.judgedShort})` : undefined
  return (
    <div class="outcome" classList={{ 'outcome--moved': !!o().moved }}>
      <p class="outcome__ratings">
        <span data-testid="outcome-current">
          <Show when={props.movedLine !== false}>
            <span class="visually-hidden">{o().finalised ? t().outcome.final : t().outcome.now}: </span>
          </Show>
          <RatingBadge rating={o().current} suffix={suffix()} />
        </span>
        {props.after}
        <Show when={o().current !== o().rulesBased}>
          {' '}
          <span class="outcome__rules" data-testid="outcome-rules">
            ({t().outcome.rulesBased}: <RatingBadge rating={o().rulesBased} small />)
          </span>
        </Show>
      </p>
      <Show when={o().moved}>
        {(m) => (
          <>
            <p class="outcome__moved" data-testid="outcome-moved" hidden={props.movedLine === false}>
              <span aria-hidden="true">{m().direction === 'up' ? '▲ ' : '▼ '}</span>
              {(m().direction === 'up' ? t().outcome.raised : t().outcome.lowered)(
                m().byName,
                t().common.dateTime(m().at),
              )}
            </p>
            <Show when={props.footnote === 'details'}>
              <details class="outcome__footnote">
                <summary>{t().outcome.footnote}</summary>
                <blockquote class="quote" data-testid="outcome-footnote">
                  {m().footnote}
                </blockquote>
              </details>
            </Show>
            <Show when={props.footnote === 'shown'}>
              <div class="outcome__footnote">
                <p class="heading-xs">{t().outcome.footnote}</p>
                <blockquote class="quote" data-testid="outcome-footnote">
                  {m().footnote}
                </blockquote>
              </div>
            </Show>
          </>
        )}
      </Show>
    </div>
  )
}

/** "18/36 Requires improvement (rules-based 15/36 Requires improvement), changed by the decisions on 2.1, 3.2, 3.3". */
export function OverallOutcomeView(props: { outcome: OverallOutcome; testId?: string; label: string }) {
  const t = useT()
  const labels = useLabels()
  const o = () => props.outcome
  const score = (x: OverallResult) => `${x.score}/${x.max}`
  return (
    <div class="score-line" data-testid={props.testId}>
      <dt>{props.label}</dt>
      <dd>
        <Show when={o().current.by === 'judgement' && o().current.rating}>
          <span class="score-line__number">{t().result.overallByJudgement}</span>{' '}
          <RatingBadge rating={o().current.rating} />
        </Show>
        <Show
          when={o().current.score !== null && o().current.rating}
          fallback={
            <Show when={!(o().current.by === 'judgement' && o().current.rating)}>
              {t().overall.noOverall(overallNotRated(t(), o().current))}
            </Show>
          }
        >
          <span class="score-line__number">{score(o().current)}</span>{' '}
          <RatingBadge rating={o().current.rating} />
          <For each={overallDistance(t(), o().current, labels.rating)}>
            {(d) => <span class="score-line__distance">{d}</span>}
          </For>
          <Show when={!sameOverall(o().current, o().rulesBased) && o().rulesBased.score !== null}>
            <span class="score-line__rules">
              {t().outcome.scoreRules(score(o().rulesBased))}{' '}
              <RatingBadge rating={o().rulesBased.rating} small />
            </span>
          </Show>
          <Show when={o().movedBy.length}>
            <span class="score-line__moved">{t().outcome.movedBy(o().movedBy.join(', '))}</span>
          </Show>
        </Show>
      </dd>
    </div>
  )
}
