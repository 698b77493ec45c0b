// A service's previous inspection: panels linked by serviceId (chosen when creating the panel, or named by an
// inspection@2 file); the previous finalised inspection's ratings beside the current ones where the frameworks
// share standards, and the rest named. Real server on port 0, real SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seededRandom, syntheticInspection } from '../../server/register/synthetic.ts'
import { builtinFrameworks } from '../../shared/framework/builtin.ts'
import { readFixture, readFixtureJson, startTestServer, type TestServer } from '../support/server.ts'

const decisions = readFixtureJson<{ decisions: Record<string, { rating: string; justification: string }> }>(
  'gloucestershire-2020.decisions.json',
).decisions
const grid = {
  inspection: readFixtureJson('gloucestershire-2020.grid.inspection.json'),
  caseGridCsv: readFixture('gloucestershire-2020.cases.csv'),
}

let t: TestServer
let first = ''
beforeAll(async () => {
  t = await startTestServer()
  const lead = t.organiser
  first = await t.createPanel(lead, { ...grid, serviceId: 'glos-yos' })
  for (const [sid, d] of Object.entries(decisions)) {
    const { proposalId } = await t.accept(lead, first, {
      type: 'propose',
      standardId: sid,
      rating: d.rating,
      justification: d.justification,
    })
    await t.accept(lead, first, { type: 'decide', proposalId, outcome: 'applied', text: d.justification })
  }
  await t.accept(lead, first, { type: 'finalise' })
})
afterAll(() => t.close())

describe('a service’s previous inspection', () => {
  it('shows the previous finalised inspection’s ratings beside the current ones', async () => {
    const later = { ...(grid.inspection as object), fieldwork: '2022-10', published: '2023-01' }
    const second = await t.createPanel(t.organiser, {
      inspection: later,
      caseGridCsv: grid.caseGridCsv,
      serviceId: 'glos-yos',
    })
    const r = await t.api(t.organiser, 'GET', `/api/panels/${second}/previous`)
    expect(r.status, r.text).toBe(200)
    expect(r.json.serviceId).toBe('glos-yos')
    expect(r.json.previous).toMatchObject({
      panelId: first,
      fieldwork: '2019-10',
      published: '2020-01',
      overall: { score: 18, max: 36 },
    })
    expect(r.json.standards).toHaveLength(12)
    expect(r.json.standards.find((s: { id: string }) => s.id === '2.1')).toEqual({
      id: '2.1',
      title: 'Assessment',
      previous: 'Good',
      current: 'Requires improvement',
    })
    expect(r.json.notShared).toEqual({ current: [], previous: [] })
    // The earlier panel has no previous inspection; a panel of no named service has none either.
    expect((await t.api(t.organiser, 'GET', `/api/panels/${first}/previous`)).json.previous).toBeNull()
    const other = await t.createPanel(t.organiser)
    expect((await t.api(t.organiser, 'GET', `/api/panels/${other}/previous`)).json).toMatchObject({
      serviceId: null,
      previous: null,
    })
  })

  it('says which standards the frameworks do not share', async () => {
    const f2021 = builtinFrameworks['hmip-youth-2021']!
    const inspection = {
      ...syntheticInspection(f2021, 0, seededRandom(3)),
      fieldwork: '2024-03',
      published: '2024-06',
    }
    const third = await t.createPanel(t.organiser, { inspection, serviceId: 'glos-yos' })
    const r = (await t.api(t.organiser, 'GET', `/api/panels/${third}/previous`)).json
    expect(r.previous.panelId).toBe(first)
    expect(r.standards.map((s: { id: string }) => s.id)).toEqual([
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
    ])
    expect(r.notShared).toEqual({ current: ['3.4', '4.1'], previous: ['3.4'] })
  })

  it('refuses a serviceId that is not an identifier', async () => {
    expect((await t.api(t.organiser, 'POST', '/api/panels', { ...grid, serviceId: 'AB12 3CD' })).status).toBe(
      422,
    )
  })
})
