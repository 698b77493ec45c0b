// A case grid's `disposal` is one of the framework's disposal types (framework data), never free text.
import { describe, expect, it } from 'vitest'
import { builtinFrameworks } from '../../shared/framework/builtin.ts'
import { disposalsOf, YOUTH_DISPOSALS } from '../../shared/framework/disposals.ts'
import { caseKeyQuestionIds, parseFramework, type Framework } from '../../shared/framework/schema.ts'
import { parseCaseGrid } from '../../shared/inspection/grid.ts'
import { frameworkOf } from './engine-support.ts'

const y2018 = frameworkOf('hmip-youth-2018')
const kqIds = caseKeyQuestionIds(y2018)
const grid = (...disposals: string[]) =>
  [
    ['case', 'disposal', ...kqIds].join(','),
    ...disposals.map((d, i) => [`C${i + 1}`, d, ...kqIds.map(() => 'Y')].join(',')),
  ].join('\n')
const withDisposals = (disposals: unknown): unknown => ({ ...structuredClone(y2018), disposals })

describe('disposal types', () => {
  it('the built-in youth frameworks take the youth list: court and out-of-court', () => {
    expect(YOUTH_DISPOSALS).toEqual(['court', 'out-of-court'])
    for (const f of Object.values(builtinFrameworks)) expect(disposalsOf(f)).toEqual(YOUTH_DISPOSALS)
  })

  it('a framework may list its own', () => {
    const r = parseFramework(withDisposals(['referral order', 'youth caution', 'custody']))
    expect(r.ok && disposalsOf(r.value)).toEqual(['referral order', 'youth caution', 'custody'])
  })

  it.each([
    [[], /at least 1/],
    [['court', ''], /disposal type/],
    [['12/03/2008'], /disposal type/],
    [['court', 'court'], /twice/],
    ['court', /array/],
  ])('refuses the list %j', (disposals, message) => {
    const r = parseFramework(withDisposals(disposals))
    expect(r.ok).toBe(false)
    if (!r.ok)
      expect(r.error).toContainEqual({
        where: expect.stringMatching(/^disposals/),
        message: expect.stringMatching(message),
      })
  })

  it('a grid accepts the listed types in any case, with spaces for hyphens', () => {
    expect(parseCaseGrid(grid('court', 'Out-of-court', ' COURT ', 'out of court'), y2018, 'g.csv').ok).toBe(
      true,
    )
  })

  it.each(['Jayden Smith', 'referral order', '12/03/2008', 'courts'])(
    'a grid refuses the disposal "%s" at its row and column, without repeating it',
    (disposal) => {
      const r = parseCaseGrid(grid('court', disposal), y2018, 'cases.csv')
      expect(r.ok).toBe(false)
      if (r.ok) return
      expect(r.error).toEqual([
        {
          where: 'cases.csv, row 3, column "disposal"',
          message: 'expected a disposal type of hmip-youth-2018: court or out-of-court',
        },
      ])
      expect(JSON.stringify(r.error)).not.toContain(disposal)
    },
  )

  it("a grid follows its framework's own list", () => {
    const own = parseFramework(withDisposals(['referral order', 'youth caution']))
    if (!own.ok) throw new Error(JSON.stringify(own.error))
    const f: Framework = own.value
    expect(parseCaseGrid(grid('referral order', 'Youth Caution'), f, 'g.csv').ok).toBe(true)
    expect(parseCaseGrid(grid('court'), f, 'g.csv').ok).toBe(false)
  })
})
