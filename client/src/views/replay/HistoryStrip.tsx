// A picture of the whole history on a time axis: panel events as markers whose shape (not colour) says what
// they are, workspace edits as a density band, and where the replay is. Clicking goes there; the slider is
// the keyboard way to do the same.
import { createMemo, For, Show, type JSX } from 'solid-js'
import { useT } from '../../i18n/i18n.tsx'
import type { Replay } from './replay-store.ts'
import { editDensity, markerOf, stepAtTime, type Marker } from './timeline.ts'

const W = 1000
const PAD = 12
const BUCKETS = 100
/** Lanes, so markers of different kinds do not cover each other. */
const LANE: Record<Marker, number> = {
  created: 14,
  member: 14,
  finalised: 14,
  proposal: 34,
  retracted: 34,
  vote: 52,
  applied: 70,
  rejected: 70,
}
const BAND_TOP = 82
const BAND_BOTTOM = 108

/** A marker's shape centred on (0, 0). */
export function MarkerShape(props: { marker: Marker }): JSX.Element {
  switch (props.marker) {
    case 'created':
      return <rect x="-5" y="-5" width="10" height="10" class="mark mark--hollow" />
    case 'member':
      return <circle r="4" class="mark mark--hollow" />
    case 'proposal':
      return <path d="M0 -6 L6 5 L-6 5 Z" class="mark" />
    case 'vote':
      return <circle r="4" class="mark" />
    case 'retracted':
      return <path d="M-5 -5 L5 5 M5 -5 L-5 5" class="mark mark--line" />
    case 'applied':
      return <path d="M0 -7 L7 0 L0 7 L-7 0 Z" class="mark" />
    case 'rejected':
      return <path d="M0 -7 L7 0 L0 7 L-7 0 Z" class="mark mark--hollow" />
    case 'finalised':
      return <path d="M-4 6 L-4 -7 L6 -3 L-4 1" class="mark mark--line" />
  }
}

const MARKERS: Marker[] = [
  'created',
  'member',
  'proposal',
  'vote',
  'retracted',
  'applied',
  'rejected',
  'finalised',
]

export function HistoryStrip(props: { replay: Replay; marks: { a: number | null; b: number | null } }) {
  const t = useT()
  const tl = props.replay.timeline
  const from = tl.time[0] ?? 0
  const to = tl.time[tl.length - 1] ?? from
  const span = Math.max(1, to - from)
  const x = (ms: number) => PAD + ((ms - from) / span) * (W - 2 * PAD)
  const xOfStep = (step: number) => x(tl.time[step] ?? from)
  const density = createMemo(() => editDensity(tl, from, to, BUCKETS))
  const maxDensity = () => Math.max(1, ...density())
  const bucketW = (W - 2 * PAD) / BUCKETS
  const label = () =>
    t().replay.stripLabel(
      t().replay.time(new Date(from).toISOString()),
      t().replay.time(new Date(to).toISOString()),
      tl.events.length,
      tl.edits.length,
    )

  const onClick = (e: MouseEvent) => {
    const svg = e.currentTarget as SVGSVGElement
    const box = svg.getBoundingClientRect()
    const vx = ((e.clientX - box.left) / box.width) * W
    props.replay.go(stepAtTime(tl, from + ((vx - PAD) / (W - 2 * PAD)) * span))
  }

  return (
    <section class="history-strip" aria-labelledby="strip-heading">
      <h2 id="strip-heading" class="heading-s">
        {t().replay.stripHeading}
      </h2>
      <svg
        class="history-strip__svg"
        viewBox={`0 0 ${W} ${BAND_BOTTOM + 4}`}
        role="img"
        aria-label={label()}
        onClick={onClick}
      >
        <line x1={PAD} x2={W - PAD} y1={BAND_BOTTOM} y2={BAND_BOTTOM} class="history-strip__axis" />
        <For each={density()}>
          {(n, i) => (
            <Show when={n > 0}>
              <rect
                x={PAD + i() * bucketW}
                width={Math.max(1, bucketW - 1)}
                y={BAND_BOTTOM - Math.max(2, Math.sqrt(n / maxDensity()) * (BAND_BOTTOM - BAND_TOP))}
                height={Math.max(2, Math.sqrt(n / maxDensity()) * (BAND_BOTTOM - BAND_TOP))}
                class="history-strip__edits"
              />
            </Show>
          )}
        </For>
        <For each={tl.events}>
          {(e) => {
            const m = markerOf(e.event)
            return (
              <g
                transform={`translate(${x(Date.parse(e.event.at))} ${LANE[m]})`}
                class={`history-strip__marker history-strip__marker--${m}`}
              >
                <MarkerShape marker={m} />
              </g>
            )
          }}
        </For>
        <For each={(['a', 'b'] as const).filter((k) => props.marks[k] !== null)}>
          {(k) => (
            <g class="history-strip__mark">
              <line x1={xOfStep(props.marks[k]!)} x2={xOfStep(props.marks[k]!)} y1="2" y2={BAND_BOTTOM} />
              <text x={xOfStep(props.marks[k]!) + 4} y="10">
                {k.toUpperCase()}
              </text>
            </g>
          )}
        </For>
        <g class="history-strip__cursor">
          <line
            x1={xOfStep(props.replay.position())}
            x2={xOfStep(props.replay.position())}
            y1="0"
            y2={BAND_BOTTOM + 4}
          />
        </g>
      </svg>
      <details class="history-strip__legend">
        <summary>{t().replay.legend}</summary>
        <ul class="replay-legend">
          <For each={MARKERS}>
            {(m) => (
              <li>
                <svg
                  viewBox="-9 -9 18 18"
                  width="18"
                  height="18"
                  aria-hidden="true"
                  class={`history-strip__marker history-strip__marker--${m}`}
                >
                  <MarkerShape marker={m} />
                </svg>{' '}
                {t().replay.markers[m]}
              </li>
            )}
          </For>
          <li>
            <svg viewBox="0 0 18 18" width="18" height="18" aria-hidden="true">
              <rect x="2" y="8" width="4" height="10" class="history-strip__edits" />
              <rect x="8" y="3" width="4" height="15" class="history-strip__edits" />
            </svg>{' '}
            {t().replay.editsKey}
          </li>
          <li>
            <svg viewBox="0 0 18 18" width="18" height="18" aria-hidden="true" class="history-strip__cursor">
              <line x1="9" x2="9" y1="0" y2="18" />
            </svg>{' '}
            {t().replay.positionKey}
          </li>
          <li>
            <svg viewBox="0 0 18 18" width="18" height="18" aria-hidden="true" class="history-strip__mark">
              <line x1="9" x2="9" y1="0" y2="18" />
            </svg>{' '}
            {t().replay.marksKey}
          </li>
        </ul>
      </details>
    </section>
  )
}
