// /panels/:id and /panels/:id/standards/:sid: loads the panel over HTTP, then goes live over the two sync documents.
import { createResource, Match, Switch, type Accessor } from 'solid-js'
import { ErrorMessage } from '../../components/Problems.tsx'
import { useT } from '../../i18n/i18n.tsx'
import type { PanelAnswer } from '../../lib/api-types.ts'
import { api } from '../../lib/http.ts'
import { Link } from '../../lib/router.tsx'
import { useSession } from '../../session.tsx'
import { LivePanel } from './LivePanel.tsx'

export function PanelPage(props: {
  id: string
  standardId: Accessor<string | null>
  view: Accessor<'board' | 'map'>
}) {
  const t = useT()
  const session = useSession()
  const [answer] = createResource(async () => {
    const r = await api<PanelAnswer>('GET', `/api/panels/${encodeURIComponent(props.id)}`)
    return r
  })
  return (
    <Switch fallback={<p class="loading">{t().panel.loading}</p>}>
      <Match when={answer()?.ok === false && answer()}>
        {(r) => {
          const e = () => (r() as { ok: false; error: { status: number; message: string } }).error
          return (
            <>
              <h1>{e().status === 401 ? t().common.sessionEnded : t().panel.notFound}</h1>
              <ErrorMessage message={e().status === 0 ? t().common.networkError : e().message} />
              <p>
                <Link href="/">{t().common.goHome}</Link>
              </p>
            </>
          )
        }}
      </Match>
      <Match when={answer()?.ok && session.account() && answer()}>
        {(r) => {
          const value = (r() as { ok: true; value: PanelAnswer }).value
          return (
            <LivePanel
              answer={value}
              account={session.account()!}
              standardId={props.standardId}
              view={props.view}
            />
          )
        }}
      </Match>
    </Switch>
  )
}
