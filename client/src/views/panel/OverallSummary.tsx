// The overall score now (final once finalised), with the rules-based score beside it when decisions moved it, and
// what the score would be if every open proposal were applied.
import { createMemo, Show } from 'solid-js'
import { openProposals } from '../../../../shared/panel/decide.ts'
import { OverallOutcomeView } from '../../components/Outcome.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { usePanel } from './panel-context.ts'
import { projected } from './projection.ts'

export function OverallSummary() {
  const t = useT()
  const p = usePanel()
  const open = () => openProposals(p.state).length > 0
  const proj = createMemo(() => (open() ? projected(p.framework(), p.state) : null))
  return (
    <section class="overall-summary" aria-labelledby="overall-heading">
      <h2 id="overall-heading">{t().overall.heading}</h2>
      <dl class="score-lines">
        <OverallOutcomeView
          label={p.state.finalised ? t().overall.final : t().overall.now}
          outcome={p.overall()}
          testId="score-current"
        />
        <Show when={!p.state.finalised && proj()}>
          {(c) => (
            <OverallOutcomeView
              label={t().overall.projected}
              outcome={{ ...p.overall(), current: c().overall, movedBy: [] }}
              testId="score-projected"
            />
          )}
        </Show>
      </dl>
    </section>
  )
}
