// What happened, in order: one line per panel event and, when asked for, one per typing burst (one person's typing
// until they pause; see story.ts), each burst expandable into its changes. Each line goes to its step. A long
// history shows a window around the current step.
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js'
import { useT } from '../../i18n/i18n.tsx'
import { describeStep } from './describe-step.ts'
import { MarkerShape } from './HistoryStrip.tsx'
import type { Replay } from './replay-store.ts'
import type { StoryStep } from './story.ts'
import { markerOf } from './timeline.ts'

/** Lines shown either side of the current one; "Show earlier/later" widens the window by as many. */
const HALF_WINDOW = 30

export function TimelineList(props: { replay: Replay }) {
  const t = useT()
  const r = props.replay
  const tl = r.timeline
  const all = r.story.steps
  const eventsOnly = all.filter((e) => e.kind === 'event')
  const [withEdits, setWithEdits] = createSignal(false)
  const [expanded, setExpanded] = createSignal<number | null>(null)
  const list = () => (withEdits() ? all : eventsOnly)
  const current = createMemo(() => {
    const here = all[r.story.ofRaw[r.position()]!]!
    // With events only, the line is the last event at or before the position (none before the first).
    if (withEdits()) return all.indexOf(here)
    return eventsOnly.findLastIndex((e) => e.raw <= r.position())
  })
  const [extra, setExtra] = createSignal({ before: 0, after: 0 })
  createEffect(on([current, withEdits], () => setExtra({ before: 0, after: 0 }), { defer: true }))
  const window = createMemo(() => {
    const c = Math.max(0, current())
    const from = Math.max(0, c - HALF_WINDOW - extra().before)
    const to = Math.min(list().length, c + HALF_WINDOW + 1 + extra().after)
    return { from, to, items: list().slice(from, to) }
  })

  let scroller: HTMLOListElement | undefined
  // Keeps the current line in view inside the list (not the page) as the replay moves.
  createEffect(
    on(current, () => {
      const el = scroller?.querySelector<HTMLElement>('[aria-current="step"]')
      if (!scroller || !el) return
      const top = el.offsetTop - scroller.offsetTop
      if (top < scroller.scrollTop || top + el.offsetHeight > scroller.scrollTop + scroller.clientHeight)
        scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 2)
    }),
  )

  const line = (e: StoryStep) => {
    const step = e.raw
    const isCurrent = () => list()[current()] === e
    const open = () => e.kind === 'burst' && expanded() === step
    return (
      <li>
        <button
          type="button"
          class="timeline__item"
          aria-current={isCurrent() ? 'step' : undefined}
          onClick={() => r.go(step)}
        >
          <span class="timeline__icon" aria-hidden="true">
            <Show
              when={e.kind === 'event' && e}
              fallback={
                <svg viewBox="0 0 18 18" width="18" height="18">
                  <rect x="3" y="8" width="4" height="10" class="history-strip__edits" />
                  <rect x="9" y="3" width="4" height="15" class="history-strip__edits" />
                </svg>
              }
            >
              {(ev) => (
                <svg
                  viewBox="-9 -9 18 18"
                  width="18"
                  height="18"
                  class={`history-strip__marker history-strip__marker--${markerOf(tl.events[ev().index]!.event)}`}
                >
                  <MarkerShape marker={markerOf(tl.events[ev().index]!.event)} />
                </svg>
              )}
            </Show>
          </span>
          <span class="timeline__when">{t().replay.time(new Date(tl.time[step]!).toISOString())}</span>
          <span class="timeline__what">{describeStep(t(), tl, r.story, step)}</span>
          <Show when={isCurrent()}>
            <span class="timeline__current"> {t().replay.currentStep}</span>
          </Show>
        </button>
        <Show when={e.kind === 'burst' && e.raws.length > 1 && e}>
          {(b) => (
            <>
              <button
                type="button"
                class="link-button timeline__expand"
                aria-expanded={open()}
                onClick={() => setExpanded(open() ? null : step)}
              >
                {open() ? t().replay.collapse : t().replay.expand(b().raws.length)}
              </button>
              <Show when={open()}>
                <ol class="timeline__updates">
                  <For each={b().raws}>
                    {(raw, i) => (
                      <li>
                        <button
                          type="button"
                          class="timeline__item timeline__item--update"
                          aria-current={r.position() === raw ? 'step' : undefined}
                          onClick={() => r.go(raw)}
                        >
                          <span class="timeline__when">
                            {t().replay.time(new Date(tl.time[raw]!).toISOString())}
                          </span>
                          <span class="timeline__what">{t().replay.update(i() + 1, b().raws.length)}</span>
                        </button>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </>
          )}
        </Show>
      </li>
    )
  }

  return (
    <section class="side-section timeline" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading" class="heading-s">
        {t().replay.timelineHeading}
      </h2>
      <fieldset class="fieldset fieldset--inline timeline__filter">
        <legend class="label">{t().replay.show}</legend>
        <div class="radio">
          <input
            type="radio"
            id="timeline-events"
            name="timeline-filter"
            checked={!withEdits()}
            onChange={() => setWithEdits(false)}
          />
          <label for="timeline-events">{t().replay.showEvents}</label>
        </div>
        <div class="radio">
          <input
            type="radio"
            id="timeline-all"
            name="timeline-filter"
            checked={withEdits()}
            onChange={() => setWithEdits(true)}
          />
          <label for="timeline-all">{t().replay.showAll}</label>
        </div>
      </fieldset>
      <Show when={window().from > 0}>
        <button
          type="button"
          class="link-button"
          onClick={() => setExtra((x) => ({ ...x, before: x.before + 2 * HALF_WINDOW }))}
        >
          {t().replay.showEarlier}
        </button>
      </Show>
      <ol class="timeline__list" ref={scroller} start={window().from + 1}>
        <For each={window().items}>{(e) => line(e)}</For>
      </ol>
      <Show when={window().to < list().length}>
        <button
          type="button"
          class="link-button"
          onClick={() => setExtra((x) => ({ ...x, after: x.after + 2 * HALF_WINDOW }))}
        >
          {t().replay.showLater}
        </button>
      </Show>
    </section>
  )
}
