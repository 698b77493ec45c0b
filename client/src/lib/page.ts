// Page-level helpers: the document title, and moving focus to a new view's heading (or a new heading) after a change.
import { createEffect } from 'solid-js'

export function useTitle(title: () => string, appName: () => string): void {
  createEffect(() => {
    document.title = `${title()} – ${appName()}`
  })
}

/** Focuses the newest `[data-route-focus]` heading (or main's h1) once the view has rendered it. */
export function focusRouteHeading(tries = 20): void {
  const attempt = (left: number) => {
    const marked = document.querySelectorAll<HTMLElement>('[data-route-focus]')
    const el = marked[marked.length - 1] ?? document.querySelector<HTMLElement>('main h1')
    if (el) {
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1')
      el.focus({ preventScroll: false })
    } else if (left > 0) requestAnimationFrame(() => attempt(left - 1))
  }
  requestAnimationFrame(() => attempt(tries))
}

/**
 * Focuses the element with `id` once it is rendered (tries for up to `frames` animation frames), so focus is not
 * lost to the page when the control that held it goes away (a form replaced by what it created). It leaves focus
 * alone if the person has already moved it somewhere other than `from`.
 */
export function focusWhenShown(id: string, from: Element | null, frames = 300): void {
  const attempt = (left: number) => {
    const active = document.activeElement
    if (active && active !== document.body && active !== from) return
    const el = document.getElementById(id)
    if (el) {
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1')
      el.focus()
    } else if (left > 0) requestAnimationFrame(() => attempt(left - 1))
  }
  requestAnimationFrame(() => attempt(frames))
}
