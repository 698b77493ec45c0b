// Personal data over HTTP, against the real server: every free-text field the server keeps refuses a date of
// birth, a full date in any spelling and a postcode (422, naming where, never repeating the value); date fields
// take ISO dates only; identifiers are never free text. Nothing refused reaches the log or the audit trail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { builtinFrameworks } from '../../shared/framework/builtin.ts'
import {
  readFixture,
  readFixtureJson,
  startTestServer,
  type Member,
  type TestServer,
} from '../support/server.ts'

type Json = Record<string, any>
const inspection = () => readFixtureJson<Json>('gloucestershire-2020.inspection.json')
const gridInspection = () => readFixtureJson<Json>('gloucestershire-2020.grid.inspection.json')
const gridCsv = () => readFixture('gloucestershire-2020.cases.csv')

/** The spellings the issue tried: each is refused wherever free text is kept. */
const SPELLINGS = [
  'd.o.b. 12/03/2008',
  '12 March 2008',
  '2008/03/12',
  '12032008',
  '12-Mar-2008',
  '12 / 03 / 2008',
  '１２/０３/２００８',
  '12\u200B/03/2008',
  '12fed Mawrth 2008',
  'GL1 2AB',
]
/** What must not appear in any answer: the digits of the date, in any of its spellings, and the postcode. */
const LEAKS = ['12/03', '03/12', '2008', '12032008', 'GL1', '１２', 'Mawrth']
const expectNoLeak = (text: string) => {
  for (const l of LEAKS) expect(text, `the answer repeats "${l}"`).not.toContain(l)
}

let t: TestServer
let lead: Member
let ann: Member
let panelId: string
beforeAll(async () => {
  t = await startTestServer()
  lead = t.organiser
  panelId = await t.createPanel(lead)
  ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
})
afterAll(() => t.close())

