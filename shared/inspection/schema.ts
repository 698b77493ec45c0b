// zod schemas for `ratings-panel/inspection@1` and `@2`: the file's shape, strict, before it is read against its
// framework. @2 adds judged key questions (mixed standards), area and overall judgements, sample sizes, `serviceId`.
import * as z from 'zod/mini'
import { isoDate, noPersonalData } from '../privacy/text-schema.ts'

export const INSPECTION_FORMAT = 'ratings-panel/inspection@1'
export const INSPECTION_FORMAT_V2 = 'ratings-panel/inspection@2'

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

/** `{ "judgement": "Good" }`: a judged key question of a mixed standard, an area or the overall (@2). */
export const JudgementSchema = z.strictObject(
  {
    judgement: z
      .string({ error: 'expected a rating label' })
      .check(z.minLength(1, 'expected a rating label')),
    note,
  },
  notAnObject('{ "judgement": "<rating>" }'),
)

/** Picks the key-question form by its keys, so a problem is reported against the form meant. */
export const keyQuestionSchemaFor = (v: Record<string, unknown>) =>
  'judgement' in v
    ? JudgementSchema
    : 'percent' in v
      ? PercentSchema
      : 'notApplicable' in v
        ? NotApplicableSchema
        : CountsSchema

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

// Notes inside standards are checked for personal data by parse.ts, so one bad note does not hide the
// problems beside it; the file's own free text is checked here.
const freeText = (what: string) => z.string({ error: 'expected text' }).check(noPersonalData(what))

const formatError = `expected "${INSPECTION_FORMAT}" or "${INSPECTION_FORMAT_V2}"`

/** The fields both formats share. */
const fileFields = {
  framework: z
    .string({ error: 'expected a framework id such as "hmip-youth-2018"' })
    .check(z.minLength(1, 'expected a framework id')),
  service: z
    .string({ error: 'expected the name of the service inspected' })
    .check(
      z.trim(),
      z.minLength(1, 'expected the name of the service inspected'),
      noPersonalData('the name of the service'),
    ),
  /** Dates by definition: ISO dates only (so they are not read as free text that holds a date). */
  fieldwork: z.optional(isoDate()),
  published: z.optional(isoDate()),
  source: z.optional(freeText('the source')),
  note: z.optional(freeText('this note')),
  /** A per-case answer grid (CSV or .xlsx), relative to the file; then `standards` holds the judged standards only. */
  caseGrid: z.optional(
    z
      .string({ error: 'expected the case grid file name' })
      .check(z.minLength(1, 'expected the case grid file name')),
  ),
  /** For an .xlsx case grid: the sheet to read (the first one when absent). */
  caseGridSheet: z.optional(
    z
      .string({ error: 'expected the name of a sheet of the case grid' })
      .check(
        z.minLength(1, 'expected the name of a sheet of the case grid'),
        z.maxLength(100),
        noPersonalData('the sheet name'),
      ),
  ),
  standards: z.record(z.string(), z.unknown(), { error: 'expected an object keyed by standard id' }),
}

export const InspectionFileSchema = z.strictObject({
  format: z.literal(INSPECTION_FORMAT, { error: formatError }),
  ...fileFields,
})

export const InspectionFileSchemaV2 = z.strictObject({
  format: z.literal(INSPECTION_FORMAT_V2, { error: formatError }),
  ...fileFields,
  /** A stable id for the service inspected, the same in every panel about it. */
  serviceId: z.optional(
    z
      .string({ error: 'expected a service id' })
      .check(
        z.regex(
          /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
          'expected an id of letters, digits, dots, dashes or underscores',
        ),
      ),
  ),
  /** Cases in each of the framework's samples, by sample id (with a case grid they are counted from it). */
  samples: z.optional(
    z.record(z.string(), wholeCases('the cases in the sample', 0), {
      error: 'expected an object keyed by sample id',
    }),
  ),
  /** Judgements of the areas the framework rates by judgement, by area id (each optional). */
  areas: z.optional(z.record(z.string(), z.unknown(), { error: 'expected an object keyed by area id' })),
  /** The overall judgement, when the framework gives the overall by judgement (optional). */
  overall: z.optional(z.unknown()),
})

export type InspectionFile = z.output<typeof InspectionFileSchema>
export type InspectionFileV2 = z.output<typeof InspectionFileSchemaV2>
