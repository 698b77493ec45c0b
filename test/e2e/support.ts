// Browser-test support: build the client once if needed, find and launch Chromium, and small waits that read well.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core'

export const root = path.resolve(import.meta.dirname, '..', '..')
export const screenshotDir = path.join(import.meta.dirname, 'screenshots')

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

function newest(dir: string): number {
  let t = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

/** Runs `vite build` when dist/ is missing or older than the client or shared sources; no globalSetup needed. */
export function ensureClientBuilt(): void {
  const index = path.join(root, 'dist', 'index.html')
  const stale = () =>
    Math.max(newest(path.join(root, 'client')), newest(path.join(root, 'shared'))) >
    fs.statSync(index).mtimeMs
  if (fs.existsSync(index) && !stale()) return
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  )
}

export const chromiumPath = (): string => process.env.CHROMIUM_PATH || '/usr/bin/chromium'

/**
 * Whether browser tests can run. Without Chromium they are skipped with a message, unless
 * REQUIRE_BROWSER=1, when the missing browser is itself the failure.
 */
export function browserAvailability(): { ok: true } | { ok: false; reason: string } {
  const p = chromiumPath()
  if (fs.existsSync(p)) return { ok: true }
  const reason = `Chromium not found at ${p} (set CHROMIUM_PATH): browser tests skipped.`
  if (process.env.REQUIRE_BROWSER === '1')
    throw new Error(`REQUIRE_BROWSER=1 but ${reason.replace(': browser tests skipped.', '.')}`)
  return { ok: false, reason }
}

export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_FLAGS, headless: true })

/** A browser context signed in with a session cookie (`rp_session=…`) for the server at `url`. */
export async function signedInContext(
  browser: Browser,
  url: string,
  cookie: string,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport })
  const [name, value] = cookie.split('=') as [string, string]
  await context.addCookies([{ name, value, url }])
  return context
}

export const DEFAULT_WAIT = 15_000

/** Waits until the locator is visible; the failure names what was expected. */
export async function see(locator: Locator, what?: string, timeout = DEFAULT_WAIT): Promise<Locator> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout })
  } catch (e) {
    throw new Error(`expected to see ${what ?? String(locator)}: ${(e as Error).message.split('\n')[0]}`, {
      cause: e,
    })
  }
  return locator.first()
}

/** Waits until a condition on the page holds (polling in the page). */
export async function until(
  page: Page,
  what: string,
  fn: () => boolean,
  timeout = DEFAULT_WAIT,
): Promise<void> {
  try {
    await page.waitForFunction(fn, undefined, { timeout, polling: 50 })
  } catch (e) {
    throw new Error(`timed out waiting for ${what}`, { cause: e })
  }
}

/** Waits until a field's value contains every one of `parts` (polled in the page, not slept on). */
export async function valueContains(
  locator: Locator,
  parts: string[],
  timeout = DEFAULT_WAIT,
): Promise<string> {
  const handle = await (await see(locator, 'the field')).elementHandle()
  try {
    await locator
      .page()
      .waitForFunction(
        ([el, want]) => want.every((w) => (el as HTMLTextAreaElement).value.includes(w)),
        [handle, parts] as const,
        { timeout, polling: 50 },
      )
  } catch (e) {
    throw new Error(
      `expected the field to contain ${JSON.stringify(parts)}; it holds ${JSON.stringify(await locator.inputValue())}`,
      { cause: e },
    )
  }
  return locator.inputValue()
}

export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  fs.mkdirSync(screenshotDir, { recursive: true })
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '-')}.png`)
  await page.screenshot({ path: file, fullPage })
  return file
}

/** The README's walkthrough pictures: saved in docs/screenshots/ (kept in the repo), viewport only by default. */
export async function docScreenshot(page: Page, name: string, fullPage = false): Promise<string> {
  const dir = path.join(root, 'docs', 'screenshots')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.png`)
  await page.screenshot({ path: file, fullPage })
  return file
}

/**
 * The replay's steps as docs/API.md defines them, worked out independently of the client: one per panel event and
 * one per typing burst (one person's updates with no 5 s pause and no event between them).
 */
export function storySteps(h: {
  events: { event: { at: string } }[]
  workspace: [number, string, string, number][]
}): { events: number; edits: number; steps: number } {
  const items = [
    ...h.events.map((e) => ({ at: Date.parse(e.event.at), who: null as string | null, ev: 0 })),
    ...h.workspace.map(([, at, who]) => ({ at: Date.parse(at), who, ev: 1 })),
  ].sort((a, b) => a.at - b.at || a.ev - b.ev)
  const last = new Map<string, number>()
  let bursts = 0
  for (const x of items) {
    if (x.who === null) last.clear()
    else {
      const t = last.get(x.who)
      if (t === undefined || x.at - t >= 5000) bursts++
      last.set(x.who, x.at)
    }
  }
  return { events: h.events.length, edits: h.workspace.length, steps: h.events.length + bursts }
}

/** A picture of one part of a page (a region, a section) for the README's walkthrough, in docs/screenshots/. */
export async function docScreenshotOf(locator: Locator, name: string): Promise<string> {
  const dir = path.join(root, 'docs', 'screenshots')
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.png`)
  await locator.screenshot({ path: file })
  return file
}
