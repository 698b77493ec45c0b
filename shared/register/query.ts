// Filtering the discretion register and summarising it for the charts: per standard, how often it was open
// to discretion, proposed, applied and rejected, by direction; which triggers opened the decisions; how far
// from the boundary applied and rejected decisions were; and how far each panel's score moved. Pure.
import * as z from 'zod/mini'
import type { DiscretionRow, RegisterPanel } from './rows.ts'

const date = z.string().check(z.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'use YYYY, YYYY-MM or YYYY-MM-DD'))

/** The filters, as query parameters (each optional). */
export const RegisterFilterSchema = z.strictObject({
  framework: z.optional(z.string().check(z.maxLength(80))),
  standard: z.optional(z.string().check(z.maxLength(80))),
  trigger: z.optional(z.enum(['near-boundary', 'one-answer-flip'])),
  direction: z.optional(z.enum(['up', 'down'])),
  outcome: z.optional(z.enum(['applied', 'rejected'])),
  from: z.optional(date),
  to: z.optional(date),
  format: z.optional(z.enum(['json', 'csv'])),
})
export type RegisterFilter = z.infer<typeof RegisterFilterSchema>

/** `to` is inclusive: 2020 takes every date in 2020, 2020-01 every day of January. */
const inRange = (d: string, f: RegisterFilter) =>
  (!f.from || d >= f.from) && (!f.to || d.slice(0, f.to.length) <= f.to)

export const panelMatches = (p: RegisterPanel, f: RegisterFilter) =>
  (!f.framework || p.frameworkId === f.framework) && inRange(p.date, f)

export const rowMatches = (r: DiscretionRow, f: RegisterFilter) =>
  (!f.framework || r.frameworkId === f.framework) &&
  (!f.standard || r.standardId === f.standard) &&
  (!f.trigger || r.triggers.includes(f.trigger)) &&
  (!f.direction || r.direction === f.direction) &&
  (!f.outcome || r.outcome === f.outcome) &&
  inRange(r.date, f)

/** Distance-to-boundary buckets, in percentage points (the window for discretion is five). */
export const DISTANCE_BUCKETS = ['0–1', '1–2', '2–3', '3–4', '4–5', '5+', 'none'] as const

const bucketOf = (d: number | null): (typeof DISTANCE_BUCKETS)[number] =>
  d === null ? 'none' : d >= 5 ? '5+' : DISTANCE_BUCKETS[Math.max(0, Math.floor(d))]!

export interface RegisterSummary {
  byStandard: {
    standardId: string
    open: number
    proposed: number
    applied: number
    rejected: number
    up: number
    down: number
  }[]
  triggers: { nearBoundary: number; oneAnswerFlip: number; both: number }
  distance: { bucket: string; applied: number; rejected: number }[]
  /** Panels with a score, by how far the final score moved from the rules-based one (largest first). */
  moved: {
    panelId: string
    service: string
    rulesScore: number | null
    finalScore: number | null
    moved: number
  }[]
}

const byId = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true })

export function summarise(
  rows: DiscretionRow[],
  panels: RegisterPanel[],
  f: RegisterFilter,
): RegisterSummary {
  const standards = new Map<string, RegisterSummary['byStandard'][number]>()
  const entry = (id: string) => {
    let e = standards.get(id)
    if (!e)
      standards.set(
        id,
        (e = { standardId: id, open: 0, proposed: 0, applied: 0, rejected: 0, up: 0, down: 0 }),
      )
    return e
  }
  for (const p of panels)
    for (const o of p.open) {
      if (f.standard && o.standardId !== f.standard) continue
      const kinds = [...(f.direction !== 'down' ? o.up : []), ...(f.direction !== 'up' ? o.down : [])]
      if (kinds.length && (!f.trigger || kinds.includes(f.trigger))) entry(o.standardId).open++
    }
  const triggers = { nearBoundary: 0, oneAnswerFlip: 0, both: 0 }
  const distance = DISTANCE_BUCKETS.map((bucket) => ({ bucket: bucket as string, applied: 0, rejected: 0 }))
  for (const r of rows) {
    const e = entry(r.standardId)
    e.proposed++
    e[r.outcome]++
    e[r.direction]++
    const nb = r.triggers.includes('near-boundary')
    const flip = r.triggers.includes('one-answer-flip')
    if (nb && flip) triggers.both++
    else if (nb) triggers.nearBoundary++
    else if (flip) triggers.oneAnswerFlip++
    distance[DISTANCE_BUCKETS.indexOf(bucketOf(r.distance))]![r.outcome]++
  }
  const moved = panels
    .filter((p) => p.rulesScore !== null && p.finalScore !== null)
    .map((p) => ({
      panelId: p.panelId,
      service: p.service,
      rulesScore: p.rulesScore,
      finalScore: p.finalScore,
      moved: (p.finalScore ?? 0) - (p.rulesScore ?? 0),
    }))
    .sort((a, b) => Math.abs(b.moved) - Math.abs(a.moved) || byId(a.panelId, b.panelId))
  return {
    byStandard: [...standards.values()].sort((a, b) => byId(a.standardId, b.standardId)),
    triggers,
    distance,
    moved,
  }
}
