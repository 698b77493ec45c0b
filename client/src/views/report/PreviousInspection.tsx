// A service's previous inspection beside the current ratings (the board and the report): the previous
// finalised record's published ratings where the frameworks share a standard, and plainly which they do not.
import { createResource, For, Show } from 'solid-js'
import type { FinalResult } from '../../../../shared/engine/types.ts'
import { RatingBadge } from '../../components/RatingBadge.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { api } from '../../lib/http.ts'
import { Link } from '../../lib/router.tsx'

interface PreviousAnswer {
  serviceId: string | null
  previous: {
    panelId: string
    title: string
    frameworkTitle: string
    fieldwork: string | null
    published: string | null
    finalisedAt: string
    overall: { score: number | null; max: number | null; rating: string | null }
  } | null
  standards: { id: string; title: string; previous: string | null }[]
  notShared: { current: string[]; previous: string[] }
}

export function PreviousInspection(props: { panelId: string; final: () => FinalResult | null }) {
  const t = useT()
  const [answer] = createResource(async () => {
    const r = await api<PreviousAnswer>('GET', `/api/panels/${encodeURIComponent(props.panelId)}/previous`)
    return r.ok ? r.value : null
  })
  const now = (id: string) => props.final()?.standards.find((s) => s.id === id)?.rating ?? null
  const p = () => t().previous
  return (
    <Show when={answer()?.previous && answer()}>
      {(a) => (
        <section
          class="previous-inspection"
          aria-labelledby="previous-heading"
          data-testid="previous-inspection"
        >
          <h2 id="previous-heading" class="heading-s">
            {p().heading}
          </h2>
          <p>
            {p().intro(
              a().previous!.title,
              a().previous!.fieldwork ?? a().previous!.finalisedAt.slice(0, 10),
              a().previous!.frameworkTitle,
            )}{' '}
            <Link href={`/panels/${encodeURIComponent(a().previous!.panelId)}/report`}>{p().link}</Link>
          </p>
          <Show when={a().standards.length} fallback={<p>{p().noneShared}</p>}>
            <table class="table table--compact">
              <caption class="visually-hidden">{p().caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{p().standard}</th>
                  <th scope="col">{p().previous}</th>
                  <th scope="col">{p().now}</th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <th scope="row">{p().overall}</th>
                  <td>
                    <RatingBadge rating={a().previous!.overall.rating} /> (
                    {a().previous!.overall.score ?? '—'}/{a().previous!.overall.max ?? '—'})
                  </td>
                  <td>
                    <RatingBadge rating={props.final()?.overall.rating ?? null} /> (
                    {props.final()?.overall.score ?? '—'}/{props.final()?.overall.max ?? '—'})
                  </td>
                </tr>
                <For each={a().standards}>
                  {(s) => (
                    <tr>
                      <th scope="row">
                        {s.id} {s.title}
                      </th>
                      <td>
                        <RatingBadge rating={s.previous} />
                      </td>
                      <td>
                        <RatingBadge rating={now(s.id)} />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </Show>
          <Show when={a().notShared.current.length}>
            <p class="hint">{p().notSharedNow(a().notShared.current.join(', '))}</p>
          </Show>
          <Show when={a().notShared.previous.length}>
            <p class="hint">{p().notSharedPrevious(a().notShared.previous.join(', '))}</p>
          </Show>
        </section>
      )}
    </Show>
  )
}
