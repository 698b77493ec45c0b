// Page-level helpers: the document title, and moving focus to a new view's heading after navigation.
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
