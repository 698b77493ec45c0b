// The authorisation matrix: every role (none, expired session, lead of another panel, reviewer, inspector,
// lead) against every route in docs/API.md, every command and both sync documents. Only what the role may
// do succeeds; everyone else gets the status the API names, and non-members learn nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { builtinFrameworks } from '../../shared/framework/builtin.ts'
import { readDraft } from '../../shared/ydoc/layout.ts'
import {
  openLink,
  readFixtureJson,
  startTestServer,
  type Member,
  type TestServer,
} from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

const ROLES = ['none', 'expired', 'otherLead', 'reviewer', 'inspector', 'lead'] as const
type RoleName = (typeof ROLES)[number]
/** Expected outcome per role, in ROLES order. */
type Row = [
  none: Outcome,
  expired: Outcome,
  otherLead: Outcome,
  reviewer: Outcome,
  inspector: Outcome,
  lead: Outcome,
]
type Outcome = number | string

const T0 = new Date('2026-03-02T08:00:00Z').getTime()
const HOUR = 3_600_000
let clock = T0
let t: TestServer
const as: Record<RoleName, Member | null> = {
  none: null,
  expired: null,
  otherLead: null,
  reviewer: null,
  inspector: null,
  lead: null,
}
let ivan: Member
let P: string // an open panel every member belongs to
let F: string // a finalised panel every member belongs to

/** Joins an existing account to a panel through an invite link opened with its own cookie. */
async function join(panelId: string, m: Member, role: string): Promise<void> {
  const r = await t.api(as.lead, 'POST', `/api/panels/${panelId}/invites`, { role, name: m.name })
  if (r.status !== 201) throw new Error(`invite: ${r.status} ${r.text}`)
  const { cookie, status } = await openLink(r.json.url, m.cookie, { as: 'signed-in' })
  if (status !== 200 || cookie !== m.cookie) throw new Error('joining by invite changed the session')
}

async function freshPanel(extra: Member[] = []): Promise<string> {
  const id = await t.createPanel(as.lead!)
  await join(id, as.inspector!, 'inspector')
  await join(id, as.reviewer!, 'reviewer')
  for (const m of extra) await join(id, m, 'inspector')
  return id
}

async function propose(m: Member, panelId: string, standardId = '2.1', rating = 'Good'): Promise<string> {
  const r = await t.command(m, panelId, {
    type: 'propose',
    standardId,
    rating,
    justification: 'Near the boundary, as published.',
  })
  if (r.status !== 200) throw new Error(`propose: ${r.status} ${JSON.stringify(r.json)}`)
  return r.json.proposalId as string
}

beforeAll(async () => {
  t = await startTestServer({ now: () => new Date(clock), sessionTtlHours: 12 })
  // The organiser's first session (T0) will have expired by the time the matrix runs (T0 + 13h).
  as.expired = t.organiser
  clock = T0 + 11 * HOUR
  const link = await t.api(t.organiser, 'POST', '/api/me/sign-in-link')
  as.lead = { ...t.organiser, cookie: (await openLink(link.json.url)).cookie }
  P = await t.createPanel(as.lead)
  as.inspector = await t.invite(as.lead, P, 'inspector', 'Ann Inspector')
  as.reviewer = await t.invite(as.lead, P, 'reviewer', 'Rita Reviewer')
  ivan = await t.invite(as.lead, P, 'inspector', 'Ivan Inspector')
  as.otherLead = await t.invite(as.lead, await t.createPanel(as.lead), 'lead', 'Olga Otherlead')
  F = await freshPanel()
  expect((await t.command(as.lead, F, { type: 'finalise' })).status).toBe(200)
  clock = T0 + 13 * HOUR
  expect((await t.api(as.expired, 'GET', '/api/me')).status).toBe(401)
  expect((await t.api(as.lead, 'GET', '/api/me')).status).toBe(200)
})
afterAll(() => t.close())

