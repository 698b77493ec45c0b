// Opening a correction of a finalised record from its report: a reason, optionally a corrected inspection file;
// then the members' new invitation links.
import { createSignal, For, Show } from 'solid-js'
import type { Difference } from '../../../../shared/panel/correction-diff.ts'
import type { Problem } from '../../../../shared/result.ts'
import { FileDrop } from '../../components/FileDrop.tsx'
import { ErrorMessage, Problems } from '../../components/Problems.tsx'
import { useT } from '../../i18n/i18n.tsx'
import type { OpenCorrectionAnswer } from '../../lib/api-types.ts'
import { useAnnounce } from '../../lib/announcer.tsx'
import { namedGrid, sortFiles, type ChosenFile } from '../../lib/files.ts'
import { api, failureText } from '../../lib/http.ts'
import { Link } from '../../lib/router.tsx'
import { DifferencesTable } from './Corrections.tsx'

const panelPath = (id: string) => `/panels/${encodeURIComponent(id)}`

/** Opening a correction: a reason, optionally a corrected inspection file; then the members' new links. */
export function OpenCorrection(props: { id: string; onOpened(): void }) {
  const t = useT()
  const announce = useAnnounce()
  const [open, setOpen] = createSignal(false)
  const [reason, setReason] = createSignal('')
  const [files, setFiles] = createSignal<ChosenFile[]>([])
  const [problems, setProblems] = createSignal<Problem[] | null>(null)
  const [failure, setFailure] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [opened, setOpened] = createSignal<OpenCorrectionAnswer | null>(null)
  let resultHeading: HTMLHeadingElement | undefined

  const [preview, setPreview] = createSignal<Difference[] | null>(null)

  /** The corrected file, as the body carries it; null (with the problems shown) when it cannot be sent. */
  const fileBody = (): Record<string, unknown> | null => {
    const body: Record<string, unknown> = {}
    if (!files().length) return body
    const sorted = sortFiles(t(), files())
    const local = [...sorted.problems]
    const grid = sorted.inspection ? namedGrid(sorted.inspection.json) : null
    if (sorted.inspection && grid && !sorted.grid)
      local.push({ where: sorted.inspection.name, message: t().files.gridMissing(grid) })
    if (local.length) {
      setProblems(local)
      return null
    }
    if (sorted.inspection) body.inspection = sorted.inspection.json
    if (sorted.grid && grid) {
      if (sorted.grid.base64 !== undefined) body.caseGridXlsx = sorted.grid.base64
      else body.caseGridCsv = sorted.grid.text
    }
    return body
  }

  const showDifferences = async () => {
    setProblems(null)
    setFailure(null)
    const body = fileBody()
    if (!body) return
    const r = await api<{ differences: Difference[] }>(
      'POST',
      `/api${panelPath(props.id)}/corrections/preview`,
      body,
    )
    if (!r.ok) {
      if (r.error.problems?.length) setProblems(r.error.problems)
      else setFailure(failureText(t(), r.error))
      return
    }
    setPreview(r.value.differences)
    announce(t().correction.previewed(r.value.differences.length))
  }

  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    setProblems(null)
    setFailure(null)
    const files = fileBody()
    if (!files) return
    const body: Record<string, unknown> = { reason: reason(), ...files }
    setBusy(true)
    const r = await api<OpenCorrectionAnswer>('POST', `/api${panelPath(props.id)}/corrections`, body)
    setBusy(false)
    if (!r.ok) {
      if (r.error.problems?.length) setProblems(r.error.problems)
      else setFailure(failureText(t(), r.error))
      return
    }
    setOpened(r.value)
    setOpen(false)
    announce(t().correction.opened)
    queueMicrotask(() => resultHeading?.focus())
    props.onOpened()
  }

  return (
    <section class="open-correction no-print" aria-labelledby="open-correction-heading">
      <h2 id="open-correction-heading" class="heading-s" ref={resultHeading} tabindex="-1">
        {t().correction.open}
      </h2>
      <Show
        when={opened()}
        fallback={
          <>
            <p>{t().correction.openIntro}</p>
            <Show
              when={open()}
              fallback={
                <button
                  type="button"
                  class="button button--secondary"
                  aria-expanded="false"
                  onClick={() => setOpen(true)}
                >
                  {t().correction.open}
                </button>
              }
            >
              <form onSubmit={(e) => void submit(e)} novalidate>
                <div class="form-group">
                  <label class="label" for="correction-reason">
                    {t().correction.reason}
                  </label>
                  <p class="hint" id="correction-reason-hint">
                    {t().correction.reasonHint}
                  </p>
                  <textarea
                    id="correction-reason"
                    class="textarea"
                    rows="4"
                    maxlength="2000"
                    aria-describedby="correction-reason-hint"
                    value={reason()}
                    onInput={(e) => setReason(e.currentTarget.value)}
                  />
                </div>
                <FileDrop
                  id="correction-files"
                  label={t().correction.file}
                  hint={t().correction.fileHint}
                  files={files()}
                  onChange={(f) => {
                    setFiles(f)
                    setProblems(null)
                    setPreview(null)
                  }}
                  invalid={!!problems()}
                  describedBy={problems() ? 'correction-problems' : undefined}
                />
                <Show when={problems()}>{(p) => <Problems problems={p()} id="correction-problems" />}</Show>
                <Show when={files().length}>
                  <button
                    type="button"
                    class="button button--secondary"
                    onClick={() => void showDifferences()}
                  >
                    {t().correction.preview}
                  </button>
                </Show>
                <Show when={preview()}>
                  {(d) => (
                    <div aria-live="polite" data-testid="correction-preview">
                      <Show when={d().length} fallback={<p>{t().correction.noDifferences}</p>}>
                        <DifferencesTable differences={d()} after={t().correction.withFile} />
                      </Show>
                    </div>
                  )}
                </Show>
                <Show when={failure()}>{(m) => <ErrorMessage message={m()} />}</Show>
                <div class="button-group">
                  <button type="submit" class="button" disabled={busy()}>
                    {t().correction.submit}
                  </button>
                  <button type="button" class="button button--secondary" onClick={() => setOpen(false)}>
                    {t().common.cancel}
                  </button>
                </div>
              </form>
            </Show>
          </>
        }
      >
        {(o) => (
          <div class="notice notice--done" data-testid="correction-opened">
            <p>{t().correction.opened}</p>
            <ul>
              <For each={o().invites}>
                {(i) => (
                  <li>
                    {i.name} ({t().roles[i.role] ?? i.role}): <code class="invite-url">{i.url}</code>
                  </li>
                )}
              </For>
            </ul>
            <p>
              <Link href={panelPath(o().panel.id)}>{t().correction.goTo}</Link>
            </p>
          </div>
        )}
      </Show>
    </section>
  )
}
