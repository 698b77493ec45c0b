// parseInspection: `ratings-panel/inspection@1` read strictly against its framework, every problem named with its path.
import { describe, expect, it } from 'vitest'
import { findFramework } from '../../shared/framework/builtin.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import type { Problem } from '../../shared/result.ts'
import { fixtureJson, gloucestershireCounts, gloucestershireGrid, readFixture } from './engine-support.ts'

type Json = Record<string, any>
const glos = () => structuredClone(fixtureJson('gloucestershire-2020.inspection.json')) as Json
const mutated = (change: (j: Json) => void) => {
  const j = glos()
  change(j)
  return j
}
const problemsOf = (json: unknown, opts = {}): Problem[] => {
  const r = parseInspection(json, findFramework, opts)
  if (r.ok) throw new Error('expected problems')
  return r.error
}

describe('reading the Gloucestershire fixtures', () => {
  it('normalises the counts file: judgements, counts, not applicable, notes', () => {
    const i = gloucestershireCounts()
    expect(i).toMatchObject({
      framework: 'hmip-youth-2018',
      service: 'Gloucestershire Youth Offending Service',
      fieldwork: '2019-10',
    })
    expect(Object.keys(i.standards)).toHaveLength(12)
    expect(i.standards['1.4']).toEqual({ kind: 'judged', judgement: 'Requires improvement' })
    expect(i.standards['2.4']).toMatchObject({
      kind: 'cases',
      keyQuestions: {
        '2.4.2': { kind: 'counts', yes: 12, assessed: 17, note: 'assessed count derived from 71%' },
      },
    })
    expect(i.standards['3.4']).toMatchObject({ keyQuestions: { '3.4.2': { kind: 'notApplicable' } } })
    expect(i.caseRefs).toBeUndefined()
  })

  it('takes the counts from the case grid: the same totals as published, with the cases named', () => {
    const fromGrid = gloucestershireGrid()
    const counts = gloucestershireCounts()
    expect(fromGrid.caseRefs).toHaveLength(38)
    for (const [sid, s] of Object.entries(counts.standards)) {
      if (s.kind !== 'cases') continue
      const g = fromGrid.standards[sid]
      if (g?.kind !== 'cases') throw new Error(`${sid} missing from the grid`)
      for (const [kq, v] of Object.entries(s.keyQuestions)) {
        const { cases, ...rest } = g.keyQuestions[kq] as typeof v & { cases?: unknown }
        expect(cases).toBeDefined()
        expect({ ...rest }).toEqual(
          v.kind === 'counts' ? { kind: 'counts', yes: v.yes, assessed: v.assessed } : { kind: v.kind },
        )
      }
    }
  })

  it('accepts published percentages with decimals', () => {
    const r = parseInspection(
      mutated((j) => (j.standards['2.1'].keyQuestions['2.1.3'] = { percent: 64.6 })),
      findFramework,
    )
    expect(r.ok && r.value.standards['2.1']).toMatchObject({
      keyQuestions: { '2.1.3': { kind: 'percent', percent: 64.6 } },
    })
  })

  it('accepts 2021 with 4.1 not rated', () => {
    const j = mutated((x) => {
      x.framework = 'hmip-youth-2021'
      x.standards['3.4'] = { judgement: 'Good' }
      x.standards['4.1'] = { notRated: true, note: 'No resettlement cases in the sample.' }
    })
    const r = parseInspection(j, findFramework)
    expect(r.ok && r.value.standards['4.1']).toEqual({
      kind: 'judged',
      judgement: null,
      note: 'No resettlement cases in the sample.',
    })
  })
})

