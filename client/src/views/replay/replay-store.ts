// The replay's moving parts: where the scrubber is, the snapshot on display, loading it (debounced,
// cached), and playback. Whoever creates it owns its timers; they stop with the owner.
import { createEffect, createSignal, onCleanup, type Accessor } from 'solid-js'
import type { PanelState } from '../../../../shared/panel/types.ts'
import { decodeReplayFrame, REPLAY_FRAME_TYPE } from '../../../../shared/replay-frame.ts'
import { apiBytes, NETWORK, type ApiFailure } from '../../lib/http.ts'
import { makeSnapshot, type ReplayAnswer, type Snapshot } from './snapshot.ts'
import { nextStoryStop, storyOf, type Story } from './story.ts'
import { targetOf, type Timeline } from './timeline.ts'

export const SPEEDS = [1, 2, 5, 10, 25] as const

/** Answers kept; a snapshot without the shared framework is a few KB, so this is a few MB at most. */
const CACHE_SIZE = 400
/** While the scrubber is dragged, wait this long after the last move before asking the server. */
const SCRUB_DEBOUNCE_MS = 120

type Loaded = { ok: true; snapshot: Snapshot | null } | { ok: false; error: ApiFailure }

export interface Replay {
  timeline: Timeline
  /** One step per panel event and per typing burst (what the slider, the buttons and playback step through). */
  story: Story
  position: Accessor<number>
  /** Moves the scrubber; `scrubbing` (a drag or a key held on the slider) waits for it to settle. */
  go(step: number, opts?: { scrubbing?: boolean }): void
  step(direction: 1 | -1): void
  /** The point on display (the last one loaded; it lags `position` while loading). */
  shown: Accessor<{ step: number; snapshot: Snapshot } | null>
  loading: Accessor<boolean>
  error: Accessor<ApiFailure | null>
  playing: Accessor<boolean>
  setPlaying(on: boolean): void
  speed: Accessor<number>
  setSpeed(stepsPerSecond: number): void
  eventsOnly: Accessor<boolean>
  setEventsOnly(on: boolean): void
  /** The snapshot of any step (for comparing), from the cache when it has it. */
  load(step: number): Promise<Loaded>
}

export function createReplay(panelId: string, timeline: Timeline, initialStep: number): Replay {
  const base = `/api/panels/${encodeURIComponent(panelId)}/replay`
  const cache = new Map<string, Promise<Loaded>>()
  const story = storyOf(timeline)
  let shared: Pick<PanelState, 'framework' | 'inspection' | 'rating'> | null = null

  const load = (step: number): Promise<Loaded> => {
    const { event, workspace, key } = targetOf(timeline, step)
    const hit = cache.get(key)
    if (hit) {
      // Most recently used last, so the oldest is dropped first.
      cache.delete(key)
      cache.set(key, hit)
      return hit
    }
    // The binary answer: the workspace as raw bytes beside a small JSON head (no base64 to decode).
    const url = `${base}?event=${event}&workspace=${workspace}`
    const p = apiBytes(url, REPLAY_FRAME_TYPE).then((r): Loaded => {
      const frame = r.ok ? decodeReplayFrame(r.value) : null
      if (!r.ok || !frame) {
        cache.delete(key)
        // An answer that is not a frame (a proxy's page, say) is told as a network failure.
        return r.ok
          ? { ok: false, error: { status: NETWORK, code: 'bad-answer', message: 'unreadable replay answer' } }
          : r
      }
      const head = frame.head as Omit<ReplayAnswer, 'workspace'>
      const snapshot = makeSnapshot({ ...head, workspace: frame.update }, shared)
      if (snapshot && !shared)
        shared = {
          framework: snapshot.state.framework,
          inspection: snapshot.state.inspection,
          rating: snapshot.state.rating,
        }
      return { ok: true, snapshot }
    })
    cache.set(key, p)
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!)
    return p
  }

  const [position, setPosition] = createSignal(initialStep)
  const [shown, setShown] = createSignal<{ step: number; snapshot: Snapshot } | null>(null)
  const [error, setError] = createSignal<ApiFailure | null>(null)
  const [playing, setPlayingSignal] = createSignal(false)
  const [speed, setSpeed] = createSignal<number>(2)
  const [eventsOnly, setEventsOnly] = createSignal(false)
  const keyOf = (step: number) => targetOf(timeline, step).key
  const loading = () => {
    const s = shown()
    return !s || keyOf(s.step) !== keyOf(position())
  }

  let timer: ReturnType<typeof setTimeout> | undefined
  const fetchAndShow = (step: number) => {
    void load(step).then((r) => {
      if (keyOf(position()) !== keyOf(step)) return
      if (!r.ok) {
        setError(r.error)
        setPlayingSignal(false)
      } else if (r.snapshot) {
        setError(null)
        setShown({ step, snapshot: r.snapshot })
      }
    })
  }
  const go = (step: number, opts: { scrubbing?: boolean } = {}) => {
    const s = Math.max(0, Math.min(timeline.length - 1, Math.round(step)))
    setPosition(s)
    clearTimeout(timer)
    if (opts.scrubbing && !cache.has(keyOf(s))) timer = setTimeout(() => fetchAndShow(s), SCRUB_DEBOUNCE_MS)
    else fetchAndShow(s)
  }
  onCleanup(() => clearTimeout(timer))
  go(initialStep)

  const step = (direction: 1 | -1) => {
    const next = nextStoryStop(story, position(), direction, eventsOnly())
    if (next !== null) go(next)
  }

  const setPlaying = (on: boolean) => {
    // Play from the start when already at the end.
    if (on && nextStoryStop(story, position(), 1, eventsOnly()) === null) go(0)
    setPlayingSignal(on)
  }

  // Playback: once the current step is on display, wait 1/speed s, then the next; the next is fetched meanwhile.
  createEffect(() => {
    if (!playing() || loading()) return
    const next = nextStoryStop(story, position(), 1, eventsOnly())
    if (next === null) return setPlayingSignal(false)
    void load(next)
    const t = setTimeout(() => go(next), 1000 / speed())
    onCleanup(() => clearTimeout(t))
  })

  return {
    timeline,
    story,
    position,
    go,
    step,
    shown,
    loading,
    error,
    playing,
    setPlaying,
    speed,
    setSpeed,
    eventsOnly,
    setEventsOnly,
    load,
  }
}
