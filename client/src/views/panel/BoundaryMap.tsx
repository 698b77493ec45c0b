// The boundary map: every standard (and, on demand, its key questions) on one percentage scale, with the band
// regions and boundaries, the near-boundary windows, the driving question's position, where one case's answer
// would take it, and the panel's proposals and decisions. One row per standard; the arrow keys move between rows,
// Enter opens the standard; every row says in words what its marks show.
import { createMemo, createSignal, For, Show } from 'solid-js'
import { OverallOutcomeView } from '../../components/Outcome.tsx'
import { RatingBadge } from '../../components/RatingBadge.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { mapRows, mapScale, type MapMark, type MapRow } from '../../lib/boundary-map.ts'
import { distanceText, hasTriggers, triggerSentence } from '../../lib/describe.ts'
import { useLabels } from '../../lib/labels.tsx'
import { Link } from '../../lib/router.tsx'
import { DiscretionFilter } from './DiscretionFilter.tsx'
import { usePanel } from './panel-context.ts'

const pct = (n: number) => `${Math.max(0, Math.min(100, n))}%`

export function BoundaryMap() {
  const t = useT()
  const p = usePanel()
  const [withQuestions, setWithQuestions] = createSignal(false)
  const near = () => p.framework().discretion.nearBoundaryPoints
  const scale = createMemo(() => mapScale(p.framework().bands, near()))
  const rows = createMemo(() =>
    mapRows(p.state.rating.standards, scale(), near()).filter(
      (r) => !p.discretionOnly() || hasTriggers(r.standard),
    ),
  )
  // Roving focus: one Tab stop for the whole map; the arrow keys move between its rows.
  const [activeRaw, setActive] = createSignal(0)
  const active = () => Math.min(activeRaw(), Math.max(0, entries().length - 1))
  let list!: HTMLOListElement
  const onKeyDown = (e: KeyboardEvent) => {
    const links = [...list.querySelectorAll<HTMLAnchorElement>('a.bmap__label')]
    const i = links.indexOf(document.activeElement as HTMLAnchorElement)
    if (i < 0) return
    const next = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: links.length - 1 }[e.key]
    if (next === undefined) return
    e.preventDefault()
    const j = Math.max(0, Math.min(links.length - 1, next))
    setActive(j)
    links[j]!.focus()
  }
  const entries = createMemo(() =>
    rows().flatMap((row) => [
      { row, mark: row.driving, kq: false },
      ...(withQuestions() && row.standard.kind === 'cases'
        ? row.keyQuestions.map((mark) => ({ row, mark, kq: true }))
        : []),
    ]),
  )
  return (
    <section class="bmap" aria-labelledby="map-heading">
      <div class="bmap__top">
        <h2 id="map-heading" data-route-focus>
          {t().map.heading}
        </h2>
        <dl class="score-lines bmap__score">
          <OverallOutcomeView
            label={p.state.finalised ? t().overall.final : t().overall.now}
            outcome={p.overall()}
            testId="map-score"
          />
        </dl>
      </div>
      <div class="bmap__controls">
        <DiscretionFilter id="map-filter" />
        <div class="radio">
          <input
            type="checkbox"
            id="map-questions"
            checked={withQuestions()}
            onChange={(e) => setWithQuestions(e.currentTarget.checked)}
          />
          <label for="map-questions">{t().map.showQuestions}</label>
        </div>
        <p class="hint bmap__hint" id="map-keys">
          {t().map.keys}
        </p>
      </div>
      <div class="bmap__row bmap__axis" aria-hidden="true">
        <span />
        <div class="bmap__scale">
          <For each={scale().bands}>
            {(b) => (
              <span
                class="bmap__band-name"
                classList={{ 'bmap__band-name--last': b.to >= 100 }}
                style={b.to >= 100 ? { right: '0' } : { left: pct(b.from), width: pct(b.to - b.from) }}
              >
                <RatingBadge rating={b.rating} small />
              </span>
            )}
          </For>
          <For each={scale().boundaries}>
            {(b) => (
              <span class="bmap__tick" style={{ left: pct(b) }}>
                {b}%
              </span>
            )}
          </For>
        </div>
        <span class="bmap__status-head">{t().map.statusHead}</span>
      </div>
      <ol class="bmap__rows" ref={list} onKeyDown={onKeyDown} aria-describedby="map-keys">
        <For each={entries()}>
          {(e, i) => (
            <Row row={e.row} mark={e.mark} kq={e.kq} index={i()} active={active()} onFocus={setActive} />
          )}
        </For>
      </ol>
      <Legend />
    </section>
  )
}

