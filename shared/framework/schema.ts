// Frameworks are data: the zod (zod/mini) schema for `ratings-panel/framework@1` and `@2`, with cross-field checks.
// @2 (docs/FRAMEWORKS.md) adds mixed standards, rating rules, areas, a judged overall and sample sizes;
// an @1 file is read as it is, unchanged.
import * as z from 'zod/mini'
import { err, ok, type Problem, type Result } from '../result.ts'
import { inEnglish } from '../zod-english.ts'
import { DisposalsSchema } from './disposals.ts'
import { checkLabels, LabelsSchema } from './labels-schema.ts'
import { checkV2 } from './check-v2.ts'

export const FRAMEWORK_FORMAT = 'ratings-panel/framework@1'
export const FRAMEWORK_FORMAT_V2 = 'ratings-panel/framework@2'
export const FRAMEWORK_FORMATS = [FRAMEWORK_FORMAT, FRAMEWORK_FORMAT_V2] as const
/** How a standard's rating is formed from its key questions' ratings (more may follow). */
export const STANDARD_RULES = ['lowest'] as const
/** How an area's rating is formed: from its standards' ratings by a named rule, or by judgement. */
export const AREA_RULES = ['lowest', 'judgement'] as const
export const TRIGGER_KINDS = ['near-boundary', 'one-answer-flip'] as const

const id = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id of letters, digits, dots, dashes or underscores'),
  )
const text = z.string().check(z.trim(), z.minLength(1, 'expected non-empty text'))
const whole = (min: number) => z.number().check(z.int(), z.gte(min))
const percent = z.number().check(z.gte(0), z.lte(100))

const KeyQuestionSchema = z.strictObject({
  id,
  text,
  /** @2: how a key question of a mixed standard is rated: from the cases (the default) or by judgement. */
  by: z.optional(z.enum(['cases', 'judgement'])),
})

const StandardSchema = z.strictObject({
  id,
  title: text,
  /** @2 adds `mixed`: some key questions from cases, some by judgement (the 2025 victims' standard). */
  kind: z.enum(['cases', 'judged', 'mixed']),
  /** @2: the rule for this standard, when not the framework's `standardRule`. */
  rule: z.optional(z.enum(STANDARD_RULES)),
  /** Whether its points count toward the overall score (2021's 4.1 does not). */
  scored: z.boolean(),
  /** A judged standard the inspection may mark `{ "notRated": true }` (2021's 4.1 without resettlement cases). */
  mayBeNotRated: z.optional(z.boolean()),
  description: z.optional(z.string()),
  keyQuestions: z.optional(z.array(KeyQuestionSchema)),
})

export const FrameworkSchema = z
  .strictObject({
    format: z.enum(FRAMEWORK_FORMATS),
    id,
    title: text,
    inForce: z.optional(z.string()),
    /** True when the thresholds are not published (2009): the UI says so beside every rating. */
    provisional: z._default(z.boolean(), false),
    notes: z.optional(z.string()),
    source: z.optional(z.string()),
    /** What a case grid's `disposal` column may hold (shared/framework/disposals.ts); the youth list when absent. */
    disposals: z.optional(DisposalsSchema),
    /** Best first, with their exact published labels. */
    ratings: z.array(z.strictObject({ label: text, points: z.nullable(whole(0)) })).check(z.minLength(2)),
    /** For case standards: the lowest percentage (inclusive) of each rating, best first, the last at 0. */
    bands: z.array(z.strictObject({ rating: z.string(), minPercent: percent })),
    /** @2: how every standard's rating is formed from its key questions (default `lowest`). */
    standardRule: z.optional(z.enum(STANDARD_RULES)),
    /** A score rule (`by` "score", the default: max and bands), @2 `{ "by": "judgement" }`, or null: no overall. */
    overall: z.nullable(
      z.strictObject({
        by: z.optional(z.enum(['score', 'judgement'])),
        max: z.optional(z.number().check(z.int(), z.positive())),
        bands: z.optional(
          z.array(z.strictObject({ rating: z.string(), minScore: whole(0) })).check(z.minLength(1)),
        ),
      }),
    ),
    /** @2: rated areas grouping standards (work with children, work with victims). */
    areas: z.optional(
      z.array(
        z.strictObject({
          id,
          title: text,
          standards: z.array(z.string()).check(z.minLength(1)),
          rule: z.enum(AREA_RULES),
        }),
      ),
    ),
    /** @2: case samples and their sizes, checked when an inspection is read. */
    samples: z.optional(
      z.array(
        z.strictObject({
          id,
          title: text,
          standards: z.array(z.string()).check(z.minLength(1)),
          min: whole(1),
          max: whole(1),
        }),
      ),
    ),
    discretion: z.strictObject({
      nearBoundaryPoints: percent,
      triggers: z.array(z.enum(TRIGGER_KINDS)),
      maxBands: whole(0),
    }),
    domains: z
      .array(z.strictObject({ id, title: text, standards: z.array(StandardSchema).check(z.minLength(1)) }))
      .check(z.minLength(1)),
    /** The framework's own words per language (English, Welsh); see labels.ts. */
    labels: z.optional(LabelsSchema),
  })
  .check(
    z.superRefine(
      (f, ctx) => crossCheck(f, (path, message) => ctx.addIssue({ code: 'custom', path, message })),
      {
        // Run even when the shape is wrong, so one pass names every problem; crossCheck is defensive.
        when: (payload) => typeof payload.value === 'object' && payload.value !== null,
      },
    ),
  )

