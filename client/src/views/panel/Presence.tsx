// Who is connected now, their role, and which standard each is looking at.
import { For, Show } from 'solid-js'
import { useT } from '../../i18n/i18n.tsx'
import { usePanel } from './panel-context.ts'

export function Presence() {
  const t = useT()
  const p = usePanel()
  const others = () => p.people().filter((x) => !x.isMe)
  return (
    <section class="side-section presence" aria-labelledby="presence-heading">
      <h2 id="presence-heading" class="heading-s">
        {t().presence.heading}
      </h2>
      <ul class="presence__list">
        <li>
          <span class="presence__name">
            {p.me.name} ({t().common.you})
          </span>{' '}
          <span class="tag">{t().roles[p.role]}</span>
        </li>
        <For each={others()}>
          {(x) => (
            <li>
              <span class="presence__name">{x.name}</span>{' '}
              <span class="tag">{t().roles[x.role] ?? x.role}</span>{' '}
              <span class="hint">— {x.viewing ? t().presence.viewing(x.viewing) : t().presence.onBoard}</span>
            </li>
          )}
        </For>
      </ul>
      <Show when={!others().length}>
        <p class="hint">{t().presence.nobody}</p>
      </Show>
    </section>
  )
}
