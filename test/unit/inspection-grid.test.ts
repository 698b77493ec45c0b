// parseCaseGrid: the per-case CSV, problems by spreadsheet row and column, and only opaque case references.
import { describe, expect, it } from 'vitest'
import { findFramework } from '../../shared/framework/builtin.ts'
import { caseKeyQuestionIds } from '../../shared/framework/schema.ts'
import { parseCaseGrid, parseCsv } from '../../shared/inspection/grid.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import type { Problem } from '../../shared/result.ts'
import { fixtureJson, frameworkOf } from './engine-support.ts'

const y2018 = frameworkOf('hmip-youth-2018')
const kqIds = caseKeyQuestionIds(y2018)
const HEADER = ['case', 'disposal', ...kqIds].join(',')
/** A grid row: every key question `fill` unless named in `answers`. */
const row = (ref: string, answers: Record<string, string> = {}, fill = 'Y', disposal = 'court') =>
  [ref, disposal, ...kqIds.map((k) => answers[k] ?? fill)].join(',')
const grid = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n'

const parsed = (text: string) => {
  const r = parseCaseGrid(text, y2018, 'cases.csv')
  if (!r.ok) throw new Error(JSON.stringify(r.error))
  return r.value
}
const problemsOf = (text: string): Problem[] => {
  const r = parseCaseGrid(text, y2018, 'cases.csv')
  if (r.ok) throw new Error('expected problems')
  return r.error
}

describe('reading a case grid', () => {
  it("sorts each key question's cases into yes, no and not applicable", () => {
    const g = parsed(grid(row('C01'), row('C02', { '2.1.3': 'N' }), row('O01', { '2.1.3': 'NA' })))
    expect(g.caseRefs).toEqual(['C01', 'C02', 'O01'])
    expect(g.answers['2.1.3']).toEqual({ yes: ['C01'], no: ['C02'], notApplicable: ['O01'] })
  })

  it.each<[string, string]>([
    ['CRLF line ends', grid(row('C01'), row('C02')).replace(/\n/g, '\r\n')],
    ['a byte-order mark', '\uFEFF' + grid(row('C01'), row('C02'))],
    ['quoted fields', grid(row('"C01"', {}, 'Y', '"out-of-court"'), row('C02'))],
    ['lower case and spaces', grid(row('C01', {}, ' y '), row('C02', {}, 'na'))],
    ['blank lines', grid(row('C01'), '', row('C02')) + '\n\n'],
    ['no final line end', grid(row('C01'), row('C02')).trimEnd()],
  ])('accepts %s', (_, text) => {
    expect(parsed(text).caseRefs).toEqual(['C01', 'C02'])
  })

  it('keeps doubled quotes and line breaks inside quoted cells', () => {
    expect(parseCsv('a,"say ""hi""\nthere",c\r\nd,e,f').records).toEqual([
      { row: 1, cells: ['a', 'say "hi"\nthere', 'c'] },
      { row: 2, cells: ['d', 'e', 'f'] },
    ])
  })

  it('makes a key question every case answered NA not applicable (3.4.2 in Gloucestershire)', () => {
    const r = parseInspection(fixtureJson('gloucestershire-2020.grid.inspection.json'), findFramework, {
      gridText: grid(row('C01', { '3.4.2': 'NA' }), row('O01', { '3.4.2': 'na' })),
    })
    expect(r.ok && r.value.standards['3.4']).toMatchObject({
      keyQuestions: { '3.4.1': { kind: 'counts', yes: 2, assessed: 2 }, '3.4.2': { kind: 'notApplicable' } },
    })
  })
})

