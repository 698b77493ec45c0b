// Why nothing is rated, worded by the client in the reader's language from the engine's structure.
import { describe, expect, it } from 'vitest'
import { cy } from '../../client/src/i18n/cy.ts'
import { en } from '../../client/src/i18n/en.ts'
import { areaNotRated, overallNotRated, standardNotRated } from '../../client/src/lib/not-rated.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { frameworkOf, inspectionOf } from './engine-support.ts'

describe('not-rated reasons in English and Welsh', () => {
  const r = rateInspection(
    frameworkOf('hmip-youth-2018'),
    inspectionOf('hmip-youth-2018', {
      '3.2': { '3.2.1': 'NA', '3.2.2': 'NA', '3.2.3': 'NA' },
      '3.4': { '3.4.1': 'NA', '3.4.2': 'NA' },
    }),
  )
  const s32 = r.standards.find((s) => s.id === '3.2')!

  it('names the standards that leave no overall rating', () => {
    expect(r.overall.unratedStandards).toEqual(['3.2', '3.4'])
    expect(overallNotRated(en, r.overall)).toBe(
      'standards 3.2, 3.4 are not rated, and every scored standard counts toward it.',
    )
    expect(overallNotRated(cy, r.overall)).toContain('safonau 3.2, 3.4')
    expect(overallNotRated(en, { unratedStandards: ['3.4'] })).toMatch(/^standard 3\.4 is not rated/)
  })

  it('says when no key question applies, and when a judged standard was left not rated', () => {
    expect(s32.rating).toBeNull()
    expect(standardNotRated(en, s32)).toBe(en.reasons.noQuestion)
    expect(standardNotRated(cy, s32)).toBe(cy.reasons.noQuestion)
    expect(standardNotRated(en, { kind: 'judged' })).toBe(en.reasons.judged)
    expect(cy.reasons.judged).not.toBe(en.reasons.judged)
  })

  it('says when the framework has no overall score at all', () => {
    expect(overallNotRated(cy, { unratedStandards: [] })).toBe(cy.reasons.noOverall)
  })

  it.each([en, cy])('says why an overall or an area given by judgement has no rating yet (%#)', (t) => {
    expect(overallNotRated(t, { by: 'judgement', unratedStandards: [] })).toBe(t.reasons.overallJudgement)
    expect(areaNotRated(t, { rule: 'judgement' })).toBe(t.reasons.areaJudgement)
    expect(areaNotRated(t, { rule: 'lowest' })).toBe(t.reasons.areaNone)
  })
})
