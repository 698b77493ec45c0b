// Frameworks as data: the built-in frameworks validate, and a malformed one names every problem with its path.
import { describe, expect, it } from 'vitest'
import { builtinFrameworks, findFramework } from '../../shared/framework/builtin.ts'
import { parseFramework, standardsOf, type Framework } from '../../shared/framework/schema.ts'

const y2018 = findFramework('hmip-youth-2018')!
type Json = Record<string, any>
const mutated = (change: (f: Json) => void): Json => {
  const f = structuredClone(y2018) as Json
  change(f)
  return f
}
const problemsOf = (json: unknown) => {
  const r = parseFramework(json)
  if (r.ok) throw new Error('expected problems')
  return r.error
}

describe('built-in frameworks', () => {
  it('ships the four youth frameworks, each valid', () => {
    expect(Object.keys(builtinFrameworks).sort()).toEqual([
      'hmip-youth-2009',
      'hmip-youth-2016',
      'hmip-youth-2018',
      'hmip-youth-2021',
    ])
    for (const f of Object.values(builtinFrameworks)) expect(parseFramework(f).ok).toBe(true)
  })

  it('finds frameworks by id, and nothing for unknown ids or prototype keys', () => {
    expect(findFramework('hmip-youth-2021')?.id).toBe('hmip-youth-2021')
    expect(findFramework('hmip-youth-2030')).toBeUndefined()
    expect(findFramework('constructor')).toBeUndefined()
  })

  it.each<[string, number, number, number | null]>([
    // id, standards, scored standards, overall max
    ['hmip-youth-2018', 12, 12, 36],
    ['hmip-youth-2021', 12 + 1, 12, 36],
    ['hmip-youth-2009', 3, 0, null],
    ['hmip-youth-2016', 6, 0, null],
  ])('%s has %i standards, %i scored, max %s', (id, total, scored, max) => {
    const f = findFramework(id)!
    expect(standardsOf(f)).toHaveLength(total)
    expect(standardsOf(f).filter((s) => s.scored)).toHaveLength(scored)
    expect(f.overall?.max ?? null).toBe(max)
  })

  it('names ratings by their exact published labels, best first', () => {
    const labels = (id: string) => findFramework(id)!.ratings.map((r) => r.label)
    expect(labels('hmip-youth-2018')).toEqual(['Outstanding', 'Good', 'Requires improvement', 'Inadequate'])
    expect(labels('hmip-youth-2016')).toEqual(['Good', 'Satisfactory', 'Unsatisfactory', 'Poor'])
    expect(labels('hmip-youth-2009')).toEqual([
      'Minimum improvement',
      'Moderate improvement',
      'Substantial improvement',
      'Drastic improvement',
    ])
  })

  it('marks the 2009 thresholds provisional and says so in the notes', () => {
    const f = findFramework('hmip-youth-2009')!
    expect(f.provisional).toBe(true)
    expect(f.notes).toMatch(/provisional/)
    expect(f.bands.map((b) => b.minPercent)).toEqual([80, 65, 50, 0])
  })

  it('2021: 3.4 is judged and scored; 4.1 is judged, unscored and may be not rated', () => {
    const s = Object.fromEntries(standardsOf(findFramework('hmip-youth-2021')!).map((x) => [x.id, x]))
    expect(s['3.4']).toMatchObject({
      title: 'Out-of-court disposal policy and provision',
      kind: 'judged',
      scored: true,
    })
    expect(s['4.1']).toMatchObject({
      title: 'Resettlement policy and provision',
      kind: 'judged',
      scored: false,
      mayBeNotRated: true,
    })
  })

  it('2018 key questions are those of Annex 2, with 3.4.2 about working with the police', () => {
    const kq = standardsOf(y2018).flatMap((s) => s.keyQuestions ?? [])
    expect(kq.map((k) => k.id)).toHaveLength(23)
    expect(kq.find((k) => k.id === '2.1.3')?.text).toBe(
      'Does assessment sufficiently analyse how to keep other people safe?',
    )
    expect(kq.find((k) => k.id === '3.4.2')?.text).toBe(
      'Does the YOT work effectively with the police in implementing the out-of-court disposal?',
    )
  })
})

