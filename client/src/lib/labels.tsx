// The framework's own words in the reader's language (rating labels, domain and standard titles), for every view
// under a FrameworkProvider. Ratings stay identified by their English label as published; only what is shown changes.
import { createContext, useContext, type Accessor, type JSX } from 'solid-js'
import { labelFor, type Labelled } from '../../../shared/framework/labels.ts'
import { useI18n } from '../i18n/i18n.tsx'

const FrameworkContext = createContext<Accessor<Labelled | null>>()

export function FrameworkProvider(props: { framework: Labelled | null; children: JSX.Element }) {
  return <FrameworkContext.Provider value={() => props.framework}>{props.children}</FrameworkContext.Provider>
}

export interface LabelsApi {
  /** A rating's label in the reader's language ("Good" → "Da"); the English label without a framework. */
  rating(label: string): string
  /** A rating's rank, best first (0), or -1 when the framework does not name it. */
  rank(label: string): number
  domain(id: string, fallback: string): string
  standard(id: string, fallback: string): string
}

export function useLabels(): LabelsApi {
  const fw = useContext(FrameworkContext) ?? (() => null)
  const { lang } = useI18n()
  const by = (kind: 'domain' | 'standard', id: string, fallback: string) => {
    const f = fw()
    return f ? labelFor(f, lang(), kind, id) : fallback
  }
  return {
    rating: (label) => {
      const f = fw()
      return f ? labelFor(f, lang(), 'rating', label) : label
    },
    rank: (label) => fw()?.ratings.findIndex((r) => r.label === label) ?? -1,
    domain: (id, fallback) => by('domain', id, fallback),
    standard: (id, fallback) => by('standard', id, fallback),
  }
}
