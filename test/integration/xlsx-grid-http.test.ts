// An .xlsx case grid sent with a new panel (its bytes in base64, read on the server): the same rating as the CSV,
// and problems naming the sheet, the row and the column.
import { createRequire } from 'node:module'
import type * as XLSXTypes from '@e965/xlsx'
import { afterEach, describe, expect, it } from 'vitest'
import { parseCsv } from '../../shared/inspection/grid.ts'
import { readFixture, readFixtureJson, startTestServer, type TestServer } from '../support/server.ts'

const XLSX = (() => {
  try {
    return createRequire(import.meta.url)('@e965/xlsx') as typeof XLSXTypes
  } catch {
    return null
  }
})()
if (!XLSX && process.env.CI) throw new Error('@e965/xlsx is not installed: run npm ci')

let t: TestServer | null = null
afterEach(async () => {
  await t?.close()
  t = null
})

const rows = () => parseCsv(readFixture('gloucestershire-2020.cases.csv')).records.map((r) => r.cells)
const xlsxBase64 = (grid: string[][]) => {
  const wb = XLSX!.utils.book_new()
  XLSX!.utils.book_append_sheet(wb, XLSX!.utils.aoa_to_sheet(grid), 'Cases')
  return (XLSX!.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64')
}
const inspection = () => ({
  ...readFixtureJson<Record<string, unknown>>('gloucestershire-2020.grid.inspection.json'),
  caseGrid: 'cases.xlsx',
})

describe.skipIf(!XLSX)('an .xlsx case grid over HTTP', () => {
  it('creates a panel rated exactly as from the CSV', async () => {
    t = await startTestServer()
    const lead = t.organiser
    const fromCsv = await t.createPanel(lead, {
      inspection: readFixtureJson('gloucestershire-2020.grid.inspection.json'),
      caseGridCsv: readFixture('gloucestershire-2020.cases.csv'),
    })
    const fromXlsx = await t.createPanel(lead, { inspection: inspection(), caseGridXlsx: xlsxBase64(rows()) })
    const rating = async (id: string) => (await t!.api(lead, 'GET', `/api/panels/${id}`)).json.state.rating
    const [a, b] = [await rating(fromCsv), await rating(fromXlsx)]
    expect(b.standards).toEqual(a.standards)
    expect(b.overall).toEqual(a.overall)
  })

  it.each<[string, () => Record<string, unknown>, number, { where: string; message: RegExp }]>([
    [
      'a bad cell',
      () => {
        const g = rows()
        g[4]![g[0]!.indexOf('2.1.3')] = 'Maybe'
        return { inspection: inspection(), caseGridXlsx: xlsxBase64(g) }
      },
      422,
      {
        where: 'case grid, sheet "Cases", row 5, column "2.1.3"',
        message: /expected Y, N or NA, found "Maybe"/,
      },
    ],
    [
      'an unknown sheet',
      () => ({ inspection: { ...inspection(), caseGridSheet: 'Other' }, caseGridXlsx: xlsxBase64(rows()) }),
      422,
      { where: 'caseGridSheet', message: /no sheet "Other" \(it has "Cases"\)/ },
    ],
    [
      'bytes that are not a spreadsheet',
      () => ({ inspection: inspection(), caseGridXlsx: Buffer.from('case,disposal').toString('base64') }),
      422,
      { where: 'case grid', message: /not an \.xlsx spreadsheet/ },
    ],
  ])('refuses %s, naming where', async (_, body, status, problem) => {
    t = await startTestServer()
    const r = await t.api(t.organiser, 'POST', '/api/panels', body())
    expect(r.status, r.text).toBe(status)
    expect(r.json.error.problems).toContainEqual({
      where: problem.where,
      message: expect.stringMatching(problem.message),
    })
  })

  it('refuses a grid sent both ways, and text that is not base64', async () => {
    t = await startTestServer()
    const both = await t.api(t.organiser, 'POST', '/api/panels', {
      inspection: inspection(),
      caseGridXlsx: xlsxBase64(rows()),
      caseGridCsv: readFixture('gloucestershire-2020.cases.csv'),
    })
    expect(both.status).toBe(422)
    const notBase64 = await t.api(t.organiser, 'POST', '/api/panels', {
      inspection: inspection(),
      caseGridXlsx: '<xml>',
    })
    expect(notBase64.status).toBeGreaterThanOrEqual(400)
    expect(notBase64.status).toBeLessThan(500)
  })
})
