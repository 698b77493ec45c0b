// A framework's bands drawn on one 0–100% scale: a region per band with its rating, the boundaries marked, so
// the thresholds are seen at a glance. The picture is named in words for screen readers.
import { For } from 'solid-js'
import { useLabels } from '../lib/labels.tsx'

const W = 640
/** Whether a label (14px text, about 7.5 units a character) fits in a band this wide; the words below say it anyway. */
const fits = (label: string, width: number) => label.length * 7.5 + 8 < width
const x = (percent: number) => (Math.max(0, Math.min(100, percent)) / 100) * W

export interface BandRule {
  rating: string
  minPercent: number
}

/** Bands best first (as a framework lists them), each from its minimum up to the next band's. */
export function bandRegions(bands: readonly BandRule[]): { rating: string; from: number; to: number }[] {
  return bands.map((b, i) => ({
    rating: b.rating,
    from: b.minPercent,
    to: i === 0 ? 100 : bands[i - 1]!.minPercent,
  }))
}

export function BandScale(props: { bands: readonly BandRule[]; label: string }) {
  const labels = useLabels()
  const regions = () => bandRegions(props.bands)
  return (
    <svg class="band-scale" viewBox={`-8 0 ${W + 16} 64`} role="img" aria-label={props.label}>
      <For each={regions()}>
        {(r, i) => (
          <>
            <rect
              x={x(r.from)}
              y="0"
              width={Math.max(0, x(r.to) - x(r.from))}
              height="28"
              class={`band-scale__band band-scale__band--${i() % 4}`}
            />
            <text x={(x(r.from) + x(r.to)) / 2} y="19" text-anchor="middle" class="band-scale__rating">
              {fits(labels.rating(r.rating), x(r.to) - x(r.from)) ? labels.rating(r.rating) : ''}
            </text>
          </>
        )}
      </For>
      <For each={props.bands.filter((b) => b.minPercent > 0)}>
        {(b) => (
          <>
            <line x1={x(b.minPercent)} x2={x(b.minPercent)} y1="0" y2="36" class="band-scale__tick" />
            <text x={x(b.minPercent)} y="52" text-anchor="middle" class="band-scale__label">
              {`${b.minPercent}%`}
            </text>
          </>
        )}
      </For>
      <text x="0" y="52" text-anchor="middle" class="band-scale__label">
        0%
      </text>
      <text x={W} y="52" text-anchor="middle" class="band-scale__label">
        100%
      </text>
      <rect x="0" y="0" width={W} height="28" class="band-scale__frame" />
    </svg>
  )
}
