// The language in use and its messages, provided to every view; the choice is remembered in this browser.
import { createContext, createEffect, createSignal, useContext, type Accessor, type JSX } from 'solid-js'
import { en, type Messages } from './en.ts'

export type Lang = 'en' | 'cy'
/** Each language named in itself, for the language menu; its messages load only when it is chosen. */
export const languages: Record<Lang, string> = { en: 'English', cy: 'Cymraeg' }
const load: Record<Lang, () => Promise<Messages>> = {
  en: () => Promise.resolve(en),
  cy: () => import('./cy.ts').then((m) => m.cy),
}

interface I18n {
  lang: Accessor<Lang>
  setLang(l: Lang): void
  t: Accessor<Messages>
}

const I18nContext = createContext<I18n>()
const STORAGE_KEY = 'ratings-panel.lang'

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY)
    if (saved === 'en' || saved === 'cy') return saved
  } catch {
    // Storage can be blocked; English then.
  }
  return 'en'
}

export function I18nProvider(props: { children: JSX.Element }) {
  const [lang, setLangSignal] = createSignal<Lang>('en')
  const [messages, setMessages] = createSignal<Messages>(en)
  // The page's lang names the language its text is in, so screen readers pick the right voice: a dictionary
  // not yet translated still holds English text, so the page stays lang="en" until it is complete.
  createEffect(() => {
    const d = messages()
    document.documentElement.lang = d.meta.complete ? d.meta.lang : en.meta.lang
  })
  // The menu shows the choice at once; the text follows when its messages have loaded (English until then).
  const use = (l: Lang) => {
    setLangSignal(l)
    load[l]().then(
      (m) => lang() === l && setMessages(m),
      () => lang() === l && setLangSignal('en'),
    )
  }
  const saved = initialLang()
  if (saved !== 'en') use(saved)
  const value: I18n = {
    lang,
    setLang(l) {
      use(l)
      try {
        localStorage.setItem(STORAGE_KEY, l)
      } catch {
        // Not remembered; fine.
      }
    },
    t: messages,
  }
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>
}

export function useI18n(): I18n {
  const c = useContext(I18nContext)
  if (!c) throw new Error('useI18n: no I18nProvider')
  return c
}

/** The messages accessor, the one thing most views need. */
export const useT = (): Accessor<Messages> => useI18n().t
