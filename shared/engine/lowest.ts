// "Each key question is an integral part of the standard": a standard takes its lowest question's band.
// The rule is framework data (`standardRule`, a standard's `rule`); `lowest` is the only one published so far.
import type { Framework, FrameworkStandard } from '../framework/schema.ts'
import type { KeyQuestionInput } from '../inspection/types.ts'
import { bandOf, compare, percentOfCounts, percentOfDecimal, type Rational } from './fraction.ts'

/** A key question's value for a rule: its exact % yes, a judgement (mixed standards), or null (does not apply). */
export type QuestionValue = Rational | { judgement: string } | null

export const isJudgement = (v: QuestionValue): v is { judgement: string } => v !== null && 'judgement' in v

/** The exact % yes of a key question, or null when it does not apply or is judged. */
export const percentOf = (kq: KeyQuestionInput | undefined): Rational | null =>
  kq?.kind === 'counts'
    ? percentOfCounts(kq.yes, kq.assessed)
    : kq?.kind === 'percent'
      ? percentOfDecimal(kq.percent)
      : null

export const valueOf = (kq: KeyQuestionInput | undefined): QuestionValue =>
  kq?.kind === 'judgement' ? { judgement: kq.rating } : percentOf(kq)

export type StandardRule = (
  values: readonly QuestionValue[],
  framework: Framework,
) => { rating: string | null; index: number }

/**
 * The band of the lowest applicable percentage and its index (the first such on a tie); rating null and
 * index -1 when no question applies, so the standard is not rated. A judgement lower than every band
 * drives the standard instead (the first such); on a tie the percentage drives, as it is the one with
 * distances to its boundaries.
 */
export const lowestOf: StandardRule = (values, framework) => {
  let index = -1
  let judged = -1
  const rank = (label: string | null) => framework.ratings.findIndex((r) => r.label === label)
  values.forEach((v, i) => {
    if (isJudgement(v)) {
      if (judged === -1 || rank(v.judgement) > rank((values[judged] as { judgement: string }).judgement))
        judged = i
    } else if (v && (index === -1 || compare(v, values[index] as Rational) < 0)) index = i
  })
  const rating = index === -1 ? null : bandOf(values[index] as Rational, framework.bands)
  if (judged === -1) return { rating, index }
  const judgement = (values[judged] as { judgement: string }).judgement
  return index === -1 || rank(judgement) > rank(rating)
    ? { rating: judgement, index: judged }
    : { rating, index }
}

const RULES: Record<NonNullable<Framework['standardRule']>, StandardRule> = { lowest: lowestOf }

/** The rule that rates this standard from its key questions: its own, else the framework's, else `lowest`. */
export const ruleFor = (framework: Framework, standard: FrameworkStandard): StandardRule =>
  RULES[standard.rule ?? framework.standardRule ?? 'lowest']
