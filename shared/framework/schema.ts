// Frameworks are data: a zod schema for `ratings-panel/framework@1`, with cross-field checks.
import { z } from 'zod'
import { err, ok, type Problem, type Result } from '../result.ts'

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'an id of letters, digits, dots, dashes')

const KeyQuestionSchema = z.strictObject({ id, text: z.string().min(1) })

const StandardSchema = z.strictObject({
  id,
  title: z.string().min(1),
  kind: z.enum(['cases', 'judged']),
  scored: z.boolean(),
  mayBeNotRated: z.boolean().optional(),
  description: z.string().optional(),
  keyQuestions: z.array(KeyQuestionSchema).optional(),
})

export const FrameworkSchema = z
  .strictObject({
    format: z.literal('ratings-panel/framework@1'),
    id,
    title: z.string().min(1),
    inForce: z.string().optional(),
    provisional: z.boolean().default(false),
    notes: z.string().optional(),
    source: z.string().optional(),
    /** Best first, with their exact published labels. */
    ratings: z.array(z.strictObject({ label: z.string().min(1), points: z.number().int().min(0).nullable() })).min(2),
    /** For case standards: the lowest percentage (inclusive) of each rating, best first, the last at 0. */
    bands: z.array(z.strictObject({ rating: z.string(), minPercent: z.number().min(0).max(100) })),
    overall: z
      .strictObject({
        max: z.number().int().positive(),
        bands: z.array(z.strictObject({ rating: z.string(), minScore: z.number().int().min(0) })).min(1),
      })
      .nullable(),
    discretion: z.strictObject({
      nearBoundaryPoints: z.number().min(0).max(100),
      triggers: z.array(z.enum(['near-boundary', 'one-answer-flip'])),
      maxBands: z.number().int().min(0),
    }),
    domains: z
      .array(z.strictObject({ id, title: z.string().min(1), standards: z.array(StandardSchema).min(1) }))
      .min(1),
  })
  .superRefine((f, ctx) => {
    const labels = new Set(f.ratings.map((r) => r.label))
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message })
    if (labels.size !== f.ratings.length) issue(['ratings'], 'rating labels must be unique')
    f.bands.forEach((b, i) => {
      if (!labels.has(b.rating)) issue(['bands', i, 'rating'], `"${b.rating}" is not one of the ratings`)
      if (i > 0 && b.minPercent >= f.bands[i - 1]!.minPercent) issue(['bands', i, 'minPercent'], 'bands must be listed best first with falling minimums')
    })
    if (f.bands.length && f.bands[f.bands.length - 1]!.minPercent !== 0) issue(['bands'], 'the lowest band must start at 0')
    f.overall?.bands.forEach((b, i) => {
      if (!labels.has(b.rating)) issue(['overall', 'bands', i, 'rating'], `"${b.rating}" is not one of the ratings`)
      if (i > 0 && b.minScore >= f.overall!.bands[i - 1]!.minScore) issue(['overall', 'bands', i, 'minScore'], 'overall bands must be listed best first with falling minimums')
    })
    if (f.overall && f.overall.bands[f.overall.bands.length - 1]!.minScore !== 0) issue(['overall', 'bands'], 'the lowest overall band must start at 0')
    const seen = new Set<string>()
    let needsBands = false
    f.domains.forEach((d, di) =>
      d.standards.forEach((s, si) => {
        const at = ['domains', di, 'standards', si]
        if (seen.has(s.id)) issue([...at, 'id'], `standard id ${s.id} is used twice`)
        seen.add(s.id)
        if (s.kind === 'cases') {
          needsBands = true
          if (!s.keyQuestions?.length) issue([...at, 'keyQuestions'], 'a case standard needs at least one key question')
          s.keyQuestions?.forEach((k, ki) => {
            if (seen.has(k.id)) issue([...at, 'keyQuestions', ki, 'id'], `id ${k.id} is used twice`)
            seen.add(k.id)
          })
        } else if (s.keyQuestions?.length) issue([...at, 'keyQuestions'], 'a judged standard has no key questions')
        if (s.scored && f.ratings.some((r) => r.points === null)) issue([...at, 'scored'], 'a scored standard needs points on every rating')
      }),
    )
    if (needsBands && !f.bands.length) issue(['bands'], 'case standards need bands')
  })

export type Framework = z.output<typeof FrameworkSchema>
export type FrameworkStandard = Framework['domains'][number]['standards'][number]

export const zodProblems = (error: z.ZodError, prefix = ''): Problem[] =>
  error.issues.map((i) => ({ where: prefix + (i.path.length ? i.path.join('.') : '(top level)'), message: i.message }))

export function parseFramework(json: unknown): Result<Framework, Problem[]> {
  const r = FrameworkSchema.safeParse(json)
  return r.success ? ok(r.data) : err(zodProblems(r.error))
}

export const standardsOf = (f: Framework): FrameworkStandard[] => f.domains.flatMap((d) => d.standards)
