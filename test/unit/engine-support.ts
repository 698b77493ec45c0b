// Builders for engine unit tests: inspections written as short tables, and the shared Gloucestershire fixtures.
import fs from 'node:fs'
import { findFramework } from '../../shared/framework/builtin.ts'
import { standardsOf, type Framework } from '../../shared/framework/schema.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import type { Inspection, KeyQuestionInput, StandardInput } from '../../shared/inspection/types.ts'

export const fixtures = new URL('../fixtures/', import.meta.url)
export const readFixture = (name: string): string => fs.readFileSync(new URL(name, fixtures), 'utf8')
export const fixtureJson = (name: string): unknown => JSON.parse(readFixture(name))

export const frameworkOf = (id: string): Framework => {
  const f = findFramework(id)
  if (!f) throw new Error(`no framework ${id}`)
  return f
}

/** Counts whose band is the rating (2018 bands): 9/10, 7/10, 6/10, 2/10. */
const COUNTS_FOR: Record<string, [number, number]> = {
  Outstanding: [9, 10],
  Good: [7, 10],
  'Requires improvement': [6, 10],
  Inadequate: [2, 10],
}

/** A key question as [yes, assessed], { percent }, or 'NA'. */
export type KqShort = [number, number] | { percent: number } | 'NA'
/** A judged standard's label (null: not rated), or a case standard's key questions. */
export type StandardShort = string | null | Record<string, KqShort>

const kqInput = (v: KqShort): KeyQuestionInput =>
  v === 'NA'
    ? { kind: 'notApplicable' }
    : Array.isArray(v)
      ? { kind: 'counts', yes: v[0], assessed: v[1] }
      : { kind: 'percent', percent: v.percent }

/**
 * A normalised inspection: standards named in `given` take those inputs; every other standard is
 * `fill` (judged: that label; cases: every key question at counts in that band).
 */
export function inspectionOf(
  frameworkId: string,
  given: Record<string, StandardShort>,
  fill = 'Good',
): Inspection {
  const standards: Record<string, StandardInput> = {}
  for (const s of standardsOf(frameworkOf(frameworkId))) {
    const v = s.id in given ? given[s.id]! : null
    if (s.kind === 'judged')
      standards[s.id] = { kind: 'judged', judgement: s.id in given ? (v as string | null) : fill }
    else {
      const kqs = s.id in given ? (v as Record<string, KqShort>) : {}
      standards[s.id] = {
        kind: 'cases',
        keyQuestions: Object.fromEntries(
          (s.keyQuestions ?? []).map((k) => [k.id, kqInput(kqs[k.id] ?? COUNTS_FOR[fill]!)]),
        ),
      }
    }
  }
  return { format: 'ratings-panel/inspection@1', framework: frameworkId, service: 'Test YOS', standards }
}

/** Ratings for a 2018 inspection whose 12 standards score exactly `score` (each 0–3, filled in order). */
export function inspectionScoring(score: number): Inspection {
  const labels = ['Inadequate', 'Requires improvement', 'Good', 'Outstanding']
  const given: Record<string, StandardShort> = {}
  let left = score
  for (const s of standardsOf(frameworkOf('hmip-youth-2018'))) {
    const points = Math.min(3, left)
    left -= points
    const label = labels[points]!
    given[s.id] =
      s.kind === 'judged'
        ? label
        : Object.fromEntries((s.keyQuestions ?? []).map((k) => [k.id, COUNTS_FOR[label]!]))
  }
  return inspectionOf('hmip-youth-2018', given)
}

const unwrap = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(`fixture did not parse: ${JSON.stringify(r.error)}`)
  return r.value
}

/** Gloucestershire (January 2020) from its published counts. */
export const gloucestershireCounts = (): Inspection =>
  unwrap(parseInspection(fixtureJson('gloucestershire-2020.inspection.json'), findFramework))

/** Gloucestershire from the anonymised case grid. */
export const gloucestershireGrid = (): Inspection =>
  unwrap(
    parseInspection(fixtureJson('gloucestershire-2020.grid.inspection.json'), findFramework, {
      gridText: readFixture('gloucestershire-2020.cases.csv'),
      gridName: 'gloucestershire-2020.cases.csv',
    }),
  )
