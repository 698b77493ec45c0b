// My vote on a blind panel: cast sealed, changed before the reveal as often as I like, and after it in the
// open (recorded as a change after the reveal). The justification's draft stays in this browser (never the
// shared workspace, which every member syncs and replay shows); once sealed, the server shows the vote back
// to me alone until the reveal.
import { createSignal, Show } from 'solid-js'
import { personalDataIn } from '../../../../shared/privacy/personal-data.ts'
import type { ProposalState, Stance } from '../../../../shared/panel/types.ts'
import { ErrorSummary, FieldErrorText } from '../../components/ErrorSummary.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { failureText } from '../../lib/http.ts'
import { createValidation, isShort } from '../../lib/validation.ts'
import { createLocalDraft } from '../../stores/local-draft.ts'
import { usePanel } from './panel-context.ts'
import { StanceChoice } from './StanceChoice.tsx'

export function BlindVoteForm(props: { proposal: ProposalState }) {
  const t = useT()
  const p = usePanel()
  const announce = useAnnounce()
  const revealed = () => !!props.proposal.revealed
  const sealedMine = () => (revealed() ? null : (p.mySealed.byProposal()[props.proposal.id] ?? null))
  const mine = () => sealedMine() ?? (revealed() ? (props.proposal.votes[p.me.accountId] ?? null) : null)
  const draft = createLocalDraft(p.id, props.proposal.id, p.me.accountId)
  const [edited, setEdited] = createSignal(draft.value() !== '')
  const [stance, setStance] = createSignal<Stance | null>(null)
  const [busy, setBusy] = createSignal(false)
  const chosen = () => stance() ?? mine()?.stance ?? null
  // Until I type, the text is my sealed vote's, so a change edits what I said.
  const text = () => (edited() ? draft.value() : (mine()?.justification ?? ''))
  const base = () => `vote-${props.proposal.id}`
  const personal = () => personalDataIn(text()) !== null
  const stanceId = () => `${base()}-stance`
  const textId = () => `${base()}-text`
  const v = createValidation(() => [
    ...(chosen() ? [] : [{ id: stanceId(), message: t().vote.chooseStance }]),
    ...(personal()
      ? [{ id: textId(), message: t().common.heldBlocksSending }]
      : isShort(text())
        ? [{ id: textId(), message: t().errors.voteWhy }]
        : []),
  ])
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const s = chosen()
    if (!v.check() || !s) return
    setBusy(true)
    const r = await p.send({ type: 'vote', proposalId: props.proposal.id, stance: s, justification: text() })
    setBusy(false)
    if (!r.ok) return v.refuse(failureText(t(), r.error), textId())
    v.reset()
    draft.clear()
    setEdited(false)
    setStance(null)
    if (revealed()) return announce(t().vote.sent(t().stances[s]!))
    await p.mySealed.refresh()
    announce(t().blind.sealedSent)
  }
  return (
    <form class="vote-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${base()}-heading`} novalidate>
      <h5 id={`${base()}-heading`} class="heading-xs">
        {t().vote.heading}
      </h5>
      <Show when={mine() && !sealedMine()}>
        <p class="hint">{t().vote.current(t().stances[mine()!.stance]!)}</p>
      </Show>
      <Show when={sealedMine()}>
        {(m) => (
          <div class="my-sealed" data-testid={`my-sealed-${props.proposal.id}`}>
            <p>
              <strong>{t().blind.mine(t().stances[m().stance]!)}</strong> {t().blind.mineHidden}
            </p>
            <p class="distribution__why">{m().justification}</p>
          </div>
        )}
      </Show>
      <ErrorSummary v={v} id={`${base()}-errors`} />
      <StanceChoice v={v} id={stanceId()} name={base()} chosen={chosen()} onChoose={setStance} />
      <div class="form-group" classList={{ 'form-group--error': !!v.of(textId()) }}>
        <label class="label" for={textId()}>
          {t().vote.justification}
        </label>
        <p class="hint" id={`${base()}-hint`}>
          {t().blind.draftLocal} {t().common.privacyHint}
        </p>
        <FieldErrorText id={textId()} message={v.of(textId())} />
        <textarea
          id={textId()}
          class="textarea"
          aria-invalid={v.of(textId()) ? 'true' : undefined}
          rows={3}
          maxlength={10000}
          aria-describedby={[
            `${base()}-hint`,
            personal() ? `${base()}-warning` : '',
            v.of(textId()) ? `${textId()}-error` : '',
          ]
            .filter(Boolean)
            .join(' ')}
          value={text()}
          onInput={(e) => {
            // Read first: marking the text edited re-renders the field's value.
            const value = e.currentTarget.value
            draft.set(value)
            setEdited(true)
          }}
        />
        <Show when={personal()}>
          <div class="warning-text" id={`${base()}-warning`} role="alert">
            <p>⚠ {t().common.privacyWarning}</p>
          </div>
        </Show>
      </div>
      <button type="submit" class="button" disabled={busy()}>
        {mine() ? t().vote.change : t().vote.submit}
      </button>
    </form>
  )
}
