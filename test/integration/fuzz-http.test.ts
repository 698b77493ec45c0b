// Hostile HTTP (seeded fast-check smoke run): random and mutated bodies, headers, paths and raw bytes never
// get a 500 or a stack trace, change nothing unless the answer says so; then the limits and headers.
import net from 'node:net'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { builtinFrameworks } from '../../shared/framework/builtin.ts'
import { createLogger } from '../../server/logger.ts'
import { largeBodies, mutationArb, mutateJson } from '../support/fuzz.ts'
import {
  openLink,
  readFixture,
  readFixtureJson,
  startTestServer,
  type Member,
  type TestServer,
} from '../support/server.ts'
import { connect, synced, waitFor } from '../support/yclient.ts'
import { readDraft } from '../../shared/ydoc/layout.ts'

const SEED = Number(process.env.FUZZ_SEED ?? 20260101)
const RUNS = Number(process.env.FUZZ_RUNS ?? 150)

let t: TestServer | null = null
afterEach(async () => {
  await t?.close()
  t = null
})

const STACK = /\bat .+\.(ts|js):\d+|node_modules|\/work\/|Error: .*\n\s+at /

/** What every answer must look like, whatever was asked. */
function expectSane(r: { status: number; json: any; text: string }, path: string, method = 'POST') {
  expect(r.status, `${path}: ${r.text.slice(0, 200)}`).toBeLessThan(500)
  expect(r.text).not.toMatch(STACK)
  // HEAD answers carry no body.
  if (path.startsWith('/api/') && r.status >= 400 && method !== 'HEAD') {
    expect(typeof r.json?.error?.code, `${path} ${r.status}: ${r.text.slice(0, 200)}`).toBe('string')
    expect(typeof r.json?.error?.message).toBe('string')
  }
}

const inspection = () => readFixtureJson<Record<string, unknown>>('gloucestershire-2020.inspection.json')
const contentTypes = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
)

