// Keyboard only, in real Chromium: an inspector reaches 2.1 from the board, drafts a justification, proposes and votes
// with Tab, Shift+Tab, Enter, Space and the arrow keys alone, seeing a focus indicator at every stop; then another
// member's vote, cast elsewhere, is read out through the page's polite live region. The lead steps through the
// agenda and the boundary map the same way.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFixtureJson, startTestServer, type Member, type TestServer } from '../support/server.ts'
import { expectAccessible } from './axe.ts'
import {
  browserAvailability,
  ensureClientBuilt,
  launchBrowser,
  screenshot,
  see,
  signedInContext,
  until,
} from './support.ts'

const availability = browserAvailability()
if (!availability.ok) console.warn(availability.reason)

/** What has focus, and whether it shows it. */
interface Focused {
  tag: string
  role: string | null
  type: string | null
  name: string
  checked: boolean | null
  /** A non-transparent outline or a box-shadow, and the element looks different unfocused. */
  visible: boolean
  style: string
}

/**
 * Reads the focused element in the page: its name (aria-label, aria-labelledby, label or text) and whether focus
 * shows. A box-shadow that is there anyway (the current page's tab, say) is no indicator, so the element is
 * blurred for a moment to compare; focus then returns to it, still keyboard focus (:focus-visible).
 */
const readFocus = (page: Page): Promise<Focused | null> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null
    if (!el || el === document.body) return null
    const look = () => {
      const cs = getComputedStyle(el)
      const outline =
        cs.outlineStyle !== 'none' &&
        parseFloat(cs.outlineWidth) > 0 &&
        !/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(cs.outlineColor)
      return {
        ring: outline || (cs.boxShadow !== 'none' && cs.boxShadow !== ''),
        key: [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.boxShadow, cs.backgroundColor].join('|'),
        text: `outline: ${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}; box-shadow: ${cs.boxShadow}; background: ${cs.backgroundColor}`,
      }
    }
    const focused = look()
    el.blur()
    const rest = look()
    el.focus({ preventScroll: true })
    if (!el.matches(':focus-visible'))
      throw new Error('the focused element lost :focus-visible when re-focused')
    const labels = (el as HTMLInputElement).labels
    const labelledBy = el.getAttribute('aria-labelledby')
    const name =
      el.getAttribute('aria-label') ??
      (labelledBy ? document.getElementById(labelledBy)?.textContent : null) ??
      (labels && labels.length ? labels[0]!.textContent : null) ??
      el.textContent ??
      ''
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      type: el.getAttribute('type'),
      name: name.replace(/\s+/g, ' ').trim(),
      checked: el instanceof HTMLInputElement ? el.checked : null,
      visible: focused.ring && focused.key !== rest.key,
      style: `${focused.text} (unfocused: ${rest.text})`,
    }
  })

