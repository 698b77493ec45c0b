// Words for the engine's numbers: distances to boundaries, triggers, flips, overall distance. Pure; messages passed in.
import type {
  Direction,
  KeyQuestionResult,
  OverallResult,
  StandardResult,
} from '../../../shared/engine/types.ts'
import type { Messages } from '../i18n/en.ts'

/** One decimal place, without a trailing ".0": 4.1, 5, 0.9. */
export function formatPoints(n: number): string {
  const r = Math.round(Math.abs(n) * 10) / 10
  return Number.isInteger(r) ? String(r) : r.toFixed(1)
}

export interface Nearest {
  boundary: number
  rating: string
  points: number
}

/** The closest boundary above the question's percentage (to go up) and the one at or below it (its band's floor). */
export function nearestBoundaries(kq: KeyQuestionResult): { above: Nearest | null; below: Nearest | null } {
  let above: Nearest | null = null
  let below: Nearest | null = null
  for (const d of kq.distances) {
    const n = { boundary: d.boundary, rating: d.ratingAbove, points: Math.abs(d.points) }
    if (d.points < 0) {
      if (!above || n.points < above.points) above = n
    } else if (!below || n.points < below.points) below = n
  }
  return { above, below }
}

/** Where the question sits: "4.1 points below Good (65%)", or above its band's floor when at the top. */
/** A rating's label in the reader's language (useLabels().rating); the English label as published by default. */
export type RatingLabel = (rating: string) => string
const asIs: RatingLabel = (r) => r

export function distanceText(t: Messages, kq: KeyQuestionResult, label: RatingLabel = asIs): string | null {
  if (!kq.applicable || kq.percent === null) return null
  const { above, below } = nearestBoundaries(kq)
  const parts: string[] = []
  if (above)
    parts.push(t.sensitivity.pointsBelow(formatPoints(above.points), label(above.rating), above.boundary))
  if (below)
    parts.push(t.sensitivity.pointsAbove(formatPoints(below.points), label(below.rating), below.boundary))
  return parts.join('; ')
}

/** "shows 65% but is below 65%": the whole-percent label would put it in a higher band. */
export function roundingText(t: Messages, kq: KeyQuestionResult): string | null {
  if (!kq.roundingChangesBand || !kq.shown) return null
  const { above } = nearestBoundaries(kq)
  return t.sensitivity.rounding(kq.shown, above ? above.boundary : null)
}

/** The reasons a standard is open to discretion in one direction, in words. */
export function triggerReasons(
  t: Messages,
  s: StandardResult,
  direction: Direction,
  label: RatingLabel = asIs,
): string[] {
  const out: string[] = []
  const driving = s.keyQuestions.find((k) => k.id === s.drivingQuestion) ?? null
  for (const kind of s.triggers[direction]) {
    if (kind === 'near-boundary') {
      const near = driving ? nearestBoundaries(driving) : { above: null, below: null }
      if (direction === 'up' && near.above)
        out.push(t.sensitivity.nearUp(formatPoints(near.above.points), label(near.above.rating)))
      else if (direction === 'down' && near.below)
        out.push(t.sensitivity.nearDown(formatPoints(near.below.points), label(near.below.rating)))
      else out.push(t.sensitivity.nearBoundary)
    } else {
      const flip = s.flips.find((f) => f.direction === direction)
      out.push(
        flip
          ? direction === 'up'
            ? t.sensitivity.flipUp(flip.keyQuestion, label(flip.to))
            : t.sensitivity.flipDown(flip.keyQuestion, label(flip.to))
          : t.sensitivity.oneAnswerFlip,
      )
    }
  }
  return out
}

/** "▲ Could go up: near boundary (4.1 points below Good); one answer flips (…)", or null without triggers. */
export function triggerSentence(
  t: Messages,
  s: StandardResult,
  direction: Direction,
  label: RatingLabel = asIs,
): string | null {
  const reasons = triggerReasons(t, s, direction, label)
  if (!reasons.length) return null
  return `${direction === 'up' ? t.sensitivity.couldGoUp : t.sensitivity.couldGoDown}: ${reasons.join('; ')}`
}

export const hasTriggers = (s: StandardResult): boolean => s.triggers.up.length + s.triggers.down.length > 0

/** "1 point short of Good", "9 points above Inadequate": the overall score's distance to the next bands. */
export function overallDistance(t: Messages, o: OverallResult, label: RatingLabel = asIs): string[] {
  const out: string[] = []
  if (o.toNextUp) out.push(t.sensitivity.shortOf(o.toNextUp.points, label(o.toNextUp.rating)))
  if (o.toNextDown) out.push(t.sensitivity.fallsTo(o.toNextDown.points, label(o.toNextDown.rating)))
  return out
}

/** The ratings one band up and one band down from `rating`, in a best-first list of labels. */
export function neighbours(
  labels: readonly string[],
  rating: string | null,
): { up: string | null; down: string | null } {
  const i = rating === null ? -1 : labels.indexOf(rating)
  if (i < 0) return { up: null, down: null }
  return { up: labels[i - 1] ?? null, down: labels[i + 1] ?? null }
}

/** The ratings a proposal for `s` may name: one band, only in a triggered direction. */
export function proposalTargets(
  labels: readonly string[],
  s: StandardResult,
): { rating: string; direction: Direction }[] {
  const n = neighbours(labels, s.rating)
  const out: { rating: string; direction: Direction }[] = []
  if (s.triggers.up.length && n.up) out.push({ rating: n.up, direction: 'up' })
  if (s.triggers.down.length && n.down) out.push({ rating: n.down, direction: 'down' })
  return out
}
