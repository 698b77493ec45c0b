// Across panels: the quality-assurance role (granted and withdrawn in a hash-chained account log) and the
// discretion register it reads. Real server on port 0, real SQLite file; the real Gloucestershire panel and
// a seeded set of synthetic finalised panels made through the panel rules.
import { spawn } from 'node:child_process'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedSyntheticPanels } from '../../server/register/synthetic.ts'
import type { DiscretionRow } from '../../shared/register/rows.ts'
import {
  readFixture,
  readFixtureJson,
  startTestServer,
  type Member,
  type TestServer,
} from '../support/server.ts'

const decisions = readFixtureJson<{ decisions: Record<string, { rating: string; justification: string }> }>(
  'gloucestershire-2020.decisions.json',
).decisions

let t: TestServer
let ann: Member
let quinn: Member
let glos = ''
let blind = ''
let open = ''
let synthetic: string[] = []

beforeAll(async () => {
  t = await startTestServer()
  const lead = t.organiser
  glos = await t.createPanel(lead, {
    inspection: readFixtureJson('gloucestershire-2020.grid.inspection.json'),
    caseGridCsv: readFixture('gloucestershire-2020.cases.csv'),
  })
  ann = await t.invite(lead, glos, 'inspector', 'Ann Inspector')
  for (const [sid, d] of Object.entries(decisions)) {
    const { proposalId } = await t.accept(ann, glos, {
      type: 'propose',
      standardId: sid,
      rating: d.rating,
      justification: d.justification,
    })
    await t.accept(ann, glos, { type: 'vote', proposalId, stance: 'support', justification: 'As published.' })
    await t.accept(lead, glos, { type: 'decide', proposalId, outcome: 'applied', text: d.justification })
  }
  // A rejected proposal whose reason a spreadsheet would run as a formula.
  const { proposalId } = await t.accept(ann, glos, {
    type: 'propose',
    standardId: '2.3',
    rating: 'Good',
    justification: 'Two of the cases were marginal.',
  })
  await t.accept(lead, glos, {
    type: 'decide',
    proposalId,
    outcome: 'rejected',
    text: '=SUM(1,2) is not a reason.',
  })
  await t.accept(lead, glos, { type: 'finalise' })
  // A blind panel: the sealed views are revealed, then Ann changes hers; both are in the register.
  const created = await t.api(lead, 'POST', '/api/panels', {
    inspection: readFixtureJson('gloucestershire-2020.inspection.json'),
    settings: { blindVotes: true },
  })
  blind = created.json.panel.id
  const annB = await t.invite(lead, blind, 'inspector', 'Ann Inspector')
  const b = await t.accept(annB, blind, {
    type: 'propose',
    standardId: '2.1',
    rating: 'Good',
    justification: 'Near the boundary, as published.',
  })
  await t.accept(annB, blind, {
    type: 'vote',
    proposalId: b.proposalId,
    stance: 'support',
    justification: 'Sealed: yes.',
  })
  await t.accept(lead, blind, {
    type: 'vote',
    proposalId: b.proposalId,
    stance: 'oppose',
    justification: 'Sealed: no.',
  })
  await t.accept(lead, blind, { type: 'reveal', proposalId: b.proposalId })
  await t.accept(annB, blind, {
    type: 'vote',
    proposalId: b.proposalId,
    stance: 'oppose',
    justification: 'Having heard the lead: no.',
  })
  await t.accept(lead, blind, {
    type: 'decide',
    proposalId: b.proposalId,
    outcome: 'rejected',
    text: 'The panel was not persuaded.',
  })
  await t.accept(lead, blind, { type: 'finalise' })
  // An open panel with a decision already made: never in the register.
  open = await t.createPanel(lead)
  const p = await t.accept(lead, open, {
    type: 'propose',
    standardId: '2.1',
    rating: 'Good',
    justification: 'Near the boundary, as published.',
  })
  await t.accept(lead, open, {
    type: 'decide',
    proposalId: p.proposalId,
    outcome: 'applied',
    text: decisions['2.1']!.justification,
  })
  // Quinn has an account (joined a panel once, then removed) and no role anywhere.
  const scratch = await t.createPanel(lead)
  quinn = await t.invite(lead, scratch, 'reviewer', 'Quinn Quality')
  expect((await t.api(lead, 'DELETE', `/api/panels/${scratch}/members/${quinn.accountId}`)).status).toBe(200)
  const { ctx, storage } = t.server
  synthetic = await seedSyntheticPanels(
    { hub: ctx.hub, storage, now: ctx.now },
    { count: 12, seed: 20261201, lead: (await storage.findAccount(lead.accountId))! },
  )
}, 120_000)
afterAll(() => t.close())

