// The lead reveals a proposal's sealed votes: every opening published at once, then the proposal can be decided.
import { createSignal, Show } from 'solid-js'
import type { ProposalState } from '../../../../shared/panel/types.ts'
import { ErrorMessage } from '../../components/Problems.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { failureText } from '../../lib/http.ts'
import { focusWhenLost } from '../../lib/page.ts'
import { usePanel } from './panel-context.ts'

export function RevealButton(props: { proposal: ProposalState }) {
  const t = useT()
  const p = usePanel()
  const announce = useAnnounce()
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const hintId = () => `reveal-${props.proposal.id}-hint`
  const reveal = async () => {
    setError(null)
    setBusy(true)
    const r = await p.send({ type: 'reveal', proposalId: props.proposal.id })
    setBusy(false)
    if (!r.ok) return setError(failureText(t(), r.error))
    announce(t().blind.revealed(props.proposal.standardId))
    // The button goes with the seal; the distribution that replaces it is named by its heading.
    focusWhenLost(`distribution-${props.proposal.id}`)
  }
  return (
    <div class="decide-form reveal">
      <h5 class="heading-xs">{t().decide.heading}</h5>
      <p class="hint" id={hintId()}>
        {t().blind.decideAfterReveal} {t().blind.revealHint}
      </p>
      <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
      <button
        type="button"
        class="button"
        aria-describedby={hintId()}
        disabled={busy()}
        onClick={() => void reveal()}
      >
        {t().blind.reveal}
      </button>
    </div>
  )
}
