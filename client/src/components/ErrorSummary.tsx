// The GOV.UK error summary at the top of a form: "There is a problem", each error a link that moves focus to its
// field. It takes focus when a send fails, and goes as soon as every error is fixed.
import { createEffect, For, on, Show } from 'solid-js'
import { useT } from '../i18n/i18n.tsx'
import type { Validation } from '../lib/validation.ts'

/** Focuses a field by id; a group of radios by its first (or checked) input; its label or legend scrolls into view. */
export function focusField(id: string): void {
  const el = document.getElementById(id)
  if (!el) return
  const target =
    el instanceof HTMLFieldSetElement
      ? (el.querySelector<HTMLInputElement>('input:checked') ?? el.querySelector<HTMLInputElement>('input'))
      : el
  const label =
    el instanceof HTMLFieldSetElement
      ? el.querySelector('legend')
      : document.querySelector(`label[for="${id}"]`)
  ;(label ?? el).scrollIntoView({ block: 'start' })
  target?.focus({ preventScroll: true })
}

export function ErrorSummary(props: { v: Validation; id: string }) {
  const t = useT()
  let box: HTMLDivElement | undefined
  createEffect(on(props.v.attempt, () => requestAnimationFrame(() => box?.focus()), { defer: true }))
  return (
    <Show when={props.v.errors().length}>
      <div class="error-summary" role="alert" tabindex="-1" ref={box} aria-labelledby={`${props.id}-title`}>
        <h2 class="error-summary__title" id={`${props.id}-title`}>
          {t().common.error}
        </h2>
        <ul class="error-summary__list">
          <For each={props.v.errors()}>
            {(e) => (
              <li>
                <a
                  href={`#${e.id}`}
                  onClick={(ev) => {
                    ev.preventDefault()
                    focusField(e.id)
                  }}
                >
                  {e.message}
                </a>
              </li>
            )}
          </For>
        </ul>
      </div>
    </Show>
  )
}

/** The error beside its field ("Error: …"), with the id its field's aria-describedby names. */
export function FieldErrorText(props: { id: string; message: string | undefined }) {
  const t = useT()
  return (
    <Show when={props.message}>
      <p class="error-message" id={`${props.id}-error`}>
        <span class="visually-hidden">{t().errors.prefix}: </span>
        {props.message}
      </p>
    </Show>
  )
}