export type Framework = z.output<typeof FrameworkSchema>
export type FrameworkStandard = Framework['domains'][number]['standards'][number]

type Path = (string | number)[]
type Loose = Record<string, unknown>
const list = (v: unknown): Loose[] =>
  Array.isArray(v) ? v.map((x) => (typeof x === 'object' && x !== null ? (x as Loose) : {})) : []
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null)

/** Checks between fields; the value may be partly invalid (its shape is reported separately). */
function crossCheck(f: Loose, issue: (path: Path, message: string) => void): void {
  checkLabels(f, issue)
  checkV2(f, issue)
  const ratings = list(f.ratings)
  const labels = ratings.map((r) => r.label)
  const rank = (label: unknown) => labels.indexOf(label)
  labels.forEach((l, i) => {
    if (typeof l === 'string' && labels.indexOf(l) !== i)
      issue(['ratings', i, 'label'], `rating "${l}" is listed twice`)
  })

  const checkBands = (bands: Loose[], at: Path, minKey: 'minPercent' | 'minScore', what: string) => {
    bands.forEach((b, i) => {
      if (rank(b.rating) === -1)
        issue([...at, i, 'rating'], `"${String(b.rating)}" is not one of the ratings (${labels.join(', ')})`)
      else if (i > 0 && rank(b.rating) <= rank(bands[i - 1]!.rating))
        issue([...at, i, 'rating'], `${what} must follow the order of the ratings, best first`)
      const min = num(b[minKey])
      const prev = i > 0 ? num(bands[i - 1]![minKey]) : null
      if (min !== null && prev !== null && min >= prev)
        issue([...at, i, minKey], `${what} must be listed best first with falling minimums`)
    })
    const last = bands[bands.length - 1]
    if (last && num(last[minKey]) !== 0)
      issue([...at, bands.length - 1, minKey], `the lowest of the ${what} must start at 0`)
  }
  const bands = list(f.bands)
  checkBands(bands, ['bands'], 'minPercent', 'bands')

  const discretion = (typeof f.discretion === 'object' && f.discretion !== null ? f.discretion : {}) as Loose
  const triggers = Array.isArray(discretion.triggers) ? discretion.triggers : []
  triggers.forEach((t, i) => {
    if (triggers.indexOf(t) !== i)
      issue(['discretion', 'triggers', i], `trigger "${String(t)}" is listed twice`)
  })
  const maxBands = num(discretion.maxBands)
  if (maxBands !== null && ratings.length && maxBands > ratings.length - 1)
    issue(['discretion', 'maxBands'], `at most ${ratings.length - 1} with ${ratings.length} ratings`)

  const ids = new Map<unknown, string>()
  const claim = (value: unknown, path: Path, what: string) => {
    if (typeof value !== 'string') return
    const first = ids.get(value)
    if (first) issue(path, `${what} id "${value}" is already used by ${first}`)
    else ids.set(value, `${what} ${path.join('.')}`)
  }
  const domainIds = new Set<unknown>()
  let scoredCount = 0
  let hasCases = false
  list(f.domains).forEach((d, di) => {
    if (domainIds.has(d.id)) issue(['domains', di, 'id'], `domain id "${String(d.id)}" is used twice`)
    domainIds.add(d.id)
    list(d.standards).forEach((s, si) => {
      const at: Path = ['domains', di, 'standards', si]
      claim(s.id, [...at, 'id'], 'standard')
      const kqs = list(s.keyQuestions)
      kqs.forEach((k, ki) => claim(k.id, [...at, 'keyQuestions', ki, 'id'], 'key question'))
      if (s.scored === true) scoredCount++
      if (s.kind === 'cases' || s.kind === 'mixed') {
        hasCases = true
        if (!kqs.length) issue([...at, 'keyQuestions'], 'a case standard needs at least one key question')
        if (s.mayBeNotRated !== undefined)
          issue(
            [...at, 'mayBeNotRated'],
            'only judged standards are marked not rated; a case standard is not rated when none of its key questions applies',
          )
      } else if (s.kind === 'judged' && s.keyQuestions !== undefined)
        issue([...at, 'keyQuestions'], 'a judged standard is rated by judgement and has no key questions')
      if (s.scored === true && ratings.some((r) => r.points === null))
        issue([...at, 'scored'], 'a scored standard needs points on every rating')
    })
  })
  if (hasCases && !bands.length) issue(['bands'], 'case standards need bands')

  if (f.overall === null || f.overall === undefined) {
    if (scoredCount)
      issue(['overall'], `${scoredCount} standard(s) are scored but there is no overall banding`)
    return
  }
  const overall = f.overall as Loose
  if (overall.by === 'judgement') {
    if (scoredCount)
      issue(['overall'], `${scoredCount} standard(s) are scored, but the overall is given by judgement`)
    return // checkV2 names max or bands given with it
  }
  if (overall.max === undefined) issue(['overall', 'max'], 'a score rule needs the maximum score')
  if (overall.bands === undefined) issue(['overall', 'bands'], 'a score rule needs its bands')
  checkBands(list(overall.bands), ['overall', 'bands'], 'minScore', 'overall bands')
  const top = Math.max(0, ...ratings.map((r) => num(r.points) ?? 0))
  const max = num(overall.max)
  if (!scoredCount) issue(['overall'], 'an overall banding needs at least one scored standard')
  else if (max !== null && max !== scoredCount * top)
    issue(
      ['overall', 'max'],
      `expected ${scoredCount * top}: ${scoredCount} scored standards × ${top} points at best`,
    )
  list(overall.bands).forEach((b, i) => {
    const min = num(b.minScore)
    if (max !== null && min !== null && min > max)
      issue(['overall', 'bands', i, 'minScore'], `above the maximum score ${max}`)
  })
}

