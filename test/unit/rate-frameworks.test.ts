// `rate FILE --framework FRAMEWORK.json`: rating against a framework file with other thresholds, windows,
// numbers of bands and fractional boundaries; the worked example of docs/FRAMEWORKS.md; every problem named.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runRate } from '../../server/cli/rate.ts'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))
const fw = (name: string) => here(`../fixtures/frameworks/${name}`)
const example = (name: string) => here(`../../docs/examples/example-2025-shapes.${name}`)
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rate-fw-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const write = (name: string, content: unknown) => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}

interface Out {
  framework: string
  standards: { id: string; kind: string; rating: string | null; rulesBased?: string; triggers: object }[]
  areas?: { id: string; rating: string | null }[]
  overall: { by?: string | null; score: number | null; max: number | null; rating: string | null }
}
const rated = (...args: string[]): Out => {
  const r = runRate(args)
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as Out
}
const failure = (...args: string[]) => {
  const r = runRate(args)
  expect(r.code).toBe(2)
  expect(r.stdout).toBe('')
  return r.stderr.trimEnd().split('\n')
}
const triggers = (up: string[], down: string[]) => ({ up, down })

describe('rating against a framework file', () => {
  it.each<[string, Record<string, [string | null, object]>, Out['overall'], Out['areas']]>([
    [
      'three-bands', // @1: 70/40, 3-point window, near-boundary only, no overall
      { A: ['Fair', triggers(['near-boundary'], [])], J: ['Poor', triggers([], [])] },
      { score: null, max: null, rating: null },
      undefined,
    ],
    [
      'five-bands', // @2: 87.5/72.5/62.5/33.3, 2.5-point window; 33.2% is below 33.3; score 3/8
      {
        S1: ['B', triggers([], ['near-boundary', 'one-answer-flip'])],
        S2: ['E', triggers(['near-boundary'], [])],
      },
      { by: 'score', score: 3, max: 8, rating: 'C' },
      [],
    ],
    [
      'two-bands', // @2: met at 50, no window, a mixed standard, an area, the overall by judgement
      { M: ['Met', triggers([], ['one-answer-flip'])] },
      { by: 'judgement', score: null, max: null, rating: 'Not met' },
      [{ id: 'all', rating: 'Met' }],
    ],
    [
      'wide-window', // @1: the 2018 framework with a 10-point window: 2.2 opens both ways
      {
        '2.1': ['Requires improvement', triggers(['near-boundary', 'one-answer-flip'], [])],
        '2.2': ['Requires improvement', triggers(['near-boundary'], ['near-boundary'])],
        '3.1': ['Inadequate', triggers(['near-boundary'], [])],
      },
      { score: 15, max: 36, rating: 'Requires improvement' },
      undefined,
    ],
  ])('%s', (name, standards, overall, areas) => {
    const out = rated(fw(`${name}.inspection.json`), '--framework', fw(`${name}.framework.json`))
    for (const [id, [rating, t]] of Object.entries(standards))
      expect(out.standards.find((s) => s.id === id)).toMatchObject({ rating, triggers: t })
    expect(out.overall).toMatchObject(overall)
    if (areas === undefined) {
      // An @1 framework prints exactly what it always printed: no areas, no overall.by.
      expect(out).not.toHaveProperty('areas')
      expect(out.overall).not.toHaveProperty('by')
    } else expect(out.areas).toMatchObject(areas)
  })

  it('accepts --framework=FILE and the options in any order', () => {
    const a = runRate([`--framework=${fw('three-bands.framework.json')}`, fw('three-bands.inspection.json')])
    const b = runRate([fw('three-bands.inspection.json'), '--framework', fw('three-bands.framework.json')])
    expect(a).toEqual(b)
    expect(a.code).toBe(0)
  })
})

describe('the worked example of docs/FRAMEWORKS.md', () => {
  const FW = example('framework.json')
  it('rates the counts file: V1 mixed, both areas Good, the overall Good by judgement', () => {
    const out = rated(example('inspection.json'), '--framework', FW)
    expect(out.standards.map((s) => [s.id, s.kind, s.rating])).toEqual([
      ['1.1', 'judged', 'Good'],
      ['1.2', 'judged', 'Requires improvement'],
      ['1.3', 'judged', 'Good'],
      ['2.1', 'cases', 'Requires improvement'],
      ['V1', 'mixed', 'Good'],
    ])
    expect(out.areas).toMatchObject([
      { id: 'children', rating: 'Good' },
      { id: 'victims', rating: 'Good' },
    ])
    expect(out.overall).toMatchObject({ by: 'judgement', rating: 'Good', score: null })
  })

  it('gives the same ratings from the case grid', () => {
    const ratings = (o: Out) => [o.standards.map((s) => [s.id, s.rating, s.triggers]), o.areas, o.overall]
    expect(ratings(rated(example('grid.inspection.json'), '--framework', FW))).toEqual(
      ratings(rated(example('inspection.json'), '--framework', FW)),
    )
  })

  it('applies its decision', () => {
    const out = rated(example('inspection.json'), '--framework', FW, '--decisions', example('decisions.json'))
    expect(out.standards.find((s) => s.id === '2.1')).toMatchObject({
      rating: 'Good',
      rulesBased: 'Requires improvement',
    })
  })
})

describe('a bad framework or a mismatch exits 2, naming every problem', () => {
  it('names every problem of a bad framework file, each on its own line', () => {
    const bad = JSON.parse(fs.readFileSync(example('framework.json'), 'utf8')) as Record<string, any>
    bad.bands[1].minPercent = 90
    bad.samples[1].max = 1
    bad.areas[0].standards.push('9.9')
    delete bad.title
    const lines = failure(example('inspection.json'), '--framework', write('bad.framework.json', bad))
    expect(lines).toEqual(
      expect.arrayContaining([
        'rate: bad.framework.json: title: Invalid input: expected string, received undefined',
        'rate: bad.framework.json: bands.1.minPercent: bands must be listed best first with falling minimums',
        'rate: bad.framework.json: samples.1.max: the most cases (1) is below the fewest (9)',
        'rate: bad.framework.json: areas.0.standards.4: "9.9" is not a standard of this framework',
      ]),
    )
    expect(lines).toHaveLength(4)
  })

  it.each<[string, () => string[], RegExp]>([
    [
      'a framework file that is not JSON',
      () => [example('inspection.json'), '--framework', write('x.json', '{')],
      /x\.json: not valid JSON/,
    ],
    [
      'a missing framework file',
      () => [example('inspection.json'), '--framework', path.join(dir, 'none.json')],
      /none\.json: the file was not found/,
    ],
    [
      '--framework without a file',
      () => [example('inspection.json'), '--framework'],
      /--framework needs a file/,
    ],
    [
      'two framework files',
      () => [example('inspection.json'), '--framework', 'a', '--framework', 'b'],
      /one framework file at a time/,
    ],
    [
      'an inspection of another framework',
      () => [
        here('../fixtures/gloucestershire-2020.inspection.json'),
        '--framework',
        example('framework.json'),
      ],
      /framework: framework "hmip-youth-2018" does not match --framework example-2025-shapes\.framework\.json, which is "example-2025-shapes"/,
    ],
    [
      'a framework that is not built in, without --framework',
      () => [example('inspection.json')],
      /unknown framework "example-2025-shapes": not a built-in framework; name its file with --framework FILE/,
    ],
  ])('%s', (_, args, message) => {
    expect(failure(...args()).join('\n')).toMatch(message)
  })
})
