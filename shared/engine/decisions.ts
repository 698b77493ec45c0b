// Discretion decisions: parse `ratings-panel/decisions@1` and apply them under the framework's rules.

// A decision moves a case standard's rating at most `discretion.maxBands` bands, only in a direction a
// trigger opened, with a written justification that is published as its footnote. Deciding the
// rules-based rating itself is allowed: the rating is kept, with no footnote. A framework@2 may give the overall
// or an area by judgement: a decision on `overall` or `area:<id>` gives that rating, with its justification.
import * as z from 'zod/mini'
import { zodProblems, type Framework } from '../framework/schema.ts'
import { err, ok, type Problem, type Result } from '../result.ts'
import { inEnglish } from '../zod-english.ts'
import { areaJudgements, areasOf } from './areas.ts'
import { AREA_PREFIX, isJudgedTargetId, judgedTargets, OVERALL_TARGET } from './judged-targets.ts'
import { overallOf, pointsFor } from './rate.ts'
import type { Decision, DecisionError, FinalResult, FinalStandardResult, RatingResult } from './types.ts'

export const DECISIONS_FORMAT = 'ratings-panel/decisions@1'
/** A justification is published as a footnote: at least a short sentence, not a placeholder. */
export const MIN_JUSTIFICATION_CHARS = 10

const DecisionSchema = z.strictObject(
  {
    rating: z
      .string({ error: 'expected a rating label, such as "Good"' })
      .check(z.minLength(1, 'expected a rating label, such as "Good"')),
    justification: z.string({ error: 'expected the written justification' }),
  },
  {
    error: (i: { code?: string }) =>
      i.code === 'invalid_type' ? 'expected { "rating", "justification" }' : undefined,
  },
)

const DecisionsFileSchema = z.strictObject({
  format: z.literal(DECISIONS_FORMAT, { error: `expected "${DECISIONS_FORMAT}"` }),
  note: z.optional(z.string({ error: 'expected text' })),
  decisions: z.record(z.string(), DecisionSchema, { error: 'expected an object keyed by standard id' }),
})

/** Reads a decisions file strictly; every problem is named with its path. */
export function parseDecisions(json: unknown): Result<Record<string, Decision>, Problem[]> {
  const r = DecisionsFileSchema.safeParse(json, inEnglish)
  return r.success ? ok(r.data.decisions) : err(zodProblems(r.error))
}

/** Applies decisions to a rules-based result; refuses with every error found, or gives the final ratings. */
export function applyDecisions(
  framework: Framework,
  result: RatingResult,
  decisions: Readonly<Record<string, Decision>>,
): Result<FinalResult, DecisionError[]> {
  const errors: DecisionError[] = []
  const fail = (standardId: string, code: DecisionError['code'], message: string) =>
    errors.push({ standardId, code, message })
  const rank = (label: string | null) => framework.ratings.findIndex((r) => r.label === label)
  const labels = framework.ratings.map((r) => `"${r.label}"`).join(', ')
  const { maxBands } = framework.discretion

  const targets = judgedTargets(framework, result)
  const needsJustification = (sid: string, name: string, d: Decision) => {
    if (d.justification.trim().length < MIN_JUSTIFICATION_CHARS)
      fail(
        sid,
        'justification-required',
        `${name}: a written justification is required (at least ${MIN_JUSTIFICATION_CHARS} characters); it is published as the footnote.`,
      )
  }
  for (const [sid, d] of Object.entries(decisions)) {
    if (isJudgedTargetId(sid)) {
      const target = targets.find((t) => t.id === sid)
      if (!target)
        fail(
          sid,
          sid === OVERALL_TARGET ? 'not-discretionary' : 'unknown-standard',
          sid === OVERALL_TARGET
            ? `${framework.id} does not give the overall rating by judgement, so it cannot be decided.`
            : `${sid}: ${framework.id} has no area ${sid.slice(AREA_PREFIX.length)} rated by judgement.`,
        )
      else if (rank(d.rating) === -1)
        fail(
          sid,
          'unknown-rating',
          `${target.title}: "${d.rating}" is not a rating of ${framework.id} (${labels}).`,
        )
      needsJustification(sid, target?.title ?? sid, d)
      continue
    }
    const s = result.standards.find((x) => x.id === sid)
    if (!s) {
      fail(sid, 'unknown-standard', `${sid}: ${framework.id} has no such standard.`)
      continue
    }
    const name = `${sid} ${s.title}`
    if (s.kind === 'judged')
      fail(
        sid,
        'not-discretionary',
        `${name} is rated by judgement; discretion applies to case standards only.`,
      )
    else if (s.rating === null)
      fail(sid, 'not-rated', `${name} is not rated, so there is no rating to adjust.`)
    else if (rank(d.rating) === -1)
      fail(sid, 'unknown-rating', `${name}: "${d.rating}" is not a rating of ${framework.id} (${labels}).`)
    else {
      const steps = rank(s.rating) - rank(d.rating)
      const direction = steps > 0 ? 'up' : 'down'
      if (Math.abs(steps) > maxBands)
        fail(
          sid,
          'more-than-one-band',
          `${name}: discretion moves a rating ${maxBands} band${maxBands === 1 ? '' : 's'} at most; ${s.rating} to ${d.rating} is ${Math.abs(steps)}.`,
        )
      else if (steps !== 0 && s.triggers[direction].length === 0)
        fail(
          sid,
          'direction-not-triggered',
          `${name}: no trigger opens ${s.rating} to discretion ${direction}, so it cannot become ${d.rating}.`,
        )
    }
    needsJustification(sid, name, d)
  }
  if (errors.length) return err(errors)

  const standards: FinalStandardResult[] = result.standards.map((s) => {
    const d = decisions[s.id]
    const moved = d !== undefined && d.rating !== s.rating
    const rating = moved ? d.rating : s.rating
    return {
      ...s,
      rating,
      points: pointsFor(framework, s.scored, rating),
      rulesBased: s.rating,
      footnote: moved ? d.justification.trim() : null,
    }
  })
  const judged = Object.fromEntries(
    Object.entries(decisions)
      .filter(([k]) => k.startsWith(AREA_PREFIX))
      .map(([k, d]) => [k.slice(AREA_PREFIX.length), d.rating]),
  )
  const judgement =
    decisions[OVERALL_TARGET]?.rating ?? (result.overall.by === 'judgement' ? result.overall.rating : null)
  return ok({
    ...result,
    standards,
    areas: areasOf(framework, standards, { ...areaJudgements(result.areas), ...judged }),
    overall: overallOf(framework, standards, judgement),
    rulesBasedOverall: result.overall,
  })
}
