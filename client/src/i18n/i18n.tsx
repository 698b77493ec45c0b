// The language in use and its messages, provided to every view; the choice is remembered in this browser.
import { createContext, createEffect, createSignal, useContext, type Accessor, type JSX } from 'solid-js'
import { cy } from './cy.ts'
import { en, type Messages } from './en.ts'

export type Lang = 'en' | 'cy'
export const dictionaries: Record<Lang, Messages> = { en, cy }

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
  const [lang, setLangSignal] = createSignal<Lang>(initialLang())
  // The page's lang names the language its text is in, so screen readers pick the right voice: a dictionary
  // not yet translated still holds English text, so the page stays lang="en" until it is complete.
  createEffect(() => {
    const d = dictionaries[lang()]
    document.documentElement.lang = d.meta.complete ? d.meta.lang : en.meta.lang
  })
  const value: I18n = {
    lang,
    setLang(l) {
      setLangSignal(l)
      try {
        localStorage.setItem(STORAGE_KEY, l)
      } catch {
        // Not remembered; fine.
      }
    },
    t: () => dictionaries[lang()],
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
