// rateInspection: key-question bands, standard ratings (lowest question), score and overall band.
import type { Framework, FrameworkStandard } from '../framework/schema.ts'
import type { Inspection, KeyQuestionInput } from '../inspection/types.ts'
import { bandOf, percentOf, shareOfCounts, wholePercent } from './fraction.ts'
import { lowestOf, shareOf } from './lowest.ts'
import { sensitivityOf } from './triggers.ts'
import type { KeyQuestionResult, OverallResult, RatingResult, StandardResult } from './types.ts'

function keyQuestionResult(framework: Framework, id: string, text: string, kq: KeyQuestionInput | undefined): KeyQuestionResult {
  const share = kq ? shareOf(kq) : null
  const base = { id, text, ...(kq?.note ? { note: kq.note } : {}), ...(kq && 'cases' in kq && kq.cases ? { cases: kq.cases } : {}) }
  if (!kq || !share)
    return { ...base, source: 'notApplicable', applicable: false, yes: null, assessed: null, percent: null, shown: null, band: null, roundingChangesBand: false, distances: [] }
  const band = bandOf(share, framework.bands)
  const shown = wholePercent(share)
  const percent = percentOf(share)
  return {
    ...base,
    source: kq.kind === 'counts' ? 'counts' : 'percent',
    applicable: true,
    yes: kq.kind === 'counts' ? kq.yes : null,
    assessed: kq.kind === 'counts' ? kq.assessed : null,
    percent,
    shown: `${shown}%`,
    band,
    roundingChangesBand: bandOf(shareOfCounts(shown, 100), framework.bands) !== band,
    distances: framework.bands
      .filter((b) => b.minPercent > 0)
      .map((b) => ({ boundary: b.minPercent, ratingAbove: b.rating, points: Math.round((percent - b.minPercent) * 10) / 10 })),
  }
}

function rateStandard(framework: Framework, domainId: string, s: FrameworkStandard, inspection: Inspection): StandardResult {
  const input = inspection.standards[s.id]
  const points = (rating: string | null) => (rating === null ? null : (framework.ratings.find((r) => r.label === rating)?.points ?? null))
  const common = { id: s.id, title: s.title, domainId, scored: s.scored, triggers: { up: [], down: [] }, flips: [] }
  if (s.kind === 'judged') {
    const rating = input?.kind === 'judged' ? input.judgement : null
    return {
      ...common,
      kind: 'judged',
      rating,
      points: points(rating),
      notRatedReason: rating === null ? 'Marked not rated in the inspection (for example, no cases of this kind).' : null,
      drivingQuestion: null,
      keyQuestions: [],
      pointsToNextUp: null,
      pointsAboveLower: null,
    }
  }
  const kqInputs = input?.kind === 'cases' ? input.keyQuestions : {}
  const keyQuestions = s.keyQuestions!.map((k) => keyQuestionResult(framework, k.id, k.text, kqInputs[k.id]))
  const shares = s.keyQuestions!.map((k) => (kqInputs[k.id] ? shareOf(kqInputs[k.id]!) : null))
  const { rating, index } = lowestOf(shares, framework)
  const result: StandardResult = {
    ...common,
    kind: 'cases',
    rating,
    points: points(rating),
    notRatedReason: rating === null ? 'None of its key questions applies to the cases inspected.' : null,
    drivingQuestion: index === -1 ? null : s.keyQuestions![index]!.id,
    keyQuestions,
    pointsToNextUp: null,
    pointsAboveLower: null,
  }
  return rating === null ? result : { ...result, ...sensitivityOf(framework, s, kqInputs, shares, index, rating) }
}

export function overallOf(framework: Framework, standards: Pick<StandardResult, 'id' | 'scored' | 'rating' | 'points'>[]): OverallResult {
  const none = { score: null, max: null, rating: null, toNextUp: null, toNextDown: null }
  if (!framework.overall) return { ...none, notRatedReason: 'This framework gives no overall score.' }
  const unrated = standards.filter((s) => s.scored && s.rating === null)
  if (unrated.length)
    return { ...none, notRatedReason: `No overall rating: ${unrated.map((s) => s.id).join(', ')} ${unrated.length === 1 ? 'is' : 'are'} not rated.` }
  const score = standards.filter((s) => s.scored).reduce((n, s) => n + (s.points ?? 0), 0)
  const bands = framework.overall.bands
  const i = bands.findIndex((b) => score >= b.minScore)
  const above = i > 0 ? bands[i - 1]! : null
  const below = i < bands.length - 1 ? bands[i + 1]! : null
  return {
    score,
    max: framework.overall.max,
    rating: bands[i]!.rating,
    notRatedReason: null,
    toNextUp: above ? { points: above.minScore - score, rating: above.rating } : null,
    toNextDown: below ? { points: score - bands[i]!.minScore + 1, rating: below.rating } : null,
  }
}

export function rateInspection(framework: Framework, inspection: Inspection): RatingResult {
  const standards = framework.domains.flatMap((d) => d.standards.map((s) => rateStandard(framework, d.id, s, inspection)))
  return {
    framework: { id: framework.id, title: framework.title, provisional: framework.provisional },
    service: inspection.service,
    standards,
    overall: overallOf(framework, standards),
  }
}
