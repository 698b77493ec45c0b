// The app shell: providers, header, routes. Heavy views (the engine, Yjs) load on demand.
import { createEffect, createMemo, lazy, Match, on, Show, Suspense, Switch } from 'solid-js'
import { AnnouncerProvider } from './lib/announcer.tsx'
import { createRouter, RouterContext } from './lib/router.tsx'
import { matchRoute, type Route } from './lib/routes.ts'
import { focusRouteHeading } from './lib/page.ts'
import { I18nProvider, useT } from './i18n/i18n.tsx'
import { SessionProvider, useSession } from './session.tsx'
import { Header } from './components/Header.tsx'
import { NotFound } from './components/NotFound.tsx'
import { HomePage } from './views/home/HomePage.tsx'

const RatePage = lazy(() => import('./views/rate/RatePage.tsx').then((m) => ({ default: m.RatePage })))
const PanelPage = lazy(() => import('./views/panel/PanelPage.tsx').then((m) => ({ default: m.PanelPage })))
const ReportPage = lazy(() =>
  import('./views/report/ReportPage.tsx').then((m) => ({ default: m.ReportPage })),
)
const FrameworksPage = lazy(() =>
  import('./views/frameworks/FrameworksPage.tsx').then((m) => ({ default: m.FrameworksPage })),
)
const RegisterPage = lazy(() =>
  import('./views/register/RegisterPage.tsx').then((m) => ({ default: m.RegisterPage })),
)
const AccountsPage = lazy(() =>
  import('./views/accounts/AccountsPage.tsx').then((m) => ({ default: m.AccountsPage })),
)
const ReplayPage = lazy(() =>
  import('./views/replay/ReplayPage.tsx').then((m) => ({ default: m.ReplayPage })),
)

const routes = [
  { name: 'home', pattern: '/' },
  { name: 'rate', pattern: '/rate' },
  { name: 'frameworks', pattern: '/frameworks' },
  { name: 'register', pattern: '/register' },
  { name: 'accounts', pattern: '/accounts' },
  { name: 'panel', pattern: '/panels/:id' },
  { name: 'standard', pattern: '/panels/:id/standards/:sid' },
  { name: 'map', pattern: '/panels/:id/map' },
  { name: 'report', pattern: '/panels/:id/report' },
  { name: 'replay', pattern: '/panels/:id/replay' },
] as const satisfies readonly Route[]

function Routes() {
  const router = createRouter()
  const session = useSession()
  const t = useT()
  const match = createMemo(() => matchRoute(routes, router.path()))
  // The board and a standard share one panel page, so moving between them keeps the live connection.
  const panelId = createMemo(() => {
    const m = match()
    return m && (m.name === 'panel' || m.name === 'standard' || m.name === 'map') ? m.params.id! : null
  })
  createEffect(on(router.path, () => router.takeKeepFocus() || focusRouteHeading(), { defer: true }))

  return (
    <RouterContext.Provider value={router}>
      <a class="skip-link" href="#main">
        {t().common.skipToContent}
      </a>
      <Header />
      <div class="width-container">
        <main id="main" tabindex="-1">
          <Suspense fallback={<p class="loading">{t().common.loading}</p>}>
            <Switch fallback={<NotFound />}>
              <Match when={match()?.name === 'home'}>
                <Show when={!session.account.loading} fallback={<p class="loading">{t().common.loading}</p>}>
                  <Show when={session.account()} fallback={<RatePage landing />}>
                    {(account) => <HomePage account={account()} />}
                  </Show>
                </Show>
              </Match>
              <Match when={match()?.name === 'rate'}>
                <RatePage />
              </Match>
              <Match when={match()?.name === 'frameworks'}>
                <Show when={!session.account.loading} fallback={<p class="loading">{t().common.loading}</p>}>
                  <Show when={session.account()} fallback={<p>{t().common.sessionEnded}</p>}>
                    <FrameworksPage />
                  </Show>
                </Show>
              </Match>
              <Match when={match()?.name === 'register' || match()?.name === 'accounts'}>
                <Show when={!session.account.loading} fallback={<p class="loading">{t().common.loading}</p>}>
                  <Show when={session.account()} fallback={<p>{t().common.sessionEnded}</p>}>
                    <Show when={match()?.name === 'register'} fallback={<AccountsPage />}>
                      <RegisterPage />
                    </Show>
                  </Show>
                </Show>
              </Match>
              <Match when={panelId()}>
                {(id) => (
                  <Show when={id()} keyed>
                    {(pid) => (
                      <PanelPage
                        id={pid}
                        standardId={() => (match()?.name === 'standard' ? match()!.params.sid! : null)}
                        view={() => (match()?.name === 'map' ? 'map' : 'board')}
                      />
                    )}
                  </Show>
                )}
              </Match>
              <Match when={match()?.name === 'report'}>
                <Show when={match()!.params.id} keyed>
                  {(pid) => <ReportPage id={pid} />}
                </Show>
              </Match>
              <Match when={match()?.name === 'replay'}>
                <Show when={match()!.params.id} keyed>
                  {(pid) => <ReplayPage id={pid} />}
                </Show>
              </Match>
            </Switch>
          </Suspense>
        </main>
      </div>
      <footer class="footer">
        <div class="width-container">
          <p>{t().common.footer}</p>
        </div>
      </footer>
    </RouterContext.Provider>
  )
}

export function App() {
  return (
    <I18nProvider>
      <SessionProvider>
        <AnnouncerProvider>
          <Routes />
        </AnnouncerProvider>
      </SessionProvider>
    </I18nProvider>
  )
}
