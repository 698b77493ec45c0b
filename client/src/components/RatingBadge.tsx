// A rating shown as its label (in the reader's language) in a bordered tag. The colour only repeats what the words
// say; the border's style also differs by rank (double, solid, dashed, dotted), so print and greyscale keep it.
import { Show } from 'solid-js'
import { useT } from '../i18n/i18n.tsx'
import { useLabels } from '../lib/labels.tsx'

const slug = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '')

export function RatingBadge(props: { rating: string | null; suffix?: string; small?: boolean }) {
  const t = useT()
  const labels = useLabels()
  const rank = () => (props.rating ? labels.rank(props.rating) : -1)
  return (
    <span
      class={`rating rating--${props.rating ? slug(props.rating) : 'not-rated'}`}
      classList={{ [`rating--r${rank()}`]: rank() >= 0, 'rating--small': props.small }}
      data-rating={props.rating ?? ''}
    >
      {props.rating ? labels.rating(props.rating) : t().common.notRated}
      <Show when={props.suffix}>
        <span class="rating__suffix"> {props.suffix}</span>
      </Show>
    </span>
  )
}
