// One key question: its figures, its bar against the boundaries, and in words what sets the rating and how close it is.
import { Show } from 'solid-js'
import type { KeyQuestionResult } from '../../../../shared/engine/types.ts'
import { KqBar } from '../../components/KqBar.tsx'
import { RatingBadge } from '../../components/RatingBadge.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { useLabels } from '../../lib/labels.tsx'
import { distanceText, roundingText } from '../../lib/describe.ts'

export function KeyQuestionRow(props: { kq: KeyQuestionResult; driving: boolean; showText?: boolean }) {
  const t = useT()
  const labels = useLabels()
  const k = () => props.kq
  const counts = () =>
    k().yes !== null && k().assessed !== null ? t().kq.counts(k().yes!, k().assessed!) : ''
  const where = () => distanceText(t(), k(), labels.rating) ?? ''
  return (
    <li class="kq-row" classList={{ 'kq-row--driving': props.driving, 'kq-row--na': !k().applicable }}>
      <div class="kq-row__head">
        <span class="kq-row__id">{k().id}</span>
        <Show when={props.showText !== false}>
          <span class="kq-row__text">{k().text}</span>
        </Show>
      </div>
      <Show when={k().source === 'judgement'}>
        <p class="kq-row__figures">
          <span class="hint">({t().result.judgedShort})</span> <RatingBadge rating={k().band} small />
          <Show when={props.driving}>
            <span class="marker marker--driving">◀ {t().kq.driving}</span>
          </Show>
        </p>
      </Show>
      <Show
        when={k().source !== 'judgement' && k().applicable}
        fallback={
          <Show when={k().source !== 'judgement'}>
            <p class="kq-row__figures muted">{t().kq.notApplicable}</p>
          </Show>
        }
      >
        <p class="kq-row__figures">
          <strong class="kq-row__percent">{k().shown}</strong>{' '}
          <Show when={counts()} fallback={<span class="hint">({t().kq.percentOnly})</span>}>
            <span class="kq-row__counts">({counts()})</span>
          </Show>{' '}
          <span class="kq-row__band">{k().band ? labels.rating(k().band!) : ''}</span>
          <Show when={props.driving}>
            <span class="marker marker--driving">◀ {t().kq.driving}</span>
          </Show>
          <Show when={roundingText(t(), k())}>
            {(r) => <span class="marker marker--rounding">{r()}</span>}
          </Show>
        </p>
        <KqBar
          kq={k()}
          driving={props.driving}
          label={t().kq.barLabel(k().id, k().shown ?? '', counts(), where())}
        />
        <Show when={where()}>
          <p class="kq-row__distance">{where()}</p>
        </Show>
      </Show>
      <Show when={k().note}>
        <p class="hint">
          {t().kq.note}: {k().note}
        </p>
      </Show>
    </li>
  )
}
