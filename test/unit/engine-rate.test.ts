// rateInspection: standard ratings from the lowest key question, not-rated standards, scores and every overall boundary.
import { describe, expect, it } from 'vitest'
import { rateInspection } from '../../shared/engine/rate.ts'
import type { RatingResult, StandardResult } from '../../shared/engine/types.ts'
import {
  frameworkOf,
  gloucestershireCounts,
  inspectionOf,
  inspectionScoring,
  type KqShort,
  type StandardShort,
} from './engine-support.ts'

const RI = 'Requires improvement'
const rate = (frameworkId: string, given: Record<string, StandardShort>, fill?: string): RatingResult =>
  rateInspection(frameworkOf(frameworkId), inspectionOf(frameworkId, given, fill))
const standard = (r: RatingResult, id: string): StandardResult => {
  const s = r.standards.find((x) => x.id === id)
  if (!s) throw new Error(`no standard ${id}`)
  return s
}

describe('a case standard takes the band of its lowest key question', () => {
  it.each<[string, Record<string, KqShort>, string | null, string | null]>([
    // name, 2.1's key questions, rating, driving question
    ['all good', { '2.1.1': [7, 10], '2.1.2': [8, 10], '2.1.3': [13, 20] }, 'Good', '2.1.3'],
    [
      'one inadequate question rules',
      { '2.1.1': [9, 10], '2.1.2': [9, 10], '2.1.3': [2, 5] },
      'Inadequate',
      '2.1.3',
    ],
    [
      'Gloucestershire 2.1: 14/23 = 60.9%',
      { '2.1.1': [20, 23], '2.1.2': [15, 23], '2.1.3': [14, 23] },
      RI,
      '2.1.3',
    ],
    [
      '20/31 shows 65% but is Requires improvement',
      { '2.1.1': [9, 10], '2.1.2': [20, 31], '2.1.3': [9, 10] },
      RI,
      '2.1.2',
    ],
    [
      'a published percentage below the counts drives',
      { '2.1.1': [13, 20], '2.1.2': { percent: 64.9 }, '2.1.3': [7, 10] },
      RI,
      '2.1.2',
    ],
    [
      'decimals: 79.9% is Good',
      { '2.1.1': { percent: 79.9 }, '2.1.2': { percent: 80 }, '2.1.3': { percent: 95.5 } },
      'Good',
      '2.1.1',
    ],
    [
      'a tie: the first lowest drives',
      { '2.1.1': [7, 10], '2.1.2': [14, 20], '2.1.3': [9, 10] },
      'Good',
      '2.1.1',
    ],
    [
      'a not-applicable question takes no part',
      { '2.1.1': [9, 10], '2.1.2': 'NA', '2.1.3': [8, 10] },
      'Outstanding',
      '2.1.3',
    ],
    ['no applicable question: not rated', { '2.1.1': 'NA', '2.1.2': 'NA', '2.1.3': 'NA' }, null, null],
  ])('%s', (_, kqs, rating, driving) => {
    const s = standard(rate('hmip-youth-2018', { '2.1': kqs }), '2.1')
    expect(s.rating).toBe(rating)
    expect(s.drivingQuestion).toBe(driving)
  })

  it('says why a case standard is not rated, and gives it no points', () => {
    const s = standard(
      rate('hmip-youth-2018', { '2.1': { '2.1.1': 'NA', '2.1.2': 'NA', '2.1.3': 'NA' } }),
      '2.1',
    )
    expect(s).toMatchObject({ rating: null, points: null, triggers: { up: [], down: [] }, flips: [] })
    expect(s.notRatedReason).toMatch(/none of its key questions applies/i)
    expect(s.keyQuestions.every((k) => !k.applicable && k.shown === null)).toBe(true)
  })

  it('describes each key question: counts beside the percentage, band, distances to every boundary', () => {
    const s = standard(
      rate('hmip-youth-2018', { '2.1': { '2.1.1': [9, 10], '2.1.2': [20, 31], '2.1.3': 'NA' } }),
      '2.1',
    )
    const kq = s.keyQuestions.find((k) => k.id === '2.1.2')!
    expect(kq).toMatchObject({
      source: 'counts',
      yes: 20,
      assessed: 31,
      shown: '65%',
      band: RI,
      roundingChangesBand: true,
    })
    expect(kq.percent).toBeCloseTo(64.516, 3)
    expect(kq.distances).toEqual([
      { boundary: 80, ratingAbove: 'Outstanding', points: -15.5 },
      { boundary: 65, ratingAbove: 'Good', points: -0.5 },
      { boundary: 50, ratingAbove: RI, points: 14.5 },
    ])
    expect(s.keyQuestions.find((k) => k.id === '2.1.3')).toMatchObject({
      source: 'notApplicable',
      applicable: false,
      band: null,
    })
    expect(s.pointsToNextUp).toBe(0.5)
    expect(s.pointsAboveLower).toBe(14.5)
  })

  it('marks a published percentage as such, without counts', () => {
    const s = standard(rate('hmip-youth-2018', { '2.1': { '2.1.1': { percent: 64.6 } } }), '2.1')
    expect(s.keyQuestions[0]).toMatchObject({
      source: 'percent',
      yes: null,
      assessed: null,
      shown: '65%',
      band: RI,
      roundingChangesBand: true,
    })
  })
})

