// A framework@2's rated areas (work with children, work with victims): each area's rating, how it is formed and
// the standards it groups. Nothing is shown for a framework without areas.
import { For, Show } from 'solid-js'
import type { AreaResult } from '../../../shared/engine/types.ts'
import { useT } from '../i18n/i18n.tsx'
import { areaNotRated } from '../lib/not-rated.ts'
import { RatingBadge } from './RatingBadge.tsx'

export function AreasList(props: {
  areas: readonly AreaResult[] | undefined
  label: (a: AreaResult) => string
}) {
  const t = useT()
  return (
    <Show when={props.areas?.length}>
      <section class="areas" aria-labelledby="areas-heading">
        <h2 id="areas-heading">{t().result.areasHeading}</h2>
        <ul class="areas__list">
          <For each={props.areas}>
            {(a) => (
              <li class="areas__area">
                <strong>{props.label(a)}</strong> <RatingBadge rating={a.rating} />
                <Show when={a.rating === null}>
                  <span class="hint"> {areaNotRated(t(), a)}</span>
                </Show>
                <span class="hint">
                  {' '}
                  ({t().result.areaRule[a.rule]}; {t().result.areaStandards(a.standards.join(', '))})
                </span>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  )
}
