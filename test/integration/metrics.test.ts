// Metrics and readiness: GET /metrics is refused without the configured bearer token, and once scraped
// (parsed by a strict Prometheus text parser) it counts what really happened on a real server: open
// panels, sockets by document, commands accepted and refused by reason, commit latencies, sync refusals.
// GET /api/ready answers 503 while another process holds the store's write lock, 200 again after.
import path from 'node:path'
import Database from 'better-sqlite3'
import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { readDraft } from '../../shared/ydoc/layout.ts'
import { parsePrometheusText, valueOf, type Family } from '../support/prom-text.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

const TOKEN = 'metrics-token-for-tests-0123456789abcdef'

let t: TestServer | null = null
const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await t?.close()
  t = null
})
const open = (...args: Parameters<typeof connect>) => {
  const c = connect(...args)
  clients.push(c)
  return c
}

async function scrape(server: TestServer, auth = `Bearer ${TOKEN}`) {
  return fetch(`${server.url}/metrics`, { headers: auth ? { authorization: auth } : {} })
}

async function metrics(server: TestServer): Promise<Map<string, Family>> {
  const res = await scrape(server)
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  return parsePrometheusText(await res.text())
}

describe('GET /metrics', () => {
  it('is refused without the token, with a wrong one, and when no token is configured', async () => {
    t = await startTestServer({ metricsToken: TOKEN })
    const none = await scrape(t, '')
    expect(none.status).toBe(401)
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/)
    expect((await none.json()).error.code).toBe('unauthenticated')
    expect((await scrape(t, `Bearer ${TOKEN}x`)).status).toBe(401)
    expect((await scrape(t, TOKEN)).status).toBe(401)
    // A signed-in organiser's cookie is no substitute for the token.
    const withCookie = await fetch(`${t.url}/metrics`, { headers: { cookie: t.organiser.cookie } })
    expect(withCookie.status).toBe(401)
    await t.close()

    t = await startTestServer()
    const off = await scrape(t)
    expect(off.status).toBe(404)
    expect((await off.json()).error.code).toBe('metrics-disabled')
  })

  it('counts panels, sockets, commands, commits and sync refusals as they happen', async () => {
    t = await startTestServer({ metricsToken: TOKEN })
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
    const rita = await t.invite(lead, panelId, 'reviewer', 'Rita Reviewer')

    const before = await metrics(t)
    const acceptedBefore = valueOf(before, 'rp_commands_accepted_total') ?? 0
    expect(valueOf(before, 'rp_panels_open')).toBe(1)

    const writers = [open(t.url, lead, panelId, 'workspace'), open(t.url, ann, panelId, 'workspace')]
    const reader = open(t.url, rita, panelId, 'record')
    await Promise.all([...writers, reader].map(synced))
    const edits = 25
    for (let i = 0; i < edits; i++) readDraft(writers[i % 2]!.doc, 'note', '2.1')!.insert(0, `${i} `)
    // Each writer sees the other's edits only once they are committed: when both see all, all are stored.
    await waitFor(
      () => writers.every((w) => readDraft(w.doc, 'note', '2.1')!.toString().split(' ').length === edits + 1),
      'every edit to reach both writers',
    )
    const during = await metrics(t)
    expect(valueOf(during, 'rp_sync_sockets', { doc: 'workspace' })).toBe(2)
    expect(valueOf(during, 'rp_sync_sockets', { doc: 'record' })).toBe(1)
    expect(valueOf(during, 'rp_commit_seconds_count', { kind: 'workspace' })).toBeGreaterThanOrEqual(edits)

    // Commands: two accepted; refused as forbidden (a reviewer), invalid-body, unauthenticated.
    const p = await t.accept(ann, panelId, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: 'Near the boundary.',
    })
    await t.accept(lead, panelId, {
      type: 'vote',
      proposalId: p.proposalId,
      stance: 'support',
      justification: 'Agreed, it is close.',
    })
    expect((await t.command(rita, panelId, { type: 'finalise' })).status).toBe(403)
    expect((await t.command(ann, panelId, { type: 'nonsense' })).status).toBe(422)
    expect((await t.command({ ...ann, cookie: '' }, panelId, { type: 'finalise' })).status).toBe(401)

    // Sync refusals: a reviewer writing the workspace (4403); a socket to a panel one is not in (404).
    const scribbler = open(t.url, rita, panelId, 'workspace')
    await synced(scribbler)
    readDraft(scribbler.doc, 'note', '3.2')!.insert(0, 'reviewer scribble')
    await waitFor(() => scribbler.closes.some((c) => c.code === 4403), 'the reviewer closed with 4403')
    scribbler.provider.disconnect()
    const stranger = new WebSocket(`${t.url.replace(/^http/, 'ws')}/sync/p_nowhere/record`, {
      headers: { cookie: ann.cookie, origin: t.url },
    })
    const status = await new Promise<number>((resolve) =>
      stranger.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)),
    )
    expect(status).toBe(404)

    const after = await metrics(t)
    expect(valueOf(after, 'rp_commands_accepted_total')).toBe(acceptedBefore + 2)
    expect(valueOf(after, 'rp_commands_refused_total', { reason: 'forbidden' })).toBe(1)
    expect(valueOf(after, 'rp_commands_refused_total', { reason: 'invalid-body' })).toBe(1)
    expect(valueOf(after, 'rp_commands_refused_total', { reason: 'unauthenticated' })).toBe(1)
    expect(valueOf(after, 'rp_commit_seconds_count', { kind: 'commands' })).toBeGreaterThanOrEqual(2)
    expect(valueOf(after, 'rp_sync_refusals_total', { code: '4403' })).toBe(1)
    expect(valueOf(after, 'rp_sync_upgrades_refused_total', { status: '404' })).toBe(1)
    expect(after.get('rp_commit_seconds')?.type).toBe('histogram')
    for (const quantile of ['0.5', '0.9', '0.99', '1'])
      expect(valueOf(after, 'rp_event_loop_delay_seconds', { quantile })).toBeGreaterThanOrEqual(0)
    expect(valueOf(after, 'rp_process_resident_memory_bytes')).toBeGreaterThan(0)
  })
})

describe('GET /api/ready', () => {
  it('is 200 while the store takes writes, 503 naming why while it cannot, and needs no session', async () => {
    t = await startTestServer()
    const ready = async () => {
      const r = await fetch(`${t!.url}/api/ready`)
      return { status: r.status, json: (await r.json()) as { ready: boolean; reason?: string } }
    }
    expect(await ready()).toEqual({ status: 200, json: { ready: true, store: 'sqlite' } })
    // Another process (a careless operator's sqlite3 shell, say) holds the write lock.
    const other = new Database(path.join(t.dataDir, 'panels.sqlite'))
    other.exec('BEGIN IMMEDIATE')
    try {
      const locked = await ready()
      expect(locked.status).toBe(503)
      expect(locked.json.ready).toBe(false)
      expect(locked.json.reason).toMatch(/cannot be written: database is locked/)
      // Liveness is unchanged: the process is alive, only not ready.
      expect((await fetch(`${t.url}/api/health`)).status).toBe(200)
    } finally {
      other.exec('ROLLBACK')
      other.close()
    }
    expect((await ready()).status).toBe(200)
  })
})
