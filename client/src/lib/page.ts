// Page-level helpers: the document title, and moving focus to a new view's heading (or a new heading) after a change.
import { createEffect } from 'solid-js'

export function useTitle(title: () => string, appName: () => string): void {
  createEffect(() => {
    document.title = `${title()} – ${appName()}`
  })
}

/** Focuses what `find` returns once it returns something (trying for up to `frames` animation frames). */
function focusOnceFound(find: () => HTMLElement | null | undefined, frames: number): void {
  const attempt = (left: number) => {
    const el = find()
    if (el) {
      if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1')
      el.focus()
    } else if (left > 0) requestAnimationFrame(() => attempt(left - 1))
  }
  requestAnimationFrame(() => attempt(frames))
}

/** Focuses the newest `[data-route-focus]` heading (or main's h1) once the view has rendered it. */
export const focusRouteHeading = (): void =>
  focusOnceFound(() => {
    const marked = document.querySelectorAll<HTMLElement>('[data-route-focus]')
    return marked[marked.length - 1] ?? document.querySelector<HTMLElement>('main h1')
  }, 20)

/**
 * When focus is lost to the page because the control that held it went away (a form replaced by what it created,
 * a button that no longer applies), focuses the element with `id` instead (watching for about five seconds).
 * Focus the person has put somewhere else is left alone.
 */
export const focusWhenLost = (id: string): void =>
  focusOnceFound(() => {
    const active = document.activeElement
    return !active || active === document.body ? document.getElementById(id) : null
  }, 300)