describe('parseInspection names each problem with its JSON path', () => {
  const kq = (id: string) => (j: Json) => j.standards[id.slice(0, 3)].keyQuestions
  it.each<[string, (j: Json) => void, string, RegExp]>([
    ['an unknown top-level key', (j) => (j.servce = 'x'), 'servce', /unknown key "servce"/],
    ['a wrong format', (j) => (j.format = 'inspection@2'), 'format', /ratings-panel\/inspection@1/],
    [
      'an unknown framework',
      (j) => (j.framework = 'hmip-youth-2030'),
      'framework',
      /unknown framework "hmip-youth-2030"/,
    ],
    ['no framework', (j) => delete j.framework, 'framework', /framework id/],
    ['no service', (j) => delete j.service, 'service', /name of the service/],
    ['standards not an object', (j) => (j.standards = []), 'standards', /object keyed by standard id/],
    [
      'a missing standard',
      (j) => delete j.standards['2.2'],
      'standards.2.2',
      /missing: expected \{ "keyQuestions": \{ 2\.2\.1, 2\.2\.2, 2\.2\.3 \} \}/,
    ],
    [
      'a missing judged standard',
      (j) => delete j.standards['1.3'],
      'standards.1.3',
      /missing: expected \{ "judgement": "Good" \}/,
    ],
    [
      'an unknown standard',
      (j) => (j.standards['5.1'] = { judgement: 'Good' }),
      'standards.5.1',
      /has no standard 5\.1/,
    ],
    [
      'an abbreviated rating',
      (j) => (j.standards['1.4'] = { judgement: 'RI' }),
      'standards.1.4.judgement',
      /"Requires improvement"/,
    ],
    [
      'notRated where the framework does not allow it',
      (j) => (j.standards['1.1'] = { notRated: true }),
      'standards.1.1.notRated',
      /must be rated/,
    ],
    [
      'a judgement and notRated together',
      (j) => (j.standards['1.1'] = { judgement: 'Good', notRated: true }),
      'standards.1.1',
      /exactly one/,
    ],
    [
      'a judged standard as a bare label',
      (j) => (j.standards['1.1'] = 'Good'),
      'standards.1.1',
      /expected \{ "judgement"/,
    ],
    [
      'a case standard as a bare label',
      (j) => (j.standards['2.2'] = 'Good'),
      'standards.2.2',
      /expected \{ "keyQuestions"/,
    ],
    [
      'a typo in a judged standard',
      (j) => (j.standards['1.1'] = { judgment: 'Good' }),
      'standards.1.1.judgment',
      /unknown key/,
    ],
    [
      'a typo in a case standard',
      (j) => (j.standards['2.1'].keyQuestion = {}),
      'standards.2.1.keyQuestion',
      /unknown key/,
    ],
    [
      'a missing key question',
      (j) => delete kq('2.1.2')(j)['2.1.2'],
      'standards.2.1.keyQuestions.2.1.2',
      /missing: expected/,
    ],
    [
      'an unknown key question',
      (j) => (kq('2.1.4')(j)['2.1.4'] = { yes: 1, assessed: 2 }),
      'standards.2.1.keyQuestions.2.1.4',
      /no key question 2\.1\.4/,
    ],
    [
      'yes above assessed',
      (j) => (kq('2.1.1')(j)['2.1.1'] = { yes: 24, assessed: 23 }),
      'standards.2.1.keyQuestions.2.1.1.yes',
      /cannot exceed/,
    ],
    [
      'nothing assessed',
      (j) => (kq('2.1.1')(j)['2.1.1'] = { yes: 0, assessed: 0 }),
      'standards.2.1.keyQuestions.2.1.1.assessed',
      /at least 1/,
    ],
    [
      'a fractional count',
      (j) => (kq('2.1.1')(j)['2.1.1'] = { yes: 2.5, assessed: 5 }),
      'standards.2.1.keyQuestions.2.1.1.yes',
      /whole number/,
    ],
    [
      'a count as text',
      (j) => (kq('2.1.1')(j)['2.1.1'] = { yes: '14', assessed: 23 }),
      'standards.2.1.keyQuestions.2.1.1.yes',
      /whole number/,
    ],
    [
      'a negative count',
      (j) => (kq('2.1.1')(j)['2.1.1'] = { yes: -1, assessed: 23 }),
      'standards.2.1.keyQuestions.2.1.1.yes',
      /at least 0/,
    ],
    [
      'yes without assessed',
      (j) => (kq('2.1.1')(j)['2.1.1'] = { yes: 3 }),
      'standards.2.1.keyQuestions.2.1.1.assessed',
      /whole number \(the cases assessed\)/,
    ],
    [
      'a percentage over 100',
      (j) => (kq('2.1.1')(j)['2.1.1'] = { percent: 100.5 }),
      'standards.2.1.keyQuestions.2.1.1.percent',
      /0 to 100/,
    ],
    [
      'a negative percentage',
      (j) => (kq('2.1.1')(j)['2.1.1'] = { percent: -1 }),
      'standards.2.1.keyQuestions.2.1.1.percent',
      /0 to 100/,
    ],
    [
      'counts and a percentage together',
      (j) => (kq('2.1.1')(j)['2.1.1'] = { percent: 60, yes: 3 }),
      'standards.2.1.keyQuestions.2.1.1.yes',
      /unknown key/,
    ],
    [
      'notApplicable false',
      (j) => (kq('3.4.2')(j)['3.4.2'] = { notApplicable: false }),
      'standards.3.4.keyQuestions.3.4.2.notApplicable',
      /expected true/,
    ],
    [
      'a key question as a bare number',
      (j) => (kq('2.1.1')(j)['2.1.1'] = 87),
      'standards.2.1.keyQuestions.2.1.1',
      /found 87: expected/,
    ],
    [
      'a date of birth in a note',
      (j) => (kq('2.1.1')(j)['2.1.1'].note = 'C04 born 12/04/2009'),
      'standards.2.1.keyQuestions.2.1.1.note',
      /personal data/,
    ],
    ['a case grid named but not given', (j) => (j.caseGrid = 'cases.csv'), 'caseGrid', /not provided/],
  ])('%s', (_, change, where, message) => {
    expect(problemsOf(mutated(change))).toContainEqual({ where, message: expect.stringMatching(message) })
  })

  it('names every problem in one pass, after the file name', () => {
    const j = mutated((x) => {
      delete x.service
      x.standards['2.1'].keyQuestions['2.1.1'] = { yes: 30, assessed: 23 }
      x.standards['1.4'] = { judgement: 'Fine' }
      x.standards['9.9'] = {}
    })
    expect(problemsOf(j, { fileName: 'glos.json' }).map((p) => p.where)).toEqual(
      expect.arrayContaining([
        'glos.json: service',
        'glos.json: standards.2.1.keyQuestions.2.1.1.yes',
        'glos.json: standards.1.4.judgement',
        'glos.json: standards.9.9',
      ]),
    )
  })

  it('accepts notRated on any judged standard only in a preview that asks for it', () => {
    const j = mutated((x) => (x.standards['1.1'] = { notRated: true }))
    const r = parseInspection(j, findFramework, { allowNotRated: true })
    expect(r.ok && r.value.standards['1.1']).toEqual({ kind: 'judged', judgement: null })
  })

  it('refuses something that is not an object', () => {
    expect(problemsOf([1, 2])).toEqual([
      { where: '(top level)', message: 'expected a JSON object, found a list' },
    ])
  })

  it('with a case grid, refuses counts for case standards in the file', () => {
    const j = structuredClone(fixtureJson('gloucestershire-2020.grid.inspection.json')) as Json
    j.standards['2.1'] = glos().standards['2.1']
    const problems = problemsOf(j, {
      gridText: readFixture('gloucestershire-2020.cases.csv'),
      gridName: 'cases.csv',
    })
    expect(problems).toEqual([
      { where: 'standards.2.1', message: expect.stringMatching(/come from the case grid/) },
    ])
  })

  it("passes on the grid's problems with row and column", () => {
    const j = fixtureJson('gloucestershire-2020.grid.inspection.json')
    const grid = readFixture('gloucestershire-2020.cases.csv').replace('C03,court,Y', 'C03,court,maybe')
    expect(problemsOf(j, { gridText: grid, gridName: 'cases.csv' })).toEqual([
      { where: 'cases.csv, row 4, column "2.1.1"', message: 'expected Y, N or NA, found "maybe"' },
    ])
  })
})
