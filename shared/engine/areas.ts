// Rated areas (framework@2): standards grouped into areas (work with children, work with victims), each rated
// by a named rule from its standards' ratings or given by judgement.

// `lowest`: the lowest rating among the area's rated standards; an area none of whose standards is rated is
// not rated. `judgement`: the rating the inspection (or the panel) gives it.
import type { Framework } from '../framework/schema.ts'
import type { AreaResult, StandardResult } from './types.ts'

export const NOT_RATED_AREA_NONE = 'None of its standards is rated.'
export const NOT_RATED_AREA_JUDGEMENT = 'This area is rated by judgement, and no judgement has been given.'

export function areasOf(
  framework: Framework,
  standards: readonly Pick<StandardResult, 'id' | 'rating'>[],
  judgements: Readonly<Record<string, string | null>> = {},
): AreaResult[] {
  const rank = (label: string | null) => framework.ratings.findIndex((r) => r.label === label)
  const ratingOf = new Map(standards.map((s) => [s.id, s.rating]))
  return (framework.areas ?? []).map((a) => {
    const base = { id: a.id, title: a.title, rule: a.rule, standards: [...a.standards] }
    if (a.rule === 'judgement') {
      const rating = Object.hasOwn(judgements, a.id) ? (judgements[a.id] ?? null) : null
      return { ...base, rating, notRatedReason: rating === null ? NOT_RATED_AREA_JUDGEMENT : null }
    }
    let rating: string | null = null
    for (const id of a.standards) {
      const r = ratingOf.get(id) ?? null
      if (r !== null && (rating === null || rank(r) > rank(rating))) rating = r
    }
    return { ...base, rating, notRatedReason: rating === null ? NOT_RATED_AREA_NONE : null }
  })
}

/** The judgements already given to the areas rated by judgement, by area id. */
export const areaJudgements = (areas: readonly AreaResult[] | undefined): Record<string, string | null> =>
  Object.fromEntries((areas ?? []).filter((a) => a.rule === 'judgement').map((a) => [a.id, a.rating]))
