// Frameworks are data: the zod (zod/mini) schema for `ratings-panel/framework@1`, with cross-field checks.
import * as z from 'zod/mini'
import { err, ok, type Problem, type Result } from '../result.ts'
import { inEnglish } from '../zod-english.ts'
import { DisposalsSchema } from './disposals.ts'
import { checkLabels, LabelsSchema } from './labels.ts'

export const FRAMEWORK_FORMAT = 'ratings-panel/framework@1'
export const TRIGGER_KINDS = ['near-boundary', 'one-answer-flip'] as const

const id = z
  .string()
  .check(
    z.regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'expected an id of letters, digits, dots, dashes or underscores'),
  )
const text = z.string().check(z.trim(), z.minLength(1, 'expected non-empty text'))
const whole = (min: number) => z.number().check(z.int(), z.gte(min))
const percent = z.number().check(z.gte(0), z.lte(100))

const KeyQuestionSchema = z.strictObject({ id, text })

const StandardSchema = z.strictObject({
  id,
  title: text,
  kind: z.enum(['cases', 'judged']),
  /** Whether its points count toward the overall score (2021's 4.1 does not). */
  scored: z.boolean(),
  /** A judged standard the inspection may mark `{ "notRated": true }` (2021's 4.1 without resettlement cases). */
  mayBeNotRated: z.optional(z.boolean()),
  description: z.optional(z.string()),
  keyQuestions: z.optional(z.array(KeyQuestionSchema)),
})

export const FrameworkSchema = z
  .strictObject({
    format: z.literal(FRAMEWORK_FORMAT),
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
    overall: z.nullable(
      z.strictObject({
        max: z.number().check(z.int(), z.positive()),
        bands: z.array(z.strictObject({ rating: z.string(), minScore: whole(0) })).check(z.minLength(1)),
      }),
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
      if (s.kind === 'cases') {
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

/** Every key question of the framework's case standards, in framework order (the case grid's columns). */
export const caseKeyQuestionIds = (f: Framework): string[] =>
  standardsOf(f).flatMap((s) => (s.kind === 'cases' ? (s.keyQuestions ?? []).map((k) => k.id) : []))