describe('HTTP fuzzing (smoke run)', () => {
  it(`answers ${RUNS * 3} random and mutated bodies, and hostile ones, without a 500, changing only what it says it changed (seed ${SEED})`, async () => {
    const logs: string[] = []
    t = await startTestServer({ log: createLogger({ write: (l) => logs.push(l) }) })
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
    const first = await t.command(ann, panelId, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: 'Near the boundary, as published.',
    })
    const proposalId = first.json.proposalId as string
    const eventsAtStart = (await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events
      .length as number
    const panelsAtStart = (await t.api(lead, 'GET', '/api/panels')).json.panels.length as number

    const bases: { route: string; member: Member; body: unknown }[] = [
      {
        route: `/api/panels/${panelId}/commands`,
        member: ann,
        body: { type: 'vote', proposalId, stance: 'support', justification: 'Agreed, one case flips it.' },
      },
      {
        route: `/api/panels/${panelId}/commands`,
        member: lead,
        body: {
          type: 'propose',
          standardId: '3.2',
          rating: 'Requires improvement',
          justification: 'Only five cases here.',
        },
      },
      {
        route: `/api/panels/${panelId}/commands`,
        member: lead,
        body: { type: 'decide', proposalId, outcome: 'rejected', text: 'Not this time, sorry.' },
      },
      { route: `/api/panels/${panelId}/commands`, member: ann, body: { type: 'retract', proposalId } },
      {
        route: `/api/panels/${panelId}/invites`,
        member: lead,
        body: { role: 'reviewer', name: 'Rita Reviewer' },
      },
      { route: '/api/panels', member: lead, body: { inspection: inspection() } },
      {
        route: '/api/panels',
        member: lead,
        body: {
          inspection: readFixtureJson('gloucestershire-2020.grid.inspection.json'),
          caseGridCsv: readFixture('gloucestershire-2020.cases.csv'),
        },
      },
      { route: '/api/frameworks/validate', member: ann, body: builtinFrameworks['hmip-youth-2021'] },
    ]

    let bodies = 0
    let eventsAccepted = 0
    let panelsCreated = 0
    const send = async (route: string, member: Member, body: string, type: string) => {
      bodies++
      const r = await t!.api(member, 'POST', route, body, type ? { 'content-type': type } : {})
      expectSane(r, route)
      // Bounded work per request: no answer amplifies its body (20,000 domains once answered 13.8 MB).
      expect(r.text.length, `${route}: ${r.text.slice(0, 200)}`).toBeLessThan(64 * 1024)
      if (route.endsWith('/commands') && r.status === 200) eventsAccepted += r.json.events.length
      if (route === '/api/panels' && r.status === 201) panelsCreated++
      // An invitation is a `member.invited` event.
      if (route.endsWith('/invites') && r.status === 201) eventsAccepted += 1
      return r
    }

    // Mutated valid bodies: a field removed, replaced, added, retyped, at any depth.
    await fc.assert(
      fc.asyncProperty(
        fc.nat(bases.length - 1),
        fc.array(mutationArb, { maxLength: 4 }),
        async (i, mutations) => {
          const base = bases[i]!
          await send(
            base.route,
            base.member,
            JSON.stringify(mutateJson(base.body, mutations)),
            'application/json',
          )
        },
      ),
      { seed: SEED, numRuns: RUNS * 2 },
    )
    // Random bodies and content types.
    await fc.assert(
      fc.asyncProperty(
        fc.nat(bases.length - 1),
        fc.oneof(
          fc.json({ maxDepth: 4 }),
          fc.string({ maxLength: 200 }),
          fc.constantFrom(
            '',
            '{',
            '{"a":',
            'null',
            '[]',
            '"x"',
            '\u0000',
            '{"__proto__":{"admin":true}}',
            '{"type":"vote","constructor":{"prototype":{}}}',
          ),
        ),
        contentTypes,
        async (i, body, type) => {
          await send(bases[i]!.route, bases[i]!.member, body, type)
        },
      ),
      { seed: SEED + 1, numRuns: RUNS },
    )
    // Bodies built to hurt: deep nesting, huge strings and arrays, just under and over the body cap.
    const deep = (n: number) => '['.repeat(n) + ']'.repeat(n)
    const hurtful = [
      `{"inspection":${deep(100_000)}}`,
      `{"framework":${deep(50_000)},"inspection":{}}`,
      JSON.stringify({ inspection: { ...inspection(), note: 'x'.repeat(3_000_000) } }),
      JSON.stringify({ inspection: inspection(), caseGridCsv: '"'.repeat(1_999_999) }),
      JSON.stringify({ inspection: inspection(), caseGridCsv: 'case,disposal\n'.repeat(140_000) }),
      JSON.stringify({ type: 'vote', proposalId, stance: 'support', justification: 'y'.repeat(10_001) }),
      JSON.stringify({
        ...builtinFrameworks['hmip-youth-2018'],
        domains: Array.from({ length: 20_000 }, (_, k) => ({ id: `d${k}`, title: 'x', standards: [] })),
      }),
    ]
    for (const body of hurtful)
      for (const base of bases)
        if (body.length < 5_000_000) await send(base.route, base.member, body, 'application/json')

    // Nothing changed that was not answered as a change; the chain still verifies.
    const events = (await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events.length
    expect(events).toBe(eventsAtStart + eventsAccepted)
    expect((await t.api(lead, 'GET', '/api/panels')).json.panels.length).toBe(panelsAtStart + panelsCreated)
    expect((await t.api(lead, 'GET', `/api/panels/${panelId}/verify`)).json.ok).toBe(true)
    expect(logs.filter((l) => l.includes('"level":"error"'))).toEqual([])
    console.log(
      `http fuzz: ${bodies} bodies, ${eventsAccepted} events accepted, ${panelsCreated} panels created`,
    )
  })

  it(`answers ${RUNS * 2} random paths, methods, queries and headers without a 500 or a leak`, async () => {
    t = await startTestServer()
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const segment = fc.oneof(
      fc.constantFrom(
        'api',
        'panels',
        panelId,
        'commands',
        'record',
        'record.csv',
        'events',
        'verify',
        'history',
        'replay',
        'audit.jsonl',
        'invites',
        'frameworks',
        'hmip-youth-2018',
        'constructor',
        '__proto__',
        'auth',
        'link',
        'me',
        'sync',
        'workspace',
        'assets',
        '..',
        '%2e%2e',
        '%2F',
        '%00',
        '%ZZ',
        '%',
        '..%2f..%2fpackage.json',
        'health',
      ),
      fc.string({ maxLength: 12 }).map(encodeURIComponent),
    )
    const path = fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => '/' + s.join('/'))
    const query = fc.constantFrom(
      '',
      '?event=1',
      '?event=-1',
      '?event=1e400',
      '?workspace=abc',
      '?at=2020-13-45',
      '?at=',
      '?at=9999-01-01T00:00:00Z',
      '?download',
      '?event=1&event=2',
      '?%=%',
    )
    const header = fc.record(
      {
        cookie: fc.oneof(
          fc.constant(lead.cookie),
          fc.string({ maxLength: 300 }).map((s) => `rp_session=${s}`),
          fc.constantFrom('rp_session=%E0%A4%A', 'rp_session="', '=;=;', `${lead.cookie}; ${lead.cookie}x`),
        ),
        origin: fc.constantFrom(t.url, 'http://evil.example', 'null', ''),
        'content-type': contentTypes,
        accept: fc.constantFrom('*/*', 'text/html', 'application/json'),
      },
      { requiredKeys: [] },
    )
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
        path,
        query,
        header,
        async (method, p, q, headers) => {
          const res = await fetch(t!.url + p + q, {
            method,
            headers: headers as Record<string, string>,
            body: ['GET', 'HEAD'].includes(method) ? undefined : '{}',
          })
          const text = await res.text()
          let json: any = null
          try {
            json = JSON.parse(text)
          } catch {
            /* not JSON */
          }
          expectSane({ status: res.status, json, text }, new URL(t!.url + p).pathname, method)
          // Path tricks never reach files outside the built client.
          expect(text).not.toContain('"name": "ratings-panel"')
          expect(text).not.toContain('better-sqlite3')
        },
      ),
      { seed: SEED + 2, numRuns: RUNS * 2 },
    )
    expect((await t.api(lead, 'GET', '/api/health')).status).toBe(200)
  })

  it('survives raw malformed HTTP on the socket, each refused on its own connection', async () => {
    t = await startTestServer()
    const { port } = t.server
    const raw = (bytes: string | Buffer) =>
      new Promise<string>((resolve) => {
        const s = net.connect(port, '127.0.0.1')
        let got = ''
        s.on('data', (d) => (got += d.toString('latin1')))
        s.on('error', () => resolve(got))
        s.on('close', () => resolve(got))
        s.end(bytes)
      })
    const cases = [
      'GARBAGE\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n',
      `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      'POST /api/panels HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      'POST /api/panels HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n',
      'GET /sync/x/record HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: nope\r\nSec-WebSocket-Version: 99\r\n\r\n',
      Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]),
      'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
    ]
    for (const c of cases) {
      const answer = await raw(c)
      expect(answer).not.toMatch(/HTTP\/1\.1 5\d\d/)
      expect((await t.api(null, 'GET', '/api/health')).status).toBe(200)
    }
  })
})

describe('HTTP limits and headers', () => {
  it('sends the security headers on pages, API answers and errors', async () => {
    t = await startTestServer()
    for (const [path, status] of [
      ['/', null],
      ['/api/health', 200],
      ['/api/panels', 401],
      ['/api/nope', 404],
    ] as const) {
      const res = await fetch(t.url + path)
      if (status !== null) expect(res.status).toBe(status)
      const h = res.headers
      const csp = h.get('content-security-policy') ?? ''
      for (const d of [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "connect-src 'self'",
      ])
        expect(csp, path).toContain(d)
      expect(csp).not.toContain('unsafe-eval')
      expect(h.get('x-content-type-options')).toBe('nosniff')
      expect(h.get('x-frame-options')).toMatch(/DENY|SAMEORIGIN/)
      expect(h.get('referrer-policy')).toBe('no-referrer')
      expect(h.get('cross-origin-opener-policy')).toBe('same-origin')
      expect(h.get('strict-transport-security')).toMatch(/max-age=\d+/)
      expect(h.get('permissions-policy')).toContain('camera=()')
      expect(h.get('x-powered-by')).toBeNull()
    }
  })

  it('sets the session cookie HttpOnly, SameSite=Strict, Path=/ (Secure when configured); no token survives in the URL; sign-out ends it', async () => {
    for (const secureCookies of [false, true]) {
      const s = await startTestServer({ secureCookies })
      try {
        const invite = await s.api(
          s.organiser,
          'POST',
          `/api/panels/${await s.createPanel(s.organiser)}/invites`,
          { role: 'inspector', name: 'Ann Inspector' },
        )
        // Opening the link shows a page and sets nothing; the page's same-origin POST uses it.
        const page = await fetch(invite.json.url, { redirect: 'manual' })
        expect(page.status).toBe(200)
        expect(page.headers.getSetCookie()).toEqual([])
        const res = await fetch(invite.json.url, {
          method: 'POST',
          headers: { origin: s.url, 'content-type': 'application/json' },
          body: '{}',
        })
        expect(res.status).toBe(200)
        const location = ((await res.json()) as { redirect: string }).redirect
        expect(location).toMatch(/^\/panels\/[\w-]+$/)
        expect(location).not.toContain(new URL(invite.json.url).pathname.split('/').pop())
        const cookie = res.headers.getSetCookie().find((c) => c.startsWith('rp_session='))!
        expect(cookie).toMatch(/;\s*HttpOnly/i)
        expect(cookie).toMatch(/;\s*SameSite=Strict/i)
        expect(cookie).toMatch(/;\s*Path=\//i)
        expect(/;\s*Secure/i.test(cookie)).toBe(secureCookies)
        const member = { name: 'Ann', cookie: cookie.split(';')[0]!, accountId: '' }
        expect((await s.api(member, 'GET', '/api/me')).status).toBe(200)
        const out = await s.api(member, 'POST', '/api/auth/sign-out')
        expect(out.status).toBe(204)
        expect(out.headers.getSetCookie().some((c) => /^rp_session=;.*Max-Age=0/i.test(c))).toBe(true)
        expect((await s.api(member, 'GET', '/api/me')).status).toBe(401)
        // A used link is gone.
        expect((await fetch(invite.json.url, { redirect: 'manual' })).status).toBe(410)
      } finally {
        await s.close()
      }
    }
  })

  it('limits failed sign-in links per address: the 21st in ten minutes is 429 JSON until the window passes; a good link still works', async () => {
    let clock = new Date('2026-03-02T09:00:00Z')
    t = await startTestServer({ now: () => clock })
    const panelId = await t.createPanel(t.organiser)
    const good = (
      await t.api(t.organiser, 'POST', `/api/panels/${panelId}/invites`, {
        role: 'inspector',
        name: 'Ann Inspector',
      })
    ).json.url as string
    for (let i = 0; i < 20; i++)
      expect((await fetch(`${t.url}/auth/link/guess-${i}`, { redirect: 'manual' })).status).toBe(410)
    const refused = await fetch(`${t.url}/auth/link/guess-21`, { redirect: 'manual' })
    expect(refused.status).toBe(429)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    expect((await refused.json()).error.code).toBe('too-many-attempts')
    // The limiter never refuses a valid link.
    expect((await fetch(good, { redirect: 'manual' })).status).toBe(200)
    expect((await openLink(good)).status).toBe(200)
    clock = new Date(clock.getTime() + 10 * 60_000 + 1000)
    expect((await fetch(`${t.url}/auth/link/guess-22`, { redirect: 'manual' })).status).toBe(410)
  })

  it('answers large and deep bodies with a bounded 4xx: at most 100 problems and their count, never a 500', async () => {
    const logs: string[] = []
    t = await startTestServer({ log: createLogger({ write: (l) => logs.push(l) }) })
    const lead = t.organiser
    const routes = { validate: '/api/frameworks/validate', panels: '/api/panels' }
    const bodies = largeBodies(builtinFrameworks['hmip-youth-2018']!, inspection())
    for (const { name, route, body } of bodies) {
      const r = await t.api(lead, 'POST', routes[route], body)
      expectSane(r, routes[route])
      expect(r.status, `${name}: ${r.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400)
      expect(r.text.length, name).toBeLessThan(64 * 1024)
      const { problems, problemCount } = r.json.error
      if (problems) {
        expect(problems.length, name).toBeLessThanOrEqual(100)
        expect(problemCount, name).toBeGreaterThanOrEqual(problems.length)
      }
    }
    // The 999 domains are read and validated: every problem is counted, the first 100 shown.
    const under = bodies.find((b) => b.name.startsWith('999'))!
    const r = await t.api(lead, 'POST', routes.validate, under.body)
    expect(r.status).toBe(422)
    expect(r.json.error.problems).toHaveLength(100)
    expect(r.json.error.problemCount).toBeGreaterThan(999)

    // Sixteen at once, and the server still answers its health check and the rest.
    const all = await Promise.all([
      ...Array.from({ length: 16 }, (_, k) =>
        t!.api(lead, 'POST', routes[bodies[k % 5]!.route], bodies[k % 5]!.body),
      ),
      t.api(null, 'GET', '/api/health'),
    ])
    for (const a of all) expect(a.status).toBeLessThan(500)
    expect(all[16]!.json.ok).toBe(true)
    expect(logs.filter((l) => l.includes('"level":"error"'))).toEqual([])
  })

  it('refuses bodies over 4 MB with 413 JSON', async () => {
    t = await startTestServer()
    const r = await t.api(
      t.organiser,
      'POST',
      '/api/panels',
      JSON.stringify({ inspection: { note: 'x'.repeat(5 << 20) } }),
    )
    expect(r.status).toBe(413)
    expect(r.json.error.code).toBe('too-large')
  })

  it('refuses state changes and sockets from another origin; accepts its own and ALLOWED_ORIGINS', async () => {
    t = await startTestServer({ allowedOrigins: ['https://panel.example'] })
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const routes: [string, unknown][] = [
      ['/api/panels', { inspection: inspection() }],
      [`/api/panels/${panelId}/invites`, { role: 'reviewer', name: 'Rex' }],
      [
        `/api/panels/${panelId}/commands`,
        { type: 'propose', standardId: '2.1', rating: 'Good', justification: 'Near the boundary.' },
      ],
      ['/api/frameworks/validate', builtinFrameworks['hmip-youth-2018']],
      ['/api/me/sign-in-link', {}],
      ['/api/auth/sign-out', {}],
    ]
    for (const [route, body] of routes) {
      const foreign: Record<string, string>[] = [
        { origin: 'http://evil.example' },
        { origin: 'null' },
        { origin: '', 'sec-fetch-site': 'cross-site' },
      ]
      for (const headers of foreign) {
        const r = await t.api(lead, 'POST', route, body, headers)
        expect(r.status, `${route} ${JSON.stringify(headers)}`).toBe(403)
        expect(r.json.error.code).toBe('bad-origin')
      }
    }
    expect(
      (
        await t.api(lead, 'POST', '/api/frameworks/validate', builtinFrameworks['hmip-youth-2018'], {
          origin: 'https://panel.example',
        })
      ).status,
    ).toBe(200)
    const upgrade = (origin: string | null) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(t!.url.replace('http', 'ws') + `/sync/${panelId}/workspace`, {
          headers: { cookie: lead.cookie, ...(origin === null ? {} : { origin }) },
        })
        ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0))
        ws.on('open', () => (ws.close(), resolve(101)))
        ws.on('error', () => resolve(-1))
      })
    expect(await upgrade('http://evil.example')).toBe(403)
    expect(await upgrade(null)).toBe(403)
    expect(await upgrade('https://panel.example')).toBe(101)
    expect(await upgrade(t.url)).toBe(101)
  })

  it('logs nothing sensitive: no session or link tokens, names, justifications or draft text', async () => {
    const logs: string[] = []
    t = await startTestServer({ log: createLogger({ write: (l) => logs.push(l) }) })
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const inviteUrl = (
      await t.api(lead, 'POST', `/api/panels/${panelId}/invites`, {
        role: 'inspector',
        name: 'Zelda Secretname',
      })
    ).json.url as string
    const { cookie } = await openLink(inviteUrl)
    const zelda = { name: 'Zelda Secretname', cookie, accountId: '' }
    const secret = 'JUSTIFICATION-kestrel-4471'
    const p = await t.command(zelda, panelId, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: secret,
    })
    await t.command(lead, panelId, {
      type: 'decide',
      proposalId: p.json.proposalId,
      outcome: 'applied',
      text: `${secret} footnote`,
    })
    await t.command(zelda, panelId, {
      type: 'vote',
      proposalId: 'nope',
      stance: 'support',
      justification: secret,
    })
    await fetch(`${t.url}/auth/link/${'guessed-token-value'}`)
    const w = connect(t.url, zelda, panelId, 'workspace')
    await synced(w)
    readDraft(w.doc, 'note', '2.1')!.insert(0, 'DRAFT-heron-9031')
    const watcher = connect(t.url, lead, panelId, 'workspace')
    await synced(watcher)
    await waitFor(() => readDraft(watcher.doc, 'note', '2.1')!.toString().includes('heron'), 'the draft')
    const bad = new WebSocket(t.url.replace('http', 'ws') + `/sync/${panelId}/workspace`, {
      headers: { cookie, origin: t.url },
    })
    await new Promise((r) => bad.once('open', r))
    bad.send(Buffer.from([0, 2, 0xff, 0xff]))
    await new Promise((r) => bad.once('close', r))
    w.destroy()
    watcher.destroy()
    expect(logs.length).toBeGreaterThan(3)
    const all = logs.join('\n')
    const tokens = [
      cookie.split('=')[1]!,
      lead.cookie.split('=')[1]!,
      new URL(inviteUrl).pathname.split('/').pop()!,
      'guessed-token-value',
    ]
    for (const needle of [...tokens, 'Zelda', 'Secretname', secret, 'kestrel', 'heron'])
      expect(all, needle).not.toContain(needle)
  })
})

