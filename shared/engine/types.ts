// The rating engine's output: everything the UI, the CLI and the panel record show about a rating.
// Produced by `rateInspection` (shared/engine/rate.ts) and `applyDecisions` (shared/engine/decisions.ts).

export type Direction = 'up' | 'down'
export type TriggerKind = 'near-boundary' | 'one-answer-flip'

export interface BoundaryDistance {
  /** The boundary in percent (50, 65, 80 for the youth frameworks). */
  boundary: number
  /** The rating at and above this boundary. */
  ratingAbove: string
  /** Signed distance in percentage points: percent - boundary (negative: below it). */
  points: number
}

export interface KeyQuestionResult {
  id: string
  text: string
  /** `judgement`: a judged key question of a mixed standard (its `band` is the judgement). */
  source: 'counts' | 'percent' | 'notApplicable' | 'judgement'
  applicable: boolean
  yes: number | null
  assessed: number | null
  /** Exact percentage as a float, for drawing; never used for banding. */
  percent: number | null
  /** Whole-percent label as published, e.g. "65%". */
  shown: string | null
  band: string | null
  /** True when the whole-percent label would fall in another band than the exact fraction (20/31 shows "65%" but is Requires improvement). */
  roundingChangesBand: boolean
  distances: BoundaryDistance[]
  note?: string
  /** Case references by answer, when the input came from a case grid. */
  cases?: { yes: string[]; no: string[]; notApplicable: string[] }
}

export interface Flip {
  direction: Direction
  keyQuestion: string
  /** The standard's rating after that one answer changes. */
  to: string
  /** What changes: 'N->Y' (up) or 'Y->N' (down). */
  change: 'N->Y' | 'Y->N'
  /** With a case grid: the cases whose single answer would do it. */
  cases?: string[]
}

export interface StandardResult {
  id: string
  title: string
  domainId: string
  kind: 'cases' | 'judged' | 'mixed'
  scored: boolean
  /** Exact published label, or null when not rated. */
  rating: string | null
  /** Points toward the overall score (null when not rated, not scored, or the framework has no points). */
  points: number | null
  notRatedReason: string | null
  /** The key question whose band (or judgement) gives the standard its rating (lowest), null for judged/not rated. */
  drivingQuestion: string | null
  keyQuestions: KeyQuestionResult[]
  triggers: { up: TriggerKind[]; down: TriggerKind[] }
  /** Every single answer that would move the standard's rating. */
  flips: Flip[]
  /** Percentage points from the driving question to the next boundary up (null at the top or when not applicable). */
  pointsToNextUp: number | null
  /** Percentage points above the driving question's band's lower boundary (null at the bottom). */
  pointsAboveLower: number | null
}

export interface OverallResult {
  /** How the overall is formed: a score rule, a judgement (framework@2), or null when there is none. */
  by: 'score' | 'judgement' | null
  score: number | null
  max: number | null
  rating: string | null
  notRatedReason: string | null
  /** Scored standards not rated, which leave no overall rating (empty otherwise): views word the reason themselves. */
  unratedStandards: string[]
  /** e.g. { points: 1, rating: 'Good' } for 18/36: one point short of Good. */
  toNextUp: { points: number; rating: string } | null
  /** Points that would have to be lost to fall to the band below. */
  toNextDown: { points: number; rating: string } | null
}

/** A rated area (framework@2): standards grouped, rated by a named rule or given by judgement. */
export interface AreaResult {
  id: string
  title: string
  rule: 'lowest' | 'judgement'
  standards: string[]
  rating: string | null
  notRatedReason: string | null
}

export interface RatingResult {
  framework: { id: string; title: string; provisional: boolean }
  service: string
  standards: StandardResult[]
  /** Empty when the framework has no areas (every @1 framework). */
  areas: AreaResult[]
  overall: OverallResult
}

export interface Decision {
  rating: string
  justification: string
}

export interface FinalStandardResult extends StandardResult {
  rulesBased: string | null
  /** The footnote published with a discretion decision (the justification), when the rating moved. */
  footnote: string | null
}

export interface FinalResult extends Omit<RatingResult, 'standards'> {
  standards: FinalStandardResult[]
  rulesBasedOverall: OverallResult
}

export type DecisionErrorCode =
  | 'unknown-standard'
  | 'not-discretionary'
  | 'unknown-rating'
  | 'more-than-one-band'
  | 'direction-not-triggered'
  | 'justification-required'
  | 'not-rated'

export interface DecisionError {
  standardId: string
  code: DecisionErrorCode
  message: string
}
