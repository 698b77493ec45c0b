// Discretion decisions: the published Gloucestershire decisions give 18/36, and each refusal reason is named.
import { describe, expect, it } from 'vitest'
import { applyDecisions, MIN_JUSTIFICATION_CHARS, parseDecisions } from '../../shared/engine/decisions.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import type { Decision, DecisionErrorCode } from '../../shared/engine/types.ts'
import type { Framework } from '../../shared/framework/schema.ts'
import { fixtureJson, frameworkOf, gloucestershireCounts, inspectionOf } from './engine-support.ts'

const y2018 = frameworkOf('hmip-youth-2018')
const RI = 'Requires improvement'
const WHY = 'Only five cases: one answer would change the rating.'
const rules = rateInspection(y2018, gloucestershireCounts())
const published = () => {
  const r = parseDecisions(fixtureJson('gloucestershire-2020.decisions.json'))
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}
const refusals = (decisions: Record<string, Decision>, framework: Framework = y2018, result = rules) => {
  const r = applyDecisions(framework, result, decisions)
  if (r.ok) throw new Error('expected the decisions to be refused')
  return r.error
}

describe('parseDecisions', () => {
  it('reads the published decisions file', () => {
    expect(Object.keys(published())).toEqual(['2.1', '3.2', '3.3'])
  })

  it.each<[string, unknown, string, RegExp]>([
    ['not an object', 'Good', '(top level)', /object/],
    ['a wrong format', { format: 'decisions@2', decisions: {} }, 'format', /ratings-panel\/decisions@1/],
    [
      'an unknown key',
      { format: 'ratings-panel/decisions@1', decisions: {}, notes: 'x' },
      'notes',
      /unknown key "notes"/,
    ],
    ['no decisions', { format: 'ratings-panel/decisions@1' }, 'decisions', /keyed by standard id/],
    [
      'a decision as a bare label',
      { format: 'ratings-panel/decisions@1', decisions: { '2.1': 'Good' } },
      'decisions.2.1',
      /"rating", "justification"/,
    ],
    [
      'no justification',
      { format: 'ratings-panel/decisions@1', decisions: { '2.1': { rating: 'Good' } } },
      'decisions.2.1.justification',
      /written justification/,
    ],
    [
      'a rating as a number',
      { format: 'ratings-panel/decisions@1', decisions: { '2.1': { rating: 2, justification: WHY } } },
      'decisions.2.1.rating',
      /rating label/,
    ],
    [
      'a typo in a decision',
      {
        format: 'ratings-panel/decisions@1',
        decisions: { '2.1': { rating: 'Good', justification: WHY, footnote: 'x' } },
      },
      'decisions.2.1.footnote',
      /unknown key/,
    ],
  ])('refuses %s, naming where', (_, json, where, message) => {
    const r = parseDecisions(json)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toContainEqual({ where, message: expect.stringMatching(message) })
  })
})

describe('applying the published Gloucestershire decisions', () => {
  const r = applyDecisions(y2018, rules, published())
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  const final = r.value
  const s = (id: string) => final.standards.find((x) => x.id === id)!

  it('gives 18/36, Requires improvement, one point short of Good', () => {
    expect(final.overall).toEqual({
      by: 'score',
      score: 18,
      max: 36,
      rating: RI,
      notRatedReason: null,
      unratedStandards: [],
      toNextUp: { points: 1, rating: 'Good' },
      toNextDown: { points: 12, rating: 'Inadequate' },
    })
    expect(final.rulesBasedOverall.score).toBe(15)
  })

  it.each<[string, string, string, boolean]>([
    ['2.1', RI, 'Good', true],
    ['3.2', 'Inadequate', RI, true],
    ['3.3', 'Inadequate', RI, true],
    ['2.3', 'Outstanding', 'Outstanding', false],
    ['1.4', RI, RI, false],
  ])('%s: %s by the rules, %s finally (footnote: %s)', (id, rulesBased, rating, footnoted) => {
    expect(s(id)).toMatchObject({ rulesBased, rating })
    expect(s(id).footnote === null).toBe(!footnoted)
  })

  it('publishes the justification as the footnote and recomputes points', () => {
    expect(s('2.1').footnote).toMatch(/^The score relating to keeping people safe was within five per cent/)
    expect(s('3.2').points).toBe(1)
  })
})

