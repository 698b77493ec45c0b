// /panels/:id/report: the final ratings table as HMIP publishes it, with numbered discretion footnotes; print and download.
import { createMemo, createResource, createSignal, For, Show } from 'solid-js'
import type { FinalResult } from '../../../../shared/engine/types.ts'
import type { Framework } from '../../../../shared/framework/schema.ts'
import type { PanelState } from '../../../../shared/panel/types.ts'
import { ErrorMessage } from '../../components/Problems.tsx'
import { OutcomeView } from '../../components/Outcome.tsx'
import { RatingBadge } from '../../components/RatingBadge.tsx'
import { useT } from '../../i18n/i18n.tsx'
import type { PanelAnswer } from '../../lib/api-types.ts'
import { domainTitles, groupByDomain } from '../../lib/domains.ts'
import { api, failureText, type ApiFailure } from '../../lib/http.ts'
import { useTitle } from '../../lib/page.ts'
import { FrameworkProvider, useLabels } from '../../lib/labels.tsx'
import { standardOutcomes } from '../../lib/outcome.ts'
import { Link } from '../../lib/router.tsx'
import { useSession } from '../../session.tsx'
import { CorrectedNotice, CorrectionSection, useCorrections } from './Corrections.tsx'
import { OpenCorrection } from './OpenCorrection.tsx'
import { PreviousInspection } from './PreviousInspection.tsx'
import { withDecisions } from '../panel/projection.ts'
import { footnotesOf } from './footnotes.ts'
import { ReportAbout } from './ReportAbout.tsx'
import { VotesSection } from './VotesSection.tsx'

export function ReportPage(props: { id: string }) {
  const t = useT()
  const base = `/api/panels/${encodeURIComponent(props.id)}`
  const [answer] = createResource(() => api<PanelAnswer>('GET', base))
  const [hash] = createResource(
    () =>
      answer()?.ok && answer()!.ok && (answer() as { value: PanelAnswer }).value.state.finalised
        ? base
        : null,
    async (url) => {
      const res = await fetch(`${url}/record`, { method: 'HEAD' }).catch(() => null)
      return res?.ok ? res.headers.get('x-record-hash') : null
    },
  )
  const value = () => {
    const a = answer()
    return a?.ok ? a.value : null
  }
  const session = useSession()
  // The links both ways (a finalised record, or a correction before it is finalised).
  const corrections = useCorrections(() =>
    value()?.state.finalised || value()?.state.correctionOf ? props.id : null,
  )
  // Once opened here, the form's answer (the members' new links) stays until the page is left.
  const [openedHere, setOpenedHere] = createSignal(false)
  const mayCorrect = () => {
    if (openedHere()) return true
    const v = value()
    if (!v?.state.finalised || corrections.answer()?.correctedBy.length !== 0) return false
    return v.role === 'lead' || (session.account()?.organiser === true && !!v.role)
  }
  useTitle(
    () => t().report.title(value()?.state.rating.service ?? ''),
    () => t().common.appName,
  )
  const final = (): FinalResult | null => {
    const v = value()
    if (!v) return null
    return v.state.finalised?.final ?? withDecisions(v.state.framework as Framework, v.state)
  }
  return (
    <Show when={answer()} fallback={<p class="loading">{t().common.loading}</p>}>
      {(a) => (
        <Show
          when={value()}
          fallback={
            <ErrorMessage
              message={a().ok ? '' : failureText(t(), (a() as { ok: false; error: ApiFailure }).error)}
            />
          }
        >
          {(v) => (
            <FrameworkProvider framework={v().state.framework}>
              <article class="report">
                <p class="no-print">
                  <Link href={`/panels/${encodeURIComponent(props.id)}`}>← {t().report.backToPanel}</Link>
                </p>
                <h1>{t().report.title(v().state.rating.service)}</h1>
                <ReportAbout state={v().state} />
                <p class="hint report__framework">
                  {t().frameworks.pinned(v().state.framework.title, v().state.frameworkHash ?? '—')}
                </p>
                <Show when={corrections.answer()}>{(c) => <CorrectedNotice answer={c()} />}</Show>
                <div class="report__pdf no-print">
                  <button type="button" class="button" onClick={() => window.print()}>
                    {t().report.pdf}
                  </button>
                  <p class="hint">{t().report.pdfHint}</p>
                </div>
                <Show when={v().state.finalised} fallback={<p class="notice">⚠ {t().report.draft}</p>}>
                  {(f) => <p>{t().report.finalisedOn(t().common.dateTime(f().at), f().byName)}</p>}
                </Show>
                <Show when={corrections.answer()}>{(c) => <CorrectionSection answer={c()} />}</Show>
                <Show when={final()}>{(f) => <ReportTable final={f()} state={v().state} />}</Show>
                <PreviousInspection panelId={props.id} final={final} />
                <Show when={v().state.finalised?.keptWithoutProposal.length}>
                  <p class="hint">
                    {t().report.kept}: {v().state.finalised!.keptWithoutProposal.join(', ')}.
                  </p>
                </Show>
                <VotesSection state={v().state} />
                <Show when={v().state.finalised}>
                  <section class="report__downloads no-print" aria-labelledby="downloads-heading">
                    <h2 id="downloads-heading" class="heading-s">
                      {t().report.downloads}
                    </h2>
                    <ul class="button-group">
                      <li>
                        <a class="button button--secondary" href={`${base}/record?download`} download="">
                          ⤓ {t().report.json}
                        </a>
                      </li>
                      <li>
                        <a class="button button--secondary" href={`${base}/record.csv`} download="">
                          ⤓ {t().report.csv}
                        </a>
                      </li>
                    </ul>
                  </section>
                  <Show when={hash()}>{(h) => <p class="hint report__hash">{t().report.hash(h())}</p>}</Show>
                </Show>
                <Show when={mayCorrect()}>
                  <OpenCorrection
                    id={props.id}
                    onOpened={() => {
                      setOpenedHere(true)
                      void corrections.refetch()
                    }}
                  />
                </Show>
              </article>
            </FrameworkProvider>
          )}
        </Show>
      )}
    </Show>
  )
}