describe('scores and the overall rating', () => {
  it('rates Gloucestershire by the rules: 15/36, Requires improvement, four points short of Good', () => {
    const r = rateInspection(frameworkOf('hmip-youth-2018'), gloucestershireCounts())
    expect(r.standards.map((s) => [s.id, s.rating, s.points])).toEqual([
      ['1.1', 'Good', 2],
      ['1.2', 'Good', 2],
      ['1.3', 'Good', 2],
      ['1.4', RI, 1],
      ['2.1', RI, 1],
      ['2.2', RI, 1],
      ['2.3', 'Outstanding', 3],
      ['2.4', 'Good', 2],
      ['3.1', 'Inadequate', 0],
      ['3.2', 'Inadequate', 0],
      ['3.3', 'Inadequate', 0],
      ['3.4', RI, 1],
    ])
    expect(r.overall).toEqual({
      by: 'score',
      score: 15,
      max: 36,
      rating: RI,
      notRatedReason: null,
      unratedStandards: [],
      toNextUp: { points: 4, rating: 'Good' },
      toNextDown: { points: 9, rating: 'Inadequate' },
    })
  })

  it.each<
    [number, string, { points: number; rating: string } | null, { points: number; rating: string } | null]
  >([
    [0, 'Inadequate', { points: 7, rating: RI }, null],
    [6, 'Inadequate', { points: 1, rating: RI }, null],
    [7, RI, { points: 12, rating: 'Good' }, { points: 1, rating: 'Inadequate' }],
    [18, RI, { points: 1, rating: 'Good' }, { points: 12, rating: 'Inadequate' }],
    [19, 'Good', { points: 12, rating: 'Outstanding' }, { points: 1, rating: RI }],
    [30, 'Good', { points: 1, rating: 'Outstanding' }, { points: 12, rating: RI }],
    [31, 'Outstanding', null, { points: 1, rating: 'Good' }],
    [36, 'Outstanding', null, { points: 6, rating: 'Good' }],
  ])('a score of %i/36 is %s (next up %o, next down %o)', (score, rating, up, down) => {
    const r = rateInspection(frameworkOf('hmip-youth-2018'), inspectionScoring(score))
    expect(r.overall).toMatchObject({
      score,
      max: 36,
      rating,
      toNextUp: up,
      toNextDown: down,
      notRatedReason: null,
    })
  })

  it('gives no overall rating when a scored standard is not rated, and says which', () => {
    const r = rate('hmip-youth-2018', { '3.4': { '3.4.1': 'NA', '3.4.2': 'NA' } })
    expect(r.overall).toMatchObject({
      score: null,
      max: null,
      rating: null,
      toNextUp: null,
      toNextDown: null,
    })
    expect(r.overall.notRatedReason).toMatch(/3\.4 is not rated/)
    expect(r.overall.unratedStandards).toEqual(['3.4'])
  })

  it('names every scored standard that is not rated', () => {
    const r = rate('hmip-youth-2018', {
      '3.2': { '3.2.1': 'NA', '3.2.2': 'NA', '3.2.3': 'NA' },
      '3.4': { '3.4.1': 'NA', '3.4.2': 'NA' },
    })
    expect(r.overall.notRatedReason).toMatch(/3\.2, 3\.4 are not rated/)
  })
})

describe('hmip-youth-2021: 4.1 is rated but does not count', () => {
  it.each<[string | null, number]>([
    ['Outstanding', 24],
    ['Inadequate', 24],
    [null, 24],
  ])('4.1 %s leaves the score at 24/36', (judgement, score) => {
    const r = rate('hmip-youth-2021', { '4.1': judgement })
    const s = standard(r, '4.1')
    expect(s).toMatchObject({ rating: judgement, scored: false, points: null, kind: 'judged' })
    expect(r.overall).toMatchObject({ score, max: 36, rating: 'Good' })
  })

  it('explains a 4.1 that is not rated', () => {
    expect(standard(rate('hmip-youth-2021', { '4.1': null }), '4.1').notRatedReason).toMatch(/not rated/)
  })

  it('rates 3.4 by judgement and counts it', () => {
    const r = rate('hmip-youth-2021', { '3.4': 'Inadequate' })
    expect(standard(r, '3.4')).toMatchObject({
      kind: 'judged',
      rating: 'Inadequate',
      points: 0,
      keyQuestions: [],
    })
    expect(r.overall.score).toBe(22)
  })
})

describe('frameworks without an overall score', () => {
  it('hmip-youth-2009: headline percentages map to provisional levels of improvement', () => {
    const r = rate('hmip-youth-2009', {
      S: { 'S.1': { percent: 81.5 } },
      RoH: { 'RoH.1': { percent: 64.9 } },
      LoR: { 'LoR.1': [30, 60] },
    })
    expect(r.framework.provisional).toBe(true)
    expect(r.standards.map((s) => [s.id, s.rating, s.points])).toEqual([
      ['S', 'Minimum improvement', null],
      ['RoH', 'Substantial improvement', null],
      ['LoR', 'Substantial improvement', null],
    ])
    expect(r.overall).toMatchObject({
      score: null,
      max: null,
      rating: null,
      notRatedReason: expect.stringMatching(/no overall score/),
    })
  })

  it('hmip-youth-2016: six judged areas, no percentages, no triggers', () => {
    const r = rate('hmip-youth-2016', { '1': 'Satisfactory', '6': 'Poor' }, 'Good')
    expect(r.standards.map((s) => s.rating)).toEqual(['Satisfactory', 'Good', 'Good', 'Good', 'Good', 'Poor'])
    expect(
      r.standards.every((s) => s.kind === 'judged' && s.triggers.up.length + s.triggers.down.length === 0),
    ).toBe(true)
    expect(r.overall.score).toBeNull()
  })
})
