// CSV cells a spreadsheet cannot execute: what begins with = + - @ tab or CR is prefixed with ' and quoted
// (OWASP, CSV injection), checked by reading the CSV back with the project's own CSV reader.
import { describe, expect, it } from 'vitest'
import { csvCell } from '../../server/routes/record-csv.ts'
import { parseCsv } from '../../shared/inspection/grid.ts'

const readBack = (cells: unknown[]) => parseCsv(cells.map(csvCell).join(',') + '\r\n').records[0]!.cells

describe('csvCell', () => {
  it.each([
    '=HYPERLINK("http://evil.example","click")',
    '=1+1',
    '+1+1',
    '-1+1',
    '@SUM(A1:A9)',
    '\t=1+1',
    '\r=1+1',
    '＝1+1',
    '=cmd|"/c calc"!A1',
  ])('neutralises %j: read back, it starts with a quote and keeps the text', (text) => {
    const [cell] = readBack([text])
    expect(cell).toBe(`'${text}`)
    expect(csvCell(text)).toMatch(/^"'/)
  })

  it.each([
    ['Good', 'Good'],
    ['Requires improvement', 'Requires improvement'],
    ['18/36', '18/36'],
    ['2.1', '2.1'],
    ['say "hi", then go', '"say ""hi"", then go"'],
    ['two\nlines', '"two\nlines"'],
    ['a = b', 'a = b'],
    ['', ''],
    [null, ''],
    [3, '3'],
  ])('leaves %j as data', (value, written) => {
    expect(csvCell(value)).toBe(written)
    expect(readBack([value, 'end'])).toEqual([value === null ? '' : String(value), 'end'])
  })

  it('keeps a row of cells apart', () => {
    const row = ['2.1', '=1+1', 'Good', '@x', 'a,b']
    expect(readBack(row)).toEqual(['2.1', "'=1+1", 'Good', "'@x", 'a,b'])
  })
})
