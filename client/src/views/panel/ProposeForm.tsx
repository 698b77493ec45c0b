// Propose a rating one band away, only in a triggered direction, with a justification drafted together in a shared text.
import { createSignal, For, Show } from 'solid-js'
import type { StandardResult } from '../../../../shared/engine/types.ts'
import { ErrorSummary, FieldErrorText } from '../../components/ErrorSummary.tsx'
import { failureText } from '../../lib/http.ts'
import { useT } from '../../i18n/i18n.tsx'
import { useLabels } from '../../lib/labels.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { proposalTargets, triggerReasons } from '../../lib/describe.ts'
import { focusWhenLost } from '../../lib/page.ts'
import { createValidation, isShort } from '../../lib/validation.ts'
import { createDraft } from '../../stores/workspace-store.ts'
import { usePanel } from './panel-context.ts'
import { SharedTextarea } from './SharedTextarea.tsx'

export function ProposeForm(props: { standard: StandardResult }) {
  const t = useT()
  const labels = useLabels()
  const p = usePanel()
  const announce = useAnnounce()
  const s = () => props.standard
  const targets = () => proposalTargets(p.labels(), s())
  const [target, setTarget] = createSignal<string | null>(null)
  const [held, setHeld] = createSignal(false)
  const [text, setText] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const draft = createDraft(p.workspace, 'proposal', () => s().id)
  const blocking = () =>
    Object.values(p.state.proposals).find(
      (x) => x.standardId === s().id && (x.status === 'open' || x.status === 'applied'),
    )
  const chosen = () => target() ?? (targets().length === 1 ? targets()[0]!.rating : null)
  const targetId = () => `propose-${s().id}-target`
  const textId = () => `proposal-draft-${s().id}`
  const v = createValidation(() => [
    ...(chosen() ? [] : [{ id: targetId(), message: t().propose.chooseRating }]),
    ...(held()
      ? [{ id: textId(), message: t().common.heldBlocksSending }]
      : isShort(text())
        ? [{ id: textId(), message: t().errors.justification }]
        : []),
  ])

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const rating = chosen()
    const draftText = draft()
    if (!v.check() || !rating || !draftText) return
    setBusy(true)
    const r = await p.send({
      type: 'propose',
      standardId: s().id,
      rating,
      justification: draftText.toString(),
    })
    setBusy(false)
    if (!r.ok) return v.refuse(failureText(t(), r.error), textId())
    v.reset()
    // The justification now lives in the record; the shared draft starts again empty.
    draftText.doc?.transact(() => draftText.delete(0, draftText.length))
    announce(t().propose.sent(s().id, rating))
    // This form gives way to the new proposal: its heading takes focus, where the vote comes next.
    if (r.value.proposalId) focusWhenLost(`proposal-${r.value.proposalId}`)
  }

  return (
    <Show when={!blocking()} fallback={null}>
      <section class="propose" aria-labelledby="propose-heading">
        <h3 id="propose-heading" class="heading-s">
          {t().propose.heading}
        </h3>
        <form onSubmit={(e) => void submit(e)} novalidate>
          <ErrorSummary v={v} id={`propose-${s().id}-errors`} />
          <fieldset
            class="fieldset"
            id={targetId()}
            classList={{ 'form-group--error': !!v.of(targetId()) }}
            aria-describedby={`propose-target-hint${v.of(targetId()) ? ` ${targetId()}-error` : ''}`}
          >
            <legend class="label">{t().propose.target}</legend>
            <p class="hint" id="propose-target-hint">
              {t().propose.targetHint}
            </p>
            <FieldErrorText id={targetId()} message={v.of(targetId())} />
            <For each={targets()}>
              {(o) => (
                <div class="radio">
                  <input
                    type="radio"
                    id={`propose-${s().id}-${o.direction}`}
                    name={`propose-${s().id}`}
                    value={o.rating}
                    checked={chosen() === o.rating}
                    onChange={() => setTarget(o.rating)}
                  />
                  <label for={`propose-${s().id}-${o.direction}`}>
                    {o.rating}{' '}
                    <span class="hint">
                      ({t().propose.direction[o.direction]}:{' '}
                      {triggerReasons(t(), s(), o.direction, labels.rating).join('; ')})
                    </span>
                  </label>
                </div>
              )}
            </For>
          </fieldset>
          <SharedTextarea
            onHeld={setHeld}
            id={textId()}
            error={v.of(textId())}
            onValue={setText}
            label={t().propose.justification}
            hint={t().propose.justificationHint}
            text={draft}
            typingKey={`proposal:${s().id}`}
            readOnly={!p.canWrite()}
            rows={6}
          />

          <button type="submit" class="button" disabled={busy()}>
            {t().propose.submit}
          </button>
        </form>
      </section>
    </Show>
  )
}
