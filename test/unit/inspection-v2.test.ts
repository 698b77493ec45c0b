// `ratings-panel/inspection@2`: judged key questions in a mixed standard, area and overall judgements, sample
// sizes checked against the framework, `serviceId`; the case grid gives the answers from cases.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { rateInspection } from '../../shared/engine/rate.ts'
import { parseFramework, type Framework } from '../../shared/framework/schema.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import type { Problem } from '../../shared/result.ts'

type Json = Record<string, any>
const dir = new URL('../../docs/examples/', import.meta.url)
const text = (name: string) => fs.readFileSync(new URL(name, dir), 'utf8')
const json = (name: string) => JSON.parse(text(name)) as Json
const frameworkFrom = (change: (f: Json) => void = () => {}): Framework => {
  const f = json('example-2025-shapes.framework.json')
  change(f)
  const r = parseFramework(f)
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}
const example = frameworkFrom()
const lookupOf = (f: Framework) => (id: string) => (id === f.id ? f : undefined)
const GRID = 'example-2025-shapes.cases.csv'
const parse = (j: unknown, opts: { grid?: string; framework?: Framework } = {}) =>
  parseInspection(j, lookupOf(opts.framework ?? example), {
    ...(opts.grid !== undefined ? { gridText: opts.grid, gridName: GRID } : {}),
  })
const counts = (change: (i: Json) => void = () => {}) => {
  const i = json('example-2025-shapes.inspection.json')
  change(i)
  return i
}
const gridded = (change: (i: Json) => void = () => {}) => {
  const i = json('example-2025-shapes.grid.inspection.json')
  change(i)
  return i
}
const problemsOf = (r: ReturnType<typeof parse>): Problem[] => {
  if (r.ok) throw new Error('expected problems')
  return r.error
}

describe('reading the example inspections', () => {
  it('reads the counts file: a judged key question, area and overall judgements, serviceId, samples', () => {
    const r = parse(counts())
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    expect(r.value).toMatchObject({
      format: 'ratings-panel/inspection@2',
      serviceId: 'example-yjs',
      areas: { children: 'Good' },
      overall: { judgement: 'Good' },
      samples: { children: 30, victims: 12 },
    })
    expect(r.value.standards.V1).toEqual({
      kind: 'cases',
      keyQuestions: {
        'V1.1': { kind: 'counts', yes: 9, assessed: 12 },
        'V1.2': { kind: 'judgement', rating: 'Good' },
      },
    })
  })

  it('reads the grid file: V1.1 from the grid, V1.2 from the file, the samples counted from the grid', () => {
    const r = parse(gridded(), { grid: text(GRID) })
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    expect(r.value.samples).toEqual({ children: 30, victims: 12 })
    expect(
      Object.keys(r.value.standards.V1!.kind === 'cases' ? r.value.standards.V1!.keyQuestions : {}),
    ).toEqual(['V1.1', 'V1.2'])
    const byCounts = parse(counts())
    if (!byCounts.ok) throw new Error('counts')
    const ratings = (i: typeof r.value) => rateInspection(example, i).standards.map((s) => [s.id, s.rating])
    expect(ratings(r.value)).toEqual(ratings(byCounts.value))
  })
})

