// Test support: a real server on port 0 with a fresh data dir, and a small typed HTTP client for it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { HeadLog, loadOrCreateKeys } from '../../server/panels/head-log.ts'
import { startServer, type RunningServer, type StartOptions } from '../../server/start.ts'

export const fixturesDir = path.resolve(import.meta.dirname, '../fixtures')
export const readFixture = (name: string): string => fs.readFileSync(path.join(fixturesDir, name), 'utf8')
export const readFixtureJson = <T = unknown>(name: string): T => JSON.parse(readFixture(name)) as T

/** A head log and key in a fresh temporary folder, for tests that build a hub without a server. */
export function scratchHeadLog(): HeadLog {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-heads-'))
  return new HeadLog(
    path.join(dir, 'heads.log'),
    loadOrCreateKeys(path.join(dir, 'head-signing.key')),
    () => new Date(),
  )
}

export interface Member {
  name: string
  cookie: string
  accountId: string
}

export interface TestServer {
  server: RunningServer
  url: string
  dataDir: string
  organiser: Member
  api(
    member: Member | null,
    method: string,
    route: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: any; text: string; headers: Headers }>
  createPanel(member: Member, body?: Record<string, unknown>): Promise<string>
  invite(lead: Member, panelId: string, role: string, name: string): Promise<Member>
  command(
    member: Member,
    panelId: string,
    command: Record<string, unknown>,
  ): Promise<{ status: number; json: any }>
  /** A command that must be accepted (200): its answer, or a failure naming the status and the server's error. */
  accept(member: Member, panelId: string, command: Record<string, unknown>): Promise<any>
  /** Stops the server; the data dir stays unless `wipe`. */
  close(wipe?: boolean): Promise<void>
}

/**
 * Uses a link as a browser does: GET shows its page (changing nothing), then the page POSTs JSON to the
 * link's own URL from our origin. `as` chooses, when signed in as someone else, whom to join as.
 */
export async function openLink(
  url: string,
  cookie?: string,
  body: { as?: 'invited' | 'signed-in'; name?: string } = {},
): Promise<{ cookie: string; location: string | null; status: number; json: any }> {
  const page = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} })
  await page.text()
  if (page.status !== 200) return { cookie: cookie ?? '', location: null, status: page.status, json: null }
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      origin: new URL(url).origin,
      'content-type': 'application/json',
      ...(cookie ? { cookie } : {}),
    },
    body: JSON.stringify(cookie && body.as === undefined ? { as: 'invited', ...body } : body),
  })
  const json = await res.json().catch(() => null)
  const set = res.headers.getSetCookie().find((c) => c.startsWith('rp_session='))
  return {
    cookie: set ? set.split(';')[0]! : (cookie ?? ''),
    location: json?.redirect ?? null,
    status: res.status,
    json,
  }
}

export async function startTestServer(
  opts: Partial<StartOptions> & { dataDir?: string } = {},
): Promise<TestServer> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'rp-test-'))
  const server = await startServer({ port: 0, quiet: true, ...opts, dataDir })
  const url = server.url
  let organiser: Member = { name: 'Organiser', cookie: '', accountId: '' }
  const api: TestServer['api'] = async (member, method, route, body, headers = {}) => {
    const res = await fetch(url + route, {
      method,
      headers: {
        origin: url,
        ...(member ? { cookie: member.cookie } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    })
    const text = await res.text()
    let json: unknown = null
    try {
      json = JSON.parse(text)
    } catch {
      /* not JSON */
    }
    return { status: res.status, json, text, headers: res.headers }
  }
  if (server.firstSignInUrl) {
    const { cookie } = await openLink(server.firstSignInUrl)
    const me = await api({ name: '', cookie, accountId: '' }, 'GET', '/api/me')
    organiser = { name: me.json.account.name, cookie, accountId: me.json.account.id }
  }
  const t: TestServer = {
    server,
    url,
    dataDir,
    organiser,
    api,
    async createPanel(member, body) {
      const r = await api(
        member,
        'POST',
        '/api/panels',
        body ?? { inspection: readFixtureJson('gloucestershire-2020.inspection.json') },
      )
      if (r.status !== 201) throw new Error(`createPanel: ${r.status} ${r.text}`)
      return r.json.panel.id as string
    },
    async invite(lead, panelId, role, name) {
      const r = await api(lead, 'POST', `/api/panels/${panelId}/invites`, { role, name })
      if (r.status !== 201) throw new Error(`invite: ${r.status} ${r.text}`)
      const { cookie } = await openLink(r.json.url)
      const me = await api({ name, cookie, accountId: '' }, 'GET', '/api/me')
      return { name, cookie, accountId: me.json.account.id }
    },
    async command(member, panelId, command) {
      const r = await api(member, 'POST', `/api/panels/${panelId}/commands`, command)
      return { status: r.status, json: r.json }
    },
    async accept(member, panelId, command) {
      const r = await api(member, 'POST', `/api/panels/${panelId}/commands`, command)
      if (r.status !== 200)
        throw new Error(`${String(command.type)} by ${member.name}: ${r.status} ${r.text}`)
      return r.json
    },
    async close(wipe = true) {
      await server.close()
      if (wipe) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
  return t
}