function ReportTable(props: { final: FinalResult; state: PanelState }) {
  const t = useT()
  const labels = useLabels()
  const framework = () => props.state.framework
  const notes = () => footnotesOf(props.final)
  const outcomes = createMemo(() =>
    Object.fromEntries(standardOutcomes(framework(), props.state, props.final).map((o) => [o.id, o])),
  )
  const groups = () => groupByDomain(props.final.standards, domainTitles(framework()))
  const o = () => props.final.overall
  return (
    <>
      <table class="table report-table">
        <caption>{t().report.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t().report.standard}</th>
            <th scope="col">{t().report.rating}</th>
          </tr>
        </thead>
        <tbody>
          <tr class="report-table__overall">
            <th scope="row">
              {t().report.overall}
              <span class="report-table__score">
                {' '}
                ({t().report.score}: {o().score ?? '—'}/{o().max ?? '—'})
              </span>
            </th>
            <td data-testid="report-overall">
              <RatingBadge rating={o().rating} />
              <Show when={props.final.rulesBasedOverall.score !== o().score}>
                {' '}
                <span class="outcome__rules">
                  (
                  {t().outcome.scoreRules(
                    `${props.final.rulesBasedOverall.score}/${props.final.rulesBasedOverall.max}`,
                  )}{' '}
                  <RatingBadge rating={props.final.rulesBasedOverall.rating} small />)
                </span>
              </Show>
            </td>
          </tr>
        </tbody>
        <For each={groups()}>
          {(g) => (
            <tbody>
              <tr class="domain-row">
                <th scope="colgroup" colspan="2">
                  {t().result.domainHeading(g.id, labels.domain(g.id, g.title))}
                </th>
              </tr>
              <For each={g.standards}>
                {(s) => {
                  const n = () => notes().find((x) => x.standardId === s.id)?.n
                  return (
                    <tr>
                      <th scope="row">
                        {s.id} {labels.standard(s.id, s.title)}
                      </th>
                      <td data-testid={`report-rating-${s.id}`}>
                        <OutcomeView
                          outcome={outcomes()[s.id]!}
                          footnote="none"
                          movedLine={false}
                          after={
                            <Show when={n()}>
                              <sup>
                                <a href={`#footnote-${n()}`} id={`footnote-ref-${n()}`} class="footnote-ref">
                                  <span class="visually-hidden">{t().report.footnoteRef(n()!)}</span>
                                  <span aria-hidden="true">{n()}</span>
                                </a>
                              </sup>
                            </Show>
                          }
                        />
                      </td>
                    </tr>
                  )
                }}
              </For>
            </tbody>
          )}
        </For>
      </table>
      <Show when={notes().length}>
        <section class="footnotes" aria-labelledby="footnotes-heading">
          <h2 id="footnotes-heading" class="heading-s">
            {t().report.footnotes}
          </h2>
          <ol>
            <For each={notes()}>
              {(f) => (
                <li id={`footnote-${f.n}`}>
                  <strong>
                    {f.standardId}: {f.from ? labels.rating(f.from) : '—'} →{' '}
                    {f.to ? labels.rating(f.to) : '—'}.
                  </strong>{' '}
                  {f.text}{' '}
                  <a href={`#footnote-ref-${f.n}`} class="no-print" aria-label={`↩ ${f.standardId}`}>
                    ↩
                  </a>
                </li>
              )}
            </For>
          </ol>
        </section>
      </Show>
    </>
  )
}
