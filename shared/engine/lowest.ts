// "Each key question is an integral part of the standard": a case standard takes its lowest question's band.
import type { Framework } from '../framework/schema.ts'
import type { KeyQuestionInput } from '../inspection/types.ts'
import { bandOf, compare, percentOfCounts, percentOfDecimal, type Rational } from './fraction.ts'

/** The exact % yes of a key question, or null when it does not apply. */
export const percentOf = (kq: KeyQuestionInput | undefined): Rational | null =>
  kq?.kind === 'counts'
    ? percentOfCounts(kq.yes, kq.assessed)
    : kq?.kind === 'percent'
      ? percentOfDecimal(kq.percent)
      : null

/**
 * The band of the lowest applicable percentage and its index (the first such on a tie); rating null and
 * index -1 when no question applies, so the standard is not rated.
 */
export function lowestOf(
  percents: readonly (Rational | null)[],
  framework: Framework,
): { rating: string | null; index: number } {
  let index = -1
  percents.forEach((p, i) => {
    if (p && (index === -1 || compare(p, percents[index]!) < 0)) index = i
  })
  return { rating: index === -1 ? null : bandOf(percents[index]!, framework.bands), index }
}
