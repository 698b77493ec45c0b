// Sensitivity of a case standard: distance to its boundaries, discretion triggers, and single answers that move it.
import type { Framework, FrameworkStandard } from '../framework/schema.ts'
import type { KeyQuestionInput } from '../inspection/types.ts'
import { isWithinAbove, isWithinBelow, percentOf, shareOfCounts, type Share } from './fraction.ts'
import { lowestOf } from './lowest.ts'
import type { Flip, StandardResult, TriggerKind } from './types.ts'

type Sensitivity = Pick<StandardResult, 'triggers' | 'flips' | 'pointsToNextUp' | 'pointsAboveLower'>

const round1 = (x: number) => Math.round(x * 10) / 10

export function sensitivityOf(
  framework: Framework,
  s: FrameworkStandard,
  inputs: Record<string, KeyQuestionInput>,
  shares: (Share | null)[],
  driving: number,
  rating: string,
): Sensitivity {
  const bands = framework.bands
  const bi = bands.findIndex((b) => b.rating === rating)
  const up = bi > 0 ? bands[bi - 1]!.minPercent : null
  const lower = bi < bands.length - 1 ? bands[bi]!.minPercent : null
  const d = shares[driving]!
  const { nearBoundaryPoints, triggers: allowed } = framework.discretion
  const rank = (r: string | null) => framework.ratings.findIndex((x) => x.label === r)

  // One case's answer changes on one question, the number assessed unchanged.
  const flips: Flip[] = []
  s.keyQuestions!.forEach((k, i) => {
    const kq = inputs[k.id]
    if (kq?.kind !== 'counts') return
    for (const [delta, direction, change] of [[1, 'up', 'N->Y'], [-1, 'down', 'Y->N']] as const) {
      const yes = kq.yes + delta
      if (yes < 0 || yes > kq.assessed) continue
      const changed = shares.map((sh, j) => (j === i ? shareOfCounts(yes, kq.assessed) : sh))
      const to = lowestOf(changed, framework).rating!
      const moved = direction === 'up' ? rank(to) < rank(rating) : rank(to) > rank(rating)
      if (!moved) continue
      const cases = kq.cases ? (direction === 'up' ? kq.cases.no : kq.cases.yes) : undefined
      flips.push({ direction, keyQuestion: k.id, to, change, ...(cases ? { cases } : {}) })
    }
  })

  const triggers: Record<'up' | 'down', TriggerKind[]> = { up: [], down: [] }
  const allow = (t: TriggerKind) => allowed.includes(t)
  if (allow('near-boundary') && up !== null && isWithinBelow(d, up, nearBoundaryPoints)) triggers.up.push('near-boundary')
  if (allow('one-answer-flip') && flips.some((f) => f.direction === 'up')) triggers.up.push('one-answer-flip')
  if (allow('near-boundary') && lower !== null && isWithinAbove(d, lower, nearBoundaryPoints)) triggers.down.push('near-boundary')
  if (allow('one-answer-flip') && flips.some((f) => f.direction === 'down')) triggers.down.push('one-answer-flip')

  const p = percentOf(d)
  return {
    triggers,
    flips,
    pointsToNextUp: up === null ? null : round1(up - p),
    pointsAboveLower: lower === null ? null : round1(p - lower),
  }
}