describe('refusing a bad @2 inspection, naming where', () => {
  const V1 = 'standards.V1.keyQuestions'
  it.each<[string, Json, string, RegExp]>([
    [
      'counts for a judged key question',
      counts((i) => (i.standards.V1.keyQuestions['V1.2'] = { yes: 1, assessed: 2 })),
      `${V1}.V1.2`,
      /judgement/,
    ],
    [
      'a judgement for a key question from cases',
      counts((i) => (i.standards.V1.keyQuestions['V1.1'] = { judgement: 'Good' })),
      `${V1}.V1.1`,
      /"yes": n/,
    ],
    [
      'a judgement that is not a rating',
      counts((i) => (i.standards.V1.keyQuestions['V1.2'] = { judgement: 'Great' })),
      `${V1}.V1.2.judgement`,
      /expected one of "Outstanding"/,
    ],
    [
      'a missing judged key question',
      counts((i) => delete i.standards.V1.keyQuestions['V1.2']),
      `${V1}.V1.2`,
      /missing/,
    ],
    [
      'an unknown area',
      counts((i) => (i.areas.adults = { judgement: 'Good' })),
      'areas.adults',
      /no area adults \(it has children, victims\)/,
    ],
    [
      'a judgement for an area rated by rule',
      counts((i) => (i.areas.victims = { judgement: 'Good' })),
      'areas.victims',
      /rule "lowest"/,
    ],
    [
      'an area judgement that is not a rating',
      counts((i) => (i.areas.children = { judgement: 'Fine' })),
      'areas.children.judgement',
      /expected one of/,
    ],
    [
      'an area judgement of the wrong shape',
      counts((i) => (i.areas.children = 'Good')),
      'areas.children',
      /expected \{ "judgement"/,
    ],
    [
      'an overall judgement that is not a rating',
      counts((i) => (i.overall = { judgement: 'OK' })),
      'overall.judgement',
      /expected one of/,
    ],
    [
      'a service id with spaces',
      counts((i) => (i.serviceId = 'example yjs')),
      'serviceId',
      /letters, digits/,
    ],
    [
      'a sample below its minimum',
      counts((i) => (i.samples.victims = 8)),
      'samples.victims',
      /has 8 cases; example-2025-shapes needs at least 9 and at most 24 cases/,
    ],
    [
      'a sample above its maximum',
      counts((i) => (i.samples.children = 92)),
      'samples.children',
      /needs at least 14 and at most 91/,
    ],
    [
      'a sample smaller than its cases assessed',
      counts((i) => (i.samples.victims = 10)),
      'samples.victims',
      /given as 10 cases, but key question V1.1 has 12 assessed/,
    ],
    ['an unknown sample', counts((i) => (i.samples.adults = 3)), 'samples.adults', /no sample adults/],
    ['a fractional sample', counts((i) => (i.samples.victims = 9.5)), 'samples.victims', /whole number/],
    [
      'cases assessed above a sample’s maximum',
      counts((i) => {
        delete i.samples
        i.standards.V1.keyQuestions['V1.1'] = { yes: 20, assessed: 25 }
      }),
      'standards',
      /V1.1 has 25 cases assessed; example-2025-shapes allows at most 24/,
    ],
    [
      'answers from cases in the file with a grid',
      gridded((i) => (i.standards.V1.keyQuestions['V1.1'] = { yes: 1, assessed: 2 })),
      `${V1}.V1.1`,
      /come from the case grid/,
    ],
    [
      'a mixed standard left out with a grid',
      gridded((i) => delete i.standards.V1),
      'standards.V1',
      /missing: expected \{ "keyQuestions": \{ V1.2 \} \}/,
    ],
    [
      'a stated sample that is not the grid’s',
      gridded((i) => (i.samples = { victims: 11 })),
      'samples.victims',
      /given as 11 cases, but the case grid has 12/,
    ],
  ])('%s', (_, j, where, message) => {
    const grid = j.caseGrid ? text(GRID) : undefined
    expect(problemsOf(parse(j, grid ? { grid } : {}))).toContainEqual({
      where,
      message: expect.stringMatching(message),
    })
  })

  it('counts a victims’ sample too small in the grid', () => {
    const grid = text(GRID)
      .split('\n')
      .filter((l) => !/^V(0[4-9]|1)/.test(l))
      .join('\n')
    expect(problemsOf(parse(gridded(), { grid }))).toEqual([
      {
        where: 'caseGrid',
        message:
          "the victims' cases sample (victims) has 3 cases; example-2025-shapes needs at least 9 and at most 24 cases",
      },
    ])
  })

  it('refuses an overall judgement where the framework has a score rule', () => {
    const scored = frameworkFrom((f) => {
      f.ratings = f.ratings.map((r: Json, i: number) => ({ ...r, points: 3 - i }))
      f.domains[0].standards[0].scored = true
      f.overall = {
        max: 3,
        bands: [
          { rating: 'Good', minScore: 2 },
          { rating: 'Inadequate', minScore: 0 },
        ],
      }
    })
    expect(problemsOf(parse(counts(), { framework: scored }))).toContainEqual({
      where: 'overall',
      message: 'example-2025-shapes gives the overall rating by its score rule; leave this out',
    })
  })

  it('refuses personal data in a judgement’s note', () => {
    expect(
      problemsOf(parse(counts((i) => (i.areas.children.note = 'Child born on 01/02/2010')))),
    ).toContainEqual({
      where: 'areas.children.note',
      message: expect.stringMatching(/date of birth/),
    })
  })

  it('names every problem in one pass', () => {
    const where = problemsOf(
      parse(
        counts((i) => {
          i.samples.victims = 8
          i.areas.victims = { judgement: 'Good' }
          i.standards.V1.keyQuestions['V1.2'] = { judgement: 'Great' }
          i.serviceId = ''
        }),
      ),
    ).map((p) => p.where)
    expect(where).toEqual(
      expect.arrayContaining(['serviceId', `${V1}.V1.2.judgement`, 'areas.victims', 'samples.victims']),
    )
  })
})

describe('@1 inspections are still read, and may not use @2', () => {
  const asV1 = (i: Json) => {
    i.format = 'ratings-panel/inspection@1'
    for (const k of ['serviceId', 'samples', 'areas', 'overall']) delete i[k]
  }
  it('refuses a judged key question in an @1 file, pointing to @2', () => {
    expect(problemsOf(parse(counts(asV1)))).toEqual([
      {
        where: `standards.V1.keyQuestions.V1.2`,
        message: 'a judged key question needs "format": "ratings-panel/inspection@2"',
      },
    ])
  })

  it('refuses the @2 fields in an @1 file as unknown keys', () => {
    const where = problemsOf(parse(counts((i) => (i.format = 'ratings-panel/inspection@1')))).map(
      (p) => p.where,
    )
    expect(where).toEqual(expect.arrayContaining(['serviceId', 'samples', 'areas', 'overall']))
  })

  it('names both formats when the format is wrong', () => {
    expect(problemsOf(parse(counts((i) => (i.format = 'ratings-panel/inspection@3'))))).toContainEqual({
      where: 'format',
      message: 'expected "ratings-panel/inspection@1" or "ratings-panel/inspection@2"',
    })
  })
})