describe('grid problems by row (the header is row 1) and column', () => {
  it.each<[string, string, string, RegExp]>([
    [
      'an answer that is not Y, N or NA',
      grid(row('C01'), row('C02', { '2.1.2': 'X' })),
      'cases.csv, row 3, column "2.1.2"',
      /expected Y, N or NA, found "X"/,
    ],
    [
      'an empty answer',
      grid(row('C01', { '3.3.3': '' })),
      'cases.csv, row 2, column "3.3.3"',
      /found an empty cell/,
    ],
    [
      'a case twice',
      grid(row('C01'), row('C02'), row('C01')),
      'cases.csv, row 4, column "case"',
      /C01 appears twice \(first in row 2\)/,
    ],
    ['a missing case reference', grid(row('')), 'cases.csv, row 2, column "case"', /opaque case reference/],
    [
      'a missing disposal',
      grid(row('C01', {}, 'Y', '')),
      'cases.csv, row 2, column "disposal"',
      /disposal type/,
    ],
    [
      'a short row',
      grid(row('C01').split(',').slice(0, 10).join(',')),
      'cases.csv, row 2',
      /expected 25 cells \(23 key questions\), found 10/,
    ],
    [
      'a row after blank lines keeps its number',
      grid(row('C01'), '', '', row('C02', { '2.2.1': '?' })),
      'cases.csv, row 5, column "2.2.1"',
      /found "\?"/,
    ],
    [
      'an unknown column',
      grid(row('C01')).replace('3.4.2', '3.4.3'),
      'cases.csv, row 1, column "3.4.3"',
      /not a key question of hmip-youth-2018/,
    ],
    [
      'a missing column',
      grid(row('C01')).replace(',3.4.2', ''),
      'cases.csv, row 1',
      /missing a column for key question 3\.4\.2/,
    ],
    [
      'a wrong first column',
      grid(row('C01')).replace('case,', 'child,'),
      'cases.csv, row 1, column "child"',
      /first column must be "case"/,
    ],
    ['a quote never closed', grid(row('C01'), '"C02,court'), 'cases.csv, row 3', /never closed/],
    ['a header only', HEADER + '\n', 'cases.csv', /no cases/],
    ['nothing at all', '  \n', 'cases.csv', /empty/],
  ])('%s', (_, text, where, message) => {
    expect(problemsOf(text)).toContainEqual({ where, message: expect.stringMatching(message) })
  })

  it('names every bad cell at once', () => {
    const problems = problemsOf(
      grid(row('C01', { '2.1.1': 'X', '3.1.1': 'Z' }), row('C02', { '2.4.3': 'maybe' })),
    )
    expect(problems.map((p) => p.where)).toEqual([
      'cases.csv, row 2, column "2.1.1"',
      'cases.csv, row 2, column "3.1.1"',
      'cases.csv, row 3, column "2.4.3"',
    ])
  })
})

describe('only opaque case references', () => {
  it.each(['C07', 'O03', 'YJ-1042', 'c12', 'ABC1234'])('accepts %s', (ref) => {
    expect(parsed(grid(row(ref))).caseRefs).toEqual([ref])
  })

  it.each([
    'Jane Smith',
    '2009-04-12',
    '12/04/2009',
    '12.04.2009',
    'Smith',
    'J.Smith',
    '14 Acacia Avenue',
    'JS120308',
    'C123456',
    '120308',
    'c_12',
  ])('refuses %s without repeating it', (ref) => {
    const problems = problemsOf(grid(row(ref.includes(',') ? `"${ref}"` : ref)))
    expect(problems).toEqual([
      {
        where: 'cases.csv, row 2, column "case"',
        message: expect.stringMatching(/only opaque case references such as C07 or O03 are allowed/),
      },
    ])
    expect(JSON.stringify(problems)).not.toContain(ref)
  })

  it('does not repeat a name typed into an answer cell', () => {
    const problems = problemsOf(grid(row('C01', { '2.1.1': 'Jane Smith' })))
    expect(problems).toEqual([
      { where: 'cases.csv, row 2, column "2.1.1"', message: 'expected Y, N or NA, found something else' },
    ])
  })
})

describe('bounded and never echoing', () => {
  it('refuses a grid of more than 2,000 cases whole, with one problem', () => {
    const rows = Array.from({ length: 2_001 }, (_, i) => row(`C${i}`, {}, 'X'))
    expect(problemsOf(grid(...rows))).toEqual([
      { where: 'cases.csv', message: 'the case grid has more than 2000 cases; at most 2000 are read' },
    ])
    expect(parsed(grid(...rows.slice(0, 2_000).map((r) => r.replace(/,X/g, ',Y')))).caseRefs).toHaveLength(
      2_000,
    )
  })

  it('names a header that is not plain text by its column number, without repeating it', () => {
    const text = grid(row('C01')).replace(
      /^case,disposal,2\.1\.1/,
      'root:x:0:0:root:/root:/bin/bash,disposal,J Smith 12/03/2008',
    )
    const problems = problemsOf(text)
    expect(problems.map((p) => p.where)).toEqual(
      expect.arrayContaining(['cases.csv, row 1, column 1', 'cases.csv, row 1, column 3']),
    )
    expect(JSON.stringify(problems)).not.toMatch(/root|bash|Smith|12\/03/)
  })
})
