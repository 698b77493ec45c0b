// A box that scrolls sideways (a wide table on a narrow screen) stays reachable by keyboard: while its content
// overflows it is a named, focusable region, so arrow keys scroll it; otherwise a plain box and no extra Tab stop.
import { onCleanup } from 'solid-js'

/** A `ref` for the box; `labelledBy` is the id of what names it (the table's caption or heading). */
export const keyboardScrollable =
  (labelledBy: string) =>
  (el: HTMLElement): void => {
    const observer = new ResizeObserver(() => {
      const overflows = el.scrollWidth > el.clientWidth
      for (const [name, value] of [
        ['tabindex', '0'],
        ['role', 'region'],
        ['aria-labelledby', labelledBy],
      ])
        if (overflows) el.setAttribute(name!, value!)
        else el.removeAttribute(name!)
      // The table inside can grow without the box changing size.
      if (el.firstElementChild) observer.observe(el.firstElementChild)
    })
    observer.observe(el)
    onCleanup(() => observer.disconnect())
  }
