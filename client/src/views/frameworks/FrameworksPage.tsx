// The frameworks panels rate by: the built-in ones and those made available here. An organiser chooses a
// framework file, sees every problem (the server checks it) or a preview, and makes it available to panels.
import { createResource, createSignal, For, Show } from 'solid-js'
import type { Framework } from '../../../../shared/framework/schema.ts'
import type { Problem } from '../../../../shared/result.ts'
import { ErrorMessage, Problems } from '../../components/Problems.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { api, failureText } from '../../lib/http.ts'
import { useTitle } from '../../lib/page.ts'
import { useSession } from '../../session.tsx'
import { FrameworkPreview } from './FrameworkPreview.tsx'

interface Entry {
  id: string
  title: string
  format: string
  source: 'builtin' | 'uploaded'
  hash: string
  versions?: number
  uploadedAt?: string
  uploadedBy?: string
}

type Checked = { framework: Framework; hash: string }

export function FrameworksPage() {
  const t = useT()
  const announce = useAnnounce()
  const session = useSession()
  const [list, { refetch }] = createResource(async () => {
    const r = await api<{ frameworks: Entry[] }>('GET', '/api/frameworks')
    return r.ok ? r.value.frameworks : []
  })
  const [checked, setChecked] = createSignal<Checked | null>(null)
  const [shown, setShown] = createSignal<Checked | null>(null)
  const [problems, setProblems] = createSignal<{ list: Problem[]; total: number } | null>(null)
  const [failure, setFailure] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal(false)
  const [json, setJson] = createSignal<unknown>(null)
  const f = () => t().frameworks
  useTitle(
    () => f().title,
    () => t().common.appName,
  )

  const choose = async (file: File | undefined) => {
    setChecked(null)
    setProblems(null)
    setFailure(null)
    if (!file) return
    let parsed: unknown
    try {
      parsed = JSON.parse((await file.text()).replace(/^\uFEFF/, ''))
    } catch (e) {
      return setProblems({
        list: [{ where: file.name, message: f().notJson((e as Error).message) }],
        total: 1,
      })
    }
    setBusy(true)
    const r = await api<Checked>('POST', '/api/frameworks/validate', parsed)
    setBusy(false)
    if (r.ok) {
      setJson(parsed)
      setChecked(r.value)
      announce(f().checked(r.value.framework.title))
    } else if (r.error.problems?.length)
      setProblems({ list: r.error.problems, total: r.error.problemCount ?? r.error.problems.length })
    else setFailure(failureText(t(), r.error))
  }

  const makeAvailable = async () => {
    setBusy(true)
    const r = await api<{ framework: Entry; created: boolean }>('POST', '/api/frameworks', json())
    setBusy(false)
    if (!r.ok) return setFailure(failureText(t(), r.error))
    announce(r.value.created ? f().saved(r.value.framework.title) : f().unchanged(r.value.framework.title))
    setChecked(null)
    void refetch()
  }

  const show = async (e: Entry) => {
    const r = await api<Checked>(
      'GET',
      `/api/frameworks/${encodeURIComponent(e.id)}?hash=${encodeURIComponent(e.hash)}`,
    )
    if (r.ok) setShown(r.value)
    else setFailure(failureText(t(), r.error))
  }

  return (
    <div class="frameworks-page">
      <h1>{f().title}</h1>
      <p>{f().intro}</p>

      <section aria-labelledby="frameworks-list">
        <h2 id="frameworks-list">{f().listHeading}</h2>
        <table class="table">
          <thead>
            <tr>
              <th scope="col">{f().colTitle}</th>
              <th scope="col">{f().colId}</th>
              <th scope="col">{f().colSource}</th>
              <th scope="col">{f().colVersion}</th>
              <th scope="col">
                <span class="visually-hidden">{f().colActions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={list() ?? []}>
              {(e) => (
                <tr>
                  <td>{e.title}</td>
                  <td>
                    <code>{e.id}</code>
                  </td>
                  <td>
                    {e.source === 'builtin'
                      ? f().builtin
                      : f().uploaded(
                          e.uploadedBy ?? '',
                          t().common.dateTime(e.uploadedAt ?? ''),
                          e.versions ?? 1,
                        )}
                  </td>
                  <td>
                    <code>{e.hash.slice(0, 12)}</code>
                  </td>
                  <td>
                    <button type="button" class="link-button" onClick={() => void show(e)}>
                      {f().showFramework(e.id)}
                    </button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>

      <Show when={shown()}>
        {(s) => <FrameworkPreview framework={s().framework} hash={s().hash} headingId="shown-heading" />}
      </Show>

      <section aria-labelledby="framework-add" class="frameworks-page__add">
        <h2 id="framework-add">{f().addHeading}</h2>
        <Show when={session.account()?.organiser} fallback={<p>{f().organisersOnly}</p>}>
          <p>{f().addIntro}</p>
          <div class="form-group" classList={{ 'form-group--error': !!problems() }}>
            <label class="label" for="framework-file">
              {f().fileLabel}
            </label>
            <input
              id="framework-file"
              type="file"
              class="file-input"
              accept=".json,application/json"
              aria-describedby={problems() ? 'framework-problems' : undefined}
              onChange={(e) => void choose(e.currentTarget.files?.[0])}
            />
          </div>
          <Show when={busy()}>
            <p class="loading">{f().checking}</p>
          </Show>
          <Show when={problems()}>
            {(p) => (
              <>
                <Problems problems={p().list} title={f().invalid} id="framework-problems" total={p().total} />
              </>
            )}
          </Show>
          <Show when={failure()}>{(m) => <ErrorMessage message={m()} />}</Show>
          <Show when={checked()}>
            {(c) => (
              <>
                <FrameworkPreview framework={c().framework} hash={c().hash} headingId="preview-heading" />
                <button type="button" class="button" disabled={busy()} onClick={() => void makeAvailable()}>
                  {f().makeAvailable}
                </button>
              </>
            )}
          </Show>
        </Show>
      </section>
    </div>
  )
}
