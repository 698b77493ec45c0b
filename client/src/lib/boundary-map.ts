// What the boundary map draws, from the engine's results: per standard (and key question) its position on the
// percentage scale, the band regions and boundaries, the near-boundary windows, and where one case's answer would
// take it. Pure: positions are percentages of the scale's width, so the picture is the same at any size.
import type { KeyQuestionResult, StandardResult } from '../../../shared/engine/types.ts'

export interface Band {
  rating: string
  /** Rank, best first (0). */
  rank: number
  from: number
  to: number
}

export interface Shift {
  direction: 'up' | 'down'
  /** The key question whose one answer would do it, its position after that answer, and the standard's rating then. */
  keyQuestion: string
  to: number
  rating: string
}

export interface MapMark {
  id: string
  /** The key question's exact percentage, or null when it does not apply. */
  percent: number | null
  /** True when it lies within `window` points of any boundary (inclusive). */
  near: boolean
  /** One answer on this question that would move the standard's rating, at most one per direction. */
  shifts: Shift[]
}

export interface MapRow {
  standard: StandardResult
  /** The driving (lowest) key question's mark; null for judged or not-rated standards. */
  driving: MapMark | null
  keyQuestions: MapMark[]
}

export interface MapScale {
  bands: Band[]
  boundaries: number[]
  /** Near-boundary windows: [boundary − points, boundary + points], clipped to the scale. */
  windows: { boundary: number; from: number; to: number }[]
}

export function mapScale(
  bands: readonly { rating: string; minPercent: number }[],
  nearPoints: number,
): MapScale {
  const out: Band[] = bands.map((b, i) => ({
    rating: b.rating,
    rank: i,
    from: b.minPercent,
    to: i === 0 ? 100 : bands[i - 1]!.minPercent,
  }))
  const boundaries = bands.map((b) => b.minPercent).filter((m) => m > 0)
  return {
    bands: out.reverse(),
    boundaries: [...boundaries].sort((a, b) => a - b),
    windows: boundaries
      .map((b) => ({ boundary: b, from: Math.max(0, b - nearPoints), to: Math.min(100, b + nearPoints) }))
      .sort((a, b) => a.boundary - b.boundary),
  }
}

/** Within `points` of a boundary, as drawn (the engine's exact triggers are what count; this only places marks). */
const isNear = (percent: number, boundaries: readonly number[], points: number) =>
  boundaries.some((b) => Math.abs(percent - b) <= points + 1e-9)

function markOf(s: StandardResult, k: KeyQuestionResult, scale: MapScale, nearPoints: number): MapMark {
  const shifts: Shift[] = []
  if (k.yes !== null && k.assessed)
    for (const f of s.flips)
      if (f.keyQuestion === k.id && !shifts.some((x) => x.direction === f.direction))
        shifts.push({
          direction: f.direction,
          keyQuestion: k.id,
          to: (100 * (k.yes + (f.direction === 'up' ? 1 : -1))) / k.assessed,
          rating: f.to,
        })
  return {
    id: k.id,
    percent: k.applicable ? k.percent : null,
    near: k.percent !== null && isNear(k.percent, scale.boundaries, nearPoints),
    shifts,
  }
}

export function mapRows(standards: readonly StandardResult[], scale: MapScale, nearPoints: number): MapRow[] {
  return standards.map((s) => {
    const keyQuestions = s.keyQuestions.map((k) => markOf(s, k, scale, nearPoints))
    const driving = keyQuestions.find((k) => k.id === s.drivingQuestion) ?? null
    return { standard: s, driving, keyQuestions }
  })
}

/** Every shift of a standard, wherever its question is: the row shows them all at its driving mark's height. */
export const shiftsOf = (row: MapRow): Shift[] => row.keyQuestions.flatMap((k) => k.shifts)
