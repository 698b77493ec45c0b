// The final ratings as decided so far, updating live, and the lead's irreversible Finalise behind a confirming dialog.
import { createMemo, createSignal, For, Show } from 'solid-js'
import { openProposals } from '../../../../shared/panel/decide.ts'
import { ErrorMessage } from '../../components/Problems.tsx'
import { RatingBadge } from '../../components/RatingBadge.tsx'
import { failureText } from '../../lib/http.ts'
import { useT } from '../../i18n/i18n.tsx'
import { useLabels } from '../../lib/labels.tsx'
import { hasTriggers } from '../../lib/describe.ts'
import { trapTab } from '../../lib/focus-trap.ts'
import { focusWhenLost } from '../../lib/page.ts'
import { Link } from '../../lib/router.tsx'
import { keyboardScrollable } from '../../lib/scroll-box.ts'
import { usePanel } from './panel-context.ts'
import { withDecisions } from './projection.ts'

export function FinalisePanel() {
  const t = useT()
  const labels = useLabels()
  const p = usePanel()
  const final = createMemo(() => p.state.finalised?.final ?? withDecisions(p.framework(), p.state))
  const open = () => openProposals(p.state)
  const kept = () => {
    const proposed = new Set(
      Object.values(p.state.proposals)
        .filter((x) => x.status !== 'retracted')
        .map((x) => x.standardId),
    )
    return p.state.rating.standards.filter((s) => hasTriggers(s) && !proposed.has(s.id)).map((s) => s.id)
  }
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  let dialog!: HTMLDialogElement
  let opener!: HTMLButtonElement

  const openDialog = () => {
    if (open().length) return
    setError(null)
    dialog.showModal()
  }
  const closeDialog = () => {
    dialog.close()
    opener?.focus()
  }
  const confirm = async () => {
    setBusy(true)
    const r = await p.send({ type: 'finalise' })
    setBusy(false)
    if (!r.ok) return setError(failureText(t(), r.error))
    closeDialog()
    // The opener goes away with the lead's controls once the record is frozen: focus goes to this section's heading.
    focusWhenLost('final-heading')
  }

  return (
    <section class="finalise" aria-labelledby="final-heading">
      <h2 id="final-heading">{t().finalise.heading}</h2>
      <Show when={!p.state.finalised}>
        <p class="hint">{t().finalise.live}</p>
      </Show>
      <Show when={final()}>
        {(f) => (
          <div class="table-scroll" ref={keyboardScrollable('final-heading')}>
            <table class="table final-table">
              <thead>
                <tr>
                  <th scope="col">{t().result.standard}</th>
                  <th scope="col">{t().finalise.rulesBased}</th>
                  <th scope="col">{t().finalise.final}</th>
                </tr>
              </thead>
              <tbody>
                <For each={f().standards}>
                  {(s) => (
                    <tr classList={{ 'final-table__changed': s.rating !== s.rulesBased }}>
                      <th scope="row">
                        {s.id} {labels.standard(s.id, s.title)}
                      </th>
                      <td>
                        <RatingBadge rating={s.rulesBased} />
                      </td>
                      <td>
                        <RatingBadge rating={s.rating} />
                        <Show when={s.rating !== s.rulesBased}>
                          <span class="marker"> ✎ {t().finalise.changed}</span>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t().result.overallRating}</th>
                  <td>
                    {f().rulesBasedOverall.score}/{f().rulesBasedOverall.max}{' '}
                    <RatingBadge rating={f().rulesBasedOverall.rating} />
                  </td>
                  <td>
                    {f().overall.score !== null ? `${f().overall.score}/${f().overall.max} ` : ''}
                    <RatingBadge rating={f().overall.rating} />
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </Show>
      <Show when={p.state.finalised}>
        <p>
          <Link href={`${p.boardHref}/report`}>{t().panel.report} →</Link>
        </p>
      </Show>
      <Show when={!p.state.finalised && p.isLead()}>
        <p class="hint" id="finalise-reason">
          {open().length
            ? t().finalise.blocked(
                open()
                  .map((x) => x.standardId)
                  .join(', '),
              )
            : kept().length
              ? t().finalise.kept(kept().join(', '))
              : ''}
        </p>
        <button
          ref={opener}
          type="button"
          class="button button--warning"
          aria-disabled={open().length ? 'true' : undefined}
          aria-describedby="finalise-reason"
          onClick={openDialog}
        >
          {t().finalise.button}
        </button>
        <dialog
          ref={dialog}
          class="dialog"
          aria-labelledby="finalise-dialog-title"
          aria-describedby="finalise-dialog-body"
          onClose={() => opener?.focus()}
          onKeyDown={(e) => trapTab(e, dialog)}
        >
          <h2 id="finalise-dialog-title">{t().finalise.dialogTitle}</h2>
          <p id="finalise-dialog-body">{t().finalise.dialogBody}</p>
          <Show when={kept().length}>
            <p>{t().finalise.kept(kept().join(', '))}</p>
          </Show>
          <Show when={final()}>
            {(f) => (
              <p class="dialog__score">
                {f().overall.score !== null ? `${f().overall.score}/${f().overall.max} ` : ''}
                <RatingBadge rating={f().overall.rating} />
              </p>
            )}
          </Show>
          <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
          <div class="button-group">
            <button
              type="button"
              class="button button--warning"
              disabled={busy()}
              onClick={() => void confirm()}
            >
              {t().finalise.confirm}
            </button>
            <button type="button" class="button button--secondary" onClick={closeDialog} autofocus>
              {t().common.cancel}
            </button>
          </div>
        </dialog>
      </Show>
    </section>
  )
}
