// Labels per language: a framework's own words for its ratings, domains, standards, key questions and areas in
// English and Welsh, and starting texts for discretion footnotes. Everything falls back to the English.
// No zod here, so views that only read labels stay small; the schema is in labels-schema.ts.

export const LANGS = ['en', 'cy'] as const
export type Lang = (typeof LANGS)[number]

/** The placeholders a footnote starting text may use, filled by `fillFootnote`. */
export const FOOTNOTE_PLACEHOLDERS = [
  'standard', // the standard's id, e.g. "2.1"
  'title', // the standard's title in the footnote's language
  'rating', // the rating decided (in the footnote's language)
  'rulesBased', // the rating the rules give (in the footnote's language)
  'keyQuestion', // the id of the key question that drives the standard's rating
  'score', // that key question's published whole percentage, e.g. "64%"
  'boundary', // the band boundary the trigger is about, e.g. "65%"
  'cases', // the case references whose single answer would move the rating, comma-separated
  'assessed', // how many cases that key question was assessed on, e.g. "5"
] as const
export type FootnotePlaceholder = (typeof FOOTNOTE_PLACEHOLDERS)[number]

/** A framework's labels in one language (checked by LangLabelsSchema, labels-schema.ts). */
export interface LangLabels {
  /** Keyed by the rating's English label as published. */
  ratings?: Record<string, string> | undefined
  domains?: Record<string, string> | undefined
  standards?: Record<string, string> | undefined
  keyQuestions?: Record<string, string> | undefined
  /** framework@2 areas, by area id. */
  areas?: Record<string, string> | undefined
  /** Starting texts for a discretion footnote per trigger, with FOOTNOTE_PLACEHOLDERS. */
  footnotes?: Partial<Record<'near-boundary' | 'one-answer-flip', string>> | undefined
}
export interface Labels {
  en?: LangLabels | undefined
  cy?: LangLabels | undefined
}
export type LabelKind = 'rating' | 'domain' | 'standard' | 'keyQuestion' | 'area'
type MapKey = 'ratings' | 'domains' | 'standards' | 'keyQuestions' | 'areas'
const MAP_OF: Record<LabelKind, MapKey> = {
  rating: 'ratings',
  domain: 'domains',
  standard: 'standards',
  keyQuestion: 'keyQuestions',
  area: 'areas',
}

/** What `labelFor` needs of a framework (any format version). */
export interface Labelled {
  ratings: readonly { label: string }[]
  domains: readonly {
    id: string
    title: string
    standards: readonly {
      id: string
      title: string
      keyQuestions?: readonly { id: string; text: string }[]
    }[]
  }[]
  areas?: readonly { id: string; title: string }[] | undefined
  labels?: Labels | undefined
}

/** The English words the framework itself uses for a rating, domain, standard or key question. */
export function englishOf(f: Labelled, kind: LabelKind, idOrLabel: string): string {
  if (kind === 'rating') return idOrLabel
  if (kind === 'area') return f.areas?.find((a) => a.id === idOrLabel)?.title ?? idOrLabel
  for (const d of f.domains) {
    if (kind === 'domain' && d.id === idOrLabel) return d.title
    for (const s of d.standards) {
      if (kind === 'standard' && s.id === idOrLabel) return s.title
      if (kind === 'keyQuestion') {
        const k = s.keyQuestions?.find((q) => q.id === idOrLabel)
        if (k) return k.text
      }
    }
  }
  return idOrLabel
}

const own = (m: Record<string, string> | undefined, key: string): string | undefined =>
  m && Object.hasOwn(m, key) ? m[key] : undefined

/**
 * The label of a rating (by its English label), domain, standard or key question (by id) in `lang`:
 * the framework's label in that language, else its English label, else the English label or title itself
 * (an unknown id comes back unchanged).
 */
export function labelFor(f: Labelled, lang: Lang, kind: LabelKind, idOrLabel: string): string {
  const key = MAP_OF[kind]
  return (
    own(f.labels?.[lang]?.[key], idOrLabel) ??
    own(f.labels?.en?.[key], idOrLabel) ??
    englishOf(f, kind, idOrLabel)
  )
}

/** The framework's starting text for a footnote on this trigger in `lang` (else English), if it has one. */
export function footnoteFor(
  f: Labelled,
  lang: Lang,
  trigger: 'near-boundary' | 'one-answer-flip',
): string | undefined {
  return f.labels?.[lang]?.footnotes?.[trigger] ?? f.labels?.en?.footnotes?.[trigger]
}

/** A footnote starting text with its placeholders filled; a placeholder without a value is left as written. */
export function fillFootnote(template: string, values: Partial<Record<FootnotePlaceholder, string>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? values[name as FootnotePlaceholder]! : whole,
  )
}
