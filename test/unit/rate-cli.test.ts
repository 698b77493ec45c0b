// The `rate` command: JSON on stdout and exit 0, or exit 2 with the problem named (file, path, row and column).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runRate } from '../../server/cli/rate.ts'
import { fixtures, readFixture } from './engine-support.ts'

const fixture = (name: string) => fileURLToPath(new URL(name, fixtures))
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rate-cli-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))
const write = (name: string, content: unknown) => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content))
  return file
}
const glos = () => JSON.parse(readFixture('gloucestershire-2020.inspection.json')) as Record<string, any>
const WHY = 'Only five cases: one answer would change the rating.'

interface Out {
  framework: string
  provisional: boolean
  standards: {
    id: string
    rating: string | null
    rulesBased?: string | null
    footnote?: string | null
    triggers: object
    flips: { cases?: string[] }[]
  }[]
  overall: {
    score: number | null
    max: number | null
    rating: string | null
    toNextUp: object | null
    notRatedReason: string | null
  }
}
const rated = (...args: string[]): Out => {
  const r = runRate(args)
  expect(r.stderr).toBe('')
  expect(r.code).toBe(0)
  return JSON.parse(r.stdout) as Out
}

describe('rate prints the rating as JSON', () => {
  it('rates Gloucestershire by the rules: standards in framework order with triggers, 15/36', () => {
    const out = rated(fixture('gloucestershire-2020.inspection.json'))
    expect(out.framework).toBe('hmip-youth-2018')
    expect(out.standards.map((s) => s.id)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
    ])
    expect(out.standards[4]).toMatchObject({
      id: '2.1',
      rating: 'Requires improvement',
      scored: true,
      triggers: { up: ['near-boundary', 'one-answer-flip'], down: [] },
    })
    expect(out.standards[4]).not.toHaveProperty('rulesBased')
    expect(out.overall).toMatchObject({
      score: 15,
      max: 36,
      rating: 'Requires improvement',
      toNextUp: { points: 4, rating: 'Good' },
    })
  })

  it('reads the case grid beside the inspection file and names the cases that flip a standard', () => {
    const out = rated(fixture('gloucestershire-2020.grid.inspection.json'))
    expect(out.overall.score).toBe(15)
    expect(out.standards.find((s) => s.id === '3.2')!.flips[0]!.cases).toHaveLength(3)
  })

  it.each([['--decisions'], ['--decisions=']])(
    'applies decisions (%s): 18/36, one point short of Good',
    (flag) => {
      const decisions = fixture('gloucestershire-2020.decisions.json')
      const args = flag === '--decisions' ? [flag, decisions] : [flag + decisions]
      const out = rated(fixture('gloucestershire-2020.inspection.json'), ...args)
      expect(out.overall).toMatchObject({
        score: 18,
        max: 36,
        rating: 'Requires improvement',
        toNextUp: { points: 1, rating: 'Good' },
      })
      expect(out.standards.find((s) => s.id === '2.1')).toMatchObject({
        rating: 'Good',
        rulesBased: 'Requires improvement',
        footnote: expect.any(String),
      })
      expect(out.standards.find((s) => s.id === '2.2')).toMatchObject({
        rating: 'Requires improvement',
        rulesBased: 'Requires improvement',
        footnote: null,
      })
    },
  )

  it('gives no overall score for a framework without one', () => {
    const standards = Object.fromEntries(
      ['1', '2', '3', '4', '5', '6'].map((id) => [id, { judgement: 'Satisfactory' }]),
    )
    const out = rated(
      write('2016.json', {
        format: 'ratings-panel/inspection@1',
        framework: 'hmip-youth-2016',
        service: 'Leicester City YOS',
        standards,
      }),
    )
    expect(out.overall).toMatchObject({ score: null, max: null, rating: null })
  })

  it('rates 2021 with 4.1 not rated, still giving an overall score', () => {
    const j = glos()
    j.framework = 'hmip-youth-2021'
    j.standards['3.4'] = { judgement: 'Good' }
    j.standards['4.1'] = { notRated: true }
    const out = rated(write('2021.json', j))
    expect(out.standards.find((s) => s.id === '4.1')).toMatchObject({ rating: null, scored: false })
    expect(out.overall).toMatchObject({ score: 16, max: 36, rating: 'Requires improvement' })
  })

  it('marks a provisional framework', () => {
    const j = {
      format: 'ratings-panel/inspection@1',
      framework: 'hmip-youth-2009',
      service: 'Stockton-on-Tees YOS',
      standards: {
        S: { keyQuestions: { 'S.1': { percent: 81 } } },
        RoH: { keyQuestions: { 'RoH.1': { percent: 77 } } },
        LoR: { keyQuestions: { 'LoR.1': { percent: 79 } } },
      },
    }
    expect(rated(write('2009.json', j))).toMatchObject({
      provisional: true,
      standards: [
        { rating: 'Minimum improvement' },
        { rating: 'Moderate improvement' },
        { rating: 'Moderate improvement' },
      ],
    })
  })
})

