// /accounts (organisers): every account with its account-level roles; grant or withdraw quality assurance,
// and the hash-chained log of those changes, checked.
import { createResource, createSignal, For, Show } from 'solid-js'
import { ErrorMessage } from '../../components/Problems.tsx'
import { useT } from '../../i18n/i18n.tsx'
import { useAnnounce } from '../../lib/announcer.tsx'
import { api, failureText } from '../../lib/http.ts'
import { useTitle } from '../../lib/page.ts'

interface AccountRow {
  id: string
  name: string
  organiser: boolean
  qa: boolean
}
interface LogAnswer {
  events: { seq: number; event: { type: string; name: string; byName: string; at: string } }[]
  ok: boolean
  broken: { reason: string } | null
}

export function AccountsPage() {
  const t = useT()
  const announce = useAnnounce()
  useTitle(
    () => t().accounts.title,
    () => t().common.appName,
  )
  const [accounts, { refetch }] = createResource(() =>
    api<{ accounts: AccountRow[] }>('GET', '/api/accounts'),
  )
  const [log, logControl] = createResource(() => api<LogAnswer>('GET', '/api/accounts/access-log'))
  const [error, setError] = createSignal<string | null>(null)
  const change = async (a: AccountRow) => {
    setError(null)
    const r = await api(a.qa ? 'DELETE' : 'POST', `/api/accounts/${encodeURIComponent(a.id)}/qa`)
    if (!r.ok) return setError(failureText(t(), r.error))
    announce(a.qa ? t().accounts.withdrawn(a.name) : t().accounts.granted(a.name))
    void refetch()
    void logControl.refetch()
  }
  const a = () => t().accounts
  return (
    <article>
      <h1 data-route-focus>{a().title}</h1>
      <p>{a().intro}</p>
      <Show when={error()}>{(m) => <ErrorMessage message={m()} />}</Show>
      <Show when={accounts()}>
        {(res) => (
          <Show
            when={res().ok && (res() as { value: { accounts: AccountRow[] } }).value.accounts}
            fallback={
              <ErrorMessage
                message={
                  res().ok
                    ? ''
                    : failureText(
                        t(),
                        (res() as { ok: false; error: Parameters<typeof failureText>[1] }).error,
                      )
                }
              />
            }
          >
            {(list) => (
              <table class="table">
                <caption class="visually-hidden">{a().title}</caption>
                <thead>
                  <tr>
                    <th scope="col">{a().name}</th>
                    <th scope="col">{a().roles}</th>
                    <th scope="col">
                      <span class="visually-hidden">{a().qa}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={list()}>
                    {(x) => (
                      <tr>
                        <th scope="row">{x.name}</th>
                        <td>
                          {[x.organiser ? a().organiser : null, x.qa ? a().qa : null]
                            .filter(Boolean)
                            .join(', ') || '—'}
                        </td>
                        <td>
                          <button
                            type="button"
                            class="button button--secondary"
                            onClick={() => void change(x)}
                          >
                            {x.qa ? a().withdraw(x.name) : a().grant(x.name)}
                          </button>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            )}
          </Show>
        )}
      </Show>
      <h2>{a().log}</h2>
      <Show when={log()}>
        {(res) => (
          <Show when={res().ok && (res() as { value: LogAnswer }).value}>
            {(l) => (
              <>
                <p data-testid="access-log-status">
                  {l().ok ? a().logOk(l().events.length) : a().logBroken(l().broken?.reason ?? '')}
                </p>
                <ol>
                  <For each={l().events}>
                    {(e) => (
                      <li>
                        {a().logEntry(
                          t().common.dateTime(e.event.at),
                          e.event.byName,
                          e.event.type === 'qa.granted' ? a().grantedVerb : a().withdrawnVerb,
                          e.event.name,
                        )}
                      </li>
                    )}
                  </For>
                </ol>
              </>
            )}
          </Show>
        )}
      </Show>
    </article>
  )
}