const panelCount = async () => (await t.api(lead, 'GET', '/api/panels')).json.panels.length as number
const eventCount = async () =>
  (await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events.length as number
const audit = async () => (await t.api(lead, 'GET', `/api/panels/${panelId}/audit.jsonl`)).text

describe('creating a panel', () => {
  const cases: [string, (j: Json) => void, string][] = [
    ['service', (j) => (j.service = `Gloucestershire, ${'%'}`), 'service'],
    ['source', (j) => (j.source = `Report of ${'%'}`), 'source'],
    ['note', (j) => (j.note = `Seen with mum, ${'%'}`), 'note'],
    ['standard note', (j) => (j.standards['1.1'].note = `Child ${'%'}`), 'standards.1.1.note'],
    [
      'key-question note',
      (j) => (j.standards['2.1'].keyQuestions['2.1.1'].note = `C04 ${'%'}`),
      'standards.2.1.keyQuestions.2.1.1.note',
    ],
  ]
  for (const [field, change, where] of cases)
    it.each(SPELLINGS)(`refuses the ${field} holding %s, naming where`, async (spelling) => {
      const j = inspection()
      change(j)
      const fill = (v: Json | string): void => {
        if (typeof v !== 'object') return
        for (const [k, x] of Object.entries(v))
          if (typeof x === 'string' && x.includes('%')) v[k] = x.replace('%', spelling)
          else fill(x as Json)
      }
      fill(j)
      const before = await panelCount()
      const r = await t.api(lead, 'POST', '/api/panels', { inspection: j })
      expect(r.status, r.text).toBe(422)
      expect(r.json.error.problems.map((p: { where: string }) => p.where)).toContain(where)
      expectNoLeak(r.text)
      expect(await panelCount()).toBe(before)
    })

  it.each(SPELLINGS)('refuses a panel title holding %s', async (spelling) => {
    const r = await t.api(lead, 'POST', '/api/panels', {
      title: `Panel ${spelling}`,
      inspection: inspection(),
    })
    expect(r.status, r.text).toBe(422)
    expect(r.json.error.code).toBe('personal-data')
    expect(r.json.error.problems).toEqual([
      { where: 'title', message: expect.stringMatching(/personal data/) },
    ])
    expectNoLeak(r.text)
  })

  it.each(['fieldwork', 'published'])('%s takes only an ISO date, and any ISO date', async (field) => {
    for (const bad of ['October 2019', 'd.o.b. 12/03/2008', '12/03/2008', '2019-13', '2019-02-30', 'soon']) {
      const r = await t.api(lead, 'POST', '/api/panels', { inspection: { ...inspection(), [field]: bad } })
      expect(r.status, bad).toBe(422)
      expect(r.json.error.problems).toContainEqual({
        where: field,
        message: 'expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD',
      })
      expectNoLeak(r.text)
    }
    for (const good of ['2019', '2019-10', '2019-10-14']) {
      const r = await t.api(lead, 'POST', '/api/panels', { inspection: { ...inspection(), [field]: good } })
      expect(r.status, `${good}: ${r.text}`).toBe(201)
    }
  })

  it.each(['JS120308', 'C123456', 'Jayden Smith', '12/03/2008', 'c_12'])(
    'refuses the case reference %s in a case grid, without repeating it',
    async (ref) => {
      const csv = gridCsv().replace(/^C01,/m, `${ref},`)
      const r = await t.api(lead, 'POST', '/api/panels', { inspection: gridInspection(), caseGridCsv: csv })
      expect(r.status).toBe(422)
      expect(r.json.error.problems).toEqual([
        {
          where: 'case grid, row 2, column "case"',
          message: expect.stringMatching(/opaque case references/),
        },
      ])
      expect(r.text).not.toContain(ref)
    },
  )

  it('refuses a disposal that is not one of the framework’s types (a name), without repeating it', async () => {
    const csv = gridCsv().replace(/^C02,court,/m, 'C02,Jayden Smith,')
    const r = await t.api(lead, 'POST', '/api/panels', { inspection: gridInspection(), caseGridCsv: csv })
    expect(r.status).toBe(422)
    expect(r.json.error.problems).toEqual([
      {
        where: 'case grid, row 3, column "disposal"',
        message: 'expected a disposal type of hmip-youth-2018: court or out-of-court',
      },
    ])
    expect(r.text).not.toContain('Jayden')
  })

  it('refuses personal data in a framework file it would keep, naming where', async () => {
    const framework = structuredClone(builtinFrameworks['hmip-youth-2018']!) as Json
    framework.id = 'own-2018'
    framework.domains[1].standards[0].title = 'Assessment of the child born 12/03/2008'
    const r = await t.api(lead, 'POST', '/api/panels', {
      inspection: { ...inspection(), framework: 'own-2018' },
      framework,
    })
    expect(r.status, r.text).toBe(422)
    expect(r.json.error.problems).toEqual([
      { where: 'domains.1.standards.0.title', message: expect.stringMatching(/personal data/) },
    ])
    expectNoLeak(r.text)
    const validated = await t.api(lead, 'POST', '/api/frameworks/validate', framework)
    expect(validated.status).toBe(422)
    expectNoLeak(validated.text)
  })

  it('never repeats personal data found in a key, a label or malformed JSON', async () => {
    const j = inspection()
    j.standards['d.o.b. 12/03/2008'] = { judgement: 'Good' }
    j.standards['1.1'].judgement = 'born 12/03/2008'
    const bodies: unknown[] = [
      { inspection: j },
      { inspection: inspection(), 'Jayden 12/03/2008': 1 },
      '{"inspection": d.o.b. 12/03/2008}',
      '{"title": "x", "d.o.b. 12/03/2008"',
    ]
    for (const body of bodies) {
      const r = await t.api(lead, 'POST', '/api/panels', body)
      expect(r.status, r.text).toBeGreaterThanOrEqual(400)
      expect(r.status).toBeLessThan(500)
      expectNoLeak(r.text)
    }
  })
})

describe('invitations', () => {
  it.each(SPELLINGS)('refuses an invite name holding %s, naming where', async (spelling) => {
    const r = await t.api(lead, 'POST', `/api/panels/${panelId}/invites`, {
      role: 'inspector',
      name: `Ann ${spelling}`,
    })
    expect(r.status, r.text).toBe(422)
    expect(r.json.error.code).toBe('personal-data')
    expect(r.json.error.problems).toEqual([
      { where: 'name', message: expect.stringMatching(/personal data/) },
    ])
    expectNoLeak(r.text)
  })
})

describe('commands', () => {
  let proposalId: string
  beforeAll(async () => {
    proposalId = (
      await t.accept(ann, panelId, {
        type: 'propose',
        standardId: '2.1',
        rating: 'Good',
        justification: 'Near the boundary, as published.',
      })
    ).proposalId as string
  })

  it('names proposals itself: a client-chosen proposalId is refused', async () => {
    const before = await eventCount()
    const r = await t.command(lead, panelId, {
      type: 'propose',
      proposalId: 'pr_DOB_12-03-2008',
      standardId: '3.2',
      rating: 'Requires improvement',
      justification: 'Only five cases here.',
    })
    expect(r.status).toBe(422)
    expect(r.json.error.problems).toContainEqual({ where: 'proposalId', message: expect.any(String) })
    expectNoLeak(JSON.stringify(r.json))
    expect(await eventCount()).toBe(before)
    expect(proposalId).toMatch(/^pr_[A-Za-z0-9_-]+$/)
  })

  const texts = (spelling: string): [string, Json][] => [
    [
      'justification',
      {
        type: 'propose',
        standardId: '3.2',
        rating: 'Requires improvement',
        justification: `Seen ${spelling}.`,
      },
    ],
    [
      'justification',
      { type: 'vote', proposalId: '%', stance: 'support', justification: `Yes, ${spelling}.` },
    ],
    ['text', { type: 'decide', proposalId: '%', outcome: 'applied', text: `Footnote: ${spelling}.` }],
    ['text', { type: 'decide', proposalId: '%', outcome: 'rejected', text: `No: ${spelling}.` }],
  ]
  it.each(SPELLINGS)(
    'refuses justifications, votes, footnotes and decision texts holding %s',
    async (spelling) => {
      const before = await eventCount()
      for (const [where, command] of texts(spelling)) {
        if (command.proposalId === '%') command.proposalId = proposalId
        const r = await t.command(command.type === 'decide' ? lead : ann, panelId, command)
        expect(r.status, `${command.type}: ${JSON.stringify(r.json)}`).toBe(422)
        expect(r.json.error.code).toBe('personal-data')
        expect(r.json.error.problems).toEqual([{ where, message: expect.stringMatching(/personal data/) }])
        expectNoLeak(JSON.stringify(r.json))
      }
      expect(await eventCount()).toBe(before)
    },
  )

  it('refuses identifiers that spell a date, without repeating them', async () => {
    for (const command of [
      { type: 'vote', proposalId: 'pr_12-03-2008', stance: 'support', justification: 'Agreed.' },
      { type: 'retract', proposalId: '12032008' },
      { type: 'propose', standardId: '12.03.2008', rating: 'Good', justification: 'Near the boundary.' },
    ]) {
      const r = await t.command(ann, panelId, command)
      expect(r.status).toBeGreaterThanOrEqual(400)
      expect(r.status).toBeLessThan(500)
      expectNoLeak(JSON.stringify(r.json))
    }
  })

  it('kept nothing refused: the audit trail holds none of it', async () => {
    const text = await audit()
    expectNoLeak(text)
    expect(text).not.toContain('DOB')
  })
})
