// Frameworks over HTTP: a framework@2 file validates and makes a panel whose rating has areas and overall.by;
// a bad file is refused with the first 100 problems and their count; organisers make frameworks available, and a
// panel pins the exact version it was created with.
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

describe('frameworks made available to panels', () => {
  it('keeps every version; a panel pins the one it was created with, and keeps it after an edit', async () => {
    t = await startTestServer()
    const lead = t.organiser
    const v1 = example('framework.json')
    const up = await t.api(lead, 'POST', '/api/frameworks', v1)
    expect(up.status, up.text).toBe(201)
    expect(up.json).toMatchObject({
      created: true,
      framework: {
        id: 'example-2025-shapes',
        source: 'uploaded',
        versions: 1,
        format: 'ratings-panel/framework@2',
      },
    })
    const hash1 = up.json.framework.hash as string
    expect(hash1).toMatch(/^[0-9a-f]{64}$/)
    // The same file again is the same version.
    const again = await t.api(lead, 'POST', '/api/frameworks', v1)
    expect(again.status).toBe(200)
    expect(again.json).toMatchObject({ created: false, framework: { hash: hash1, versions: 1 } })
    const validated = await t.api(lead, 'POST', '/api/frameworks/validate', v1)
    expect(validated.json.hash).toBe(hash1)

    // A panel from an inspection naming the uploaded framework (no framework file sent with it).
    const created = await t.api(lead, 'POST', '/api/panels', { inspection: example('inspection.json') })
    expect(created.status, created.text).toBe(201)
    expect(created.json.panel).toMatchObject({ frameworkId: 'example-2025-shapes', frameworkHash: hash1 })
    const panelId = created.json.panel.id as string

    // An edited version: other thresholds and title.
    const v2 = example('framework.json')
    v2.title = "EXAMPLE, not HMIP's framework: edited"
    v2.bands[2].minPercent = 60
    const up2 = await t.api(lead, 'POST', '/api/frameworks', v2)
    expect(up2.status).toBe(201)
    const hash2 = up2.json.framework.hash as string
    expect(hash2).not.toBe(hash1)
    expect(up2.json.framework).toMatchObject({ versions: 2, title: v2.title })

    const { json } = await t.api(lead, 'GET', `/api/panels/${panelId}`)
    expect(json.state.frameworkHash).toBe(hash1)
    expect(json.state.framework.title).toBe(v1.title)
    expect(json.state.framework.bands[2].minPercent).toBe(50)
    // Both versions stay readable by hash; the latest by id.
    expect(
      (await t.api(lead, 'GET', `/api/frameworks/example-2025-shapes?hash=${hash1}`)).json.framework.title,
    ).toBe(v1.title)
    expect((await t.api(lead, 'GET', '/api/frameworks/example-2025-shapes')).json.hash).toBe(hash2)
    // A new panel takes the latest version.
    const later = await t.api(lead, 'POST', '/api/panels', { inspection: example('inspection.json') })
    expect(later.json.panel.frameworkHash).toBe(hash2)
    const list = (await t.api(lead, 'GET', '/api/frameworks')).json.frameworks as {
      id: string
      source: string
    }[]
    expect(list.map((f) => [f.id, f.source])).toEqual([
      ['hmip-youth-2018', 'builtin'],
      ['hmip-youth-2021', 'builtin'],
      ['hmip-youth-2009', 'builtin'],
      ['hmip-youth-2016', 'builtin'],
      ['example-2025-shapes', 'uploaded'],
    ])
  })

  it('puts the pinned hash in the frozen record', async () => {
    t = await startTestServer()
    const lead = t.organiser
    const inspection = example('inspection.json')
    const created = await t.api(lead, 'POST', '/api/panels', {
      inspection,
      framework: example('framework.json'),
    })
    const panelId = created.json.panel.id as string
    await t.accept(lead, panelId, { type: 'finalise' })
    const record = await t.api(lead, 'GET', `/api/panels/${panelId}/record`)
    expect(record.json.framework).toEqual({
      id: 'example-2025-shapes',
      title: example('framework.json').title,
      provisional: true,
      hash: created.json.panel.frameworkHash,
    })
    expect(record.json.final.areas.map((a: { rating: string }) => a.rating)).toEqual(['Good', 'Good'])
  })

  it.each<[string, (t: TestServer) => Promise<{ status: number; json: any }>, number, string]>([
    [
      'an inspector',
      async (t) => {
        const panelId = await t.createPanel(t.organiser)
        const ann = await t.invite(t.organiser, panelId, 'inspector', 'Ann')
        return t.api(ann, 'POST', '/api/frameworks', example('framework.json'))
      },
      403,
      'forbidden',
    ],
    [
      'a built-in id',
      async (t) => {
        const f = example('framework.json')
        f.id = 'hmip-youth-2018'
        return t.api(t.organiser, 'POST', '/api/frameworks', f)
      },
      409,
      'builtin-framework',
    ],
    [
      'a bad file',
      async (t) => t.api(t.organiser, 'POST', '/api/frameworks', { format: 'x' }),
      422,
      'invalid-framework',
    ],
    [
      'a bad hash',
      async (t) => t.api(t.organiser, 'GET', '/api/frameworks/hmip-youth-2018?hash=xyz'),
      400,
      'bad-request',
    ],
    [
      'an unknown version',
      async (t) => t.api(t.organiser, 'GET', `/api/frameworks/hmip-youth-2018?hash=${'0'.repeat(64)}`),
      404,
      'not-found',
    ],
  ])('refuses %s', async (_, call, status, code) => {
    t = await startTestServer()
    const r = await call(t)
    expect(r.status).toBe(status)
    expect(r.json.error.code).toBe(code)
  })
})