describe('personal data at the server', () => {
  const dob = '12/03/2008'

  it('refuses an inspection whose note, key-question note or case grid holds a date of birth or a name, without repeating it', async () => {
    t = await startTestServer()
    const lead = t.organiser
    const withNote = { ...inspection(), note: `Seen with mum, d.o.b. ${dob}` }
    const kq = inspection() as {
      standards: Record<string, { keyQuestions: Record<string, Record<string, unknown>> }>
    }
    kq.standards['2.1']!.keyQuestions['2.1.1']!.note = `case C04 born on ${dob}`
    const grid = readFixture('gloucestershire-2020.cases.csv').replace(/^C01,/m, 'Jayden Smith,')
    for (const [body, where] of [
      [{ inspection: withNote }, 'note'],
      [{ inspection: kq }, 'standards.2.1.keyQuestions.2.1.1.note'],
      [
        { inspection: readFixtureJson('gloucestershire-2020.grid.inspection.json'), caseGridCsv: grid },
        'case grid, row 2, column "case"',
      ],
    ] as const) {
      const r = await t.api(lead, 'POST', '/api/panels', body)
      expect(r.status, r.text).toBe(422)
      expect(r.json.error.code).toBe('invalid-inspection')
      expect(r.json.error.problems.map((p: { where: string }) => p.where)).toContain(where)
      expect(r.text).not.toContain(dob)
      expect(r.text).not.toContain('Jayden')
    }
    expect((await t.api(lead, 'GET', '/api/panels')).json.panels).toEqual([])
  })

  it('refuses command texts that look like a date of birth: the log would keep them for good', async () => {
    t = await startTestServer()
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const before = (await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events.length
    const propose = await t.command(lead, panelId, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: `The child (DOB ${dob}) did well.`,
    })
    expect(propose.status).toBe(422)
    expect(propose.json.error.code).toBe('personal-data')
    expect(JSON.stringify(propose.json)).not.toContain(dob)
    const ok = await t.command(lead, panelId, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: 'Near the boundary: 14 of 23.',
    })
    expect(ok.status).toBe(200)
    const decide = await t.command(lead, panelId, {
      type: 'decide',
      proposalId: ok.json.proposalId,
      outcome: 'applied',
      text: `Raised; seen on ${dob}.`,
    })
    expect(decide.status).toBe(422)
    expect((await t.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events.length).toBe(before + 1)
  })
})
