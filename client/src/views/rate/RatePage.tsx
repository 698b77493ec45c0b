// Rate a file, entirely in the browser: choose an inspection (and its case grid), or a grid with a framework; see ratings or problems.
import { createMemo, createResource, createSignal, For, Show } from 'solid-js'
import { rateInspection } from '../../../../shared/engine/rate.ts'
import { builtinFrameworks, findFramework } from '../../../../shared/framework/builtin.ts'
import { parseFramework, type Framework } from '../../../../shared/framework/schema.ts'
import { parseInspection } from '../../../../shared/inspection/parse.ts'
import type { Problem } from '../../../../shared/result.ts'
import { FileDrop } from '../../components/FileDrop.tsx'
import { Problems } from '../../components/Problems.tsx'
import { RatingTable } from '../../components/RatingTable.tsx'
import { labelFor } from '../../../../shared/framework/labels.ts'
import { useI18n } from '../../i18n/i18n.tsx'
import { domainTitles } from '../../lib/domains.ts'
import { FrameworkProvider } from '../../lib/labels.tsx'
import { sortFiles, type ChosenFile } from '../../lib/files.ts'
import { api } from '../../lib/http.ts'
import { useTitle } from '../../lib/page.ts'
import { useSession } from '../../session.tsx'
import { rateFiles } from './rate-files.ts'

export function RatePage(props: { landing?: boolean }) {
  const { t, lang } = useI18n()
  useTitle(
    () => t().rate.title,
    () => t().common.appName,
  )
  // Signed out: offer the organisation's identity provider when the server has one.
  const [providerSignIn] = createResource(
    () => props.landing,
    async () => {
      const r = await api<{ oidc?: boolean }>('GET', '/api/health')
      return r.ok && r.value.oidc === true
    },
  )
  const frameworks = Object.values(builtinFrameworks) as Framework[]
  const [files, setFiles] = createSignal<ChosenFile[]>([])
  const [frameworkId, setFrameworkId] = createSignal(frameworks[0]?.id ?? '')
  const [judgements, setJudgements] = createSignal<Record<string, string>>({})
  const [service, setService] = createSignal('')

  const sorted = createMemo(() => sortFiles(t(), files()))
  // Signed in, an inspection may name a framework made available on the Frameworks page: fetch its latest version.
  const session = useSession()
  const namedId = () => {
    const s = sorted()
    const id = (s.inspection?.json as { framework?: unknown } | null)?.framework
    return session.account() && !s.framework && typeof id === 'string' && id && !findFramework(id) ? id : null
  }
  const [uploaded] = createResource(namedId, async (id) => {
    const r = await api<{ framework: Framework }>('GET', `/api/frameworks/${encodeURIComponent(id)}`)
    return r.ok ? r.value.framework : null
  })
  const find = (id: string) => findFramework(id) ?? (uploaded()?.id === id ? uploaded()! : undefined)
  const gridOnly = () => !sorted().inspection && !!sorted().grid
  const chosenFramework = () => findFramework(frameworkId()) ?? null
  const judgedStandards = () =>
    chosenFramework()
      ?.domains.flatMap((d) => d.standards)
      .filter((s) => s.kind === 'judged') ?? []

  const outcome = createMemo(() =>
    // While an uploaded framework is fetched, nothing is shown rather than "unknown framework".
    files().length && !uploaded.loading
      ? rateFiles(t(), sorted(), {
          frameworkId: frameworkId(),
          judgements: judgements(),
          service: service(),
          parse: parseInspection,
          rate: rateInspection,
          find,
          parseFramework,
        })
      : null,
  )
  const problems = (): Problem[] | null => {
    const o = outcome()
    return o && !o.ok ? o.error : null
  }
  const result = () => {
    const o = outcome()
    return o?.ok ? o.value : null
  }

  return (
    <>
      <h1>{t().rate.title}</h1>
      <p class="lead">{t().rate.intro}</p>
      <Show when={props.landing}>
        <p class="notice">{t().common.notSignedIn}</p>
        <Show when={providerSignIn()}>
          <p>
            <a class="button" href="/auth/oidc/start">
              {t().common.signInWithProvider}
            </a>
          </p>
        </Show>
      </Show>
      <form class="rate-form" onSubmit={(e) => e.preventDefault()}>
        <FileDrop
          id="rate-files"
          label={t().create.filesLabel}
          hint={t().files.hint}
          files={files()}
          onChange={setFiles}
          invalid={!!problems()}
          describedBy={problems() ? 'rate-problems' : undefined}
        />
        <Show when={problems()}>{(p) => <Problems problems={p()} id="rate-problems" />}</Show>
        <div class="form-group">
          <label class="label" for="rate-framework">
            {t().rate.framework}
          </label>
          <p class="hint" id="rate-framework-hint">
            {t().rate.frameworkHint}
          </p>
          <select
            id="rate-framework"
            class="select"
            aria-describedby="rate-framework-hint"
            value={frameworkId()}
            onChange={(e) => setFrameworkId(e.currentTarget.value)}
          >
            <For each={frameworks}>
              {(f) => (
                <option value={f.id}>
                  {f.title}
                  {f.provisional ? ` (${t().rate.provisional})` : ''}
                </option>
              )}
            </For>
          </select>
        </div>
        <Show when={gridOnly()}>
          <fieldset class="fieldset">
            <legend>{t().rate.gridOnly}</legend>
            <div class="form-group">
              <label class="label" for="rate-service">
                {t().rate.serviceName}
              </label>
              <input
                id="rate-service"
                class="input"
                value={service()}
                onInput={(e) => setService(e.currentTarget.value)}
              />
            </div>
            <Show when={judgedStandards().length}>
              <h2 class="heading-s">{t().rate.judgedHeading}</h2>
              <p class="hint">{t().rate.judgedHint}</p>
              <For each={judgedStandards()}>
                {(s) => (
                  <div class="form-group form-group--inline">
                    <label class="label" for={`judged-${s.id}`}>
                      {s.id} {s.title}
                    </label>
                    <select
                      id={`judged-${s.id}`}
                      class="select"
                      value={judgements()[s.id] ?? ''}
                      onChange={(e) => setJudgements({ ...judgements(), [s.id]: e.currentTarget.value })}
                    >
                      <option value="">{t().common.notRated}</option>
                      <For each={chosenFramework()?.ratings ?? []}>
                        {(r) => <option value={r.label}>{r.label}</option>}
                      </For>
                    </select>
                  </div>
                )}
              </For>
            </Show>
          </fieldset>
        </Show>
      </form>
      <Show when={result()}>
        {(r) => (
          <section class="rate-result" aria-labelledby="rate-result-heading">
            <h2 id="rate-result-heading">{t().rate.resultHeading(r().result.service)}</h2>
            <FrameworkProvider framework={r().framework}>
              <RatingTable
                result={r().result}
                domains={domainTitles(r().framework)}
                areaLabel={(a) => labelFor(r().framework, lang(), 'area', a.id)}
              />
            </FrameworkProvider>
            <p class="hint">{t().rate.signInToPanel}</p>
          </section>
        )}
      </Show>
    </>
  )
}
