// What a framework says, before anyone rates by it: ratings, bands on a scale, discretion rules, how standards,
// areas and the overall are rated, domains with their standards and key questions, and case samples.
import { For, Show } from 'solid-js'
import { labelFor } from '../../../../shared/framework/labels.ts'
import type { Framework } from '../../../../shared/framework/schema.ts'
import { BandScale } from '../../components/BandScale.tsx'
import { useI18n } from '../../i18n/i18n.tsx'
import { FrameworkProvider, useLabels } from '../../lib/labels.tsx'

export function FrameworkPreview(props: { framework: Framework; hash: string; headingId: string }) {
  return (
    <FrameworkProvider framework={props.framework}>
      <Preview {...props} />
    </FrameworkProvider>
  )
}

function Preview(props: { framework: Framework; hash: string; headingId: string }) {
  const { t, lang } = useI18n()
  const labels = useLabels()
  const p = () => t().frameworks.preview
  const f = () => props.framework
  // The score rule, if any (as scoreRuleOf in schema.ts, which would bring zod into this chunk).
  const score = () => {
    const o = f().overall
    return o && o.by !== 'judgement' && o.max !== undefined && o.bands ? { max: o.max, bands: o.bands } : null
  }
  const bandsInWords = () =>
    f()
      .bands.map((b) => p().bandFrom(labels.rating(b.rating), b.minPercent))
      .join('; ')

  return (
    <section class="framework-preview" aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>{p().heading(f().title)}</h2>
      <dl class="summary-list">
        <div>
          <dt>{p().id}</dt>
          <dd>
            <code>{f().id}</code>
          </dd>
        </div>
        <div>
          <dt>{p().format}</dt>
          <dd>
            <code>{f().format}</code>
          </dd>
        </div>
        <div>
          <dt>{p().version}</dt>
          <dd>
            <code class="framework-preview__hash">{props.hash}</code>
          </dd>
        </div>
      </dl>
      <Show when={f().provisional}>
        <p class="warning-text">{p().provisional}</p>
      </Show>
      <Show when={f().notes}>{(n) => <p class="framework-preview__notes">{n()}</p>}</Show>

      <h3>{p().ratings}</h3>
      <ol class="framework-preview__ratings">
        <For each={f().ratings}>
          {(r) => (
            <li>
              {labels.rating(r.label)}
              <Show when={r.points !== null}> ({p().points(r.points!)})</Show>
            </li>
          )}
        </For>
      </ol>

      <Show when={f().bands.length}>
        <h3>{p().bands}</h3>
        <BandScale bands={f().bands} label={p().bandsPicture(bandsInWords())} />
        <p class="hint">{bandsInWords()}</p>
      </Show>

      <h3>{p().rules}</h3>
      <ul class="framework-preview__rules">
        <li>{p().standardRule[f().standardRule ?? 'lowest']}</li>
        <li>
          <Show
            when={score()}
            fallback={f().overall?.by === 'judgement' ? p().overallJudgement : p().overallNone}
          >
            {(s) =>
              p().overallScore(
                s().max,
                s()
                  .bands.map((b) => p().scoreFrom(labels.rating(b.rating), b.minScore))
                  .join('; '),
              )
            }
          </Show>
        </li>
        <li>{p().window(f().discretion.nearBoundaryPoints)}</li>
        <li>
          {f().discretion.triggers.length
            ? p().triggers(
                f()
                  .discretion.triggers.map((x) => p().triggerNames[x])
                  .join('; '),
              )
            : p().noTriggers}
        </li>
        <li>{p().maxBands(f().discretion.maxBands)}</li>
      </ul>

      <h3>{p().domains}</h3>
      <For each={f().domains}>
        {(d) => (
          <section class="framework-preview__domain" aria-label={labels.domain(d.id, d.title)}>
            <h4>
              {d.id} {labels.domain(d.id, d.title)}
            </h4>
            <ul class="framework-preview__standards">
              <For each={d.standards}>
                {(s) => (
                  <li>
                    <strong>
                      {s.id} {labels.standard(s.id, s.title)}
                    </strong>{' '}
                    <span class="hint">
                      ({p().kind[s.kind]}
                      {s.scored ? `; ${p().scored}` : ''}
                      {s.mayBeNotRated ? `; ${p().mayBeNotRated}` : ''})
                    </span>
                    <Show when={s.keyQuestions?.length}>
                      <ul class="framework-preview__kqs">
                        <For each={s.keyQuestions}>
                          {(k) => (
                            <li>
                              <code>{k.id}</code> {labelFor(f(), lang(), 'keyQuestion', k.id)}
                              <Show when={s.kind === 'mixed'}>
                                {' '}
                                <span class="hint">({p().kqBy[k.by ?? 'cases']})</span>
                              </Show>
                            </li>
                          )}
                        </For>
                      </ul>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </section>
        )}
      </For>

      <Show when={f().areas?.length}>
        <h3>{p().areas}</h3>
        <ul>
          <For each={f().areas}>
            {(a) => (
              <li>
                <strong>{labelFor(f(), lang(), 'area', a.id)}</strong>: {p().areaRule[a.rule]};{' '}
                {p().standardsList(a.standards.join(', '))}
              </li>
            )}
          </For>
        </ul>
      </Show>

      <Show when={f().samples?.length}>
        <h3>{p().samples}</h3>
        <ul>
          <For each={f().samples}>
            {(s) => (
              <li>
                <strong>{s.title}</strong>: {p().sampleRange(s.min, s.max)};{' '}
                {p().standardsList(s.standards.join(', '))}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