describe.skipIf(!availability.ok)('keyboard only in the browser', () => {
  let server: TestServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let panelId = ''
  let ann: Member
  let bob: Member
  const pageErrors: string[] = []
  /** Every stop Tab or an arrow key made, for the failure message. */
  const trail: string[] = []

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startTestServer()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await context?.close().catch(() => undefined)
    await browser?.close()
    await server?.close()
  })

  async function step(name: string, fn: () => Promise<void>) {
    try {
      await fn()
    } catch (e) {
      if (page && !page.isClosed())
        await screenshot(page, `failure-keyboard-${name}`, false).catch(() => undefined)
      ;(e as Error).message += `\nFocus trail (last 15):\n${trail.slice(-15).join('\n')}`
      throw e
    }
  }

  /** Presses a key and checks that whatever now has focus shows it. */
  async function press(key: string): Promise<Focused> {
    await page.keyboard.press(key)
    const f = await readFocus(page)
    if (!f) throw new Error(`after ${key}, nothing has focus`)
    trail.push(`${key} → <${f.tag}${f.type ? ` type=${f.type}` : ''}> “${f.name.slice(0, 60)}” (${f.style})`)
    if (!f.visible)
      throw new Error(
        `after ${key}, the focused <${f.tag}> “${f.name}” shows no focus indicator (${f.style})`,
      )
    return f
  }

  /** Tabs (or Shift+Tabs) until the focused element matches, checking the focus indicator at every stop. */
  async function tabTo(
    what: string,
    match: (f: Focused) => boolean,
    key: 'Tab' | 'Shift+Tab' = 'Tab',
    max = 150,
  ) {
    for (let i = 0; i < max; i++) {
      const f = await press(key)
      if (match(f)) return f
    }
    throw new Error(`${key} ${max} times never reached ${what}`)
  }

  it('reaches a standard, drafts, proposes and votes by keyboard; hears a remote vote', async () => {
    await step('set up', async () => {
      panelId = await server.createPanel(server.organiser, {
        title: 'Keyboard panel',
        inspection: readFixtureJson('gloucestershire-2020.inspection.json'),
      })
      ann = await server.invite(server.organiser, panelId, 'inspector', 'Ann Inspector')
      bob = await server.invite(server.organiser, panelId, 'inspector', 'Bob Inspector')
      context = await signedInContext(browser, server.url, ann.cookie)
      page = await context.newPage()
      page.on('pageerror', (e) => pageErrors.push(e.message))
      await page.goto(`${server.url}/panels/${panelId}`)
      await see(page.getByRole('heading', { level: 1, name: 'Keyboard panel' }), 'the board')
      await see(page.locator('[data-status="connected"]'), 'the live connection')
    })

    await step('skip link, then the board to 2.1', async () => {
      // From the top of the document: the first Tab stop is the skip link, shown when focused.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
      const skip = await press('Tab')
      expect(skip.name).toBe('Skip to main content')
      await tabTo('the link to 2.1', (f) => f.tag === 'a' && f.name === 'Open 2.1 Assessment')
      // One stop too far and back again, with Shift+Tab.
      await press('Tab')
      await tabTo('the link to 2.1 again', (f) => f.name === 'Open 2.1 Assessment', 'Shift+Tab', 5)
      await page.keyboard.press('Enter')
      await see(page.getByRole('heading', { level: 2, name: '2.1 Assessment' }), 'the 2.1 detail')
      // The new view's heading takes focus, so the next Tab starts inside it. A heading focused this way
      // (tabindex=-1, not a control) shows no ring, as in the GOV.UK Design System; every Tab and arrow stop does.
      expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('2.1 Assessment')
    })

    await step('choose the rating and draft the justification', async () => {
      const radio = await tabTo('the proposed rating', (f) => f.type === 'radio' && /^Good/.test(f.name))
      if (!radio.checked) await press('Space')
      expect(await page.getByRole('radio', { name: /^Good/ }).isChecked()).toBe(true)
      await tabTo(
        'the justification',
        (f) => f.tag === 'textarea' && f.name === 'Justification (drafted together)',
      )
      await page.keyboard.type('Within five per cent of the boundary; desistance work scored well.')
      expect(await page.getByLabel('Justification (drafted together)').inputValue()).toBe(
        'Within five per cent of the boundary; desistance work scored well.',
      )
    })

    await step('propose', async () => {
      await tabTo('the Propose button', (f) => f.tag === 'button' && f.name === 'Propose')
      await page.keyboard.press('Enter')
      await see(page.getByRole('heading', { level: 4, name: /Requires improvement → Good/ }), 'the proposal')
      // Focus is not lost to the page when the form that held it goes away.
      const f = await readFocus(page)
      expect(f, 'focus after proposing').not.toBeNull()
    })

    await step('vote with the arrow keys and Space', async () => {
      const first = await tabTo('the stances', (f) => f.type === 'radio' && f.name === 'Support')
      expect(first.checked).toBe(false)
      // Arrow keys move between the stances and choose as they go.
      expect((await press('ArrowRight')).name).toBe('Oppose')
      expect((await press('ArrowRight')).name).toBe('Abstain')
      expect((await press('ArrowLeft')).name).toBe('Oppose')
      expect((await press('ArrowLeft')).name).toBe('Support')
      expect(await page.getByRole('radio', { name: 'Support' }).isChecked()).toBe(true)
      await tabTo('my vote’s justification', (f) => f.tag === 'textarea' && f.name === 'Why (your own draft)')
      await page.keyboard.type('The assessment of desistance was strong.')
      await tabTo('the Cast vote button', (f) => f.tag === 'button' && f.name === 'Cast vote')
      await page.keyboard.press('Space')
      await see(page.getByText('You voted Support.'), 'my vote recorded')
      await expectAccessible(page, 'the standard after voting by keyboard')
    })

    await step('another member’s vote is announced', async () => {
      const live = page.getByTestId('announcer')
      expect(await live.getAttribute('aria-live')).toBe('polite')
      const panel = await server.api(bob, 'GET', `/api/panels/${panelId}`)
      const proposalId = (panel.json.state.proposalOrder as string[])[0]!
      const r = await server.command(bob, panelId, {
        type: 'vote',
        proposalId,
        stance: 'oppose',
        justification: 'The sample is small.',
      })
      expect(r.status).toBe(200)
      await until(
        page,
        'Bob’s vote announced in the live region',
        () =>
          document.querySelector('[data-testid="announcer"]')?.textContent ===
          'Bob Inspector voted Oppose on 2.1.',
      )
      await see(page.getByRole('row', { name: /Bob Inspector Oppose/ }), 'Bob’s vote on screen')
      await screenshot(page, 'keyboard-voted')
    })

    expect(pageErrors).toEqual([])
  })

  it('steps through the agenda and the boundary map by keyboard (the lead)', async () => {
    await step('lead set up', async () => {
      await context?.close()
      panelId = await server.createPanel(server.organiser, {
        title: 'Keyboard lead',
        inspection: readFixtureJson('gloucestershire-2020.inspection.json'),
      })
      context = await signedInContext(browser, server.url, server.organiser.cookie)
      page = await context.newPage()
      page.on('pageerror', (e) => pageErrors.push(e.message))
      await page.goto(`${server.url}/panels/${panelId}`)
      await see(page.locator('[data-status="connected"]'), 'the live connection')
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    })

    await step('the agenda: start, then next, keeping focus on it', async () => {
      await tabTo('the agenda’s start', (f) => f.tag === 'button' && f.name.startsWith('Start with 2.1'))
      await page.keyboard.press('Enter')
      await see(page.getByRole('heading', { level: 2, name: '2.1 Assessment' }), 'the lead at 2.1')
      const f = await press('Tab')
      // Focus stays in the agenda (on Next, now that Start has become it), so the next stop is one key away.
      await tabTo('Next', (x) => x.tag === 'button' && x.name.startsWith('Next: 2.3'), 'Shift+Tab', 3).catch(
        () => {
          throw new Error(`after Start, focus went to “${f.name}”, not back to the agenda`)
        },
      )
      await page.keyboard.press('Space')
      await see(page.getByRole('heading', { level: 2, name: '2.3 Implementation and delivery' }))
      expect((await readFocus(page))?.name).toMatch(/^Next: 2\.4/)
    })

    await step('the boundary map: one stop, arrow keys, Enter', async () => {
      await tabTo('the map link', (f) => f.tag === 'a' && f.name === 'Boundary map', 'Shift+Tab')
      await page.keyboard.press('Enter')
      await see(page.getByRole('heading', { level: 2, name: 'Boundary map' }), 'the map')
      await tabTo('the map’s first row', (f) => f.tag === 'a' && f.name === '1.1 Governance and leadership')
      for (let i = 0; i < 9; i++) await press('ArrowDown')
      expect((await readFocus(page))?.name).toBe('3.2 Planning')
      // The map is one Tab stop: Shift+Tab leaves it, Tab comes back to the row last visited.
      expect((await press('Shift+Tab')).name).toBe('Show the key questions')
      expect((await press('Tab')).name).toBe('3.2 Planning')
      await page.keyboard.press('Enter')
      await see(
        page.getByRole('heading', { level: 2, name: '3.2 Planning' }),
        'the standard opened from the map',
      )
      await expectAccessible(page, 'a standard opened from the boundary map by keyboard')
    })

    expect(pageErrors).toEqual([])
  })
})

if (!availability.ok)
  describe('keyboard only in the browser', () => {
    it.skip(availability.reason, () => undefined)
  })
