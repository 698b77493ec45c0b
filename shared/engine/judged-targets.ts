// Ratings given by judgement beyond the standards (framework@2): the overall rating when the framework has no
// score rule, and the areas it rates by judgement. A panel decides them like a standard, with a justification;
// a decisions file names them `overall` and `area:<id>` (a standard id can be neither).
import { overallByOf, type Framework } from '../framework/schema.ts'
import type { RatingResult } from './types.ts'

export const OVERALL_TARGET = 'overall'
export const AREA_PREFIX = 'area:'
export const areaTarget = (areaId: string): string => `${AREA_PREFIX}${areaId}`

export interface JudgedTarget {
  /** `overall` or `area:<id>`: what a proposal or a decision names. */
  id: string
  title: string
  /** The rating given so far (by the inspection or a decision), null when none. */
  rating: string | null
}

/** Every rating the framework gives by judgement outside its standards, with its rating in `result`. */
export function judgedTargets(
  framework: Framework,
  result: Pick<RatingResult, 'areas' | 'overall'>,
): JudgedTarget[] {
  const areas = (framework.areas ?? [])
    .filter((a) => a.rule === 'judgement')
    .map((a) => ({
      id: areaTarget(a.id),
      title: a.title,
      rating: (result.areas ?? []).find((r) => r.id === a.id)?.rating ?? null,
    }))
  return overallByOf(framework) === 'judgement'
    ? [...areas, { id: OVERALL_TARGET, title: 'Overall', rating: result.overall.rating }]
    : areas
}

/** Whether an id names something other than a standard: the overall or an area. */
export const isJudgedTargetId = (id: string): boolean => id === OVERALL_TARGET || id.startsWith(AREA_PREFIX)
