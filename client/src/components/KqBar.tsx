// A key question's percentage drawn against the band boundaries, so its distance to each is seen, not just read.
import { For, Show } from 'solid-js'
import type { KeyQuestionResult } from '../../../shared/engine/types.ts'

const W = 320
const x = (percent: number) => (Math.max(0, Math.min(100, percent)) / 100) * W

export function KqBar(props: { kq: KeyQuestionResult; label: string; driving?: boolean }) {
  const boundaries = () => props.kq.distances.map((d) => d.boundary).sort((a, b) => a - b)
  // Band zones between boundaries, shaded alternately so the bands read even in greyscale.
  const zones = () => {
    const b = [0, ...boundaries(), 100]
    return b.slice(0, -1).map((from, i) => ({ from, to: b[i + 1]!, i }))
  }
  return (
    <svg
      class="kq-bar"
      classList={{ 'kq-bar--driving': props.driving }}
      viewBox={`0 -2 ${W} 44`}
      role="img"
      aria-label={props.label}
      preserveAspectRatio="xMinYMid meet"
    >
      <For each={zones()}>
        {(z) => (
          <rect
            x={x(z.from)}
            y="0"
            width={x(z.to) - x(z.from)}
            height="20"
            class={z.i % 2 ? 'kq-bar__zone kq-bar__zone--alt' : 'kq-bar__zone'}
          />
        )}
      </For>
      <Show when={props.kq.percent !== null}>
        <rect x="0" y="4" width={x(props.kq.percent!)} height="12" class="kq-bar__value" />
        <line x1={x(props.kq.percent!)} x2={x(props.kq.percent!)} y1="0" y2="20" class="kq-bar__end" />
      </Show>
      <For each={boundaries()}>
        {(b) => (
          <>
            <line x1={x(b)} x2={x(b)} y1="-2" y2="26" class="kq-bar__tick" />
            <text x={x(b)} y="38" text-anchor="middle" class="kq-bar__label">
              {b}
            </text>
          </>
        )}
      </For>
      <rect x="0" y="0" width={W} height="20" class="kq-bar__frame" />
    </svg>
  )
}
