// My vote on an open proposal: support, oppose or abstain, with a justification in my own draft.
import { createSignal, Show } from 'solid-js'
import type { ProposalState, Stance } from '../../../../shared/panel/types.ts'
import { ErrorSummary } from '../../components/ErrorSummary.tsx'
import { failureText } from '../../lib/http.ts'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { createValidation, isShort } from '../../lib/validation.ts'
import { createVoteDraft } from '../../stores/workspace-store.ts'
import { usePanel } from './panel-context.ts'
import { StanceChoice } from './StanceChoice.tsx'
import { SharedTextarea } from './SharedTextarea.tsx'

export function VoteForm(props: { proposal: ProposalState }) {
  const t = useT()
  const p = usePanel()
  const announce = useAnnounce()
  const mine = () => props.proposal.votes[p.me.accountId] ?? null
  const [stance, setStance] = createSignal<Stance | null>(null)
  const [held, setHeld] = createSignal(false)
  const [text, setText] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const draft = createVoteDraft(
    p.workspace,
    () => props.proposal.id,
    () => p.me.accountId,
    () => p.canWrite() && p.conn.workspaceSynced(),
  )
  const chosen = () => stance() ?? mine()?.stance ?? null
  const base = () => `vote-${props.proposal.id}`
  const stanceId = () => `${base()}-stance`
  const textId = () => `${base()}-text`
  const v = createValidation(() => [
    ...(chosen() ? [] : [{ id: stanceId(), message: t().vote.chooseStance }]),
    ...(held()
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
    const r = await p.send({
      type: 'vote',
      proposalId: props.proposal.id,
      stance: s,
      justification: draft()?.toString() ?? '',
    })
    setBusy(false)
    if (r.ok) {
      v.reset()
      announce(t().vote.sent(t().stances[s]!))
    } else v.refuse(failureText(t(), r.error), textId())
  }
  return (
    <form class="vote-form" onSubmit={(e) => void submit(e)} aria-labelledby={`${base()}-heading`} novalidate>
      <h5 id={`${base()}-heading`} class="heading-xs">
        {t().vote.heading}
      </h5>
      <Show when={mine()}>{(v) => <p class="hint">{t().vote.current(t().stances[v().stance]!)}</p>}</Show>
      <ErrorSummary v={v} id={`${base()}-errors`} />
      <StanceChoice v={v} id={stanceId()} name={base()} chosen={chosen()} onChoose={setStance} />
      <SharedTextarea
        onHeld={setHeld}
        id={textId()}
        error={v.of(textId())}
        onValue={setText}
        label={t().vote.justification}
        text={draft}
        typingKey={`vote:${props.proposal.id}:${p.me.accountId}`}
        readOnly={!p.canWrite()}
        rows={3}
      />

      <button type="submit" class="button" disabled={busy()}>
        {mine() ? t().vote.change : t().vote.submit}
      </button>
    </form>
  )
}
