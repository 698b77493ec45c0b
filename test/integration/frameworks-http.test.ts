// Frameworks over HTTP: a framework@2 file validates and makes a panel whose rating has areas and overall.by;
// a bad file is refused with the first 100 problems and their count.
import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../support/server.ts'

const example = (name: string): Record<string, any> =>
  JSON.parse(
    fs.readFileSync(new URL(`../../docs/examples/example-2025-shapes.${name}`, import.meta.url), 'utf8'),
  ) as Record<string, any>

let t: TestServer | null = null
afterEach(async () => {
  await t?.close()
  t = null
})

describe('framework@2 over HTTP', () => {
  it('validates the worked example and creates a panel with it, rated with areas and a judged overall', async () => {
    t = await startTestServer()
    const lead = t.organiser
    const v = await t.api(lead, 'POST', '/api/frameworks/validate', example('framework.json'))
    expect(v.status, v.text).toBe(200)
    expect(v.json.framework.format).toBe('ratings-panel/framework@2')

    const panelId = await t.createPanel(lead, {
      inspection: example('inspection.json'),
      framework: example('framework.json'),
    })
    const { json } = await t.api(lead, 'GET', `/api/panels/${panelId}`)
    expect(json.state.rating.areas.map((a: { id: string; rating: string }) => [a.id, a.rating])).toEqual([
      ['children', 'Good'],
      ['victims', 'Good'],
    ])
    expect(json.state.rating.overall).toMatchObject({ by: 'judgement', rating: 'Good' })
    expect(json.state.rating.standards.find((s: { id: string }) => s.id === 'V1')).toMatchObject({
      kind: 'mixed',
      rating: 'Good',
    })
  })

  it('lists the first 100 problems of a bad framework and says how many there were', async () => {
    t = await startTestServer()
    const bad = example('framework.json')
    bad.labels.cy.keyQuestions = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`X${i}`, 'x']))
    delete bad.title
    const r = await t.api(t.organiser, 'POST', '/api/frameworks/validate', bad)
    expect(r.status).toBe(422)
    expect(r.json.error.code).toBe('invalid-framework')
    expect(r.json.error.problems).toHaveLength(100)
    expect(r.json.error.problemCount).toBe(151)
    expect(r.json.error.problems[0]).toEqual({
      where: 'title',
      message: 'Invalid input: expected string, received undefined',
    })
  })

  it('refuses an inspection@2 whose sample is too small, naming it', async () => {
    t = await startTestServer()
    const inspection = example('inspection.json')
    inspection.samples.victims = 8
    const r = await t.api(t.organiser, 'POST', '/api/panels', {
      inspection,
      framework: example('framework.json'),
    })
    expect(r.status).toBe(422)
    expect(r.json.error).toMatchObject({
      code: 'invalid-inspection',
      problemCount: 2,
      problems: expect.arrayContaining([
        { where: 'samples.victims', message: expect.stringMatching(/needs at least 9 and at most 24/) },
      ]),
    })
  })
})