async function http(role: RoleName, method: string, route: string, body?: unknown): Promise<number> {
  const r = await t.api(as[role], method, route, body)
  if (route.startsWith('/api/') && r.status >= 400) {
    expect(typeof r.json?.error?.code, `${method} ${route} as ${role}`).toBe('string')
    expect(typeof r.json?.error?.message).toBe('string')
  }
  return r.status
}

const inspection = () => readFixtureJson('gloucestershire-2020.inspection.json')

// ---- routes ----
const routes: [name: string, run: (role: RoleName) => Promise<Outcome>, expected: Row][] = [
  ['GET /api/health', (r) => http(r, 'GET', '/api/health'), [200, 200, 200, 200, 200, 200]],
  [
    'GET /auth/link/:token (unknown)',
    (r) => http(r, 'GET', '/auth/link/not-a-real-token'),
    [410, 410, 410, 410, 410, 410],
  ],
  ['GET /api/me', (r) => http(r, 'GET', '/api/me'), [401, 401, 200, 200, 200, 200]],
  [
    'POST /api/me/sign-in-link',
    (r) => http(r, 'POST', '/api/me/sign-in-link'),
    [401, 401, 201, 201, 201, 201],
  ],
  ['GET /api/frameworks', (r) => http(r, 'GET', '/api/frameworks'), [401, 401, 200, 200, 200, 200]],
  [
    'GET /api/frameworks/:id',
    (r) => http(r, 'GET', '/api/frameworks/hmip-youth-2018'),
    [401, 401, 200, 200, 200, 200],
  ],
  [
    'POST /api/frameworks/validate',
    (r) => http(r, 'POST', '/api/frameworks/validate', builtinFrameworks['hmip-youth-2021']),
    [401, 401, 200, 200, 200, 200],
  ],
  [
    'POST /api/frameworks (organisers only)',
    (r) =>
      http(r, 'POST', '/api/frameworks', {
        ...builtinFrameworks['hmip-youth-2021'],
        id: 'uploaded-2021',
      }),
    [401, 401, 403, 403, 403, 201],
  ],
  [
    'GET /api/panels (lists P only to its members)',
    async (r) => {
      const res = await t.api(as[r], 'GET', '/api/panels')
      return res.status === 200
        ? res.json.panels.some((p: { id: string }) => p.id === P)
          ? 'lists P'
          : 'hides P'
        : res.status
    },
    [401, 401, 'hides P', 'lists P', 'lists P', 'lists P'],
  ],
  [
    'POST /api/panels',
    (r) => http(r, 'POST', '/api/panels', { inspection: inspection() }),
    [401, 401, 403, 403, 403, 201],
  ],
  ['GET /api/panels/:id', (r) => http(r, 'GET', `/api/panels/${P}`), [401, 401, 404, 200, 200, 200]],
  [
    'GET /api/panels/:id (no such panel)',
    (r) => http(r, 'GET', '/api/panels/p_doesnotexist'),
    [401, 401, 404, 404, 404, 404],
  ],
  [
    'POST /api/panels/:id/invites',
    (r) => http(r, 'POST', `/api/panels/${P}/invites`, { role: 'reviewer', name: 'Someone New' }),
    [401, 401, 404, 403, 403, 201],
  ],
  [
    'POST /api/panels/:id/invites (as lead)',
    (r) => http(r, 'POST', `/api/panels/${P}/invites`, { role: 'lead', name: 'Mallory' }),
    [401, 401, 404, 403, 403, 201],
  ],
  [
    'GET /api/panels/:id/record (finalised)',
    (r) => http(r, 'GET', `/api/panels/${F}/record`),
    [401, 401, 404, 200, 200, 200],
  ],
  [
    'GET /api/panels/:id/record (open)',
    (r) => http(r, 'GET', `/api/panels/${P}/record`),
    [401, 401, 404, 409, 409, 409],
  ],
  [
    'GET /api/panels/:id/record.csv',
    (r) => http(r, 'GET', `/api/panels/${F}/record.csv`),
    [401, 401, 404, 200, 200, 200],
  ],
  [
    'GET /api/panels/:id/events',
    (r) => http(r, 'GET', `/api/panels/${P}/events`),
    [401, 401, 404, 200, 200, 200],
  ],
  [
    'GET /api/panels/:id/audit.jsonl',
    (r) => http(r, 'GET', `/api/panels/${P}/audit.jsonl`),
    [401, 401, 404, 200, 200, 200],
  ],
  [
    'GET /api/panels/:id/history',
    (r) => http(r, 'GET', `/api/panels/${P}/history`),
    [401, 401, 404, 200, 200, 200],
  ],
  [
    'GET /api/panels/:id/replay',
    (r) => http(r, 'GET', `/api/panels/${P}/replay?event=1`),
    [401, 401, 404, 200, 200, 200],
  ],
  [
    'GET /api/panels/:id/verify',
    (r) => http(r, 'GET', `/api/panels/${P}/verify`),
    [401, 401, 404, 200, 200, 200],
  ],
  [
    'GET /api/panels/:id/members',
    (r) => http(r, 'GET', `/api/panels/${P}/members`),
    [401, 401, 404, 200, 200, 200],
  ],
  [
    'GET /api/panels/:id/head',
    (r) => http(r, 'GET', `/api/panels/${P}/head`),
    [401, 401, 404, 200, 200, 200],
  ],
  [
    'PATCH /api/me (the same name again)',
    (r) => http(r, 'PATCH', '/api/me', { name: as[r]?.name ?? 'Nobody' }),
    [401, 401, 200, 200, 200, 200],
  ],
  [
    'POST /api/panels/:id/members/:accountId/sign-in-link',
    (r) => http(r, 'POST', `/api/panels/${P}/members/${ivan.accountId}/sign-in-link`),
    [401, 401, 404, 403, 403, 201],
  ],
  [
    'GET /api/panels/:id/corrections',
    (r) => http(r, 'GET', `/api/panels/${P}/corrections`),
    [401, 401, 404, 200, 200, 200],
  ],
  [
    'POST /api/panels/:id/corrections (a finalised panel each)',
    async (r) => {
      const id = await freshPanel()
      await t.accept(as.lead!, id, { type: 'finalise' })
      return http(r, 'POST', `/api/panels/${id}/corrections`, {
        reason: 'A case was counted twice in error.',
      })
    },
    [401, 401, 404, 403, 403, 201],
  ],
  [
    'POST /api/panels/:id/invites/:inviteId/accept (not bound to them)',
    (r) => http(r, 'POST', `/api/panels/${P}/invites/inv_nothing/accept`),
    [401, 401, 404, 404, 404, 404],
  ],
  [
    'GET /api/discretion (quality assurance only)',
    (r) => http(r, 'GET', '/api/discretion'),
    [401, 401, 403, 403, 403, 403],
  ],
  ['GET /api/accounts', (r) => http(r, 'GET', '/api/accounts'), [401, 401, 403, 403, 403, 200]],
  [
    'GET /api/accounts/access-log',
    (r) => http(r, 'GET', '/api/accounts/access-log'),
    [401, 401, 403, 403, 403, 200],
  ],
  [
    'POST then DELETE /api/accounts/:id/qa',
    async (r) => {
      const granted = await http(r, 'POST', `/api/accounts/${ivan.accountId}/qa`)
      if (granted !== 200) return granted
      return http(r, 'DELETE', `/api/accounts/${ivan.accountId}/qa`)
    },
    [401, 401, 403, 403, 403, 200],
  ],
  [
    'POST /api/panels/:id/commands (malformed)',
    (r) => http(r, 'POST', `/api/panels/${P}/commands`, { type: 'nonsense' }),
    [401, 401, 404, 422, 422, 422],
  ],
]