describe('parseFramework refuses a malformed framework, naming where', () => {
  it.each<[string, (f: Json) => void, string, RegExp]>([
    ['an unknown key', (f) => (f.colour = 'red'), 'colour', /unknown key/],
    ['a wrong format', (f) => (f.format = 'framework@2'), 'format', /ratings-panel\/framework@1/],
    [
      'a band naming an unknown rating',
      (f) => (f.bands[1].rating = 'Fine'),
      'bands.1.rating',
      /not one of the ratings/,
    ],
    ['bands not falling', (f) => (f.bands[2].minPercent = 70), 'bands.2.minPercent', /falling/],
    ['a lowest band above 0', (f) => (f.bands[3].minPercent = 10), 'bands.3.minPercent', /start at 0/],
    ['a rating listed twice', (f) => (f.ratings[1].label = 'Outstanding'), 'ratings.1.label', /twice/],
    [
      'a standard id used twice',
      (f) => (f.domains[1].standards[1].id = '2.1'),
      'domains.1.standards.1.id',
      /already used/,
    ],
    [
      'a key question id used twice',
      (f) => (f.domains[1].standards[0].keyQuestions[1].id = '2.1.1'),
      'domains.1.standards.0.keyQuestions.1.id',
      /already used/,
    ],
    [
      'a case standard without key questions',
      (f) => (f.domains[1].standards[0].keyQuestions = []),
      'domains.1.standards.0.keyQuestions',
      /at least one key question/,
    ],
    [
      'a judged standard with key questions',
      (f) => (f.domains[0].standards[0].keyQuestions = [{ id: '1.1.1', text: 'Vision?' }]),
      'domains.0.standards.0.keyQuestions',
      /no key questions/,
    ],
    [
      'a case standard marked mayBeNotRated',
      (f) => (f.domains[1].standards[0].mayBeNotRated = true),
      'domains.1.standards.0.mayBeNotRated',
      /only judged/,
    ],
    [
      'a scored standard without points',
      (f) => (f.ratings[0].points = null),
      'domains.0.standards.0.scored',
      /needs points/,
    ],
    ['an overall max that is not the best score', (f) => (f.overall.max = 40), 'overall.max', /expected 36/],
    [
      'overall bands out of order',
      (f) => (f.overall.bands[1].minScore = 31),
      'overall.bands.1.minScore',
      /falling/,
    ],
    [
      'an unknown trigger',
      (f) => (f.discretion.triggers = ['coin-toss']),
      'discretion.triggers.0',
      /near-boundary/,
    ],
    ['scored standards without an overall', (f) => (f.overall = null), 'overall', /no overall banding/],
  ])('%s', (_, change, where, message) => {
    const problems = problemsOf(mutated(change))
    expect(problems).toContainEqual({ where, message: expect.stringMatching(message) })
  })

  it('names a wrong shape and a cross-field problem in one pass', () => {
    const problems = problemsOf(
      mutated((f) => {
        f.ratings[2].points = 'one'
        f.domains[2].standards[0].id = '2.1'
        delete f.title
      }),
    )
    expect(problems.map((p) => p.where)).toEqual(
      expect.arrayContaining(['ratings.2.points', 'domains.2.standards.0.id', 'title']),
    )
  })

  it('refuses something that is not an object at all', () => {
    expect(problemsOf('hmip-youth-2018')).toEqual([
      { where: '(top level)', message: expect.stringMatching(/object/) },
    ])
  })

  it('accepts a new framework written as data', () => {
    const small = mutated((f) => {
      f.id = 'small-service'
      f.domains = [f.domains[1]]
      delete f.labels
      f.overall.max = 12
      f.overall.bands = [
        { rating: 'Good', minScore: 7 },
        { rating: 'Inadequate', minScore: 0 },
      ]
    })
    const r = parseFramework(small)
    expect(r.ok && (r.value as Framework).overall?.max).toBe(12)
  })
})