function Row(props: {
  row: MapRow
  mark: MapMark | null
  kq?: boolean
  index: number
  active: number
  onFocus(i: number): void
}) {
  const t = useT()
  const p = usePanel()
  const labels = useLabels()
  const s = () => props.row.standard
  const kq = () => s().keyQuestions.find((k) => k.id === props.mark?.id) ?? null
  const near = () => p.framework().discretion.nearBoundaryPoints
  const scale = () => mapScale(p.framework().bands, near())
  const descId = () => `map-desc-${props.kq ? props.mark!.id : s().id}`
  const proposals = () =>
    p.state.proposalOrder
      .map((id) => p.state.proposals[id]!)
      .filter((x) => x.standardId === s().id && x.status !== 'retracted')
  const description = () => {
    const k = kq()
    const m = props.mark
    if (!k || !m || m.percent === null) return ''
    const counts = k.yes !== null && k.assessed !== null ? ` (${t().kq.counts(k.yes, k.assessed)})` : ''
    const parts = [
      (k.id === s().drivingQuestion ? t().map.lowest : t().map.question)(
        k.id,
        `${k.shown}${counts}`,
        labels.rating(k.band ?? ''),
      ),
      distanceText(t(), k, labels.rating) ?? '',
      m.near ? t().map.inWindow(near()) : '',
      ...m.shifts.map((x) => t().map.shift(x.direction, x.keyQuestion, labels.rating(x.rating))),
      ...(props.kq
        ? []
        : (['up', 'down'] as const).map((d) => triggerSentence(t(), s(), d, labels.rating) ?? '')),
    ]
    return parts.filter(Boolean).join(' ')
  }
  const otherShifts = () =>
    props.kq ? [] : props.row.keyQuestions.filter((k) => k.id !== props.mark?.id).flatMap((k) => k.shifts)
  return (
    <li
      class="bmap__row"
      classList={{
        'bmap__row--kq': !!props.kq,
        'bmap__row--triggered': !props.kq && hasTriggers(s()),
        'bmap__row--focus': !props.kq && p.focus()?.standardId === s().id,
      }}
    >
      <Link
        class="bmap__label"
        href={p.standardHref(s().id)}
        tabindex={props.index === props.active ? 0 : -1}
        aria-describedby={description() || otherShifts().length ? descId() : undefined}
        onFocus={() => props.onFocus(props.index)}
        data-standard={s().id}
      >
        <Show
          when={props.kq}
          fallback={
            <>
              <strong>{s().id}</strong> {labels.standard(s().id, s().title)}
            </>
          }
        >
          <span class="visually-hidden">{s().id}: </span>
          {props.mark!.id}
        </Show>
      </Link>
      <div class="bmap__scale" aria-hidden="true">
        <Show
          when={s().kind === 'cases' && props.mark && props.mark.percent !== null}
          fallback={
            <span class="bmap__text">
              {s().kind === 'judged' && s().rating
                ? t().standard.judged(labels.rating(s().rating!))
                : t().common.notRated}
            </span>
          }
        >
          <For each={scale().bands}>
            {(b) => (
              <span
                class={`bmap__region bmap__region--r${b.rank}`}
                style={{ left: pct(b.from), width: pct(b.to - b.from) }}
              />
            )}
          </For>
          <For each={scale().windows}>
            {(w) => <span class="bmap__window" style={{ left: pct(w.from), width: pct(w.to - w.from) }} />}
          </For>
          <For each={scale().boundaries}>
            {(b) => <span class="bmap__boundary" style={{ left: pct(b) }} />}
          </For>
          <For each={props.mark!.shifts}>
            {(x) => (
              <>
                <span
                  class="bmap__shift"
                  style={{
                    left: pct(Math.min(x.to, props.mark!.percent!)),
                    width: pct(Math.abs(x.to - props.mark!.percent!)),
                  }}
                />
                <span class={`bmap__shift-end bmap__shift-end--${x.direction}`} style={{ left: pct(x.to) }}>
                  {x.direction === 'up' ? '▷' : '◁'}
                </span>
              </>
            )}
          </For>
          <span
            class="bmap__mark"
            classList={{ 'bmap__mark--driving': kq()?.id === s().drivingQuestion }}
            style={{ left: pct(props.mark!.percent!) }}
          />
          <span
            class="bmap__value"
            classList={{
              'bmap__value--left':
                props.mark!.percent! > 88 || props.mark!.shifts.some((x) => x.direction === 'up'),
            }}
            style={{ left: pct(props.mark!.percent!) }}
          >
            {kq()?.shown}
          </span>
        </Show>
      </div>
      <div class="bmap__status">
        <Show when={!props.kq && p.outcomes()[s().id]}>
          {(o) => (
            <>
              <RatingBadge rating={o().current} small />
              <Show when={o().current !== o().rulesBased}>
                {' '}
                <span class="bmap__was">
                  ({t().outcome.rulesBased}:{' '}
                  {o().rulesBased ? labels.rating(o().rulesBased!) : t().common.notRated})
                </span>
              </Show>
            </>
          )}
        </Show>
        <Show when={!props.kq && p.focus()?.standardId === s().id}>
          <span class="bmap__proposal">{t().focus.inFocus(p.nameOf(p.focus()!.by))}</span>
        </Show>
        <Show when={!props.kq}>
          <For each={proposals()}>
            {(x) => (
              <span class={`bmap__proposal bmap__proposal--${x.status}`}>
                <span aria-hidden="true">
                  {{ open: '◆', applied: '✔', rejected: '✘' }[x.status as string]}{' '}
                </span>
                {t().map.proposal(
                  labels.rating(x.to),
                  t().statuses[x.status] ?? x.status,
                  Object.keys(x.votes).length,
                )}
              </span>
            )}
          </For>
        </Show>
      </div>
      <Show when={description() || otherShifts().length}>
        <span class="visually-hidden" id={descId()}>
          {[
            description(),
            ...otherShifts().map((x) => t().map.shift(x.direction, x.keyQuestion, labels.rating(x.rating))),
          ]
            .filter(Boolean)
            .join(' ')}
        </span>
      </Show>
    </li>
  )
}

function Legend() {
  const t = useT()
  const p = usePanel()
  return (
    <div class="bmap__legend">
      <p class="heading-xs">{t().map.legend}</p>
      <ul>
        <li>
          <span class="bmap__key bmap__key--driving" aria-hidden="true" /> {t().map.keyDriving}
        </li>
        <li>
          <span class="bmap__key bmap__key--mark" aria-hidden="true" /> {t().map.keyQuestion}
        </li>
        <li>
          <span class="bmap__key bmap__key--window" aria-hidden="true" />{' '}
          {t().map.keyWindow(p.framework().discretion.nearBoundaryPoints)}
        </li>
        <li>
          <span class="bmap__key bmap__key--shift" aria-hidden="true">
            ▷
          </span>{' '}
          {t().map.keyShift}
        </li>
        <li>
          <span class="bmap__key bmap__key--boundary" aria-hidden="true" /> {t().map.keyBoundary}
        </li>
      </ul>
    </div>
  )
}
