// The footnote to a proposal, drafted together (lead and inspectors at once, in the shared `footnote:<standard>` text),
// with starting text offered from the standard's triggers and figures in the framework's words; the lead decides.
import { createMemo, createSignal, Show } from 'solid-js'
import type { StandardResult } from '../../../../shared/engine/types.ts'
import type { ProposalState } from '../../../../shared/panel/types.ts'
import { useI18n } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { footnoteStart } from '../../lib/footnote-start.ts'
import { createDraft } from '../../stores/workspace-store.ts'
import { usePanel } from './panel-context.ts'
import { SharedTextarea } from './SharedTextarea.tsx'

export const footnoteFieldId = (sid: string) => `footnote-${sid}`

export function FootnoteDraft(props: {
  proposal: ProposalState
  onHeld(held: boolean): void
  onValue(value: string): void
  error?: string
}) {
  const { t, lang } = useI18n()
  const p = usePanel()
  const announce = useAnnounce()
  const sid = () => props.proposal.standardId
  const draft = createDraft(p.workspace, 'footnote', sid)
  // A proposal on the overall or an area given by judgement (framework@2) has no standard, so no starting text.
  const standard = () => p.state.rating.standards.find((s) => s.id === sid()) as StandardResult | undefined
  const start = createMemo(() =>
    !standard()
      ? ''
      : footnoteStart(
          p.framework(),
          lang(),
          standard()!,
          props.proposal.direction,
          props.proposal.to,
          (name, rating) =>
            (props.proposal.direction === 'up' ? t().footnote.closingUp : t().footnote.closingDown)(
              `${sid()} ${name}`,
              rating,
            ),
        ),
  )
  const [value, setValue] = createSignal('')
  const empty = () => value().trim() === ''
  const use = () => {
    const text = draft()
    if (!text) return
    text.doc?.transact(() => {
      text.delete(0, text.length)
      text.insert(0, start())
    })
    announce(t().footnote.used)
    document.getElementById(footnoteFieldId(sid()))?.focus()
  }
  return (
    <section class="footnote-draft" aria-labelledby={`footnote-heading-${props.proposal.id}`}>
      <h5 id={`footnote-heading-${props.proposal.id}`} class="heading-xs">
        {t().footnote.heading}
      </h5>
      <Show when={start()}>
        <div class="footnote-draft__start">
          <p class="hint">{t().footnote.suggested}</p>
          <blockquote class="quote" data-testid="footnote-start">
            {start()}
          </blockquote>
          <Show when={p.canWrite() && empty()}>
            <button type="button" class="button button--secondary" onClick={use}>
              {t().footnote.use}
            </button>
          </Show>
        </div>
      </Show>
      <SharedTextarea
        onHeld={props.onHeld}
        onValue={(x) => {
          setValue(x)
          props.onValue(x)
        }}
        error={props.error}
        id={footnoteFieldId(sid())}
        label={t().decide.footnote}
        hint={t().footnote.hint}
        text={draft}
        typingKey={`footnote:${sid()}`}
        readOnly={!p.canWrite()}
        rows={6}
      />
    </section>
  )
}