// ---- commands: a fresh panel per cell ----
const send = async (role: RoleName, panelId: string, command: Record<string, unknown>) =>
  (await t.command(as[role]!, panelId, command)).status
const sendAs = (role: RoleName, panelId: string, command: Record<string, unknown>) =>
  as[role] ? send(role, panelId, command) : http(role, 'POST', `/api/panels/${panelId}/commands`, command)
const commands: [name: string, run: (role: RoleName) => Promise<Outcome>, expected: Row][] = [
  [
    'remove-member',
    async (r) => sendAs(r, await freshPanel([ivan]), { type: 'remove-member', accountId: ivan.accountId }),
    [401, 401, 404, 403, 403, 200],
  ],
  [
    'change-role',
    async (r) =>
      sendAs(r, await freshPanel([ivan]), {
        type: 'change-role',
        accountId: ivan.accountId,
        role: 'reviewer',
      }),
    [401, 401, 404, 403, 403, 200],
  ],
  [
    'propose',
    async (r) =>
      sendAs(r, await freshPanel(), {
        type: 'propose',
        standardId: '2.1',
        rating: 'Good',
        justification: 'Near the boundary.',
      }),
    [401, 401, 404, 403, 200, 200],
  ],
  [
    'vote',
    async (r) => {
      const p = await freshPanel()
      return sendAs(r, p, {
        type: 'vote',
        proposalId: await propose(as.lead!, p),
        stance: 'support',
        justification: 'Agreed, it is close.',
      })
    },
    [401, 401, 404, 403, 200, 200],
  ],
  [
    'retract (own proposal)',
    async (r) => {
      const p = await freshPanel()
      const proposer = r === 'inspector' || r === 'lead' ? as[r]! : as.lead!
      return sendAs(r, p, { type: 'retract', proposalId: await propose(proposer, p) })
    },
    [401, 401, 404, 403, 200, 200],
  ],
  [
    "retract (another inspector's proposal)",
    async (r) => {
      const p = await freshPanel([ivan])
      return sendAs(r, p, { type: 'retract', proposalId: await propose(ivan, p) })
    },
    [401, 401, 404, 403, 403, 200],
  ],
  [
    'decide',
    async (r) => {
      const p = await freshPanel()
      return sendAs(r, p, {
        type: 'decide',
        proposalId: await propose(as.inspector!, p),
        outcome: 'applied',
        text: 'Raised: within five points.',
      })
    },
    [401, 401, 404, 403, 403, 200],
  ],
  [
    'finalise',
    async (r) => sendAs(r, await freshPanel(), { type: 'finalise' }),
    [401, 401, 404, 403, 403, 200],
  ],
  [
    'any command after finalisation',
    async (r) =>
      sendAs(r, F, {
        type: 'propose',
        standardId: '2.3',
        rating: 'Good',
        justification: 'Too late for this one.',
      }),
    [401, 401, 404, 403, 409, 409],
  ],
]

