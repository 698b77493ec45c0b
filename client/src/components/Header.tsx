// The page header: service name, main navigation, who is signed in, sign out and the language switch.
import { For, Show } from 'solid-js'
import { languages, useI18n, type Lang } from '../i18n/i18n.tsx'
import { Link, useRouter } from '../lib/router.tsx'
import { useSession } from '../session.tsx'

export function Header() {
  const { t, lang, setLang } = useI18n()
  const session = useSession()
  const router = useRouter()
  const current = (href: string) => (router.path() === href ? 'page' : undefined)
  const signOut = async () => {
    await session.signOut()
    router.navigate('/')
  }
  return (
    <header class="header">
      <div class="width-container header__inner">
        <Link href="/" class="header__service">
          <span class="header__owner">{t().common.serviceOwner}</span>
          <span class="header__name">{t().common.appName}</span>
        </Link>
        <nav aria-label={t().nav.primary} class="header__nav">
          <ul>
            <Show when={session.account()}>
              <li>
                <Link href="/" aria-current={current('/')}>
                  {t().nav.home}
                </Link>
              </li>
            </Show>
            <li>
              <Link href="/rate" aria-current={current('/rate')}>
                {t().nav.rate}
              </Link>
            </li>
            <Show when={session.account()}>
              <li>
                <Link href="/frameworks" aria-current={current('/frameworks')}>
                  {t().nav.frameworks}
                </Link>
              </li>
            </Show>
            <Show when={session.account()?.qa}>
              <li>
                <Link href="/register" aria-current={current('/register')}>
                  {t().nav.register}
                </Link>
              </li>
            </Show>
            <Show when={session.account()?.organiser}>
              <li>
                <Link href="/accounts" aria-current={current('/accounts')}>
                  {t().nav.accounts}
                </Link>
              </li>
            </Show>
          </ul>
        </nav>
        <div class="header__tools">
          <Show when={session.account()}>
            {(a) => (
              <>
                <span class="header__who">{t().common.signedInAs(a().name)}</span>
                <button type="button" class="link-button header__signout" onClick={() => void signOut()}>
                  {t().common.signOut}
                </button>
              </>
            )}
          </Show>
          <label class="header__lang">
            <span class="visually-hidden">{t().common.language}</span>
            <select value={lang()} onChange={(e) => setLang(e.currentTarget.value as Lang)}>
              <For each={Object.entries(languages)}>
                {([code, name]) => (
                  <option value={code} lang={code}>
                    {name}
                  </option>
                )}
              </For>
            </select>
          </label>
        </div>
      </div>
    </header>
  )
}
