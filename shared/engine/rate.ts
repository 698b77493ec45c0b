// rateInspection: key-question bands, standard ratings (lowest question), areas, score and overall band, by the
// rules alone (with the judgements the inspection gives: judged standards, key questions, areas, overall).
import { overallByOf, scoreRuleOf, type Framework, type FrameworkStandard } from '../framework/schema.ts'
import type { Inspection, KeyQuestionInput } from '../inspection/types.ts'
import { bandOf, pointsFrom, roundingChangesBand, toNumber, wholePercent } from './fraction.ts'
import { areasOf } from './areas.ts'
import { percentOf, ruleFor, valueOf } from './lowest.ts'
import { sensitivityOf } from './triggers.ts'
import type { KeyQuestionResult, OverallResult, RatingResult, StandardResult } from './types.ts'

export const NOT_RATED_NO_QUESTION = 'None of its key questions applies to the cases inspected.'
export const NOT_RATED_JUDGED = 'Marked not rated in the inspection (for example, no cases of this kind).'
export const NOT_RATED_OVERALL_JUDGEMENT =
  'This framework gives the overall rating by judgement, and no judgement has been given.'

function keyQuestionResult(
  framework: Framework,
  id: string,
  text: string,
  kq: KeyQuestionInput | undefined,
): KeyQuestionResult {
  const base = {
    id,
    text,
    ...(kq?.note ? { note: kq.note } : {}),
    ...(kq && 'cases' in kq && kq.cases ? { cases: kq.cases } : {}),
  }
  if (kq?.kind === 'judgement')
    return {
      ...base,
      source: 'judgement',
      applicable: true,
      yes: null,
      assessed: null,
      percent: null,
      shown: null,
      band: kq.rating,
      roundingChangesBand: false,
      distances: [],
    }
  const p = percentOf(kq)
  if (!kq || !p)
    return {
      ...base,
      source: 'notApplicable',
      applicable: false,
      yes: null,
      assessed: null,
      percent: null,
      shown: null,
      band: null,
      roundingChangesBand: false,
      distances: [],
    }
  return {
    ...base,
    source: kq.kind === 'counts' ? 'counts' : 'percent',
    applicable: true,
    yes: kq.kind === 'counts' ? kq.yes : null,
    assessed: kq.kind === 'counts' ? kq.assessed : null,
    percent: toNumber(p),
    shown: `${wholePercent(p)}%`,
    band: bandOf(p, framework.bands),
    roundingChangesBand: roundingChangesBand(p, framework.bands),
    distances: framework.bands
      .filter((b) => b.minPercent > 0)
      .map((b) => ({ boundary: b.minPercent, ratingAbove: b.rating, points: pointsFrom(p, b.minPercent) })),
  }
}

/** Points a rating earns toward the overall score: null when not rated, not scored, or the framework has none. */
export const pointsFor = (framework: Framework, scored: boolean, rating: string | null): number | null =>
  !scored || rating === null ? null : (framework.ratings.find((r) => r.label === rating)?.points ?? null)

function rateStandard(
  framework: Framework,
  domainId: string,
  s: FrameworkStandard,
  inspection: Inspection,
): StandardResult {
  const input = inspection.standards[s.id]
  const common = {
    id: s.id,
    title: s.title,
    domainId,
    scored: s.scored,
    triggers: { up: [], down: [] },
    flips: [],
  }
  if (s.kind === 'judged') {
    const rating = input?.kind === 'judged' ? input.judgement : null
    return {
      ...common,
      kind: 'judged',
      rating,
      points: pointsFor(framework, s.scored, rating),
      notRatedReason: rating === null ? NOT_RATED_JUDGED : null,
      drivingQuestion: null,
      keyQuestions: [],
      pointsToNextUp: null,
      pointsAboveLower: null,
    }
  }
  const questions = s.keyQuestions ?? []
  const inputs = input?.kind === 'cases' ? input.keyQuestions : {}
  const values = questions.map((k) => valueOf(inputs[k.id]))
  const { rating, index } = ruleFor(framework, s)(values, framework)
  const result: StandardResult = {
    ...common,
    kind: s.kind,
    rating,
    points: pointsFor(framework, s.scored, rating),
    notRatedReason: rating === null ? NOT_RATED_NO_QUESTION : null,
    drivingQuestion: index === -1 ? null : questions[index]!.id,
    keyQuestions: questions.map((k) => keyQuestionResult(framework, k.id, k.text, inputs[k.id])),
    pointsToNextUp: null,
    pointsAboveLower: null,
  }
  return rating === null
    ? result
    : { ...result, ...sensitivityOf(framework, s, inputs, values, index, rating) }
}

/**
 * The overall score and band from standards' ratings (rules-based or final). No overall when the
 * framework has none, or when a scored standard is not rated (the small-service case), with the reason.
 * A framework@2 may give the overall by judgement: then it is `judgement` (null until one is given).
 */
export function overallOf(
  framework: Framework,
  standards: readonly Pick<StandardResult, 'id' | 'scored' | 'rating'>[],
  judgement: string | null = null,
): OverallResult {
  const by = overallByOf(framework)
  const none = {
    by,
    score: null,
    max: null,
    rating: null,
    toNextUp: null,
    toNextDown: null,
    unratedStandards: [],
  }
  const rule = scoreRuleOf(framework)
  if (by === 'judgement')
    return {
      ...none,
      rating: judgement,
      notRatedReason: judgement === null ? NOT_RATED_OVERALL_JUDGEMENT : null,
    }
  if (!rule) return { ...none, notRatedReason: 'This framework gives no overall score.' }
  const unrated = standards.filter((s) => s.scored && s.rating === null).map((s) => s.id)
  if (unrated.length)
    return {
      ...none,
      unratedStandards: unrated,
      notRatedReason: `No overall rating: ${unrated.length === 1 ? `standard ${unrated[0]} is` : `standards ${unrated.join(', ')} are`} not rated, and every scored standard counts toward it.`,
    }
  const score = standards.reduce((n, s) => n + (pointsFor(framework, s.scored, s.rating) ?? 0), 0)
  const bands = rule.bands
  const i = bands.findIndex((b) => score >= b.minScore)
  const above = i > 0 ? bands[i - 1]! : null
  const below = i < bands.length - 1 ? bands[i + 1]! : null
  return {
    by,
    score,
    max: rule.max,
    rating: bands[i]!.rating,
    notRatedReason: null,
    unratedStandards: [],
    // 18/36: one point short of Good (19); twelve points to lose to fall to Inadequate (6).
    toNextUp: above ? { points: above.minScore - score, rating: above.rating } : null,
    toNextDown: below ? { points: score - bands[i]!.minScore + 1, rating: below.rating } : null,
  }
}

export function rateInspection(framework: Framework, inspection: Inspection): RatingResult {
  const standards = framework.domains.flatMap((d) =>
    d.standards.map((s) => rateStandard(framework, d.id, s, inspection)),
  )
  return {
    framework: { id: framework.id, title: framework.title, provisional: framework.provisional },
    service: inspection.service,
    standards,
    areas: areasOf(framework, standards, inspection.areas),
    overall: overallOf(framework, standards, inspection.overall?.judgement ?? null),
  }
}
