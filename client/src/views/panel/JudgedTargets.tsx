// What a framework@2 leaves to the panel's judgement beyond its standards: the overall rating (no score rule) and
// areas rated by judgement. Each shows its rating now and its proposals; members propose a rating with a
// justification, and the lead decides, as for a standard. The areas rated by a rule are listed too.
import { createMemo, createSignal, For, Show } from 'solid-js'
import { judgedTargets, type JudgedTarget } from '../../../../shared/engine/judged-targets.ts'
import { labelFor } from '../../../../shared/framework/labels.ts'
import { AreasList } from '../../components/AreasList.tsx'
import { ErrorMessage } from '../../components/Problems.tsx'
import { RatingBadge } from '../../components/RatingBadge.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { useLabels } from '../../lib/labels.tsx'
import { failureText } from '../../lib/http.ts'
import { usePanel } from './panel-context.ts'
import { ProposalView } from './ProposalView.tsx'
import { withDecisions } from './projection.ts'

export function JudgedTargets() {
  const { t, lang } = useI18n()
  const p = usePanel()
  const result = createMemo(
    () => p.state.finalised?.final ?? withDecisions(p.framework(), p.state) ?? p.state.rating,
  )
  const targets = createMemo(() => judgedTargets(p.framework(), result()))
  const title = (target: JudgedTarget) =>
    target.id === 'overall'
      ? t().judged.overall
      : labelFor(p.framework(), lang(), 'area', target.id.slice('area:'.length))
  return (
    <Show when={targets().length || result().areas?.length}>
      <AreasList areas={result().areas} label={(a) => labelFor(p.framework(), lang(), 'area', a.id)} />
      <Show when={targets().length}>
        <section class="judged-targets" aria-labelledby="judged-heading">
          <h2 id="judged-heading">{t().judged.heading}</h2>
          <p class="hint">{t().judged.intro}</p>
          <For each={targets()}>{(target) => <Target target={target} title={title(target)} />}</For>
        </section>
      </Show>
    </Show>
  )
}

function Target(props: { target: JudgedTarget; title: string }) {
  const { t } = useI18n()
  const p = usePanel()
  const labels = useLabels()
  const announce = useAnnounce()
  const [rating, setRating] = createSignal('')
  const [text, setText] = createSignal('')
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const proposals = () =>
    p.state.proposalOrder
      .map((id) => p.state.proposals[id]!)
      .filter((x) => x.standardId === props.target.id && x.status !== 'retracted')
  const blocked = () => proposals().some((x) => x.status === 'open' || x.status === 'applied')
  const base = () => `judged-${props.target.id.replace(/\W/g, '-')}`
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setError(null)
    if (!rating()) return setError(t().propose.chooseRating)
    setBusy(true)
    const r = await p.send({
      type: 'propose',
      standardId: props.target.id,
      rating: rating(),
      justification: text(),
    })
    setBusy(false)
    if (!r.ok) return setError(failureText(t(), r.error))
    setText('')
    announce(t().judged.proposed(props.title))
  }
  return (
    <article class="judged-target" aria-labelledby={`${base()}-heading`}>
      <h3 id={`${base()}-heading`}>
        {props.title} <RatingBadge rating={props.target.rating} />
      </h3>
      <For each={proposals()}>{(x) => <ProposalView proposal={x} />}</For>
      <Show when={p.canWrite() && !blocked()}>
        <form class="judged-target__form" onSubmit={(e) => void submit(e)} novalidate>
          <div class="form-group">
            <label class="label" for={`${base()}-rating`}>
              {t().judged.rating(props.title)}
            </label>
            <select
              id={`${base()}-rating`}
              class="select"
              value={rating()}
              onChange={(e) => setRating(e.currentTarget.value)}
            >
              <option value="">{t().judged.choose}</option>
              <For each={p.labels().filter((l) => l !== props.target.rating)}>
                {(l) => <option value={l}>{labels.rating(l)}</option>}
              </For>
            </select>
          </div>
          <div class="form-group">
            <label class="label" for={`${base()}-why`}>
              {t().judged.justification}
            </label>
            <p class="hint" id={`${base()}-why-hint`}>
              {t().common.privacyHint}
            </p>
            <textarea
              id={`${base()}-why`}
              class="textarea"
              rows="3"
              aria-describedby={`${base()}-why-hint`}
              value={text()}
              onInput={(e) => setText(e.currentTarget.value)}
            />
          </div>
          <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
          <button type="submit" class="button button--secondary" disabled={busy()}>
            {t().judged.propose}
          </button>
        </form>
      </Show>
    </article>
  )
}
