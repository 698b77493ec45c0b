// The overall score x/max with its band and distance to the next bands: rules-based, with decisions so far, and projected.
import { createMemo, For, Show } from 'solid-js'
import type { OverallResult } from '../../../../shared/engine/types.ts'
import { openProposals } from '../../../../shared/panel/decide.ts'
import { RatingBadge } from '../../components/RatingBadge.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { overallDistance } from '../../lib/describe.ts'
import { overallNotRated } from '../../lib/not-rated.ts'
import { usePanel } from './panel-context.ts'
import { projected, withDecisions } from './projection.ts'

function ScoreLine(props: { label: string; overall: OverallResult; testId: string }) {
  const t = useT()
  const o = () => props.overall
  return (
    <div class="score-line" data-testid={props.testId}>
      <dt>{props.label}</dt>
      <dd>
        <Show
          when={o().score !== null && o().rating}
          fallback={t().overall.noOverall(overallNotRated(t(), o()))}
        >
          <span class="score-line__number">
            {o().score}/{o().max}
          </span>{' '}
          <RatingBadge rating={o().rating} />
          <For each={overallDistance(t(), o())}>{(d) => <span class="score-line__distance">{d}</span>}</For>
        </Show>
      </dd>
    </div>
  )
}

export function OverallSummary() {
  const t = useT()
  const p = usePanel()
  const current = createMemo(() => withDecisions(p.framework(), p.state))
  const hasApplied = () => Object.values(p.state.proposals).some((x) => x.status === 'applied')
  const open = () => openProposals(p.state).length > 0
  const proj = createMemo(() => (open() ? projected(p.framework(), p.state) : null))
  return (
    <section class="overall-summary" aria-labelledby="overall-heading">
      <h2 id="overall-heading">{t().overall.heading}</h2>
      <dl class="score-lines">
        <ScoreLine label={t().overall.rulesBased} overall={p.state.rating.overall} testId="score-rules" />
        <Show when={p.state.finalised}>
          {(f) => <ScoreLine label={t().overall.final} overall={f().final.overall} testId="score-final" />}
        </Show>
        <Show when={!p.state.finalised && hasApplied() && current()}>
          {(c) => (
            <ScoreLine label={t().overall.withDecisions} overall={c().overall} testId="score-decided" />
          )}
        </Show>
        <Show when={!p.state.finalised && proj()}>
          {(c) => <ScoreLine label={t().overall.projected} overall={c().overall} testId="score-projected" />}
        </Show>
      </dl>
    </section>
  )
}
