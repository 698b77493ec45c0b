// Rating a framework@2: a mixed standard (key questions from cases and by judgement, the lowest rule), areas by
// rule or judgement, an overall given by judgement, and decisions applied on top.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyDecisions } from '../../shared/engine/decisions.ts'
import { NOT_RATED_OVERALL_JUDGEMENT, rateInspection } from '../../shared/engine/rate.ts'
import { NOT_RATED_AREA_JUDGEMENT, NOT_RATED_AREA_NONE } from '../../shared/engine/areas.ts'
import { parseFramework, type Framework } from '../../shared/framework/schema.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import type { Inspection } from '../../shared/inspection/types.ts'

type Json = Record<string, any>
const read = (name: string): Json =>
  JSON.parse(fs.readFileSync(new URL(`../../docs/examples/${name}`, import.meta.url), 'utf8')) as Json
const framework = (change: (f: Json) => void = () => {}): Framework => {
  const json = read('example-2025-shapes.framework.json')
  change(json)
  const r = parseFramework(json)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}
const example = framework()
const inspection = (change: (i: Json) => void, f: Framework = example): Inspection => {
  const json = read('example-2025-shapes.inspection.json')
  change(json)
  const r = parseInspection(json, (id) => (id === f.id ? f : undefined))
  if (!r.ok) throw new Error(r.error.map((p) => `${p.where}: ${p.message}`).join('; '))
  return r.value
}
const GOOD = 'Good'
const RI = 'Requires improvement'
const OUT = 'Outstanding'
const INAD = 'Inadequate'

describe('a mixed standard: V1.1 from cases, V1.2 by judgement, the lowest of the two', () => {
  it.each<[string, [number, number] | 'NA', string, string | null, string, string[], string[]]>([
    // case, V1.1 yes/assessed, V1.2 judgement, rating, driving, triggers up, down
    ['both Good: the percentage drives on a tie', [9, 12], GOOD, GOOD, 'V1.1', ['near-boundary'], []],
    ['the judgement is lower and drives', [9, 12], RI, RI, 'V1.2', [], []],
    ['the cases are lower and drive', [6, 12], GOOD, RI, 'V1.1', [], ['near-boundary', 'one-answer-flip']],
    [
      'one more yes lifts it to the judgement',
      [5, 8],
      GOOD,
      RI,
      'V1.1',
      ['near-boundary', 'one-answer-flip'],
      [],
    ],
    ['one more yes is capped by the judgement', [5, 8], RI, RI, 'V1.1', ['near-boundary'], []],
    ['an Inadequate judgement holds it down', [5, 5], INAD, INAD, 'V1.2', [], []],
    ['both Outstanding', [11, 12], OUT, OUT, 'V1.1', [], []],
    ['cases not applicable: the judgement alone', 'NA', GOOD, GOOD, 'V1.2', [], []],
  ])('%s', (_, cases, judgement, rating, driving, up, down) => {
    const r = rateInspection(
      example,
      inspection((i) => {
        i.standards.V1.keyQuestions = {
          'V1.1': cases === 'NA' ? { notApplicable: true } : { yes: cases[0], assessed: cases[1] },
          'V1.2': { judgement },
        }
        if (cases !== 'NA') i.samples.victims = Math.max(9, cases[1])
      }),
    )
    const v1 = r.standards.find((s) => s.id === 'V1')!
    expect(v1).toMatchObject({ kind: 'mixed', rating, drivingQuestion: driving, triggers: { up, down } })
    expect(v1.keyQuestions[1]).toMatchObject({
      id: 'V1.2',
      source: 'judgement',
      band: judgement,
      shown: null,
    })
    // The victims' area is rated by the lowest rule: V1 alone.
    expect(r.areas.find((a) => a.id === 'victims')!.rating).toBe(rating)
  })

  it('has no distances when the judgement drives, and keeps them when a percentage does', () => {
    const rate = (j: string) =>
      rateInspection(
        example,
        inspection((i) => (i.standards.V1.keyQuestions['V1.2'] = { judgement: j })),
      ).standards.find((s) => s.id === 'V1')!
    expect(rate(RI)).toMatchObject({ pointsToNextUp: null, pointsAboveLower: null })
    expect(rate(GOOD)).toMatchObject({ pointsToNextUp: 5, pointsAboveLower: 10 })
  })
})

