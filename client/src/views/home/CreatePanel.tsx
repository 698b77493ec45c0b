// Organisers create a panel: a title and the inspection file(s); the problems, the server's too, head the form,
// each a link to the file input.
import { createSignal, Show } from 'solid-js'
import type { Problem } from '../../../../shared/result.ts'
import { FileDrop } from '../../components/FileDrop.tsx'
import { ErrorMessage, Problems } from '../../components/Problems.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { namedGrid, sortFiles, type ChosenFile } from '../../lib/files.ts'
import { api, failureText } from '../../lib/http.ts'
import { useRouter } from '../../lib/router.tsx'

export function CreatePanel() {
  const t = useT()
  const router = useRouter()
  const announce = useAnnounce()
  const [title, setTitle] = createSignal('')
  const [serviceId, setServiceId] = createSignal('')
  const [files, setFiles] = createSignal<ChosenFile[]>([])
  const [problems, setProblems] = createSignal<Problem[] | null>(null)
  const [problemsTitle, setProblemsTitle] = createSignal<string | undefined>()
  const [failure, setFailure] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  // Blind votes are offered ticked: independent views first (the API's default stays open votes).
  const [blind, setBlind] = createSignal(true)

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setProblems(null)
    setFailure(null)
    const sorted = sortFiles(t(), files())
    const local: Problem[] = [...sorted.problems]
    if (!sorted.inspection) local.push({ where: t().create.filesLabel, message: t().create.needFile })
    else {
      const grid = namedGrid(sorted.inspection.json)
      if (grid && !sorted.grid)
        local.push({ where: sorted.inspection.name, message: t().files.gridMissing(grid) })
    }
    if (local.length) {
      setProblemsTitle(undefined)
      return setProblems(local)
    }
    setBusy(true)
    const body: Record<string, unknown> = { inspection: sorted.inspection!.json }
    if (title().trim()) body.title = title().trim()
    if (serviceId().trim()) body.serviceId = serviceId().trim()
    // A spreadsheet goes as its bytes, read on the server; a CSV as its text.
    if (sorted.grid && namedGrid(sorted.inspection!.json)) {
      if (sorted.grid.base64 !== undefined) body.caseGridXlsx = sorted.grid.base64
      else body.caseGridCsv = sorted.grid.text
    }
    if (sorted.framework) body.framework = sorted.framework.json
    body.settings = { blindVotes: blind() }
    const r = await api<{ panel: { id: string; title: string } }>('POST', '/api/panels', body)
    setBusy(false)
    if (r.ok) {
      announce(t().create.created(r.value.panel.title))
      router.navigate(`/panels/${encodeURIComponent(r.value.panel.id)}`)
    } else if (r.error.problems?.length) {
      setProblemsTitle(r.error.message || t().create.invalid)
      setProblems(r.error.problems)
    } else setFailure(failureText(t(), r.error))
  }

  return (
    <section class="create-panel" aria-labelledby="create-heading">
      <h2 id="create-heading">{t().create.title}</h2>
      <p>{t().create.intro}</p>
      <form onSubmit={(e) => void submit(e)} novalidate>
        <Show when={problems()}>
          {(p) => (
            <Problems problems={p()} title={problemsTitle()} id="create-problems" fieldId="panel-files" />
          )}
        </Show>
        <Show when={failure()}>{(m) => <ErrorMessage message={m()} />}</Show>
        <div class="form-group">
          <label class="label" for="panel-title">
            {t().create.titleLabel}
          </label>
          <p class="hint" id="panel-title-hint">
            {t().create.titleHint}
          </p>
          <input
            id="panel-title"
            class="input"
            aria-describedby="panel-title-hint"
            maxlength="200"
            value={title()}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </div>
        <div class="form-group">
          <label class="label" for="panel-service">
            {t().create.serviceLabel}
          </label>
          <p class="hint" id="panel-service-hint">
            {t().create.serviceHint}
          </p>
          <input
            id="panel-service"
            class="input"
            aria-describedby="panel-service-hint"
            maxlength="80"
            value={serviceId()}
            onInput={(e) => setServiceId(e.currentTarget.value)}
          />
        </div>
        <FileDrop
          id="panel-files"
          label={t().create.filesLabel}
          hint={t().files.hint}
          files={files()}
          onChange={(f) => {
            setFiles(f)
            setProblems(null)
          }}
          invalid={!!problems()}
          describedBy={problems() ? 'create-problems' : undefined}
        />
        <div class="checkbox">
          <input
            type="checkbox"
            id="panel-blind"
            checked={blind()}
            aria-describedby="panel-blind-hint"
            onChange={(e) => setBlind(e.currentTarget.checked)}
          />
          <label for="panel-blind">{t().settings.blindLabel}</label>
          <p class="hint" id="panel-blind-hint">
            {t().settings.blindHint}
          </p>
        </div>
        <button type="submit" class="button" disabled={busy()}>
          {busy() ? t().create.submitting : t().create.submit}
        </button>
      </form>
    </section>
  )
}
