// Panels and members made through ours' real HTTP API (sign-in link, POST /api/panels, invites opened
// with each member's own session): how ours' prepared store is built, on SQLite or on PostgreSQL.
import type { Target } from './targets.ts'
import { inspectionFixture } from './seeds.ts'

export interface PanelPlan {
  id: string
  /** Session cookies (`rp_session=…`), the lead first. */
  members: string[]
}

/** Runs `each(0..n-1)` with at most `width` at a time; results in order. */
export async function parallel<T>(n: number, each: (i: number) => Promise<T>, width = 8): Promise<T[]> {
  const out: T[] = new Array(n)
  let next = 0
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < n) {
        const i = next++
        out[i] = await each(i)
      }
    }),
  )
  return out
}

export function panelsApi(t: Target) {
  const api = async (cookie: string, method: string, route: string, body?: unknown) => {
    const res = await fetch(t.url + route, {
      method,
      headers: {
        origin: t.url,
        cookie,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (res.status >= 300) throw new Error(`${method} ${route}: ${res.status} ${text.slice(0, 300)}`)
    return JSON.parse(text) as any
  }
  /**
   * Opens a one-time link as a browser does: its page (GET, which changes nothing), then the page's POST.
   * With a session, an invitation is taken as the signed-in account. Returns the session cookie.
   */
  const open = async (url: string, cookie = '') => {
    const page = await fetch(url, { redirect: 'manual', headers: cookie ? { cookie } : {} })
    await page.text()
    if (page.status !== 200) throw new Error(`link ${url}: ${page.status}`)
    const res = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        origin: new URL(url).origin,
        'content-type': 'application/json',
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(cookie ? { as: 'signed-in' } : {}),
    })
    const text = await res.text()
    if (res.status !== 200) throw new Error(`link ${url}: ${res.status} ${text.slice(0, 300)}`)
    const set = res.headers.getSetCookie().find((c) => c.startsWith('rp_session='))
    return set ? set.split(';')[0]! : cookie
  }
  const inspection = inspectionFixture()
  const createPanel = async (organiser: string, title: string) =>
    (await api(organiser, 'POST', '/api/panels', { title, inspection })).panel.id as string
  const invite = async (organiser: string, panelId: string, name: string, cookie = '') =>
    open(
      (await api(organiser, 'POST', `/api/panels/${panelId}/invites`, { role: 'inspector', name })).url,
      cookie,
    )
  return { api, open, createPanel, invite }
}

/** The first organiser's session, from the sign-in link a fresh store prints. */
export async function signInOrganiser(t: Target): Promise<string> {
  if (!t.firstSignInUrl) throw new Error('ours printed no first sign-in link for a fresh store')
  return panelsApi(t).open(t.firstSignInUrl)
}

/**
 * `count` panels led by the organiser, each with the same `members - 1` inspectors (invited once,
 * then re-invited with their session).
 */
export async function makePanels(
  t: Target,
  organiser: string,
  count: number,
  members: number,
  width = 8,
): Promise<PanelPlan[]> {
  const { createPanel, invite } = panelsApi(t)
  const panelIds = await parallel(count, (i) => createPanel(organiser, `Bench panel ${i + 1}`), width)
  const inspectors: string[] = []
  for (let k = 0; k < members - 1; k++)
    inspectors.push(await invite(organiser, panelIds[0]!, `Inspector ${k + 1}`))
  await parallel(
    count - 1,
    async (i) => {
      for (let k = 0; k < members - 1; k++)
        await invite(organiser, panelIds[i + 1]!, `Inspector ${k + 1}`, inspectors[k])
    },
    width,
  )
  return panelIds.map((id) => ({ id, members: [organiser, ...inspectors] }))
}