describe('areas and the overall', () => {
  it.each<[string, (i: Json) => void, string | null, string | null]>([
    ['the example as given', () => {}, GOOD, GOOD],
    ['no area judgement given', (i) => delete i.areas, null, GOOD],
    [
      'an area judgement that differs from its standards',
      (i) => (i.areas.children = { judgement: OUT }),
      OUT,
      GOOD,
    ],
  ])('%s', (_, change, children, victims) => {
    const r = rateInspection(example, inspection(change))
    expect(r.areas.map((a) => [a.id, a.rating])).toEqual([
      ['children', children],
      ['victims', victims],
    ])
    expect(r.areas[0]!.notRatedReason).toBe(children === null ? NOT_RATED_AREA_JUDGEMENT : null)
  })

  it('rates an area by the lowest of its rated standards, and not at all when none is', () => {
    const f = framework((j) => {
      j.areas[0].rule = 'lowest'
    })
    const r = rateInspection(
      f,
      inspection((i) => delete i.areas.children, f),
    )
    expect(r.areas[0]).toMatchObject({ id: 'children', rating: RI, notRatedReason: null })
    const judgedOnly = framework((j) => {
      j.areas = [{ id: 'org', title: 'Organisation', standards: ['1.1'], rule: 'lowest' }]
      delete j.labels.cy.areas
      j.domains[0].standards[0].mayBeNotRated = true
    })
    const none = rateInspection(
      judgedOnly,
      inspection((i) => {
        delete i.areas
        i.standards['1.1'] = { notRated: true }
      }, judgedOnly),
    )
    expect(none.areas[0]).toMatchObject({ rating: null, notRatedReason: NOT_RATED_AREA_NONE })
  })

  it.each<[string, (i: Json) => void, string | null, string | null]>([
    ['given by judgement', () => {}, GOOD, null],
    ['not yet given', (i) => delete i.overall, null, NOT_RATED_OVERALL_JUDGEMENT],
  ])('the overall %s', (_, change, rating, reason) => {
    expect(rateInspection(example, inspection(change)).overall).toEqual({
      by: 'judgement',
      score: null,
      max: null,
      rating,
      notRatedReason: reason,
      unratedStandards: [],
      toNextUp: null,
      toNextDown: null,
    })
  })

  it('gives a framework without areas no areas, and one without an overall no `by`', () => {
    const f = framework((j) => {
      delete j.areas
      delete j.labels.cy.areas
      j.overall = null
    })
    const r = rateInspection(
      f,
      inspection((i) => {
        delete i.areas
        delete i.overall
      }, f),
    )
    expect(r.areas).toEqual([])
    expect(r.overall.by).toBeNull()
  })
})

describe('decisions on a framework@2', () => {
  it('moves a mixed standard where a trigger opens it, and the areas follow; the overall judgement stays', () => {
    const rules = rateInspection(
      example,
      inspection(
        (i) =>
          (i.standards.V1.keyQuestions = { 'V1.1': { yes: 5, assessed: 8 }, 'V1.2': { judgement: GOOD } }),
      ),
    )
    expect(rules.areas[1]!.rating).toBe(RI)
    const final = applyDecisions(example, rules, {
      V1: { rating: GOOD, justification: 'One more case would have made it Good; the work we saw was good.' },
      '2.1': { rating: GOOD, justification: 'Within five points of the boundary, and planning was strong.' },
    })
    expect(final.ok).toBe(true)
    if (!final.ok) return
    expect(
      final.value.standards.filter((s) => s.footnote).map((s) => [s.id, s.rulesBased, s.rating]),
    ).toEqual([
      ['2.1', RI, GOOD],
      ['V1', RI, GOOD],
    ])
    expect(final.value.areas.map((a) => a.rating)).toEqual([GOOD, GOOD])
    expect(final.value.overall).toMatchObject({ by: 'judgement', rating: GOOD })
  })

  it('refuses to move a mixed standard where no trigger opens it', () => {
    const rules = rateInspection(
      example,
      inspection((i) => (i.standards.V1.keyQuestions['V1.2'] = { judgement: RI })),
    )
    const r = applyDecisions(example, rules, {
      V1: { rating: GOOD, justification: 'We would like it to be Good, please.' },
    })
    expect(r.ok || r.error.map((e) => e.code)).toEqual(['direction-not-triggered'])
  })
})
