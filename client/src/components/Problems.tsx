// Validation problems in place: each one's where and message, in a summary that takes focus when it appears.
import { For, onMount, Show } from 'solid-js'
import type { Problem } from '../../../shared/result.ts'
import { useT } from '../i18n/i18n.tsx'
import { focusField } from './ErrorSummary.tsx'

/** `total`: how many problems there were, when the server listed only the first of them. */
export function Problems(props: {
  problems: Problem[]
  title?: string
  id?: string
  total?: number
  /** The field every problem is about: each message becomes a link that moves focus to it. */
  fieldId?: string
}) {
  const t = useT()
  let box!: HTMLDivElement
  const total = () => Math.max(props.total ?? 0, props.problems.length)
  onMount(() => box.focus())
  return (
    <div class="error-summary" role="alert" tabindex="-1" ref={box} id={props.id}>
      <h2 class="error-summary__title">{props.title ?? t().problems.heading(total())}</h2>
      <Show when={props.title}>
        <p>{t().problems.heading(total())}</p>
      </Show>
      <Show when={total() > props.problems.length}>
        <p>{t().problems.firstOf(props.problems.length, total())}</p>
      </Show>
      <ul class="error-summary__list">
        <For each={props.problems}>
          {(p) => (
            <li>
              <code class="problem__where">{p.where}</code>
              <Show when={props.fieldId} fallback={<span class="problem__message">{p.message}</span>}>
                <a
                  class="problem__message"
                  href={`#${props.fieldId}`}
                  onClick={(e) => {
                    e.preventDefault()
                    focusField(props.fieldId!)
                  }}
                >
                  {p.message}
                </a>
              </Show>
            </li>
          )}
        </For>
      </ul>
    </div>
  )
}

/** A single error message, e.g. a refused command, announced when it appears. */
export function ErrorMessage(props: { message: string; id?: string }) {
  const t = useT()
  return (
    <p class="error-message" role="alert" id={props.id}>
      <span class="visually-hidden">{t().common.error}: </span>
      {props.message}
    </p>
  )
}