// ---- sync documents ----
function upgrade(role: RoleName, doc: string): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(t.url.replace('http', 'ws') + `/sync/${P}/${doc}`, {
      headers: { origin: t.url, ...(as[role] ? { cookie: as[role].cookie } : {}) },
    })
    ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0))
    ws.on('open', () => {
      ws.close()
      resolve(101)
    })
    ws.on('error', () => resolve(-1))
  })
}

async function syncCell(role: RoleName, doc: 'record' | 'workspace', write: boolean): Promise<Outcome> {
  const status = await upgrade(role, doc)
  if (status !== 101) return status
  const c: Client = connect(t.url, as[role]!, P, doc)
  const watcher = connect(t.url, ivan, P, doc)
  try {
    await Promise.all([synced(c), synced(watcher)])
    if (!write) return 'reads'
    const mark = `${role}-${doc}-${Date.now()}`
    if (doc === 'record') c.doc.getMap('record').set('state', { forged: mark })
    else readDraft(c.doc, 'note', '1.1')!.insert(0, mark)
    const seen = () =>
      (doc === 'record'
        ? JSON.stringify(watcher.doc.getMap('record').toJSON())
        : readDraft(watcher.doc, 'note', '1.1')!.toString()
      ).includes(mark)
    await waitFor(() => c.closes.length > 0 || seen(), 'a refusal or the write arriving')
    return seen() ? 'writes' : `closed ${c.closes[0]!.code}`
  } finally {
    c.destroy()
    watcher.destroy()
  }
}

