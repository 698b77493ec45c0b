// Propose a rating one band away, only in a triggered direction, with a justification drafted together in a shared text.
import { createSignal, For, Show } from 'solid-js'
import type { StandardResult } from '../../../../shared/engine/types.ts'
import { ErrorMessage } from '../../components/Problems.tsx'
import { failureText } from '../../lib/http.ts'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { proposalTargets, triggerReasons } from '../../lib/describe.ts'
import { focusWhenLost } from '../../lib/page.ts'
import { createDraft } from '../../stores/workspace-store.ts'
import { usePanel } from './panel-context.ts'
import { SharedTextarea } from './SharedTextarea.tsx'

export function ProposeForm(props: { standard: StandardResult }) {
  const t = useT()
  const p = usePanel()
  const announce = useAnnounce()
  const s = () => props.standard
  const targets = () => proposalTargets(p.labels(), s())
  const [target, setTarget] = createSignal<string | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [held, setHeld] = createSignal(false)
  const [busy, setBusy] = createSignal(false)
  const draft = createDraft(p.workspace, 'proposal', () => s().id)
  const blocking = () =>
    Object.values(p.state.proposals).find(
      (x) => x.standardId === s().id && (x.status === 'open' || x.status === 'applied'),
    )
  const chosen = () => target() ?? (targets().length === 1 ? targets()[0]!.rating : null)

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setError(null)
    if (held()) return setError(t().common.heldBlocksSending)
    const rating = chosen()
    const text = draft()
    if (!rating) return setError(t().propose.chooseRating)
    if (!text) return
    setBusy(true)
    const r = await p.send({ type: 'propose', standardId: s().id, rating, justification: text.toString() })
    setBusy(false)
    if (!r.ok) return setError(failureText(t(), r.error))
    // The justification now lives in the record; the shared draft starts again empty.
    text.doc?.transact(() => text.delete(0, text.length))
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
        <form onSubmit={(e) => void submit(e)}>
          <fieldset class="fieldset" aria-describedby="propose-target-hint">
            <legend class="label">{t().propose.target}</legend>
            <p class="hint" id="propose-target-hint">
              {t().propose.targetHint}
            </p>
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
                      {triggerReasons(t(), s(), o.direction).join('; ')})
                    </span>
                  </label>
                </div>
              )}
            </For>
          </fieldset>
          <SharedTextarea
            onHeld={setHeld}
            id={`proposal-draft-${s().id}`}
            label={t().propose.justification}
            hint={t().propose.justificationHint}
            text={draft}
            typingKey={`proposal:${s().id}`}
            readOnly={!p.canWrite()}
            rows={6}
          />
          <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
          <button type="submit" class="button" disabled={busy()}>
            {t().propose.submit}
          </button>
        </form>
      </section>
    </Show>
  )
}