describe('rate exits 2 and names the problem', () => {
  const inspection = fixture('gloucestershire-2020.inspection.json')
  const badGridDir = fs.mkdtempSync(path.join(dir, 'grid-'))
  fs.writeFileSync(
    path.join(badGridDir, 'cases.csv'),
    readFixture('gloucestershire-2020.cases.csv').replace('C05,court,Y', 'C05,court,Yes'),
  )
  fs.writeFileSync(
    path.join(badGridDir, 'grid.json'),
    JSON.stringify({
      ...JSON.parse(readFixture('gloucestershire-2020.grid.inspection.json')),
      caseGrid: 'cases.csv',
    }),
  )

  it.each<[string, () => string[], RegExp]>([
    ['no arguments', () => [], /name the inspection file/],
    ['an unknown option', () => [inspection, '--verbose'], /unknown option --verbose/],
    ['two inspection files', () => [inspection, inspection], /one inspection file at a time/],
    ['--decisions without a file', () => [inspection, '--decisions'], /--decisions needs a file/],
    ['a missing file', () => [path.join(dir, 'nope.json')], /nope\.json: the file was not found/],
    ['a file that is not JSON', () => [write('broken.json', '{ "format": ')], /broken\.json: not valid JSON/],
    [
      'an invalid inspection',
      () => [
        write('bad.json', {
          ...glos(),
          standards: { ...glos().standards, '2.1': { keyQuestions: { '2.1.1': { yes: 30, assessed: 23 } } } },
        }),
      ],
      /bad\.json: standards\.2\.1\.keyQuestions\.2\.1\.1\.yes: yes cannot exceed assessed/,
    ],
    [
      'an unknown framework',
      () => [write('unknown.json', { ...glos(), framework: 'hmip-adult-2018' })],
      /unknown\.json: framework: unknown framework "hmip-adult-2018"/,
    ],
    [
      'a case grid that is missing',
      () => [
        write('nogrid.json', {
          ...JSON.parse(readFixture('gloucestershire-2020.grid.inspection.json')),
          caseGrid: 'absent.csv',
        }),
      ],
      /nogrid\.json: caseGrid: the case grid "absent\.csv" .*not found/,
    ],
    [
      'a bad cell in the case grid',
      () => [path.join(badGridDir, 'grid.json')],
      /cases\.csv, row 6, column "2\.1\.1": expected Y, N or NA, found "Yes"/,
    ],
    [
      'a decisions file that is not valid',
      () => [
        inspection,
        '--decisions',
        write('dec-bad.json', {
          format: 'ratings-panel/decisions@1',
          decisions: { '2.1': { rating: 'Good' } },
        }),
      ],
      /dec-bad\.json: decisions\.2\.1\.justification/,
    ],
    [
      'a decision the rules refuse',
      () => [
        inspection,
        '--decisions',
        write('dec-refused.json', {
          format: 'ratings-panel/decisions@1',
          decisions: { '3.2': { rating: 'Good', justification: WHY } },
        }),
      ],
      /dec-refused\.json: decisions\.3\.2: .*1 band at most/,
    ],
  ])('%s', (_, args, message) => {
    const r = runRate(args())
    expect(r.code).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
  })

  it('names every problem in the file, one per line', () => {
    const j = glos()
    delete j.service
    j.standards['1.4'] = { judgement: 'RI' }
    const r = runRate([write('two.json', j)])
    expect(r.stderr.trim().split('\n')).toEqual([
      'rate: two.json: service: expected the name of the service inspected',
      expect.stringMatching(/^rate: two\.json: standards\.1\.4\.judgement: expected one of "Outstanding"/),
    ])
  })
})
