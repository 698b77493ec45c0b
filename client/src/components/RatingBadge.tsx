// A rating shown as its exact label in a bordered tag; the colour only repeats what the words say.
import { Show } from 'solid-js'
import { useT } from '../i18n/i18n.tsx'

const slug = (label: string) =>
  label
    .toLowerCase()
    .replace(/[^a-z]+/g, '-')
    .replace(/^-|-$/g, '')

export function RatingBadge(props: { rating: string | null; suffix?: string }) {
  const t = useT()
  return (
    <span class={`rating rating--${props.rating ? slug(props.rating) : 'not-rated'}`}>
      {props.rating ?? t().common.notRated}
      <Show when={props.suffix}>
        <span class="rating__suffix"> {props.suffix}</span>
      </Show>
    </span>
  )
}
