// Sensitivity of a case standard: boundary distances, discretion triggers by direction, single-answer flips.

/*
 * up:   the lowest question is within `nearBoundaryPoints` (inclusive, > 0) under the next boundary up, or
 *       one more yes on one question (one case's N becomes Y, assessed unchanged) lifts the standard's band;
 * down: the lowest question is within `nearBoundaryPoints` (inclusive) above its band's lower boundary, or
 *       one yes fewer on one question drops the standard's band.
 * The standard is the minimum of its questions, so a flip is judged on the standard's rating after the
 * change, not on the question's own band. Percentages without counts can be near a boundary but have no
 * single answer to flip. Which triggers apply is framework data (`discretion.triggers`). In a mixed
 * standard the judged key questions keep their ratings; when one of them drives the standard, nothing is
 * near a boundary (a judgement has no percentage), but a single answer may still move the rating.
 */
import type { Framework, FrameworkStandard } from '../framework/schema.ts'
import type { KeyQuestionInput } from '../inspection/types.ts'
import { isWithinAbove, isWithinBelow, percentOfCounts, pointsFrom } from './fraction.ts'
import { isJudgement, ruleFor, type QuestionValue } from './lowest.ts'
import type { Direction, Flip, StandardResult, TriggerKind } from './types.ts'

export type Sensitivity = Pick<StandardResult, 'triggers' | 'flips' | 'pointsToNextUp' | 'pointsAboveLower'>

const CHANGES = [
  { direction: 'up', delta: 1, change: 'N->Y' },
  { direction: 'down', delta: -1, change: 'Y->N' },
] as const

/** Every single answer on one key question that would move the standard's rating, in framework order. */
export function flipsOf(
  framework: Framework,
  standard: FrameworkStandard,
  inputs: Readonly<Record<string, KeyQuestionInput>>,
  values: readonly QuestionValue[],
  rating: string,
): Flip[] {
  const rule = ruleFor(framework, standard)
  const rank = (r: string | null) => framework.ratings.findIndex((x) => x.label === r)
  const flips: Flip[] = []
  ;(standard.keyQuestions ?? []).forEach((k, i) => {
    const kq = inputs[k.id]
    if (kq?.kind !== 'counts') return
    for (const { direction, delta, change } of CHANGES) {
      const yes = kq.yes + delta
      if (yes < 0 || yes > kq.assessed) continue
      const to = rule(
        values.map((p, j) => (j === i ? percentOfCounts(yes, kq.assessed) : p)),
        framework,
      ).rating!
      const moved = direction === 'up' ? rank(to) < rank(rating) : rank(to) > rank(rating)
      if (!moved) continue
      const cases = kq.cases ? (direction === 'up' ? kq.cases.no : kq.cases.yes) : undefined
      flips.push({ direction, keyQuestion: k.id, to, change, ...(cases ? { cases: [...cases] } : {}) })
    }
  })
  return flips
}

/** Triggers, flips and distances for a rated case or mixed standard whose lowest question is `values[driving]`. */
export function sensitivityOf(
  framework: Framework,
  standard: FrameworkStandard,
  inputs: Readonly<Record<string, KeyQuestionInput>>,
  values: readonly QuestionValue[],
  driving: number,
  rating: string,
): Sensitivity {
  const bands = framework.bands
  const bi = bands.findIndex((b) => b.rating === rating)
  const up = bi > 0 ? bands[bi - 1]!.minPercent : null
  const lower = bi >= 0 && bi < bands.length - 1 ? bands[bi]!.minPercent : null
  const v = values[driving]!
  const lowest = isJudgement(v) ? null : v
  const { nearBoundaryPoints, triggers: allowed } = framework.discretion
  const flips = flipsOf(framework, standard, inputs, values, rating)

  const isNear: Record<Direction, boolean> = {
    up: lowest !== null && up !== null && isWithinBelow(lowest, up, nearBoundaryPoints),
    down: lowest !== null && lower !== null && isWithinAbove(lowest, lower, nearBoundaryPoints),
  }
  const triggers: Record<Direction, TriggerKind[]> = { up: [], down: [] }
  for (const direction of ['up', 'down'] as const) {
    if (allowed.includes('near-boundary') && isNear[direction]) triggers[direction].push('near-boundary')
    if (allowed.includes('one-answer-flip') && flips.some((f) => f.direction === direction))
      triggers[direction].push('one-answer-flip')
  }
  return {
    triggers,
    flips,
    pointsToNextUp: up === null || lowest === null ? null : -pointsFrom(lowest, up),
    pointsAboveLower: lower === null || lowest === null ? null : pointsFrom(lowest, lower),
  }
}
