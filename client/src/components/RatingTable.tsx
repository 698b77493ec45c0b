// The rules-based result as a table: domains, standards, key questions with counts, ratings, triggers; then the overall score.
import { For, Show } from 'solid-js'
import type {
  AreaResult,
  KeyQuestionResult,
  RatingResult,
  StandardResult,
} from '../../../shared/engine/types.ts'
import { useT } from '../i18n/i18n.tsx'
import { useLabels } from '../lib/labels.tsx'
import { distanceText, overallDistance, roundingText, triggerSentence } from '../lib/describe.ts'
import { overallNotRated, standardNotRated } from '../lib/not-rated.ts'
import { groupByDomain, type DomainTitles } from '../lib/domains.ts'
import { keyboardScrollable } from '../lib/scroll-box.ts'
import { AreasList } from './AreasList.tsx'
import { RatingBadge } from './RatingBadge.tsx'

export function KqLine(props: { kq: KeyQuestionResult; driving: boolean }) {
  const k = () => props.kq
  return (
    <li class="kq-line" classList={{ 'kq-line--driving': props.driving }}>
      <span class="kq-line__id">{k().id}</span>{' '}
      <Show when={k().source !== 'judgement'} fallback={<JudgedKq kq={k()} driving={props.driving} />}>
        <CaseKq kq={k()} driving={props.driving} />
      </Show>
    </li>
  )
}

/** A key question of a mixed standard rated by judgement: its rating, no percentage. */
function JudgedKq(props: { kq: KeyQuestionResult; driving: boolean }) {
  const t = useT()
  return (
    <>
      <span class="kq-line__counts">({t().result.judgedShort})</span>{' '}
      <span class="kq-line__band">
        <RatingBadge rating={props.kq.band} small />
      </span>
      <Show when={props.driving}>
        <span class="marker marker--driving"> ◀ {t().kq.driving}</span>
      </Show>
    </>
  )
}

function CaseKq(props: { kq: KeyQuestionResult; driving: boolean }) {
  const t = useT()
  const labels = useLabels()
  const k = () => props.kq
  return (
    <>
      <Show when={k().applicable} fallback={<span>{t().kq.notApplicable}</span>}>
        <strong>{k().shown}</strong>
        <Show
          when={k().yes !== null && k().assessed !== null}
          fallback={<span class="kq-line__counts"> ({t().kq.percentOnly})</span>}
        >
          <span class="kq-line__counts"> ({t().kq.counts(k().yes!, k().assessed!)})</span>
        </Show>{' '}
        <span class="kq-line__band">{k().band ? labels.rating(k().band!) : ''}</span>
        <Show when={props.driving}>
          <span class="marker marker--driving"> ◀ {t().kq.driving}</span>
        </Show>
        <Show when={roundingText(t(), k())}>
          {(r) => <span class="marker marker--rounding"> {r()}</span>}
        </Show>
        <Show when={props.driving && distanceText(t(), k(), labels.rating)}>
          {(d) => <span class="kq-line__distance"> — {d()}</span>}
        </Show>
      </Show>
    </>
  )
}

export function TriggerText(props: { standard: StandardResult }) {
  const t = useT()
  const labels = useLabels()
  const lines = () =>
    (['up', 'down'] as const)
      .map((d) => triggerSentence(t(), props.standard, d, labels.rating))
      .filter((s): s is string => !!s)
  return (
    <Show when={lines().length} fallback={<span class="muted">{t().result.none}</span>}>
      <ul class="trigger-list">
        <For each={lines()}>{(l) => <li class="trigger">{l}</li>}</For>
      </ul>
    </Show>
  )
}

export function RatingTable(props: {
  result: RatingResult
  domains: DomainTitles
  /** An area's title in the reader's language (the framework's labels). */
  areaLabel?: (a: AreaResult) => string
}) {
  const t = useT()
  const labels = useLabels()
  const groups = () => groupByDomain(props.result.standards, props.domains)
  const o = () => props.result.overall
  return (
    <>
      <Show when={props.result.framework.provisional}>
        <p class="notice">⚠ {t().result.provisionalFramework}</p>
      </Show>
      <div class="table-scroll" ref={keyboardScrollable('result-caption')}>
        <table class="table result-table">
          <caption id="result-caption">{t().result.caption(props.result.framework.title)}</caption>
          <thead>
            <tr>
              <th scope="col">{t().result.standard}</th>
              <th scope="col">{t().result.keyQuestions}</th>
              <th scope="col">{t().result.rating}</th>
              <th scope="col">{t().result.triggers}</th>
            </tr>
          </thead>
          <For each={groups()}>
            {(g) => (
              <tbody>
                <tr class="domain-row">
                  <th scope="colgroup" colspan="4">
                    {t().result.domainHeading(g.id, labels.domain(g.id, g.title))}
                  </th>
                </tr>
                <For each={g.standards}>
                  {(s) => (
                    <tr>
                      <th scope="row">
                        {s.id} {labels.standard(s.id, s.title)}
                        <Show when={!s.scored}>
                          <span class="hint"> ({t().result.notScored})</span>
                        </Show>
                      </th>
                      <td>
                        <Show
                          when={s.kind !== 'judged'}
                          fallback={<span class="muted">{t().result.judgedShort}</span>}
                        >
                          <ul class="kq-lines">
                            <For each={s.keyQuestions}>
                              {(k) => <KqLine kq={k} driving={k.id === s.drivingQuestion} />}
                            </For>
                          </ul>
                        </Show>
                      </td>
                      <td>
                        <RatingBadge rating={s.rating} />
                        <Show when={s.rating === null}>
                          <span class="hint"> {standardNotRated(t(), s)}</span>
                        </Show>
                      </td>
                      <td>
                        <TriggerText standard={s} />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            )}
          </For>
        </table>
      </div>
      <AreasList areas={props.result.areas} label={(a) => props.areaLabel?.(a) ?? a.title} />
      <section class="overall" aria-labelledby="overall-heading">
        <h2 id="overall-heading">{t().result.overallHeading}</h2>
        <Show when={o().by === 'judgement' && o().rating}>
          <p class="overall__score">
            <span class="overall__number">{t().result.overallByJudgement}</span>{' '}
            <RatingBadge rating={o().rating} />
          </p>
        </Show>
        <Show
          when={o().score !== null && o().rating}
          fallback={
            <Show when={!(o().by === 'judgement' && o().rating)}>
              <p>
                {t().result.noOverall}: {overallNotRated(t(), o())}
              </p>
            </Show>
          }
        >
          <p class="overall__score">
            <span class="overall__number">{t().result.score(o().score!, o().max!)}</span>{' '}
            <RatingBadge rating={o().rating} />
          </p>
          <ul class="overall__distance">
            <For each={overallDistance(t(), o(), labels.rating)}>{(line) => <li>{line}</li>}</For>
          </ul>
        </Show>
      </section>
    </>
  )
}
