// Exact percentages: every band comparison is done on integers (100 × yes against boundary × assessed).

/** A share as an exact fraction: percent = 100 × num / den. */
export interface Share {
  num: number
  den: number
}

/** Decimal percentages (64.6) become exact fractions at a millionth of a point. */
const PERCENT_SCALE = 1_000_000

export const shareOfCounts = (yes: number, assessed: number): Share => ({ num: yes, den: assessed })
export const shareOfPercent = (percent: number): Share => ({ num: Math.round(percent * PERCENT_SCALE), den: 100 * PERCENT_SCALE })

/** Sign of (share − boundary%): positive above, 0 exactly on it, negative below. */
export const compareToBoundary = (s: Share, boundary: number): number => 100 * s.num - boundary * s.den

/** Compares two shares exactly. */
export const compareShares = (a: Share, b: Share): number => a.num * b.den - b.num * a.den

export const percentOf = (s: Share): number => (100 * s.num) / s.den

/** Whole percent, half up, computed exactly: 20/31 = 64.516… → 65. */
export const wholePercent = (s: Share): number => Math.floor((200 * s.num + s.den) / (2 * s.den))

/** Percentage points from the share up to a boundary above it: 0 < distance ≤ points, exactly. */
export const isWithinBelow = (s: Share, boundary: number, points: number): boolean => {
  const gap = boundary * s.den - 100 * s.num
  return gap > 0 && gap <= points * s.den
}

/** Percentage points from a boundary at or below the share up to it: 0 ≤ distance ≤ points, exactly. */
export const isWithinAbove = (s: Share, boundary: number, points: number): boolean => {
  const gap = 100 * s.num - boundary * s.den
  return gap >= 0 && gap <= points * s.den
}

export interface BandRule {
  rating: string
  minPercent: number
}

/** The first band (best first) whose minimum the share reaches. */
export function bandOf(s: Share, bands: BandRule[]): string {
  for (const b of bands) if (compareToBoundary(s, b.minPercent) >= 0) return b.rating
  return bands[bands.length - 1]!.rating
}