/**
 * Zod issues as problems at `base` (a JSON path such as `standards.2.1`), each location after `prefix`
 * (such as a file name); an unknown key is named at its own path.
 */
export function zodProblems(error: z.core.$ZodError, base = '', prefix = ''): Problem[] {
  const at = (path: PropertyKey[]) =>
    prefix + ([base, ...path.map(String)].filter((p) => p !== '').join('.') || '(top level)')
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ where: at([...i.path, k]), message: `unknown key "${k}"` }))
      : [{ where: at(i.path), message: i.message }],
  )
}

export function parseFramework(json: unknown): Result<Framework, Problem[]> {
  const r = FrameworkSchema.safeParse(json, inEnglish)
  return r.success ? ok(r.data) : err(zodProblems(r.error))
}

export const standardsOf = (f: Framework): FrameworkStandard[] => f.domains.flatMap((d) => d.standards)

export type FrameworkKeyQuestion = NonNullable<FrameworkStandard['keyQuestions']>[number]
/** Whether a key question is rated by judgement (only in a mixed standard) rather than from cases. */
export const isJudgedQuestion = (k: FrameworkKeyQuestion): boolean => k.by === 'judgement'

/** The overall score rule, or null when the overall is given by judgement or there is none. */
export function scoreRuleOf(
  f: Framework,
): { max: number; bands: { rating: string; minScore: number }[] } | null {
  const o = f.overall
  return o && o.by !== 'judgement' && o.max !== undefined && o.bands ? { max: o.max, bands: o.bands } : null
}

/** How the overall rating is formed: by a score rule, by judgement, or not at all. */
export const overallByOf = (f: Framework): 'score' | 'judgement' | null =>
  f.overall === null ? null : f.overall.by === 'judgement' ? 'judgement' : 'score'

export const isFormat2 = (f: Framework): boolean => f.format === FRAMEWORK_FORMAT_V2

/** Every key question of the framework's case standards, in framework order (the case grid's columns). */
export const caseKeyQuestionIds = (f: Framework): string[] =>
  standardsOf(f).flatMap((s) =>
    s.kind === 'judged' ? [] : (s.keyQuestions ?? []).filter((k) => !isJudgedQuestion(k)).map((k) => k.id),
  )