describe('what discretion allows', () => {
  it('keeps a rating decided at its rules-based value, without a footnote', () => {
    const r = applyDecisions(y2018, rules, { '2.3': { rating: 'Outstanding', justification: WHY } })
    expect(r.ok && r.value.standards.find((x) => x.id === '2.3')).toMatchObject({
      rating: 'Outstanding',
      rulesBased: 'Outstanding',
      footnote: null,
    })
  })

  it('moves down where a trigger opens that direction: 2.3 to Good gives 14/36', () => {
    const r = applyDecisions(y2018, rules, { '2.3': { rating: 'Good', justification: WHY } })
    expect(r.ok && r.value.overall.score).toBe(14)
  })

  it('takes the number of bands from the framework', () => {
    const twoBands: Framework = { ...y2018, discretion: { ...y2018.discretion, maxBands: 2 } }
    const r = applyDecisions(twoBands, rules, { '3.2': { rating: 'Good', justification: WHY } })
    expect(r.ok && r.value.overall.score).toBe(17)
  })
})

describe('decisions the rules refuse', () => {
  const notRated = rateInspection(
    y2018,
    inspectionOf('hmip-youth-2018', { '3.4': { '3.4.1': 'NA', '3.4.2': 'NA' } }),
  )
  it.each<[string, Record<string, Decision>, DecisionErrorCode, RegExp, typeof rules?]>([
    [
      'an unknown standard',
      { '5.1': { rating: 'Good', justification: WHY } },
      'unknown-standard',
      /no such standard/,
    ],
    [
      'a judged standard',
      { '1.4': { rating: 'Good', justification: WHY } },
      'not-discretionary',
      /rated by judgement/,
    ],
    [
      'a rating the framework does not have',
      { '2.1': { rating: 'RI', justification: WHY } },
      'unknown-rating',
      /"RI" is not a rating/,
    ],
    [
      'two bands at once',
      { '3.2': { rating: 'Good', justification: WHY } },
      'more-than-one-band',
      /1 band at most; Inadequate to Good is 2/,
    ],
    [
      'up with no trigger (2.2)',
      { '2.2': { rating: 'Good', justification: WHY } },
      'direction-not-triggered',
      /no trigger opens Requires improvement to discretion up/,
    ],
    [
      'down where only up is triggered (2.1)',
      { '2.1': { rating: 'Inadequate', justification: WHY } },
      'direction-not-triggered',
      /discretion down/,
    ],
    [
      'an empty justification',
      { '2.1': { rating: 'Good', justification: '   ' } },
      'justification-required',
      /written justification is required/,
    ],
    [
      'a placeholder justification',
      { '2.1': { rating: 'Good', justification: 'ok'.padEnd(MIN_JUSTIFICATION_CHARS - 1, '.') } },
      'justification-required',
      /at least 10 characters/,
    ],
    [
      'a standard that is not rated',
      { '3.4': { rating: 'Good', justification: WHY } },
      'not-rated',
      /not rated/,
      notRated,
    ],
  ])('%s', (_, decisions, code, message, result = rules) => {
    expect(refusals(decisions, y2018, result)).toEqual([
      { standardId: Object.keys(decisions)[0], code, message: expect.stringMatching(message) },
    ])
  })

  it('reports every refusal, not just the first', () => {
    const errors = refusals({
      '1.1': { rating: 'Outstanding', justification: WHY },
      '3.2': { rating: 'Good', justification: '' },
      '2.1': { rating: 'Good', justification: WHY },
    })
    expect(errors.map((e) => [e.standardId, e.code])).toEqual([
      ['1.1', 'not-discretionary'],
      ['3.2', 'more-than-one-band'],
      ['3.2', 'justification-required'],
    ])
  })

  it('offers no discretion where the framework allows no triggers', () => {
    const none: Framework = { ...y2018, discretion: { ...y2018.discretion, triggers: [] } }
    const result = rateInspection(none, gloucestershireCounts())
    expect(refusals(published(), none, result).map((e) => e.code)).toEqual([
      'direction-not-triggered',
      'direction-not-triggered',
      'direction-not-triggered',
    ])
  })
})
