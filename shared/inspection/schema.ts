// zod schemas for `ratings-panel/inspection@1`: the file's shape, strict, before it is read against its framework.
import * as z from 'zod/mini'

export const INSPECTION_FORMAT = 'ratings-panel/inspection@1'

const note = z.optional(z.string({ error: 'expected text' }))
const wholeCases = (what: string, min: number) =>
  z
    .number({ error: `expected a whole number (${what})` })
    .check(z.int(`expected a whole number (${what})`), z.gte(min, `expected at least ${min} (${what})`))
/** Only the schema's own type error is replaced; other issues keep their messages. */
const notAnObject = (expected: string) => ({
  error: (issue: { code?: string }) => (issue.code === 'invalid_type' ? `expected ${expected}` : undefined),
})

/** `{ "yes": 14, "assessed": 23 }`: the cases answered yes among those where the question applies. */
export const CountsSchema = z
  .strictObject({
    yes: wholeCases('the cases answered yes', 0),
    assessed: wholeCases('the cases assessed', 1),
    note,
  })
  .check(z.refine((v) => v.yes <= v.assessed, { path: ['yes'], message: 'yes cannot exceed assessed' }))

/** `{ "percent": 64.6 }`: a published figure without counts. */
export const PercentSchema = z.strictObject({
  percent: z
    .number({ error: 'expected a percentage from 0 to 100' })
    .check(
      z.gte(0, 'expected a percentage from 0 to 100'),
      z.lte(100, 'expected a percentage from 0 to 100'),
    ),
  note,
})

/** `{ "notApplicable": true }`: the question applied to none of the cases; it takes no part in the rating. */
export const NotApplicableSchema = z.strictObject({
  notApplicable: z.literal(true, { error: 'expected true' }),
  note,
})

/** Picks the key-question form by its keys, so a problem is reported against the form meant. */
export const keyQuestionSchemaFor = (v: Record<string, unknown>) =>
  'percent' in v ? PercentSchema : 'notApplicable' in v ? NotApplicableSchema : CountsSchema

/** A judged standard: `{ "judgement": "Good" }` or `{ "notRated": true }`. */
export const JudgedStandardSchema = z
  .strictObject(
    {
      judgement: z.optional(z.string({ error: 'expected a rating label' })),
      notRated: z.optional(z.literal(true, { error: 'expected true' })),
      note,
    },
    notAnObject('{ "judgement": "<rating>" } or { "notRated": true }'),
  )
  .check(
    z.refine((v) => (v.judgement === undefined) !== (v.notRated === undefined), {
      message: 'expected either "judgement" or "notRated": true (exactly one)',
    }),
  )

/** A case standard: `{ "keyQuestions": { "2.1.1": {…}, … } }`; the questions are read against the framework. */
export const CaseStandardSchema = z.strictObject(
  {
    keyQuestions: z.record(z.string(), z.unknown(), { error: 'expected an object keyed by key question id' }),
    note,
  },
  notAnObject('{ "keyQuestions": { … } }'),
)

const optionalText = z.optional(z.string({ error: 'expected text' }))

export const InspectionFileSchema = z.strictObject({
  format: z.literal(INSPECTION_FORMAT, { error: `expected "${INSPECTION_FORMAT}"` }),
  framework: z
    .string({ error: 'expected a framework id such as "hmip-youth-2018"' })
    .check(z.minLength(1, 'expected a framework id')),
  service: z
    .string({ error: 'expected the name of the service inspected' })
    .check(z.trim(), z.minLength(1, 'expected the name of the service inspected')),
  fieldwork: optionalText,
  published: optionalText,
  source: optionalText,
  note: optionalText,
  /** A per-case answer grid (CSV), relative to the file; then `standards` holds the judged standards only. */
  caseGrid: z.optional(
    z
      .string({ error: 'expected the case grid file name' })
      .check(z.minLength(1, 'expected the case grid file name')),
  ),
  standards: z.record(z.string(), z.unknown(), { error: 'expected an object keyed by standard id' }),
})

export type InspectionFile = z.output<typeof InspectionFileSchema>
