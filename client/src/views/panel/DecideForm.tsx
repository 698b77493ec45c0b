// The lead decides an open proposal: apply it with a footnote, or reject it with a reason, each drafted in a shared text.
import { createSignal, Show } from 'solid-js'
import type { ProposalState } from '../../../../shared/panel/types.ts'
import { ErrorMessage } from '../../components/Problems.tsx'
import { failureText } from '../../lib/http.ts'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { focusWhenLost } from '../../lib/page.ts'
import { createDraft } from '../../stores/workspace-store.ts'
import { usePanel } from './panel-context.ts'
import { footnoteFieldId } from './FootnoteDraft.tsx'
import { SharedTextarea } from './SharedTextarea.tsx'

type Outcome = 'applied' | 'rejected'

export function DecideForm(props: { proposal: ProposalState; footnoteHeld: boolean }) {
  const t = useT()
  const p = usePanel()
  const announce = useAnnounce()
  const sid = () => props.proposal.standardId
  const [outcome, setOutcome] = createSignal<Outcome | null>(null)
  const [error, setError] = createSignal<string | null>(null)
  const [held, setHeld] = createSignal(false)
  const [busy, setBusy] = createSignal(false)
  const footnote = createDraft(p.workspace, 'footnote', sid)
  const footnoteHeld = () => props.footnoteHeld
  const reason = createDraft(p.workspace, 'decision', sid)
  const base = () => `decide-${props.proposal.id}`
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setError(null)
    const o = outcome()
    if (held() || (o === 'applied' && footnoteHeld())) return setError(t().common.heldBlocksSending)
    if (!o) return setError(t().decide.chooseOutcome)
    const text = o === 'applied' ? footnote() : reason()
    setBusy(true)
    const r = await p.send({
      type: 'decide',
      proposalId: props.proposal.id,
      outcome: o,
      text: text?.toString() ?? '',
    })
    setBusy(false)
    if (!r.ok) return setError(failureText(t(), r.error))
    if (text) text.doc?.transact(() => text.delete(0, text.length))
    announce(t().decide.sent(t().statuses[o]!, sid()))
    // The decided proposal no longer has this form: its heading, where the decision shows, takes focus.
    focusWhenLost(`proposal-${props.proposal.id}`)
  }
  return (
    <form class="decide-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${base()}-heading`}>
      <h5 id={`${base()}-heading`} class="heading-xs">
        {t().decide.heading}
      </h5>
      <fieldset class="fieldset">
        <legend class="label">{t().decide.outcome}</legend>
        <div class="radio">
          <input
            type="radio"
            id={`${base()}-apply`}
            name={base()}
            value="applied"
            checked={outcome() === 'applied'}
            onChange={() => setOutcome('applied')}
          />
          <label for={`${base()}-apply`}>✔ {t().decide.apply}</label>
        </div>
        <div class="radio">
          <input
            type="radio"
            id={`${base()}-reject`}
            name={base()}
            value="rejected"
            checked={outcome() === 'rejected'}
            onChange={() => setOutcome('rejected')}
          />
          <label for={`${base()}-reject`}>✘ {t().decide.reject}</label>
        </div>
      </fieldset>
      <Show when={outcome() === 'applied'}>
        <p class="hint">
          {t().decide.footnoteFrom} <a href={`#${footnoteFieldId(sid())}`}>{t().decide.footnote}</a>
        </p>
      </Show>
      <Show when={outcome() === 'rejected'}>
        <SharedTextarea
          onHeld={setHeld}
          id={`${base()}-reason`}
          label={t().decide.reason}
          text={reason}
          typingKey={`decision:${sid()}`}
          readOnly={!p.canWrite()}
          rows={4}
        />
      </Show>
      <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
      <button type="submit" class="button" disabled={busy()}>
        {t().decide.submit}
      </button>
    </form>
  )
}
