// Discretion decisions: parse `ratings-panel/decisions@1` and apply them under the framework's rules.
import type { Framework } from '../framework/schema.ts'
import { err, ok, type Problem, type Result } from '../result.ts'
import { overallOf } from './rate.ts'
import type { Decision, DecisionError, FinalResult, FinalStandardResult, RatingResult } from './types.ts'

export const DECISIONS_FORMAT = 'ratings-panel/decisions@1'

export function parseDecisions(json: unknown): Result<Record<string, Decision>, Problem[]> {
  const problems: Problem[] = []
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
  if (!isObj(json)) return err([{ where: '(top level)', message: 'expected a JSON object' }])
  for (const k of Object.keys(json)) if (!['format', 'note', 'decisions'].includes(k)) problems.push({ where: k, message: `unknown key "${k}"` })
  if (json.format !== DECISIONS_FORMAT) problems.push({ where: 'format', message: `expected "${DECISIONS_FORMAT}"` })
  if (json.note !== undefined && typeof json.note !== 'string') problems.push({ where: 'note', message: 'expected text' })
  if (!isObj(json.decisions)) return err([...problems, { where: 'decisions', message: 'expected an object keyed by standard id' }])
  const out: Record<string, Decision> = {}
  for (const [sid, d] of Object.entries(json.decisions)) {
    const at = `decisions.${sid}`
    if (!isObj(d)) {
      problems.push({ where: at, message: 'expected { "rating", "justification" }' })
      continue
    }
    for (const k of Object.keys(d)) if (!['rating', 'justification'].includes(k)) problems.push({ where: `${at}.${k}`, message: `unknown key "${k}"` })
    if (typeof d.rating !== 'string') problems.push({ where: `${at}.rating`, message: 'expected a rating label' })
    if (typeof d.justification !== 'string') problems.push({ where: `${at}.justification`, message: 'expected the written justification' })
    if (typeof d.rating === 'string' && typeof d.justification === 'string') out[sid] = { rating: d.rating, justification: d.justification }
  }
  return problems.length ? err(problems) : ok(out)
}

/** Applies decisions: one band at most, only in a triggered direction, always with a justification. */
export function applyDecisions(framework: Framework, result: RatingResult, decisions: Record<string, Decision>): Result<FinalResult, DecisionError[]> {
  const errors: DecisionError[] = []
  const rank = (label: string | null) => framework.ratings.findIndex((r) => r.label === label)
  const fail = (standardId: string, code: DecisionError['code'], message: string) => errors.push({ standardId, code, message })
  for (const [sid, d] of Object.entries(decisions)) {
    const s = result.standards.find((x) => x.id === sid)
    if (!s) {
      fail(sid, 'unknown-standard', `${sid}: there is no such standard in ${framework.id}.`)
      continue
    }
    if (s.kind === 'judged') fail(sid, 'not-discretionary', `${sid}: judged standards are not open to discretion.`)
    else if (s.rating === null) fail(sid, 'not-rated', `${sid}: the standard is not rated, so there is nothing to adjust.`)
    else if (rank(d.rating) === -1) fail(sid, 'unknown-rating', `${sid}: "${d.rating}" is not a rating of ${framework.id} (${framework.ratings.map((r) => r.label).join(', ')}).`)
    else {
      const steps = rank(s.rating) - rank(d.rating)
      const direction = steps > 0 ? 'up' : 'down'
      if (Math.abs(steps) > framework.discretion.maxBands)
        fail(sid, 'more-than-one-band', `${sid}: discretion moves a rating ${framework.discretion.maxBands} band at most (${s.rating} → ${d.rating} is ${Math.abs(steps)}).`)
      else if (steps !== 0 && s.triggers[direction].length === 0)
        fail(sid, 'direction-not-triggered', `${sid}: no trigger opens ${s.rating} to discretion ${direction}; it cannot become ${d.rating}.`)
    }
    if (!d.justification.trim()) fail(sid, 'justification-required', `${sid}: a written justification is required.`)
  }
  if (errors.length) return err(errors)
  const standards: FinalStandardResult[] = result.standards.map((s) => {
    const d = decisions[s.id]
    const moved = d !== undefined && d.rating !== s.rating
    const rating = moved ? d.rating : s.rating
    const points = rating === null ? null : (framework.ratings.find((r) => r.label === rating)?.points ?? null)
    return { ...s, rating, points, rulesBased: s.rating, footnote: moved ? d.justification : null }
  })
  return ok({ ...result, standards, overall: overallOf(framework, standards), rulesBasedOverall: result.overall })
}