describe('quality assurance and the discretion register', () => {
  it('refuses everyone without the role, an organiser included; an organiser grants it, in a chained log', async () => {
    for (const m of [quinn, ann, t.organiser])
      expect((await t.api(m, 'GET', '/api/discretion')).status, m.name).toBe(403)
    expect((await t.api(null, 'GET', '/api/discretion')).status).toBe(401)
    expect((await t.api(ann, 'POST', `/api/accounts/${quinn.accountId}/qa`)).status).toBe(403)
    expect((await t.api(quinn, 'GET', `/api/panels/${glos}/record`)).status).toBe(404)
    const granted = await t.api(t.organiser, 'POST', `/api/accounts/${quinn.accountId}/qa`)
    expect(granted.status, granted.text).toBe(200)
    expect((await t.api(t.organiser, 'POST', `/api/accounts/${quinn.accountId}/qa`)).status).toBe(409)
    expect((await t.api(quinn, 'GET', '/api/me')).json.account.qa).toBe(true)
    const logged = await t.api(t.organiser, 'GET', '/api/accounts/access-log')
    expect(logged.json).toMatchObject({ ok: true, broken: null })
    expect(logged.json.events.map((e: { event: { type: string; accountId: string } }) => e.event)).toEqual([
      expect.objectContaining({ type: 'qa.granted', accountId: quinn.accountId, byName: t.organiser.name }),
    ])
    const accounts = (await t.api(t.organiser, 'GET', '/api/accounts')).json.accounts as {
      id: string
      qa: boolean
    }[]
    expect(accounts.find((a) => a.id === quinn.accountId)?.qa).toBe(true)
  })

  it('lists exactly the decisions of finalised panels; filters and CSV match the JSON', async () => {
    const r = await t.api(quinn, 'GET', '/api/discretion')
    expect(r.status, r.text).toBe(200)
    const rows = r.json.rows as DiscretionRow[]
    expect(rows.some((x) => x.panelId === open)).toBe(false)
    // What each finalised record says was decided, panel by panel.
    const expected: string[] = []
    for (const id of [glos, blind, ...synthetic]) {
      const record = (await t.api(quinn, 'GET', `/api/panels/${id}/record`)).json
      for (const p of record.proposals as { standardId: string; status: string }[])
        if (p.status === 'applied' || p.status === 'rejected')
          expected.push(`${id} ${p.standardId} ${p.status}`)
    }
    expect(rows.map((x) => `${x.panelId} ${x.standardId} ${x.outcome}`).sort()).toEqual(expected.sort())
    expect(r.json.panels).toBe(2 + synthetic.length)
    expect(r.json.synthetic).toBe(synthetic.length)
    expect(rows.filter((x) => x.synthetic).every((x) => x.service.endsWith('(synthetic)'))).toBe(true)
    const g21 = rows.find((x) => x.panelId === glos && x.standardId === '2.1')!
    expect(g21).toMatchObject({
      synthetic: false,
      frameworkId: 'hmip-youth-2018',
      published: '2020-01',
      direction: 'up',
      from: 'Requires improvement',
      to: 'Good',
      final: 'Good',
      outcome: 'applied',
      votes: { support: 1, oppose: 0, abstain: 0 },
      sealed: null,
      lead: t.organiser.name,
    })
    // Blind votes: the sealed views as revealed, beside the final ones.
    expect(rows.find((x) => x.panelId === blind)).toMatchObject({
      outcome: 'rejected',
      sealed: { support: 1, oppose: 1, abstain: 0 },
      votes: { support: 0, oppose: 2, abstain: 0 },
    })
    expect(g21.triggers).toContain('near-boundary')
    expect(g21.replay).toMatch(new RegExp(`^/panels/${glos}/replay\\?event=\\d+$`))
    // The summary counts what the rows say.
    const s21 = r.json.summary.byStandard.find((x: { standardId: string }) => x.standardId === '2.1')
    expect(s21.proposed).toBe(rows.filter((x) => x.standardId === '2.1').length)
    expect(s21.open).toBeGreaterThanOrEqual(s21.proposed)

    for (const query of [
      'standard=2.1',
      'outcome=rejected&direction=up',
      'framework=hmip-youth-2018&trigger=one-answer-flip',
      'from=2020-01&to=2020-01',
    ]) {
      const f = await t.api(quinn, 'GET', `/api/discretion?${query}`)
      expect(f.status, query).toBe(200)
      const want = rows.filter((x) => {
        const q = new URLSearchParams(query)
        return (
          (!q.get('standard') || x.standardId === q.get('standard')) &&
          (!q.get('outcome') || x.outcome === q.get('outcome')) &&
          (!q.get('direction') || x.direction === q.get('direction')) &&
          (!q.get('framework') || x.frameworkId === q.get('framework')) &&
          (!q.get('trigger') || x.triggers.includes(q.get('trigger') as 'near-boundary')) &&
          (!q.get('from') || x.date >= q.get('from')!) &&
          (!q.get('to') || x.date.slice(0, 7) <= q.get('to')!)
        )
      })
      expect(f.json.rows, query).toEqual(want)
      const csv = await t.api(quinn, 'GET', `/api/discretion?${query}&format=csv`)
      expect(csv.headers.get('content-type')).toContain('text/csv')
      const lines = csv.text.trimEnd().split('\r\n')
      expect(lines[0]!.startsWith('panel,service,synthetic,framework')).toBe(true)
      expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(want.map((x) => x.panelId))
    }
    const glosOnly = (await t.api(quinn, 'GET', '/api/discretion?from=2020-01&to=2020-01&format=csv')).text
    expect(glosOnly).toContain(`"'=SUM(1,2) is not a reason."`)
    expect((await t.api(quinn, 'GET', '/api/discretion?outcome=maybe')).status).toBe(422)
  })

  it('reads every finalised panel read-only, and no panel that is not finalised', async () => {
    for (const route of ['', '/record', '/verify', '/history', '/replay?event=3', '/corrections'])
      expect((await t.api(quinn, 'GET', `/api/panels/${glos}${route}`)).status, route).toBe(200)
    expect((await t.api(quinn, 'GET', `/api/panels/${glos}`)).json.role).toBe('reviewer')
    expect((await t.api(quinn, 'GET', `/api/panels/${open}`)).status).toBe(404)
    expect((await t.api(quinn, 'GET', `/api/panels/${open}/record`)).status).toBe(404)
    expect((await t.command(quinn, glos, { type: 'finalise' })).status).toBe(404)
    expect(
      (
        await t.api(quinn, 'POST', `/api/panels/${glos}/corrections`, {
          reason: 'Quality assurance found an error.',
        })
      ).status,
    ).toBe(404)
  })

  it('withdrawing the role ends it at once, and the log records both', async () => {
    expect((await t.api(t.organiser, 'DELETE', `/api/accounts/${quinn.accountId}/qa`)).status).toBe(200)
    expect((await t.api(t.organiser, 'DELETE', `/api/accounts/${quinn.accountId}/qa`)).status).toBe(409)
    expect((await t.api(quinn, 'GET', '/api/discretion')).status).toBe(403)
    expect((await t.api(quinn, 'GET', `/api/panels/${glos}/record`)).status).toBe(404)
    const logged = await t.api(t.organiser, 'GET', '/api/accounts/access-log')
    expect(logged.json.ok).toBe(true)
    expect(logged.json.events.map((e: { event: { type: string } }) => e.event.type)).toEqual([
      'qa.granted',
      'qa.withdrawn',
    ])
    expect(logged.json.events[1].prevHash).toBe(logged.json.events[0].hash)
    // npm run verify checks the account log's chain and its signed head too.
    const cli = await new Promise<{ code: number | null; out: string }>((resolve, reject) => {
      const child = spawn('npm', ['run', '--silent', 'verify', '--', '--data', t.dataDir], {
        cwd: path.resolve(import.meta.dirname, '../..'),
        env: { ...process.env, DATABASE_URL: '' },
      })
      let out = ''
      child.stdout.on('data', (d: Buffer) => (out += d.toString()))
      child.stderr.on('data', (d: Buffer) => (out += d.toString()))
      child.on('error', reject)
      child.on('close', (code) => resolve({ code, out }))
    })
    expect(cli.code, cli.out).toBe(0)
    expect(cli.out).toContain(`ok      account access log: 2 changes, chain head ${logged.json.head}`)
  })
})
