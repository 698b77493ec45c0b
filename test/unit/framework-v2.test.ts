// `ratings-panel/framework@2`: the worked example loads; mixed standards, rules, areas, a judged overall and
// samples are checked, every problem named with its path in one pass; @1 files may not use @2 shapes.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { labelFor } from '../../shared/framework/labels.ts'
import {
  caseKeyQuestionIds,
  overallByOf,
  parseFramework,
  scoreRuleOf,
  type Framework,
} from '../../shared/framework/schema.ts'
import { findFramework } from '../../shared/framework/builtin.ts'

type Json = Record<string, any>
const exampleJson = (): Json =>
  JSON.parse(
    fs.readFileSync(
      new URL('../../docs/examples/example-2025-shapes.framework.json', import.meta.url),
      'utf8',
    ),
  ) as Json
const mutated = (change: (f: Json) => void): Json => {
  const f = exampleJson()
  change(f)
  return f
}
const parsed = (json: unknown): Framework => {
  const r = parseFramework(json)
  if (!r.ok) throw new Error(r.error.map((p) => `${p.where}: ${p.message}`).join('; '))
  return r.value
}
const problemsOf = (json: unknown) => {
  const r = parseFramework(json)
  if (r.ok) throw new Error('expected problems')
  return r.error
}

