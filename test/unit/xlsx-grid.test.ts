// Case grids in spreadsheets: the Gloucestershire grid as an .xlsx (made here) rates exactly as the CSV; the
// first sheet or a named one is read; problems name the sheet, the row and the column.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'
import { afterAll, describe, expect, it } from 'vitest'
import type * as XLSXTypes from '@e965/xlsx'
import { runRate } from '../../server/cli/rate.ts'
import { readXlsxRows } from '../../server/grids/xlsx.ts'
import { parseCsv } from '../../shared/inspection/grid.ts'
import { readFixture } from './engine-support.ts'

// The reader is required when first needed; where it is not installed (a worktree sharing another's
// node_modules) these tests say so and skip, except in CI, where `npm ci` installs it and they must run.
const XLSX = (() => {
  try {
    return createRequire(import.meta.url)('@e965/xlsx') as typeof XLSXTypes
  } catch {
    return null
  }
})()
if (!XLSX && process.env.CI) throw new Error('@e965/xlsx is not installed: run npm ci')
if (!XLSX) console.warn('@e965/xlsx is not installed here: the .xlsx case grid tests are skipped')

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-grid-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

const csvRows = (text: string): string[][] => parseCsv(text).records.map((r) => r.cells)
/** A workbook of named sheets, each an array of rows; optionally placed from a cell other than A1. */
function workbook(sheets: [name: string, rows: unknown[][], origin?: string][]): Buffer {
  const wb = XLSX!.utils.book_new()
  for (const [name, rows, origin] of sheets)
    XLSX!.utils.book_append_sheet(
      wb,
      origin
        ? XLSX!.utils.sheet_add_aoa({} as XLSXTypes.WorkSheet, rows, { origin })
        : XLSX!.utils.aoa_to_sheet(rows),
      name,
    )
  return XLSX!.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer
}
const GRID = csvRows(readFixture('gloucestershire-2020.cases.csv'))
const inspection = (grid: string, extra: Record<string, unknown> = {}) => {
  const json = {
    ...JSON.parse(readFixture('gloucestershire-2020.grid.inspection.json')),
    caseGrid: grid,
    ...extra,
  }
  const file = path.join(
    dir,
    `${path.basename(grid)}.${Object.keys(extra).join('-') || 'plain'}.inspection.json`,
  )
  fs.writeFileSync(file, JSON.stringify(json))
  return file
}
const put = (name: string, bytes: Uint8Array | string) => {
  fs.writeFileSync(path.join(dir, name), bytes)
  return name
}
const fails = (file: string) => {
  const r = runRate([file])
  expect(r.code).toBe(2)
  return r.stderr.trimEnd().split('\n')
}

describe.skipIf(!XLSX)('an .xlsx case grid', () => {
  it('rates the Gloucestershire grid made into a spreadsheet exactly as the CSV', () => {
    fs.writeFileSync(path.join(dir, 'cases.csv'), readFixture('gloucestershire-2020.cases.csv'))
    put('glos.xlsx', workbook([['Cases', GRID]]))
    const csv = runRate([inspection('cases.csv')])
    const xlsx = runRate([inspection('glos.xlsx')])
    expect(xlsx.stderr).toBe('')
    expect(csv.code).toBe(0)
    expect(xlsx.stdout).toBe(csv.stdout)
    expect(JSON.parse(xlsx.stdout).overall).toMatchObject({
      score: 15,
      max: 36,
      rating: 'Requires improvement',
    })
  })

  it('reads a named sheet, not only the first', () => {
    put(
      'two-sheets.xlsx',
      workbook([
        ['Notes', [['Read me first']]],
        ['Cases', GRID],
      ]),
    )
    const named = runRate([inspection('two-sheets.xlsx', { caseGridSheet: 'Cases' })])
    expect(named.stderr).toBe('')
    expect(JSON.parse(named.stdout).overall.score).toBe(15)
    expect(fails(inspection('two-sheets.xlsx'))[0]).toMatch(
      /^rate: two-sheets\.xlsx, sheet "Notes", row 1, column .*: the first column must be "case"$/,
    )
  })

  it('numbers rows and columns as the sheet does: a grid placed from B3 is told to start at A1', () => {
    put('moved.xlsx', workbook([['Cases', GRID, 'B3']]))
    expect(fails(inspection('moved.xlsx'))).toEqual([
      expect.stringMatching(
        /^rate: moved\.xlsx, sheet "Cases", row 1: expected the header row here: case,disposal,2\.1\.1,/,
      ),
      'rate: moved.xlsx, sheet "Cases", row 3, column 1: the first column must be "case"',
      'rate: moved.xlsx, sheet "Cases", row 3, column "case": the second column must be "disposal"',
      expect.stringMatching(
        /^rate: moved\.xlsx, sheet "Cases", row 3, column "disposal": "disposal" is not a key question/,
      ),
    ])
  })

  it('names the sheet, the row and the column of a bad cell when the grid starts at A1', () => {
    const rows = GRID.map((r) => [...r])
    rows[4]![rows[0]!.indexOf('2.1.3')] = 'Maybe'
    rows[6]![0] = 'Jayden Smith'
    put('bad-a1.xlsx', workbook([['Cases', rows]]))
    expect(fails(inspection('bad-a1.xlsx'))).toEqual([
      'rate: bad-a1.xlsx, sheet "Cases", row 5, column "2.1.3": expected Y, N or NA, found "Maybe"',
      'rate: bad-a1.xlsx, sheet "Cases", row 7, column "case": only opaque case references such as C07 or O03 are allowed; never a name, date of birth or address',
    ])
  })

  it.each<[string, () => Record<string, unknown> | null, string | Uint8Array, RegExp]>([
    ['a CSV named .xlsx', () => null, 'case,disposal\n', /caseGrid: this is not an \.xlsx spreadsheet$/],
    [
      'an old .xls file',
      () => null,
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
      /old Excel file \(\.xls\)/,
    ],
    ['a damaged zip', () => null, new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /could not be read/],
    [
      'a sheet it does not have',
      () => ({ caseGridSheet: 'Sheet9' }),
      'GOOD',
      /caseGridSheet: the spreadsheet has no sheet "Sheet9" \(it has "Cases"\)$/,
    ],
  ])('refuses %s', (name, extra, bytes, message) => {
    const file = put(
      `${name.replace(/\W+/g, '-')}.xlsx`,
      bytes === 'GOOD' ? workbook([['Cases', GRID]]) : bytes,
    )
    expect(fails(inspection(file, extra() ?? {})).join('\n')).toMatch(message)
  })

  it('refuses a sheet named for a CSV grid', () => {
    fs.writeFileSync(path.join(dir, 'cases.csv'), readFixture('gloucestershire-2020.cases.csv'))
    expect(fails(inspection('cases.csv', { caseGridSheet: 'Cases' })).join('\n')).toMatch(
      /caseGridSheet: a sheet is named only for a case grid in an \.xlsx spreadsheet/,
    )
  })

  it('reads rows as the sheet numbers them, filling short rows and leaving blank ones out', () => {
    const r = readXlsxRows(
      workbook([
        ['S', [['case', 'disposal', '2.1.1'], ['C01', 'court'], [], [' ', ''], ['C02', 'court', 'N']], 'A2'],
      ]),
      'g.xlsx',
    )
    expect(r).toEqual({
      ok: true,
      value: {
        where: 'g.xlsx, sheet "S"',
        records: [
          { row: 2, cells: ['case', 'disposal', '2.1.1'] },
          { row: 3, cells: ['C01', 'court', ''] },
          { row: 6, cells: ['C02', 'court', 'N'] },
        ],
      },
    })
  })
})
