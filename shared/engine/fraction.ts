// Exact percentages: a key question's % yes is a fraction of integers, never a float, when it is banded.

// Counts give 100 × yes / assessed; a published percentage keeps its decimal digits (64.6 → 646 / 10).
// Comparing with a boundary B is then `100 × yes` against `B × assessed`, in BigInt so nothing overflows.

/** An exact non-negative rational n / d (d > 0). */
export interface Rational {
  n: bigint
  d: bigint
}

/** The % yes of counts: 14/23 → 1400/23 (= 60.87%). */
export const percentOfCounts = (yes: number, assessed: number): Rational => ({
  n: 100n * BigInt(yes),
  d: BigInt(assessed),
})

const DECIMAL = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i

/**
 * The exact value of a decimal as written: JavaScript prints a number with the fewest digits that
 * read back as it (64.6 → "64.6"), so scaling that string by its decimal places gives 646/10, not the
 * binary float 64.599999….
 */
export function exactDecimal(x: number): Rational {
  const m = DECIMAL.exec(String(x))
  if (!m) throw new RangeError(`not a finite non-negative number: ${x}`)
  const [, int, frac = '', exp = '0'] = m
  const e = Number(exp) - frac.length
  const digits = BigInt(int! + frac)
  return e >= 0 ? { n: digits * 10n ** BigInt(e), d: 1n } : { n: digits, d: 10n ** BigInt(-e) }
}

/** A published percentage without counts, exactly (0–100, decimals allowed). */
export const percentOfDecimal = (percent: number): Rational => exactDecimal(percent)

/** Sign of a − b: -1, 0 or 1. */
export const compare = (a: Rational, b: Rational): number => {
  const diff = a.n * b.d - b.n * a.d
  return diff > 0n ? 1 : diff < 0n ? -1 : 0
}

export const subtract = (a: Rational, b: Rational): Rational => ({ n: a.n * b.d - b.n * a.d, d: a.d * b.d })

/** Sign of (percent − boundary): for counts, the sign of 100 × yes − boundary × assessed. */
export const compareToBoundary = (p: Rational, boundary: number): number => compare(p, exactDecimal(boundary))

/** A float for drawing and display only; never for banding. */
export const toNumber = (p: Rational): number => Number(p.n) / Number(p.d)

/** Whole percent with Math.round semantics (half up), computed exactly: 20/31 = 64.516… → 65; 64.5 → 65. */
export const wholePercent = (p: Rational): number => Number((2n * p.n + p.d) / (2n * p.d))

/** Signed percentage points from a boundary, rounded to a tenth for display (−4.1 for 14/23 against 65). */
export const pointsFrom = (p: Rational, boundary: number): number =>
  Math.round(toNumber(subtract(p, exactDecimal(boundary))) * 10) / 10

/** Under the boundary by more than 0 and at most `points` percentage points (inclusive), exactly. */
export const isWithinBelow = (p: Rational, boundary: number, points: number): boolean => {
  const gap = subtract(exactDecimal(boundary), p)
  return gap.n > 0n && compare(gap, exactDecimal(points)) <= 0
}

/** At or above the boundary by at most `points` percentage points (inclusive), exactly. */
export const isWithinAbove = (p: Rational, boundary: number, points: number): boolean => {
  const gap = subtract(p, exactDecimal(boundary))
  return gap.n >= 0n && compare(gap, exactDecimal(points)) <= 0
}

export interface BandRule {
  rating: string
  minPercent: number
}

/** The first band (best first) whose minimum the percentage reaches. */
export function bandOf(p: Rational, bands: readonly BandRule[]): string {
  for (const b of bands) if (compareToBoundary(p, b.minPercent) >= 0) return b.rating
  return bands[bands.length - 1]!.rating
}

/** True when the whole-percent label falls in another band than the exact value (20/31 shows "65%" but is below 65). */
export const roundingChangesBand = (p: Rational, bands: readonly BandRule[]): boolean =>
  bandOf({ n: BigInt(wholePercent(p)), d: 1n }, bands) !== bandOf(p, bands)
