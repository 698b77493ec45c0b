// Corrections on the report (and the replay): the forward link of a corrected record, what a correction
// changed against the record it corrects, with both hashes.
import { createResource, createSignal, For, Show } from 'solid-js'
import type { Difference } from '../../../../shared/panel/correction-diff.ts'
import { ErrorMessage } from '../../components/Problems.tsx'
import { useT } from '../../i18n/i18n.tsx'
import type { CorrectionsAnswer } from '../../lib/api-types.ts'
import { api, failureText } from '../../lib/http.ts'
import { Link, useRouter } from '../../lib/router.tsx'
import './corrections.css'

const panelPath = (id: string) => `/panels/${encodeURIComponent(id)}`
const apiPath = (id: string) => `/api${panelPath(id)}`

/** The links both ways for a panel; null while there is nothing to read (or it cannot be read). */
export function useCorrections(id: () => string | null) {
  const [answer, { refetch }] = createResource(id, async (panelId) => {
    const r = await api<CorrectionsAnswer>('GET', `${apiPath(panelId)}/corrections`)
    return r.ok ? r.value : null
  })
  return { answer, refetch }
}

/** "Corrected on … by …: see record …" for each correction of this record, with an invitation to accept. */
export function CorrectedNotice(props: { answer: CorrectionsAnswer }) {
  const t = useT()
  const router = useRouter()
  const [error, setError] = createSignal<string | null>(null)
  const accept = async (panelId: string, inviteId: string) => {
    setError(null)
    const r = await api('POST', `${apiPath(panelId)}/invites/${encodeURIComponent(inviteId)}/accept`)
    if (!r.ok) return setError(failureText(t(), r.error))
    router.navigate(panelPath(panelId))
  }
  return (
    <For each={props.answer.correctedBy}>
      {(c) => (
        <div class="notice correction-notice" data-testid="corrected-notice">
          <p>
            <Show
              when={c.finalisedAt}
              fallback={
                <>
                  {t().correction.openedOn(t().common.dateTime(c.at), c.byName)}{' '}
                  <Link href={panelPath(c.panelId)}>{t().correction.seePanel(c.panelId)}</Link>
                </>
              }
            >
              {(at) => (
                <>
                  {t().correction.correctedOn(t().common.dateTime(at()), c.byName)}{' '}
                  <Link href={`${panelPath(c.panelId)}/report`}>{t().correction.seeRecord(c.panelId)}</Link>
                </>
              )}
            </Show>
          </p>
          <p>
            <strong>{t().correction.reason}:</strong> {c.reason}
          </p>
          <Show when={c.invitation}>
            {(inviteId) => (
              <p class="no-print">
                {t().correction.invited}{' '}
                <button type="button" class="button" onClick={() => void accept(c.panelId, inviteId())}>
                  {t().correction.accept}
                </button>
              </p>
            )}
          </Show>
          <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
        </div>
      )}
    </For>
  )
}

/** The replay says plainly that the record was corrected, and what a correction corrects. */
export function ReplayCorrections(props: { panelId: string }) {
  const t = useT()
  const { answer } = useCorrections(() => props.panelId)
  return (
    <Show when={answer()}>
      {(a) => (
        <>
          <CorrectedNotice answer={a()} />
          <Show when={a().correctionOf}>
            {(of) => (
              <p class="notice">
                <Link href={`${panelPath(of().panelId)}/report`}>
                  {t().correction.corrects(of().panelId, of().title ?? '')}
                </Link>
              </p>
            )}
          </Show>
        </>
      )}
    </Show>
  )
}

function whatOf(t: ReturnType<typeof useT>, d: Difference): string {
  const kind = t().correction.kinds[d.kind] ?? d.kind
  return d.kind === 'input' && d.keyQuestion ? `${kind}, ${t().correction.keyQuestion(d.keyQuestion)}` : kind
}

/** The differences, standard by standard, with the cases that moved. */
export function DifferencesTable(props: { differences: Difference[]; after: string }) {
  const t = useT()
  return (
    <table class="table table--compact" data-testid="differences">
      <caption class="visually-hidden">{t().correction.caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t().report.standard}</th>
          <th scope="col">{t().correction.what}</th>
          <th scope="col">{t().correction.before}</th>
          <th scope="col">{props.after}</th>
        </tr>
      </thead>
      <tbody>
        <For each={props.differences}>
          {(d) => (
            <tr>
              <th scope="row">{'standardId' in d ? d.standardId : t().report.overall}</th>
              <td>
                {whatOf(t, d)}
                <Show when={d.kind === 'input' && d.cases}>
                  {(cases) => (
                    <ul class="list--plain">
                      <For each={cases()}>
                        {(m) => (
                          <li>
                            {t().correction.caseMoved(
                              m.ref,
                              t().correction.answers[m.before] ?? m.before,
                              t().correction.answers[m.after] ?? m.after,
                            )}
                          </li>
                        )}
                      </For>
                    </ul>
                  )}
                </Show>
              </td>
              <td>{d.before}</td>
              <td>{d.after}</td>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  )
}

/** What a correction changed against the record it corrects, standard by standard, and both hashes. */
export function CorrectionSection(props: { answer: CorrectionsAnswer }) {
  const t = useT()
  return (
    <Show when={props.answer.correctionOf}>
      {(of) => (
        <section class="correction" aria-labelledby="correction-heading" data-testid="correction-section">
          <h2 id="correction-heading">{t().correction.heading}</h2>
          <p>
            <Show when={of().found} fallback={t().correction.correctsMissing(of().panelId)}>
              <Link href={`${panelPath(of().panelId)}/report`}>
                {t().correction.corrects(of().panelId, of().title ?? '')}
              </Link>
            </Show>
          </p>
          <Show when={of().found && !of().hashMatches}>
            <p class="error-message">⚠ {t().correction.hashMismatch}</p>
          </Show>
          <p>
            <strong>{t().correction.reason}:</strong> {of().reason}
          </p>
          <p class="hint">{t().correction.openedBy(t().common.dateTime(of().at), of().byName)}</p>
          <p class="hint report__hash">{t().correction.originalHash(of().recordHash)}</p>
          <Show when={props.answer.recordHash}>
            {(h) => <p class="hint report__hash">{t().correction.thisHash(h())}</p>}
          </Show>
          <h3 class="heading-s">{t().correction.differences}</h3>
          <Show
            when={of().differences.length}
            fallback={<p data-testid="no-differences">{t().correction.noDifferences}</p>}
          >
            <DifferencesTable differences={of().differences} after={t().correction.after} />
          </Show>
          <Show when={of().notCarried.length}>
            <h3 class="heading-s">{t().correction.notCarried}</h3>
            <ul>
              <For each={of().notCarried}>
                {(n) => <li>{t().correction.notCarriedItem(n.standardId, n.to, n.reason)}</li>}
              </For>
            </ul>
          </Show>
        </section>
      )}
    </Show>
  )
}
