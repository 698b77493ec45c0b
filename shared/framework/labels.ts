// Labels per language: a framework's own words for its ratings, domains, standards, key questions and areas in
// English and Welsh, and starting texts for discretion footnotes. Everything falls back to the English.
import * as z from 'zod/mini'

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

const label = z.string().check(z.trim(), z.minLength(1, 'expected non-empty text'))
const labelMap = z.record(z.string(), label)
const footnote = z.string().check(
  z.trim(),
  z.minLength(1, 'expected non-empty text'),
  z.refine((s) => unknownPlaceholders(s).length === 0, {
    message: `a footnote may use only the placeholders ${FOOTNOTE_PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}`,
  }),
)

export const LangLabelsSchema = z.strictObject({
  /** Keyed by the rating's English label as published. */
  ratings: z.optional(labelMap),
  domains: z.optional(labelMap),
  standards: z.optional(labelMap),
  keyQuestions: z.optional(labelMap),
  /** framework@2 areas, by area id. */
  areas: z.optional(labelMap),
  footnotes: z.optional(
    z.strictObject({ 'near-boundary': z.optional(footnote), 'one-answer-flip': z.optional(footnote) }),
  ),
})
export const LabelsSchema = z.strictObject({
  en: z.optional(LangLabelsSchema),
  cy: z.optional(LangLabelsSchema),
})

export type LangLabels = z.output<typeof LangLabelsSchema>
export type Labels = z.output<typeof LabelsSchema>
export type LabelKind = 'rating' | 'domain' | 'standard' | 'keyQuestion' | 'area'
type MapKey = 'ratings' | 'domains' | 'standards' | 'keyQuestions' | 'areas'
const MAP_OF: Record<LabelKind, MapKey> = {
  rating: 'ratings',
  domain: 'domains',
  standard: 'standards',
  keyQuestion: 'keyQuestions',
  area: 'areas',
}

function unknownPlaceholders(s: string): string[] {
  return [...s.matchAll(/\{([^{}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((p) => !(FOOTNOTE_PLACEHOLDERS as readonly string[]).includes(p))
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

type Path = (string | number)[]
type Loose = Record<string, unknown>
const obj = (v: unknown): Loose =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Loose) : {}
const list = (v: unknown): Loose[] => (Array.isArray(v) ? v.map(obj) : [])

/** Labels may name only the framework's own ratings, domains, standards and key questions. */
export function checkLabels(f: Loose, issue: (path: Path, message: string) => void): void {
  const known: Record<MapKey, Set<unknown>> = {
    ratings: new Set(list(f.ratings).map((r) => r.label)),
    domains: new Set(list(f.domains).map((d) => d.id)),
    standards: new Set(list(f.domains).flatMap((d) => list(d.standards).map((s) => s.id))),
    keyQuestions: new Set(
      list(f.domains).flatMap((d) => list(d.standards).flatMap((s) => list(s.keyQuestions).map((k) => k.id))),
    ),
    areas: new Set(list(f.areas).map((a) => a.id)),
  }
  const what: Record<MapKey, string> = {
    ratings: 'rating',
    domains: 'domain',
    standards: 'standard',
    keyQuestions: 'key question',
    areas: 'area',
  }
  const labels = obj(f.labels)
  for (const lang of LANGS) {
    const l = obj(labels[lang])
    for (const key of Object.keys(known) as MapKey[])
      for (const name of Object.keys(obj(l[key])))
        if (!known[key].has(name))
          issue(
            ['labels', lang, key, name],
            `"${name}" is not ${/^[aeiou]/.test(what[key]) ? 'an' : 'a'} ${what[key]} of this framework`,
          )
  }
}
