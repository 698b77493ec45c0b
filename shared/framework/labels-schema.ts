// The zod (zod/mini) schema for a framework's `labels` and the check that they name only its own things.
import * as z from 'zod/mini'
import { FOOTNOTE_PLACEHOLDERS, LANGS, type Labels, type LangLabels } from './labels.ts'

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

function unknownPlaceholders(s: string): string[] {
  return [...s.matchAll(/\{([^{}]*)\}/g)]
    .map((m) => m[1]!)
    .filter((p) => !(FOOTNOTE_PLACEHOLDERS as readonly string[]).includes(p))
}

/** Compiles only while the schema's output is the hand-written type in labels.ts. */
type Assert<T extends true> = T
export type LabelsMatchSchema = Assert<
  [z.output<typeof LabelsSchema>] extends [Labels]
    ? [LangLabels] extends [z.output<typeof LangLabelsSchema>]
      ? true
      : false
    : false
>

type MapKey = 'ratings' | 'domains' | 'standards' | 'keyQuestions' | 'areas'
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
