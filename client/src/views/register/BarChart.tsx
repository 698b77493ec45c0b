// A horizontal bar chart drawn in SVG, always with its data as a table beside it: the picture is for a
// glance (hidden from assistive technology), the table is the accessible and exact version of it.
import { For, type JSX } from 'solid-js'

export interface Series {
  label: string
  /** A CSS class for the bars' fill (register.css), never colour alone: each series is also patterned. */
  kind: string
}

export interface BarGroup {
  label: string
  values: number[]
}

const ROW = 18
const LABEL = 150
const WIDTH = 360

export function BarChart(props: {
  id: string
  title: string
  series: Series[]
  groups: BarGroup[]
  /** The table beside the chart (the same numbers, in words). */
  table: JSX.Element
}) {
  const max = () => Math.max(1, ...props.groups.flatMap((g) => g.values))
  const groupHeight = () => props.series.length * ROW + 8
  const height = () => Math.max(ROW, props.groups.length * groupHeight())
  return (
    <figure class="chart-pair" aria-labelledby={`${props.id}-title`}>
      <figcaption id={`${props.id}-title`} class="heading-s">
        {props.title}
      </figcaption>
      <div class="chart-pair__body">
        <div class="chart">
          <ul class="chart__legend" aria-hidden="true">
            <For each={props.series}>
              {(s) => (
                <li>
                  <svg width="14" height="14">
                    <rect width="14" height="14" class={`bar bar--${s.kind}`} />
                  </svg>{' '}
                  {s.label}
                </li>
              )}
            </For>
          </ul>
          <svg
            aria-hidden="true"
            viewBox={`0 0 ${WIDTH + LABEL + 40} ${height()}`}
            width="100%"
            class="chart__svg"
          >
            <For each={props.groups}>
              {(g, gi) => (
                <g transform={`translate(0, ${gi() * groupHeight()})`}>
                  <text
                    x={LABEL - 6}
                    y={(props.series.length * ROW) / 2 + 4}
                    text-anchor="end"
                    class="chart__label"
                  >
                    {g.label}
                  </text>
                  <For each={g.values}>
                    {(v, si) => (
                      <>
                        <rect
                          x={LABEL}
                          y={si() * ROW + 2}
                          width={Math.max(v > 0 ? 2 : 0, (v / max()) * WIDTH)}
                          height={ROW - 4}
                          class={`bar bar--${props.series[si()]!.kind}`}
                        />
                        <text
                          x={LABEL + (v / max()) * WIDTH + 4}
                          y={si() * ROW + ROW - 5}
                          class="chart__value"
                        >
                          {v}
                        </text>
                      </>
                    )}
                  </For>
                </g>
              )}
            </For>
          </svg>
        </div>
        <div class="chart-pair__table">{props.table}</div>
      </div>
    </figure>
  )
}
