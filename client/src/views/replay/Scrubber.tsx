// The scrubber: a slider over every step, and buttons to go to either end, step, play and pause, at a chosen
// speed. Every control is a native, labelled form control; the live region says what is shown once it settles.
// Buttons at an end are aria-disabled, not disabled, so the one in focus keeps it.
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { useT } from '../../i18n/i18n.tsx'
import { describeStep, stepTime } from './describe-step.ts'
import { resultAt } from './compare.ts'
import { SPEEDS, type Replay } from './replay-store.ts'

/** Quiet time before the live region speaks, so stepping quickly is not read out step by step. */
const ANNOUNCE_AFTER_MS = 600

export function Scrubber(props: { replay: Replay }) {
  const t = useT()
  const r = props.replay
  const tl = r.timeline
  const story = r.story
  const total = () => story.steps.length
  const index = () => story.ofRaw[r.position()]!
  const valueText = () => {
    const p = r.position()
    return t().replay.valueText(
      index() + 1,
      total(),
      describeStep(t(), tl, story, p),
      t().replay.time(stepTime(tl, p)),
    )
  }
  const atStart = () => r.position() === 0
  const atEnd = () => r.position() === tl.length - 1

  // What the live region says: the step on display and the score then, once playback and loading pause.
  const [spoken, setSpoken] = createSignal('')
  let timer: ReturnType<typeof setTimeout> | undefined
  createEffect(
    on([r.shown, r.playing], ([s, playing]) => {
      clearTimeout(timer)
      if (!s || playing) return
      const o = resultAt(s.snapshot.state)?.overall
      const score =
        o && o.score !== null ? t().replay.scoreThen(`${o.score}/${o.max} ${o.rating ?? ''}`.trim()) : ''
      const text = t().replay.announce(
        story.ofRaw[s.step]! + 1,
        total(),
        describeStep(t(), tl, story, s.step),
        score,
      )
      timer = setTimeout(() => setSpoken(text), ANNOUNCE_AFTER_MS)
    }),
  )
  onCleanup(() => clearTimeout(timer))

  return (
    <section class="scrubber" aria-labelledby="scrubber-heading">
      <h2 id="scrubber-heading" class="heading-s">
        {t().replay.scrubberHeading}
      </h2>
      <div class="scrubber__slider">
        <label for="replay-position" class="label">
          {t().replay.slider}
        </label>
        <input
          id="replay-position"
          type="range"
          class="scrubber__range"
          min="0"
          max={total() - 1}
          step="1"
          value={index()}
          aria-valuetext={valueText()}
          onInput={(e) => r.go(story.steps[Number(e.currentTarget.value)]!.raw, { scrubbing: true })}
        />
        <p class="scrubber__where">
          <strong>{t().replay.showing(index() + 1, total())}</strong> —{' '}
          {describeStep(t(), tl, story, r.position())}{' '}
          <span class="hint">{t().replay.time(stepTime(tl, r.position()))}</span>
        </p>
      </div>
      <div class="scrubber__controls" role="group" aria-label={t().replay.playback}>
        <button
          type="button"
          class="button button--secondary"
          aria-disabled={atStart()}
          onClick={() => !atStart() && r.go(0)}
        >
          <span aria-hidden="true">◀◀ </span>
          {t().replay.toStart}
        </button>
        <button
          type="button"
          class="button button--secondary"
          aria-disabled={atStart()}
          onClick={() => !atStart() && r.step(-1)}
        >
          <span aria-hidden="true">◀ </span>
          {t().replay.stepBack}
        </button>
        <button type="button" class="button scrubber__play" onClick={() => r.setPlaying(!r.playing())}>
          <Show
            when={r.playing()}
            fallback={
              <>
                <span aria-hidden="true">▶ </span>
                {t().replay.play}
              </>
            }
          >
            {t().replay.pause}
          </Show>
        </button>
        <button
          type="button"
          class="button button--secondary"
          aria-disabled={atEnd()}
          onClick={() => !atEnd() && r.step(1)}
        >
          {t().replay.stepForward}
          <span aria-hidden="true"> ▶</span>
        </button>
        <button
          type="button"
          class="button button--secondary"
          aria-disabled={atEnd()}
          onClick={() => !atEnd() && r.go(tl.length - 1)}
        >
          {t().replay.toEnd}
          <span aria-hidden="true"> ▶▶</span>
        </button>
        <div class="scrubber__speed">
          <label for="replay-speed" class="label">
            {t().replay.speed}
          </label>
          <select
            id="replay-speed"
            class="select"
            value={r.speed()}
            onChange={(e) => r.setSpeed(Number(e.currentTarget.value))}
          >
            <For each={SPEEDS}>{(n) => <option value={n}>{t().replay.speedOption(n)}</option>}</For>
          </select>
        </div>
      </div>
      <div class="radio scrubber__options">
        <input
          id="replay-events-only"
          type="checkbox"
          checked={r.eventsOnly()}
          onChange={(e) => r.setEventsOnly(e.currentTarget.checked)}
        />
        <label for="replay-events-only">{t().replay.eventsOnly}</label>
      </div>
      <div class="scrubber__status">
        <Show when={r.loading()}>
          <progress class="scrubber__progress" aria-label={t().replay.loading(r.position() + 1)} />
          <span class="hint">{t().replay.loading(r.position() + 1)}</span>
        </Show>
      </div>
      <div
        class="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        data-testid="replay-announcer"
      >
        {spoken()}
      </div>
    </section>
  )
}
