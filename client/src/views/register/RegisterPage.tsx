// /register: the discretion register for quality assurance: filters, the charts (each with its table beside
// it), the decisions with a link to the replay at each, and the same rows as CSV.
import { createMemo, createResource, createSignal, For, Show } from 'solid-js'
import type { DiscretionRow } from '../../../../shared/register/rows.ts'
import { ErrorMessage } from '../../components/Problems.tsx'
import { useT } from '../../i18n/i18n.tsx'
import type { RegisterAnswer } from '../../lib/api-types.ts'
import { api, failureText } from '../../lib/http.ts'
import { useTitle } from '../../lib/page.ts'
import { Link } from '../../lib/router.tsx'
import { BarChart } from './BarChart.tsx'
import './register.css'

const FILTERS = ['framework', 'standard', 'trigger', 'direction', 'outcome', 'from', 'to'] as const
type FilterName = (typeof FILTERS)[number]
const SHOWN = 200

function DataTable(props: { caption: string; columns: string[]; rows: (string | number)[][] }) {
  return (
    <table class="table table--compact">
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <For each={props.columns}>{(c) => <th scope="col">{c}</th>}</For>
        </tr>
      </thead>
      <tbody>
        <For each={props.rows}>
          {(r) => (
            <tr>
              <th scope="row">{r[0]}</th>
              <For each={r.slice(1)}>{(v) => <td class="numeric">{v}</td>}</For>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  )
}

export function RegisterPage() {
  const t = useT()
  useTitle(
    () => t().register.title,
    () => t().common.appName,
  )
  const [filters, setFilters] = createSignal<Partial<Record<FilterName, string>>>({})
  const query = createMemo(() => {
    const q = new URLSearchParams()
    for (const k of FILTERS) {
      const v = filters()[k]?.trim()
      if (v) q.set(k, v)
    }
    return q.toString()
  })
  const [answer] = createResource(
    query,
    (q) => api<RegisterAnswer>('GET', `/api/discretion${q ? `?${q}` : ''}`),
    {
      initialValue: undefined,
    },
  )
  // The choices come from the whole register, so narrowing one filter never hides another's options.
  const [all] = createResource(() => api<RegisterAnswer>('GET', '/api/discretion'))
  const options = createMemo(() => {
    const a = all()
    const rows = a?.ok ? a.value.rows : []
    const uniq = (f: (r: DiscretionRow) => string) =>
      [...new Set(rows.map(f))].sort((x, y) => x.localeCompare(y, 'en', { numeric: true }))
    return { framework: uniq((r) => r.frameworkId), standard: uniq((r) => r.standardId) }
  })
  const value = () => {
    const a = answer()
    return a?.ok ? a.value : null
  }
  const set = (k: FilterName, v: string) => setFilters({ ...filters(), [k]: v })
  const select = (
    k: 'framework' | 'standard' | 'trigger' | 'direction' | 'outcome',
    choices: [string, string][],
  ) => (
    <div class="form-group register__filter">
      <label class="label" for={`filter-${k}`}>
        {t().register[k]}
      </label>
      <select
        id={`filter-${k}`}
        class="select"
        value={filters()[k] ?? ''}
        onChange={(e) => set(k, e.currentTarget.value)}
      >
        <option value="">{t().register.any}</option>
        <For each={choices}>{([v, label]) => <option value={v}>{label}</option>}</For>
      </select>
    </div>
  )
  const monthInput = (k: 'from' | 'to') => (
    <div class="form-group register__filter">
      <label class="label" for={`filter-${k}`}>
        {t().register[k]}
      </label>
      <input
        id={`filter-${k}`}
        class="input input--short"
        inputmode="numeric"
        pattern="\d{4}(-\d{2})?"
        value={filters()[k] ?? ''}
        onChange={(e) => set(k, e.currentTarget.value)}
      />
    </div>
  )
  const r = () => t().register

  return (
    <article class="register">
      <h1 data-route-focus>{r().title}</h1>
      <p>{r().intro}</p>
      <form class="register__filters" aria-label={r().filters} onSubmit={(e) => e.preventDefault()}>
        {select(
          'framework',
          options().framework.map((f) => [f, f]),
        )}
        {select(
          'standard',
          options().standard.map((s) => [s, s]),
        )}
        {select('trigger', [
          ['near-boundary', r().triggers['near-boundary']!],
          ['one-answer-flip', r().triggers['one-answer-flip']!],
        ])}
        {select('direction', [
          ['up', r().directions.up!],
          ['down', r().directions.down!],
        ])}
        {select('outcome', [
          ['applied', r().outcomes.applied!],
          ['rejected', r().outcomes.rejected!],
        ])}
        {monthInput('from')}
        {monthInput('to')}
      </form>
      <Show when={answer()}>
        {(a) => (
          <Show
            when={value()}
            fallback={
              <ErrorMessage
                message={
                  !a().ok && (a() as { error: { status: number } }).error.status === 403
                    ? r().forbidden
                    : failureText(t(), (a() as { ok: false; error: Parameters<typeof failureText>[1] }).error)
                }
              />
            }
          >
            {(v) => <RegisterBody answer={v()} query={query()} />}
          </Show>
        )}
      </Show>
    </article>
  )
}

function RegisterBody(props: { answer: RegisterAnswer; query: string }) {
  const t = useT()
  const r = () => t().register
  const s = () => props.answer.summary
  const rows = () => props.answer.rows
  return (
    <>
      <p aria-live="polite" data-testid="register-count">
        {r().count(rows().length, props.answer.panels)} {r().syntheticCount(props.answer.synthetic)}
      </p>
      <p>
        <a
          class="button button--secondary"
          href={`/api/discretion?${props.query ? `${props.query}&` : ''}format=csv`}
          download=""
        >
          ⤓ {r().csv}
        </a>
      </p>
      <h2>{r().charts}</h2>
      <BarChart
        id="chart-standards"
        title={r().byStandard}
        series={[
          { label: r().open, kind: 'open' },
          { label: r().proposed, kind: 'proposed' },
          { label: r().applied, kind: 'applied' },
          { label: r().rejected, kind: 'rejected' },
        ]}
        groups={s().byStandard.map((x) => ({
          label: x.standardId,
          values: [x.open, x.proposed, x.applied, x.rejected],
        }))}
        table={
          <DataTable
            caption={r().byStandard}
            columns={[r().standard, r().open, r().proposed, r().applied, r().rejected, r().up, r().down]}
            rows={s().byStandard.map((x) => [
              x.standardId,
              x.open,
              x.proposed,
              x.applied,
              x.rejected,
              x.up,
              x.down,
            ])}
          />
        }
      />
      <BarChart
        id="chart-triggers"
        title={r().triggerShare}
        series={[{ label: r().decisions, kind: 'proposed' }]}
        groups={[
          { label: r().nearBoundaryOnly, values: [s().triggers.nearBoundary] },
          { label: r().flipOnly, values: [s().triggers.oneAnswerFlip] },
          { label: r().both, values: [s().triggers.both] },
        ]}
        table={
          <DataTable
            caption={r().triggerShare}
            columns={[r().trigger, r().decisions]}
            rows={[
              [r().nearBoundaryOnly, s().triggers.nearBoundary],
              [r().flipOnly, s().triggers.oneAnswerFlip],
              [r().both, s().triggers.both],
            ]}
          />
        }
      />
      <BarChart
        id="chart-distance"
        title={r().distance}
        series={[
          { label: r().applied, kind: 'applied' },
          { label: r().rejected, kind: 'rejected' },
        ]}
        groups={s().distance.map((d) => ({ label: d.bucket, values: [d.applied, d.rejected] }))}
        table={
          <DataTable
            caption={r().distance}
            columns={[r().distanceCol, r().applied, r().rejected]}
            rows={s().distance.map((d) => [d.bucket, d.applied, d.rejected])}
          />
        }
      />
      <BarChart
        id="chart-moved"
        title={r().moved}
        series={[{ label: r().movedCol, kind: 'open' }]}
        groups={s()
          .moved.slice(0, 15)
          .map((p) => ({ label: p.service.slice(0, 24), values: [Math.abs(p.moved)] }))}
        table={
          <DataTable
            caption={r().moved}
            columns={[r().service, r().rulesScore, r().finalScore, r().movedCol]}
            rows={s()
              .moved.slice(0, 15)
              .map((p) => [
                p.service,
                p.rulesScore ?? '—',
                p.finalScore ?? '—',
                p.moved > 0 ? `+${p.moved}` : String(p.moved),
              ])}
          />
        }
      />
      <h2>{r().tableHeading}</h2>
      <Show when={rows().length} fallback={<p>{r().none}</p>}>
        <Show when={rows().length > SHOWN}>
          <p class="hint">{r().shown(SHOWN, rows().length)}</p>
        </Show>
        <div class="scroll-x" role="region" aria-label={r().caption} tabindex="0">
          <table class="table table--compact register__rows" data-testid="register-rows">
            <caption class="visually-hidden">{r().caption}</caption>
            <thead>
              <tr>
                <th scope="col">{r().date}</th>
                <th scope="col">{r().service}</th>
                <th scope="col">{r().standard}</th>
                <th scope="col">{r().change}</th>
                <th scope="col">{r().trigger}</th>
                <th scope="col">{r().outcome}</th>
                <th scope="col">{r().votes}</th>
                <th scope="col">{r().text}</th>
                <th scope="col">{r().lead}</th>
                <th scope="col">{r().replay}</th>
              </tr>
            </thead>
            <tbody>
              <For each={rows().slice(0, SHOWN)}>
                {(x) => (
                  <tr>
                    <td>{x.date}</td>
                    <th scope="row">
                      {x.service}
                      <Show when={x.correctionOf}>
                        {(id) => (
                          <span class="hint">
                            {' '}
                            ({r().correction(id())}: {x.correctionReason})
                          </span>
                        )}
                      </Show>
                    </th>
                    <td>{x.standardId}</td>
                    <td>
                      {x.direction === 'up' ? '▲' : '▼'} {x.from} → {x.to}
                    </td>
                    <td>{x.triggers.map((k) => r().triggers[k] ?? k).join('; ')}</td>
                    <td>{r().outcomes[x.outcome]}</td>
                    <td class="numeric">
                      {x.votes.support} / {x.votes.oppose} / {x.votes.abstain}
                      <Show when={x.sealed}>
                        {(v) => (
                          <span class="hint register__sealed">
                            {r().sealed(`${v().support} / ${v().oppose} / ${v().abstain}`)}
                          </span>
                        )}
                      </Show>
                    </td>
                    <td class="register__text">{x.text}</td>
                    <td>{x.lead}</td>
                    <td>
                      <Link href={x.replay} aria-label={r().openReplay(x.standardId, x.service)}>
                        {r().replay}
                      </Link>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
    </>
  )
}
