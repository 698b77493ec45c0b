// After the reveal: how the panel voted, as a small chart of the sealed (first) views and a table of every
// justification, each voter's sealed view beside their final one and whether it changed after the reveal.
import { For, Show } from 'solid-js'
import type { Opening } from '../../../shared/panel/sealed.ts'
import type { ProposalState, Stance, VoteState } from '../../../shared/panel/types.ts'
import { useT } from '../i18n/i18n.tsx'

const STANCES: Stance[] = ['support', 'oppose', 'abstain']
const ICON: Record<Stance, string> = { support: '✔', oppose: '✘', abstain: '–' }

interface Row {
  by: string
  name: string
  sealed: Opening | null
  final: VoteState | null
  changed: boolean
}

export function VoteDistribution(props: { proposal: ProposalState; id: string }) {
  const t = useT()
  const revealed = () => props.proposal.revealed!
  const count = (s: Stance) => revealed().openings.filter((o) => o.stance === s).length
  const total = () => Math.max(1, revealed().openings.length)
  const rows = (): Row[] => {
    const opened = revealed().openings
    const later = Object.values(props.proposal.votes).filter((v) => !opened.some((o) => o.by === v.by))
    return [
      ...opened.map((o) => {
        const final = props.proposal.votes[o.by] ?? null
        const changed = !!final && (final.stance !== o.stance || final.justification !== o.justification)
        return { by: o.by, name: o.byName, sealed: o, final, changed }
      }),
      ...later.map((v) => ({ by: v.by, name: v.byName, sealed: null, final: v, changed: false })),
    ]
  }
  const stance = (s: Stance) => (
    <span class={`stance stance--${s}`}>
      <span aria-hidden="true">{ICON[s]}</span> {t().stances[s]}
    </span>
  )
  return (
    <section class="distribution" aria-labelledby={props.id}>
      <h5 class="heading-xs" id={props.id}>
        {t().blind.distribution}
      </h5>
      <p class="hint">
        {revealed().auto
          ? t().blind.revealedAuto(t().common.dateTime(revealed().at))
          : t().blind.revealedBy(revealed().byName, t().common.dateTime(revealed().at))}
      </p>
      <div
        class="distribution__chart"
        role="img"
        aria-label={t().blind.chartLabel(count('support'), count('oppose'), count('abstain'))}
      >
        <For each={STANCES}>
          {(s) => (
            <div class={`distribution__row distribution__row--${s}`}>
              <span class="distribution__label" aria-hidden="true">
                {ICON[s]} {t().stances[s]}
              </span>
              <span class="distribution__track" aria-hidden="true">
                <span class="distribution__bar" style={{ width: `${(count(s) / total()) * 100}%` }} />
              </span>
              <span class="distribution__count" aria-hidden="true">
                {count(s)}
              </span>
            </div>
          )}
        </For>
      </div>
      <table class="table table--compact distribution__table">
        <thead>
          <tr>
            <th scope="col">{t().standard.voter}</th>
            <th scope="col">{t().blind.sealedView}</th>
            <th scope="col">{t().blind.finalView}</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows()}>
            {(r) => (
              <tr data-testid={`distribution-${r.by}`}>
                <th scope="row">{r.name}</th>
                <td>
                  <Show when={r.sealed} fallback={<span class="hint">{t().blind.afterRevealOnly}</span>}>
                    {(o) => (
                      <>
                        {stance(o().stance)}
                        <p class="distribution__why">{o().justification}</p>
                      </>
                    )}
                  </Show>
                </td>
                <td>
                  <Show
                    when={r.changed || !r.sealed}
                    fallback={<span class="tag">{t().blind.unchanged}</span>}
                  >
                    <Show when={r.sealed}>
                      <span class="tag tag--open">{t().blind.changedAfter}</span>{' '}
                    </Show>
                    {stance(r.final!.stance)}
                    <p class="distribution__why">{r.final!.justification}</p>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </section>
  )
}
