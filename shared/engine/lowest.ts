// "Each key question is an integral part of the standard": a case standard takes its lowest question's band.
import type { Framework } from '../framework/schema.ts'
import type { KeyQuestionInput } from '../inspection/types.ts'
import { bandOf, compareShares, shareOfCounts, shareOfPercent, type Share } from './fraction.ts'

export const shareOf = (kq: KeyQuestionInput): Share | null =>
  kq.kind === 'counts' ? shareOfCounts(kq.yes, kq.assessed) : kq.kind === 'percent' ? shareOfPercent(kq.percent) : null

/** The band of the lowest applicable share, and which one it is (null and -1 when none applies). */
export function lowestOf(shares: (Share | null)[], framework: Framework): { rating: string | null; index: number } {
  let index = -1
  shares.forEach((s, i) => {
    if (s && (index === -1 || compareShares(s, shares[index]!) < 0)) index = i
  })
  return { rating: index === -1 ? null : bandOf(shares[index]!, framework.bands), index }
}
