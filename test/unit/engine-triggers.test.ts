// Discretion triggers by direction (near-boundary, one-answer-flip) and the single answers that move a standard.
import { describe, expect, it } from 'vitest'
import { rateInspection } from '../../shared/engine/rate.ts'
import type { RatingResult, StandardResult, TriggerKind } from '../../shared/engine/types.ts'
import type { Framework } from '../../shared/framework/schema.ts'
import type { Inspection } from '../../shared/inspection/types.ts'
import {
  fixtureJson,
  frameworkOf,
  gloucestershireCounts,
  gloucestershireGrid,
  inspectionOf,
  readFixture,
  type KqShort,
  type StandardShort,
} from './engine-support.ts'

const y2018 = frameworkOf('hmip-youth-2018')
const RI = 'Requires improvement'
const standard = (r: RatingResult, id: string): StandardResult => r.standards.find((x) => x.id === id)!
const rate2018 = (given: Record<string, StandardShort>) =>
  rateInspection(y2018, inspectionOf('hmip-youth-2018', given))
const triggersOf = (kqs: Record<string, KqShort>) => standard(rate2018({ '2.1': kqs }), '2.1').triggers

const published = fixtureJson('gloucestershire-2020.published.json') as {
  eligibility: Record<string, { up: TriggerKind[]; down: TriggerKind[] } | string>
}
const expected: Record<string, { up: TriggerKind[]; down: TriggerKind[] }> = {
  '2.1': { up: ['near-boundary', 'one-answer-flip'], down: [] },
  '2.2': { up: [], down: [] },
  '2.3': { up: [], down: ['near-boundary', 'one-answer-flip'] },
  '2.4': { up: [], down: ['one-answer-flip'] },
  '3.1': { up: [], down: [] },
  '3.2': { up: ['one-answer-flip'], down: [] },
  '3.3': { up: ['one-answer-flip'], down: [] },
  '3.4': { up: [], down: [] },
}

describe.each<[string, () => Inspection]>([
  ['counts file', gloucestershireCounts],
  ['case grid', gloucestershireGrid],
])('Gloucestershire triggers from the %s', (_, load) => {
  const result = rateInspection(y2018, load())

  it('the expectations here are the published eligibility', () => {
    for (const [id, t] of Object.entries(expected)) expect(published.eligibility[id]).toEqual(t)
  })

  it.each(Object.entries(expected))('%s: %o', (id, triggers) => {
    expect(standard(result, id).triggers).toEqual(triggers)
  })

  it('gives judged standards no triggers and no flips', () => {
    for (const id of ['1.1', '1.2', '1.3', '1.4'])
      expect(standard(result, id)).toMatchObject({ triggers: { up: [], down: [] }, flips: [] })
  })

  it('2.1 rests on 2.1.3, 4.1 points under Good', () => {
    expect(standard(result, '2.1')).toMatchObject({
      rating: RI,
      drivingQuestion: '2.1.3',
      pointsToNextUp: 4.1,
    })
  })

  it('2.4 would drop to Requires improvement with one yes fewer on 2.4.2 (12/17 → 11/17)', () => {
    expect(standard(result, '2.4').flips).toMatchObject([
      { direction: 'down', keyQuestion: '2.4.2', to: RI, change: 'Y->N' },
    ])
  })
})

describe('which single answers flip a standard, named by case', () => {
  const grid = readFixture('gloucestershire-2020.cases.csv')
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(','))
  const casesAnswering = (kq: string, answer: string) => {
    const col = grid[0]!.indexOf(kq)
    return grid
      .slice(1)
      .filter((row) => row[col] === answer)
      .map((row) => row[0])
  }
  const result = rateInspection(y2018, gloucestershireGrid())

  it.each([
    ['3.2', '3.2.3'],
    ['3.3', '3.3.3'],
  ])('%s rises to Requires improvement if any one of the three N cases on %s were Y', (sid, kq) => {
    const flips = standard(result, sid).flips
    expect(flips).toEqual([
      { direction: 'up', keyQuestion: kq, to: RI, change: 'N->Y', cases: casesAnswering(kq, 'N') },
    ])
    expect(flips[0]!.cases).toHaveLength(3)
  })

  it('2.3 falls to Good if any one Y case on 2.3.3 were N', () => {
    const down = standard(result, '2.3').flips.filter((f) => f.keyQuestion === '2.3.3')
    expect(down).toEqual([
      {
        direction: 'down',
        keyQuestion: '2.3.3',
        to: 'Good',
        change: 'Y->N',
        cases: casesAnswering('2.3.3', 'Y'),
      },
    ])
  })

  it('lists no case references when the input had counts only', () => {
    expect(standard(rateInspection(y2018, gloucestershireCounts()), '3.2').flips[0]).not.toHaveProperty(
      'cases',
    )
  })
})

