// Compare two points: mark A and B on the scrubber, then list what changed from A to B.
import { createSignal, For, Match, Show, Switch } from 'solid-js'
import { ErrorMessage } from '../../components/Problems.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { failureText } from '../../lib/http.ts'
import { compareSnapshots, type Change } from './compare.ts'
import { describeStep } from './describe-step.ts'
import type { Replay } from './replay-store.ts'
import { parseDraftKey } from './snapshot.ts'
import { nameOf } from './timeline.ts'

export interface Marks {
  a: number | null
  b: number | null
}

export function ComparePanel(props: { replay: Replay; marks: Marks; setMarks: (m: Marks) => void }) {
  const t = useT()
  const r = props.replay
  const [changes, setChanges] = createSignal<Change[] | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const describe = (step: number | null) =>
    step === null
      ? t().replay.notSet
      : `${t().replay.showing(r.story.ofRaw[step]! + 1, r.story.steps.length)} — ${describeStep(t(), r.timeline, r.story, step)}`
  const mark = (k: 'a' | 'b') => {
    props.setMarks({ ...props.marks, [k]: r.position() })
    setChanges(null)
  }
  const compare = async () => {
    const { a, b } = props.marks
    if (a === null || b === null || busy()) return
    setBusy(true)
    setError(null)
    const [sa, sb] = await Promise.all([r.load(a), r.load(b)])
    setBusy(false)
    if (!sa.ok) return setError(failureText(t(), sa.error))
    if (!sb.ok) return setError(failureText(t(), sb.error))
    if (sa.snapshot && sb.snapshot) setChanges(compareSnapshots(sa.snapshot, sb.snapshot))
  }
  return (
    <section class="side-section compare" aria-labelledby="compare-heading">
      <h2 id="compare-heading" class="heading-s">
        {t().replay.compareHeading}
      </h2>
      <p class="hint">{t().replay.compareHint}</p>
      <ul class="button-group">
        <li>
          <button type="button" class="button button--secondary" onClick={() => mark('a')}>
            {t().replay.setA}
          </button>
        </li>
        <li>
          <button type="button" class="button button--secondary" onClick={() => mark('b')}>
            {t().replay.setB}
          </button>
        </li>
      </ul>
      <ul class="compare__points">
        <For each={['a', 'b'] as const}>
          {(k) => (
            <li>
              {(k === 'a' ? t().replay.pointA : t().replay.pointB)(describe(props.marks[k]))}
              <Show when={props.marks[k] !== null}>
                {' '}
                <button type="button" class="link-button" onClick={() => r.go(props.marks[k]!)}>
                  {t().replay.goTo(k.toUpperCase())}
                </button>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <button
        type="button"
        class="button"
        aria-disabled={props.marks.a === null || props.marks.b === null || busy()}
        onClick={() => void compare()}
      >
        {busy() ? t().replay.comparing : t().replay.compare}
      </button>
      <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
      {/* Only the count is announced; the list is there to read at one's own pace. */}
      <div role="status" aria-live="polite">
        <Show when={changes()}>
          {(list) => (
            <h3 class="heading-xs">
              {list().length ? t().replay.changesHeading(list().length) : t().replay.noChanges}
            </h3>
          )}
        </Show>
      </div>
      <Show when={changes()?.length}>
        <ul class="compare__changes">
          <For each={changes()!}>
            {(c) => <ChangeLine change={c} nameOf={(id) => nameOf(r.timeline, id)} />}
          </For>
        </ul>
      </Show>
    </section>
  )
}

function ChangeLine(props: { change: Change; nameOf: (accountId: string) => string }) {
  const t = useT()
  const score = (o: { score: number | null; max: number | null; rating: string | null }) =>
    o.score === null ? t().replay.none : `${o.score}/${o.max} ${o.rating ?? ''}`.trim()
  const status = (s: string | null) =>
    s === null ? t().replay.none : s === 'open' ? t().replay.undecided : (t().statuses[s] ?? s)
  const stance = (s: string | null) => (s === null ? t().replay.none : (t().stances[s] ?? s))
  const draftLabel = (key: string) => {
    const k = parseDraftKey(key)
    if (!k) return key
    return k.kind === 'vote'
      ? t().replay.voteDraft(props.nameOf(k.accountId))
      : `${k.standardId}: ${t().replay.draftKinds[k.kind]}`
  }
  return (
    <li class={`change change--${props.change.kind}`}>
      <Switch>
        <Match when={props.change.kind === 'overall' && props.change}>
          {(c) => t().replay.changeOverall(score(c().from), score(c().to))}
        </Match>
        <Match when={props.change.kind === 'rating' && props.change}>
          {(c) =>
            t().replay.changeRating(
              c().standardId,
              c().title,
              c().from ?? t().common.notRated,
              c().to ?? t().common.notRated,
            )
          }
        </Match>
        <Match when={props.change.kind === 'proposal' && props.change}>
          {(c) => t().replay.changeProposal(c().standardId, c().to, status(c().from), status(c().now))}
        </Match>
        <Match when={props.change.kind === 'vote' && props.change}>
          {(c) => (
            <>
              {t().replay.changeVote(c().name, c().standardId, stance(c().from), stance(c().now))}
              <Show when={c().justification}>
                <span class="hint"> — {c().justification}</span>
              </Show>
            </>
          )}
        </Match>
        <Match when={props.change.kind === 'member' && props.change}>
          {(c) =>
            t().replay.changeMember(
              c().name,
              t().roles[c().role] ?? c().role,
              t().replay.memberStates[c().from]!,
              t().replay.memberStates[c().now]!,
            )
          }
        </Match>
        <Match when={props.change.kind === 'finalised' && props.change}>
          {(c) => t().replay.changeFinalised(c().now)}
        </Match>
        <Match when={props.change.kind === 'focus' && props.change}>
          {(c) => t().replay.changeFocus(c().from ?? t().replay.none, c().now ?? t().replay.none)}
        </Match>
        <Match when={props.change.kind === 'draft' && props.change}>
          {(c) => (
            <>
              {t().replay.changeDraft(draftLabel(c().key), c().from, c().now)}
              <p class="text-change">
                <span>{c().before}</span>
                <Show when={c().removed}>
                  <del>
                    <span class="visually-hidden">{t().replay.removed}: </span>
                    {c().removed}
                  </del>
                </Show>
                <Show when={c().inserted}>
                  <ins>
                    <span class="visually-hidden">{t().replay.inserted}: </span>
                    {c().inserted}
                  </ins>
                </Show>
                <span>{c().after}</span>
              </p>
            </>
          )}
        </Match>
      </Switch>
    </li>
  )
}