const documents: [name: string, run: (role: RoleName) => Promise<Outcome>, expected: Row][] = [
  ['record: read', (r) => syncCell(r, 'record', false), [401, 401, 404, 'reads', 'reads', 'reads']],
  [
    'record: write',
    (r) => syncCell(r, 'record', true),
    [401, 401, 404, 'closed 4403', 'closed 4403', 'closed 4403'],
  ],
  ['workspace: read', (r) => syncCell(r, 'workspace', false), [401, 401, 404, 'reads', 'reads', 'reads']],
  [
    'workspace: write',
    (r) => syncCell(r, 'workspace', true),
    [401, 401, 404, 'closed 4403', 'writes', 'writes'],
  ],
]

async function runRow(run: (role: RoleName) => Promise<Outcome>): Promise<Record<RoleName, Outcome>> {
  const out = {} as Record<RoleName, Outcome>
  for (const role of ROLES) out[role] = await run(role)
  return out
}
const asRecord = (row: Row) =>
  Object.fromEntries(ROLES.map((r, i) => [r, row[i]])) as Record<RoleName, Outcome>

describe('authorisation matrix', () => {
  describe('HTTP routes', () => {
    it.each(routes)('%s', async (_name, run, expected) => {
      expect(await runRow(run)).toEqual(asRecord(expected))
    })
  })

  describe('commands', () => {
    it.each(commands)('%s', async (_name, run, expected) => {
      expect(await runRow(run)).toEqual(asRecord(expected))
    })
  })

  describe('sync documents', () => {
    it.each(documents)('%s', async (_name, run, expected) => {
      expect(await runRow(run)).toEqual(asRecord(expected))
    })
  })

  // Last, because it ends every session it is given.
  it('POST /api/auth/sign-out: 204 for anyone; afterwards the session no longer works', async () => {
    for (const role of ROLES) {
      expect(await http(role, 'POST', '/api/auth/sign-out'), role).toBe(204)
      if (as[role]) expect(await http(role, 'GET', '/api/me'), role).toBe(401)
    }
  })
})

describe('sessions end on open sockets too', () => {
  it('signing out closes that session’s sockets with 4401; another session of the same account keeps working', async () => {
    const s = await startTestServer()
    try {
      const panelId = await s.createPanel(s.organiser)
      const link = await s.api(s.organiser, 'POST', '/api/me/sign-in-link')
      const laptop = s.organiser
      const phone = { ...s.organiser, cookie: (await openLink(link.json.url)).cookie }
      const a = connect(s.url, laptop, panelId, 'workspace')
      const b = connect(s.url, phone, panelId, 'workspace')
      await Promise.all([a, b].map(synced))
      expect((await s.api(laptop, 'POST', '/api/auth/sign-out')).status).toBe(204)
      await waitFor(() => a.closes.some((c) => c.code === 4401), 'the signed-out socket to close')
      readDraft(a.doc, 'note', '1.1')!.insert(0, 'after sign-out')
      readDraft(b.doc, 'note', '1.2')!.insert(0, 'phone still here')
      const fresh = connect(s.url, phone, panelId, 'workspace')
      await synced(fresh)
      await waitFor(
        () => readDraft(fresh.doc, 'note', '1.2')!.toString() === 'phone still here',
        'the other session’s edit',
      )
      expect(readDraft(fresh.doc, 'note', '1.1')!.toString()).toBe('')
      for (const c of [a, b, fresh]) c.destroy()
    } finally {
      await s.close()
    }
  })

  it('a socket is closed with 4401 when its session expires', async () => {
    let offset = 0
    const s = await startTestServer({ now: () => new Date(Date.now() + offset), sessionTtlHours: 1 })
    try {
      const panelId = await s.createPanel(s.organiser)
      // Jump to 300 ms before the session ends, then connect: the server must not let it outlive that.
      offset = HOUR - 300
      const c = connect(s.url, s.organiser, panelId, 'record')
      await synced(c)
      await waitFor(() => c.closes.some((e) => e.code === 4401), 'the expired socket to close')
      c.destroy()
    } finally {
      await s.close()
    }
  })
})