describe('the worked example (docs/examples), an example and not HMIP’s framework', () => {
  const f = parsed(exampleJson())

  it('says it is an example in its title and notes', () => {
    expect(f.title).toMatch(/^EXAMPLE, not HMIP's framework/)
    expect(f.notes).toMatch(/NOT HMIP'S FRAMEWORK/)
    expect(f.provisional).toBe(true)
  })

  it('has the published shapes: one children’s standard, the mixed victims’ standard V1, two areas', () => {
    const v1 = f.domains.flatMap((d) => d.standards).find((s) => s.id === 'V1')!
    expect(v1.kind).toBe('mixed')
    expect(v1.keyQuestions!.map((k) => [k.id, k.by])).toEqual([
      ['V1.1', 'cases'],
      ['V1.2', 'judgement'],
    ])
    expect(f.areas!.map((a) => [a.id, a.rule])).toEqual([
      ['children', 'judgement'],
      ['victims', 'lowest'],
    ])
    expect(f.samples!.map((s) => [s.id, s.min, s.max])).toEqual([
      ['children', 14, 91],
      ['victims', 9, 24],
    ])
    expect(overallByOf(f)).toBe('judgement')
    expect(scoreRuleOf(f)).toBeNull()
  })

  it('puts only key questions from cases in the case grid (V1.2 is judged)', () => {
    expect(caseKeyQuestionIds(f)).toEqual(['2.1.1', '2.1.2', '2.1.3', 'V1.1'])
  })

  it.each<[Parameters<typeof labelFor>[2], string, string, string]>([
    ['rating', 'Requires improvement', 'Angen gwella', 'Requires improvement'],
    ['domain', 'V', 'Gwaith gyda dioddefwyr', 'Work with victims'],
    ['standard', 'V1', 'Gwaith gyda dioddefwyr', 'Work with victims'],
    [
      'keyQuestion',
      'V1.2',
      expect.stringMatching(/^A yw trefniadau/) as unknown as string,
      'Do organisational',
    ],
    ['area', 'children', 'Gwaith gyda phlant', 'Work with children'],
  ])('labels a %s in Welsh and English', (kind, id, cy, en) => {
    expect(labelFor(f, 'cy', kind, id)).toEqual(cy)
    expect(labelFor(f, 'en', kind, id)).toMatch(new RegExp(`^${en}`))
  })
})

describe('@1 files still load, and may not use the shapes of @2', () => {
  it('reads every built-in framework (all @1) as it is', () => {
    for (const id of ['hmip-youth-2009', 'hmip-youth-2016', 'hmip-youth-2018', 'hmip-youth-2021']) {
      const f = findFramework(id)!
      expect(f.format).toBe('ratings-panel/framework@1')
      expect(overallByOf(f)).toBe(f.overall ? 'score' : null)
    }
  })

  it('names every @2 shape used in an @1 file', () => {
    const where = problemsOf(mutated((f) => (f.format = 'ratings-panel/framework@1'))).map((p) => p.where)
    expect(where).toEqual(
      expect.arrayContaining([
        'standardRule',
        'areas',
        'samples',
        'domains.2.standards.0.kind',
        'domains.2.standards.0.keyQuestions.1.by',
        'overall.by',
      ]),
    )
  })

  it('accepts labels in an @1 file', () => {
    const f = structuredClone(findFramework('hmip-youth-2018')!) as Json
    f.labels = { cy: { ratings: { Good: 'Da' } } }
    expect(parsed(f).labels?.cy?.ratings?.Good).toBe('Da')
  })
})

describe('parseFramework refuses a malformed @2 framework, naming where', () => {
  const v1 = (f: Json) => f.domains[2].standards[0]
  it.each<[string, (f: Json) => void, string, RegExp]>([
    [
      'a mixed standard with no judged key question',
      (f) => (v1(f).keyQuestions[1].by = 'cases'),
      'domains.2.standards.0.keyQuestions',
      /both from cases and by judgement/,
    ],
    [
      'a mixed standard with only judged key questions',
      (f) => (v1(f).keyQuestions[0].by = 'judgement'),
      'domains.2.standards.0.keyQuestions',
      /both/,
    ],
    [
      'a judged key question in a case standard',
      (f) => (f.domains[1].standards[0].keyQuestions[0].by = 'judgement'),
      'domains.1.standards.0.keyQuestions.0.by',
      /"mixed"/,
    ],
    ['an unknown standard rule', (f) => (f.standardRule = 'average'), 'standardRule', /lowest/],
    ['an unknown rule on a standard', (f) => (v1(f).rule = 'median'), 'domains.2.standards.0.rule', /lowest/],
    [
      'an unknown way to rate a key question',
      (f) => (v1(f).keyQuestions[1].by = 'vote'),
      'domains.2.standards.0.keyQuestions.1.by',
      /cases/,
    ],
    ['a judged overall with a score rule', (f) => (f.overall.max = 12), 'overall.max', /no score rule/],
    [
      'a judged overall with scored standards',
      (f) => (f.domains[0].standards[0].scored = true),
      'overall',
      /scored, but the overall is given by judgement/,
    ],
    [
      'a score rule without its maximum',
      (f) => (f.overall = { by: 'score', bands: [{ rating: 'Good', minScore: 0 }] }),
      'overall.max',
      /maximum/,
    ],
    [
      'a score rule without its bands',
      (f) => (f.overall = { by: 'score', max: 3 }),
      'overall.bands',
      /bands/,
    ],
    ['an unknown area rule', (f) => (f.areas[0].rule = 'average'), 'areas.0.rule', /lowest/],
    [
      'an area naming an unknown standard',
      (f) => f.areas[1].standards.push('V9'),
      'areas.1.standards.1',
      /not a standard/,
    ],
    [
      'a standard in two areas',
      (f) => f.areas[1].standards.push('2.1'),
      'areas.1.standards.1',
      /already in area "children"/,
    ],
    ['an area id used twice', (f) => (f.areas[1].id = 'children'), 'areas.1.id', /used twice/],
    ['an area with no standards', (f) => (f.areas[1].standards = []), 'areas.1.standards', /Too small/],
    [
      'a sample of a judged standard',
      (f) => (f.samples[0].standards = ['1.1']),
      'samples.0.standards.0',
      /judged/,
    ],
    [
      'a sample whose maximum is below its minimum',
      (f) => (f.samples[1].max = 8),
      'samples.1.max',
      /below the fewest \(9\)/,
    ],
    ['a sample of no cases', (f) => (f.samples[1].min = 0), 'samples.1.min', /Too small/],
    ['a fractional sample size', (f) => (f.samples[1].max = 24.5), 'samples.1.max', /int/],
    [
      'a standard in two samples',
      (f) => f.samples[1].standards.push('2.1'),
      'samples.1.standards.1',
      /already in sample/,
    ],
    [
      'a label for an unknown area',
      (f) => (f.labels.cy.areas.adults = 'Oedolion'),
      'labels.cy.areas.adults',
      /not an area/,
    ],
  ])('%s', (_, change, where, message) => {
    expect(problemsOf(mutated(change))).toContainEqual({ where, message: expect.stringMatching(message) })
  })

  it('names every problem in one pass', () => {
    const problems = problemsOf(
      mutated((f) => {
        v1(f).keyQuestions[1].by = 'cases'
        f.areas[1].standards.push('V9')
        f.samples[1].max = 8
        f.overall.bands = []
        delete f.title
      }),
    )
    expect(problems.map((p) => p.where)).toEqual(
      expect.arrayContaining([
        'title',
        'domains.2.standards.0.keyQuestions',
        'areas.1.standards.1',
        'samples.1.max',
        'overall.bands',
      ]),
    )
  })
})
