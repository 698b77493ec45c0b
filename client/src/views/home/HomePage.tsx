// Home when signed in: my panels with my role, and (for organisers) creating a panel from an inspection file.
import { createResource, For, Show } from 'solid-js'
import { useT } from '../../i18n/i18n.tsx'
import type { Account, PanelSummary } from '../../lib/api-types.ts'
import { api } from '../../lib/http.ts'
import { useTitle } from '../../lib/page.ts'
import { Link } from '../../lib/router.tsx'
import { keyboardScrollable } from '../../lib/scroll-box.ts'
import { ErrorMessage } from '../../components/Problems.tsx'
import { CreatePanel } from './CreatePanel.tsx'

export function HomePage(props: { account: Account }) {
  const t = useT()
  useTitle(
    () => t().home.title,
    () => t().common.appName,
  )
  const [panels] = createResource(async () => {
    const r = await api<{ panels: PanelSummary[] }>('GET', '/api/panels')
    if (!r.ok) throw new Error(r.error.message)
    return r.value.panels
  })
  return (
    <>
      <h1>{t().home.title}</h1>
      <Show when={!panels.error} fallback={<ErrorMessage message={t().common.networkError} />}>
        <Show when={panels()} fallback={<p class="loading">{t().common.loading}</p>}>
          {(list) => (
            <Show when={list().length} fallback={<p>{t().home.none}</p>}>
              <div class="table-scroll" ref={keyboardScrollable('panels-caption')}>
                <table class="table">
                  <caption class="visually-hidden" id="panels-caption">
                    {t().home.caption}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{t().home.panel}</th>
                      <th scope="col">{t().home.role}</th>
                      <th scope="col">{t().home.framework}</th>
                      <th scope="col">{t().home.created}</th>
                      <th scope="col">{t().home.status}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(p) => (
                        <tr>
                          <th scope="row">
                            <Link href={`/panels/${encodeURIComponent(p.id)}`}>{p.title}</Link>
                          </th>
                          <td>{t().roles[p.role] ?? p.role}</td>
                          <td>
                            <code>{p.frameworkId}</code>
                          </td>
                          <td>{t().common.dateTime(p.createdAt)}</td>
                          <td>
                            <Show
                              when={p.finalisedAt}
                              fallback={<span class="tag tag--open">{t().home.inProgress}</span>}
                            >
                              {(at) => (
                                <span class="tag tag--done">
                                  ✔ {t().home.finalised(t().common.dateTime(at()))}
                                </span>
                              )}
                            </Show>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </Show>
          )}
        </Show>
      </Show>
      <Show when={props.account.organiser}>
        <CreatePanel />
      </Show>
    </>
  )
}
