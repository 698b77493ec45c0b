// The lead decides an open proposal: apply it with a footnote, or reject it with a reason, each drafted in a shared text.
import { createEffect, createSignal, Show } from 'solid-js'
import { quorumStatus } from '../../../../shared/panel/settings.ts'
import type { ProposalState } from '../../../../shared/panel/types.ts'
import { MIN_JUSTIFICATION_CHARS } from '../../../../shared/engine/decisions.ts'
import { ErrorSummary, FieldErrorText } from '../../components/ErrorSummary.tsx'
import { failureText } from '../../lib/http.ts'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { focusWhenLost } from '../../lib/page.ts'
import { createValidation, isShort } from '../../lib/validation.ts'
import { createDraft } from '../../stores/workspace-store.ts'
import { usePanel } from './panel-context.ts'
import { footnoteFieldId } from './FootnoteDraft.tsx'
import { SharedTextarea } from './SharedTextarea.tsx'

type Outcome = 'applied' | 'rejected'

export function DecideForm(props: {
  proposal: ProposalState
  /** The shared footnote draft as it stands, whether it is held back as personal data, and where its error shows. */
  footnote: string
  footnoteHeld: boolean
  onFootnoteError(message: string | undefined): void
}) {
  const t = useT()
  const p = usePanel()
  const announce = useAnnounce()
  const sid = () => props.proposal.standardId
  const [outcome, setOutcome] = createSignal<Outcome | null>(null)
  const [held, setHeld] = createSignal(false)
  const [reasonText, setReasonText] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const footnote = createDraft(p.workspace, 'footnote', sid)
  const reason = createDraft(p.workspace, 'decision', sid)
  const base = () => `decide-${props.proposal.id}`
  const outcomeId = () => `${base()}-outcome`
  const reasonId = () => `${base()}-reason`
  const footId = () => footnoteFieldId(sid())
  // Below the panel's quorum the lead decides only with a reason, recorded with the decision.
  const belowQuorum = () => !quorumStatus(p.state, props.proposal).met
  const [override, setOverride] = createSignal('')
  const overrideId = () => `${base()}-override`
  const v = createValidation(() => {
    const o = outcome()
    if (!o) return [{ id: outcomeId(), message: t().decide.chooseOutcome }]
    if (belowQuorum() && isShort(override())) return [{ id: overrideId(), message: t().quorum.needReason }]
    if (o === 'applied') {
      if (props.footnoteHeld) return [{ id: footId(), message: t().common.heldBlocksSending }]
      return isShort(props.footnote, MIN_JUSTIFICATION_CHARS)
        ? [{ id: footId(), message: t().errors.footnote }]
        : []
    }
    if (held()) return [{ id: reasonId(), message: t().common.heldBlocksSending }]
    return isShort(reasonText()) ? [{ id: reasonId(), message: t().errors.reason }] : []
  })
  createEffect(() => props.onFootnoteError(v.of(footId())))
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const o = outcome()
    if (!v.check() || !o) return
    const text = o === 'applied' ? footnote() : reason()
    setBusy(true)
    const r = await p.send({
      type: 'decide',
      proposalId: props.proposal.id,
      outcome: o,
      text: text?.toString() ?? '',
      ...(belowQuorum() ? { override: { reason: override() } } : {}),
    })
    setBusy(false)
    if (!r.ok) return v.refuse(failureText(t(), r.error), o === 'applied' ? footId() : reasonId())
    v.reset()
    if (text) text.doc?.transact(() => text.delete(0, text.length))
    announce(t().decide.sent(t().statuses[o]!, sid()))
    // The decided proposal no longer has this form: its heading, where the decision shows, takes focus.
    focusWhenLost(`proposal-${props.proposal.id}`)
  }
  return (
    <form
      class="decide-form"
      onSubmit={(e) => void submit(e)}
      aria-labelledby={`${base()}-heading`}
      novalidate
    >
      <h5 id={`${base()}-heading`} class="heading-xs">
        {t().decide.heading}
      </h5>
      <ErrorSummary v={v} id={`${base()}-errors`} />
      <fieldset
        class="fieldset"
        id={outcomeId()}
        classList={{ 'form-group--error': !!v.of(outcomeId()) }}
        aria-describedby={v.of(outcomeId()) ? `${outcomeId()}-error` : undefined}
      >
        <legend class="label">{t().decide.outcome}</legend>
        <FieldErrorText id={outcomeId()} message={v.of(outcomeId())} />
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
          id={reasonId()}
          error={v.of(reasonId())}
          onValue={setReasonText}
          label={t().decide.reason}
          text={reason}
          typingKey={`decision:${sid()}`}
          readOnly={!p.canWrite()}
          rows={4}
        />
      </Show>
      <Show when={belowQuorum()}>
        <div class="form-group" classList={{ 'form-group--error': !!v.of(overrideId()) }}>
          <label class="label" for={overrideId()}>
            {t().quorum.overrideLabel}
          </label>
          <p class="hint" id={`${overrideId()}-hint`}>
            {t().quorum.overrideHint} {t().common.privacyHint}
          </p>
          <FieldErrorText id={overrideId()} message={v.of(overrideId())} />
          <textarea
            id={overrideId()}
            class="textarea"
            rows={2}
            maxlength={10000}
            aria-describedby={`${overrideId()}-hint${v.of(overrideId()) ? ` ${overrideId()}-error` : ''}`}
            value={override()}
            onInput={(e) => setOverride(e.currentTarget.value)}
          />
        </div>
      </Show>

      <button type="submit" class="button" disabled={busy()}>
        {t().decide.submit}
      </button>
    </form>
  )
}