describe('trigger rules', () => {
  it.each<[string, Record<string, KqShort>, TriggerKind[], TriggerKind[]]>([
    // name, 2.1's key questions (the others 9/10 unless named), up, down
    [
      'exactly 5 points under Good (60/100) is near, inclusive',
      { '2.1.1': [60, 100] },
      ['near-boundary'],
      [],
    ],
    ['6 points under Good (59/100) is not near', { '2.1.1': [59, 100] }, [], []],
    [
      'exactly 5 points above 50 (11/20, 55.00000000000001 as a float)',
      { '2.1.1': [11, 20] },
      [],
      ['near-boundary'],
    ],
    [
      'exactly on the boundary (65/100) is near down',
      { '2.1.1': [65, 100] },
      [],
      ['near-boundary', 'one-answer-flip'],
    ],
    [
      'one more yes: 3/5 → 4/5 lifts RI to Outstanding',
      { '2.1.1': [3, 5], '2.1.2': [9, 10] },
      ['near-boundary', 'one-answer-flip'],
      ['one-answer-flip'],
    ],
    [
      'two questions at 2/5: one answer cannot lift the standard',
      { '2.1.1': [2, 5], '2.1.2': [2, 5] },
      [],
      [],
    ],
    [
      'a question that is not the lowest can still drop it',
      { '2.1.1': [141, 200], '2.1.2': [12, 17] },
      [],
      ['one-answer-flip'],
    ],
    ['the top band has nothing up; 16/20 is still 80%', { '2.1.1': [17, 20] }, [], ['near-boundary']],
    ['the bottom band has nothing down', { '2.1.1': [0, 5] }, [], []],
    [
      'a published 62% is near Good but has no answer to flip',
      { '2.1.1': { percent: 62 } },
      ['near-boundary'],
      [],
    ],
    ['a published 52.5% is near down only', { '2.1.1': { percent: 52.5 } }, [], ['near-boundary']],
    ['a published 57% is near nothing', { '2.1.1': { percent: 57 } }, [], []],
  ])('%s', (_, kqs, up, down) => {
    expect(triggersOf({ '2.1.1': [9, 10], '2.1.2': [9, 10], '2.1.3': [9, 10], ...kqs })).toEqual({ up, down })
  })

  it('offers only the triggers the framework allows, but still shows every flip', () => {
    const nearOnly: Framework = { ...y2018, discretion: { ...y2018.discretion, triggers: ['near-boundary'] } }
    const s = standard(rateInspection(nearOnly, gloucestershireCounts()), '3.2')
    expect(s.triggers).toEqual({ up: [], down: [] })
    expect(s.flips).toHaveLength(1)
  })

  it("uses the framework's near-boundary width", () => {
    const wide: Framework = { ...y2018, discretion: { ...y2018.discretion, nearBoundaryPoints: 10 } }
    const s = standard(
      rateInspection(wide, inspectionOf('hmip-youth-2018', { '2.1': { '2.1.1': [56, 100] } })),
      '2.1',
    )
    expect(s.triggers.up).toEqual(['near-boundary'])
  })

  it('works on the provisional 2009 bands', () => {
    const r = rateInspection(
      frameworkOf('hmip-youth-2009'),
      inspectionOf('hmip-youth-2009', { S: { 'S.1': [16, 25] } }),
    )
    expect(standard(r, 'S')).toMatchObject({
      rating: 'Substantial improvement',
      triggers: { up: ['near-boundary', 'one-answer-flip'], down: [] },
    })
  })
})
