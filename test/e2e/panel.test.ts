// The whole panel in real Chromium: a lead, two inspectors and a reviewer, each in their own browser context,
// review Gloucestershire (2020) from creation to the published report (18/36 Requires improvement, three footnotes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core'
import { fixturesDir, readFixtureJson, startTestServer, type TestServer } from '../support/server.ts'
import fs from 'node:fs'
import path from 'node:path'
import { cy } from '../../client/src/i18n/cy.ts'
import { expectAccessible } from './axe.ts'
import {
  browserAvailability,
  docScreenshotOf,
  ensureClientBuilt,
  launchBrowser,
  root,
  screenshot,
  see,
  signedInContext,
  storySteps,
  valueContains,
} from './support.ts'

const availability = browserAvailability()
if (!availability.ok) console.warn(availability.reason)

interface Decisions {
  decisions: Record<string, { rating: string; justification: string }>
}
const published = readFixtureJson<Decisions>('gloucestershire-2020.decisions.json').decisions

describe.skipIf(!availability.ok)('live panel in the browser', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  let lead: Page
  let inspectorA: Page
  let inspectorB: Page
  let reviewer: Page
  let panelUrl = ''
  /** Uncaught errors in any page: the run fails if there are any. */
  const pageErrors: string[] = []
  const watch = (page: Page, who: string) => {
    page.on('pageerror', (e) => pageErrors.push(`${who}: ${e.message}`))
    return page
  }

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startTestServer()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close()
    await server?.close()
  })

  /** Runs a step; on failure saves a screenshot of every page involved, then rethrows. */
  async function step(name: string, fn: () => Promise<void>) {
    try {
      await fn()
    } catch (e) {
      const pages: [string, Page | undefined][] = [
        ['lead', lead],
        ['inspector-a', inspectorA],
        ['inspector-b', inspectorB],
        ['reviewer', reviewer],
      ]
      const alerts: string[] = []
      for (const [who, page] of pages) {
        if (!page || page.isClosed()) continue
        await screenshot(page, `failure-${name}-${who}`, false).catch(() => undefined)
        for (const text of await page
          .getByRole('alert')
          .allInnerTexts()
          .catch(() => []))
          alerts.push(`${who}: ${text}`)
      }
      if (alerts.length) (e as Error).message += `\nAlerts on screen:\n${alerts.join('\n')}`
      throw e
    }
  }

  async function openAsLead(): Promise<Page> {
    const context = await signedInContext(browser, server.url, server.organiser.cookie)
    contexts.push(context)
    return watch(await context.newPage(), 'lead')
  }

  /** The lead invites someone through the UI; they open the one-time link in their own browser context. */
  /** Cuts a context's sync sockets (and refuses new ones) while `offline`, as a dropped network would. */
  const network = { offline: false, sockets: new Set<WebSocketRoute>() }
  async function cuttable(context: BrowserContext) {
    await context.routeWebSocket(/\/sync\//, (ws) => {
      if (network.offline) return void ws.close({ code: 1001, reason: 'network down (test)' })
      const server = ws.connectToServer()
      network.sockets.add(ws)
      ws.onClose(() => network.sockets.delete(ws))
      server.onClose(() => network.sockets.delete(ws))
    })
  }
  async function setNetwork(context: BrowserContext, offline: boolean) {
    network.offline = offline
    await context.setOffline(offline)
    if (offline)
      for (const ws of [...network.sockets]) await ws.close({ code: 1001, reason: 'network down (test)' })
  }

  async function invite(
    name: string,
    role: 'Inspector' | 'Reviewer',
    opts: { cuttable?: boolean } = {},
  ): Promise<Page> {
    await lead.getByLabel('Their name').fill(name)
    await lead.getByLabel('Role on this panel').selectOption({ label: role })
    const link = lead.getByLabel(/Invitation link/)
    const before = (await link.count()) ? await link.inputValue() : ''
    await lead.getByRole('button', { name: 'Create invitation link' }).click()
    const handle = await (await see(link, `an invitation link for ${name}`)).elementHandle()
    await lead.waitForFunction(
      ([el, old]) =>
        (el as HTMLInputElement).value.includes('/auth/link/') && (el as HTMLInputElement).value !== old,
      [handle, before] as const,
    )
    const url = await link.inputValue()
    const context = await browser.newContext({
      viewport: role === 'Reviewer' ? { width: 768, height: 1024 } : { width: 1280, height: 900 },
    })
    contexts.push(context)
    if (opts.cuttable) await cuttable(context)
    const page = watch(await context.newPage(), name)
    await page.goto(url)
    await page.getByRole('button', { name: 'Accept the invitation' }).click()
    await see(page.getByRole('heading', { level: 1, name: 'Gloucestershire' }), `${name} lands on the panel`)
    return page
  }

  const openStandard = async (page: Page, sid: string, title: string) => {
    const link = page.getByRole('link', { name: `Open ${sid} ${title}` })
    // At tablet width the board gives way to the open standard; go back to it first.
    if (!(await link.isVisible())) await page.getByRole('link', { name: /Back to the board/ }).click()
    await link.click()
    await see(page.getByRole('heading', { level: 2, name: `${sid} ${title}` }), `the ${sid} detail`)
  }

  /** Waits until the page's polite live region has said `text` (it holds each message for a moment). */
  const announced = async (page: Page, text: string) => {
    try {
      await page.waitForFunction(
        (want) => document.querySelector('[data-testid="announcer"]')?.textContent === want,
        text,
        { timeout: 15_000, polling: 20 },
      )
    } catch (e) {
      throw new Error(`expected the announcement ${JSON.stringify(text)}`, { cause: e })
    }
  }

  /** Each named member votes support on the open proposal of the standard they have open. */
  const voteSupport = async (page: Page, why: string) => {
    await page.getByRole('radio', { name: 'Support' }).check()
    await page.getByLabel('Why (your own draft)').fill(why)
    await page.getByRole('button', { name: 'Cast vote' }).click()
    await see(page.getByText('You voted Support.'), 'my vote recorded')
  }

  const decideApply = async (sid: string, check = false) => {
    await lead.getByRole('radio', { name: /Apply the proposal/ }).check()
    await lead.getByLabel('Footnote to publish').fill(published[sid]!.justification)
    if (check) await expectAccessible(lead, `the lead's decision form on ${sid}`)
    await lead.getByRole('button', { name: 'Record decision' }).click()
    await see(lead.getByText(/Applied by Organiser/), `${sid} applied`)
  }

  it('runs the Gloucestershire panel from creation to the published report', async () => {
    await step('signed out: the landing page and a rated file', async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      contexts.push(context)
      const visitor = watch(await context.newPage(), 'visitor')
      await visitor.goto(server.url + '/')
      await see(
        visitor.getByRole('heading', { level: 1, name: 'Rate an inspection file' }),
        'the signed-out landing page',
      )
      await expectAccessible(visitor, 'the signed-out landing page')
      await visitor.goto(server.url + '/rate')
      await visitor.getByLabel('Inspection file').setInputFiles({
        name: 'broken.inspection.json',
        mimeType: 'application/json',
        buffer: Buffer.from('{ "format": '),
      })
      await see(
        visitor.getByRole('alert').filter({ hasText: 'broken.inspection.json' }),
        'the problem with the file',
      )
      await expectAccessible(visitor, 'the rate page with a problem')
      await visitor
        .getByLabel('Inspection file')
        .setInputFiles(path.join(fixturesDir, 'gloucestershire-2020.inspection.json'))
      await see(visitor.getByRole('table'), 'the rating of the file')
      await expectAccessible(visitor, 'the rate page with a result')
      await context.close()
    })

    await step('create', async () => {
      lead = await openAsLead()
      await lead.goto(server.url + '/')
      await see(lead.getByRole('heading', { level: 1, name: 'Your panels' }))
      await expectAccessible(lead, 'the signed-in home page')
      await lead.getByLabel('Panel title').fill('Gloucestershire 2020')
      // The demo the app ships (client/public/demo) is the fixture's case-grid form, byte for byte.
      for (const name of ['gloucestershire-2020.grid.inspection.json', 'gloucestershire-2020.cases.csv'])
        expect(fs.readFileSync(path.join(root, 'client', 'public', 'demo', name), 'utf8')).toBe(
          fs.readFileSync(path.join(fixturesDir, name), 'utf8'),
        )
      await lead.getByRole('button', { name: /Or use the demo inspection/ }).click()
      await see(
        lead.getByRole('list', { name: 'Chosen files' }).getByText('gloucestershire-2020.cases.csv'),
        'the demo files chosen',
      )
      // Blind votes are offered ticked; this panel votes openly (test/e2e/blind.test.ts runs a blind one).
      await lead.getByRole('checkbox', { name: 'Blind votes' }).uncheck()
      await lead.getByRole('button', { name: 'Create panel' }).click()
      await see(lead.getByRole('heading', { level: 1, name: 'Gloucestershire 2020' }), 'the new panel')
      panelUrl = lead.url()
      expect(panelUrl).toMatch(/\/panels\/[^/]+$/)
      await see(lead.getByText('Connected'), 'the live connection')
    })

    await step('board', async () => {
      const card = (sid: string) => lead.locator(`#standard-${sid.replace('.', '\\.')}`)
      await see(
        card('2.1').getByText('▲ Could go up: near boundary (4.1 points below Good)'),
        '2.1 flagged near the boundary',
      )
      await see(
        card('3.2').getByText(/one answer flips \(one more yes on 3\.2\.3 makes it Requires improvement\)/),
        '3.2 one-answer flip',
      )
      await see(
        card('3.3').getByText(/one answer flips \(one more yes on 3\.3\.3 makes it Requires improvement\)/),
        '3.3 one-answer flip',
      )
      await see(card('2.1').getByText('lowest — sets the rating'), 'the driving question of 2.1')
      await see(lead.getByTestId('score-current').getByText('15/36'), 'the rules-based score')
      await see(lead.getByTestId('score-current').getByText('4 points short of Good'))
      await screenshot(lead, 'board')
      await expectAccessible(lead, 'the board (lead)')
    })

    await step('invite', async () => {
      inspectorA = await invite('Inspector A', 'Inspector')
      inspectorB = await invite('Inspector B', 'Inspector', { cuttable: true })
      reviewer = await invite('Reviewer R', 'Reviewer')
      await see(
        lead.getByRole('region', { name: 'Here now' }).getByText('Reviewer R'),
        'the reviewer present',
      )
    })

    await step('draft together', async () => {
      await openStandard(inspectorA, '2.1', 'Assessment')
      await openStandard(inspectorB, '2.1', 'Assessment')
      const draftA = inspectorA.getByLabel('Justification (drafted together)')
      const draftB = inspectorB.getByLabel('Justification (drafted together)')
      await draftA.click()
      await draftA.pressSequentially('Within five per cent of the boundary.')
      await see(inspectorB.getByText('Inspector A is typing…'), 'A typing, seen by B')
      await valueContains(draftB, ['Within five per cent of the boundary.'])
      await draftB.click()
      await draftB.press('End')
      await draftB.pressSequentially(' Desistance work scored well.')
      await see(inspectorA.getByText('Inspector B is typing…'), 'B typing, seen by A')
      await valueContains(draftA, ['Within five per cent of the boundary.', ' Desistance work scored well.'])
      await screenshot(inspectorB, 'standard-drafting')
      await expectAccessible(inspectorB, 'a standard with a shared draft (inspector)')
    })

    await step('offline edits are kept and sent', async () => {
      await setNetwork(inspectorB.context(), true)
      await see(inspectorB.getByText('Offline — your edits are kept and will be sent'), 'the offline status')
      await inspectorB.getByLabel('Notes on 2.1').fill('C07 and C11 were borderline.')
      await inspectorB.getByText('Reconnecting').or(inspectorB.getByText('Offline')).first().waitFor()
      expect(await inspectorA.getByLabel('Notes on 2.1').inputValue()).toBe('')
      await setNetwork(inspectorB.context(), false)
      await see(inspectorB.locator('[data-status="connected"]'), 'connected again')
      await valueContains(inspectorA.getByLabel('Notes on 2.1'), ['C07 and C11 were borderline.'])
    })

    await step('propose 2.1', async () => {
      await inspectorA.getByRole('radio', { name: /^Good/ }).check()
      await inspectorA.getByRole('button', { name: 'Propose' }).click()
      await see(
        inspectorB.getByRole('heading', { level: 4, name: /Requires improvement → Good/ }),
        'the proposal, seen by B',
      )
      await see(lead.getByText(/Proposal to Good: Open/), 'the proposal on the lead’s board')
      await see(lead.getByTestId('score-projected').getByText('16/36'), 'the projected score')
      await expectAccessible(inspectorA, 'the proposal and vote form (inspector)')
    })

    await step('vote and decide 2.1', async () => {
      await voteSupport(inspectorA, 'The assessment of desistance was strong.')
      await voteSupport(inspectorB, 'Agree: safety factors were well assessed.')
      await announced(reviewer, 'Inspector B voted Support on 2.1.')
      await openStandard(lead, '2.1', 'Assessment')
      await lead.getByRole('button', { name: 'Bring everyone here' }).click()
      // The reviewer, on the board, follows the lead to 2.1 and is told so.
      await see(reviewer.getByRole('heading', { level: 2, name: '2.1 Assessment' }), 'the reviewer at 2.1')
      await announced(reviewer, 'Following Organiser to 2.1 Assessment.')
      await see(
        reviewer.getByText('You are following Organiser: 2.1 Assessment.'),
        'whom the reviewer follows',
      )
      expect(await reviewer.evaluate(() => document.activeElement?.textContent)).toBe('2.1 Assessment')
      await expectAccessible(reviewer, 'a standard, following the lead (reviewer)')
      await voteSupport(lead, 'Agreed with the inspectors.')
      await see(lead.getByRole('row', { name: /Inspector B Support/ }), 'B’s vote on the lead’s screen')
      await screenshot(lead, 'standard')
      await expectAccessible(lead, 'the proposal with votes (lead)')
      await decideApply('2.1', true)
      await see(inspectorA.getByText(/Applied by Organiser/), 'the decision, seen by A')
    })

    for (const [sid, title] of [
      ['3.2', 'Planning'],
      ['3.3', 'Implementation and delivery'],
    ] as const) {
      await step(`panel ${sid}`, async () => {
        await openStandard(inspectorA, sid, title)
        await openStandard(reviewer, sid, title)
        await inspectorA.getByRole('radio', { name: /^Requires improvement/ }).check()
        await inspectorA
          .getByLabel('Justification (drafted together)')
          .fill('Only five cases: one answer would change the rating.')
        await inspectorA.getByRole('button', { name: 'Propose' }).click()
        await see(
          reviewer.getByRole('heading', { level: 4, name: /Inadequate → Requires improvement/ }),
          `the ${sid} proposal, seen by the reviewer`,
        )
        await voteSupport(inspectorA, 'The sample is too small to rest on.')
        await openStandard(inspectorB, sid, title)
        await voteSupport(inspectorB, 'One case would flip it.')
        await openStandard(lead, sid, title)
        await decideApply(sid)
      })
    }

    await step('reviewer is read-only', async () => {
      const here = reviewer.getByRole('region', { name: 'Here now' })
      await see(
        here.getByRole('listitem').filter({ hasText: 'Inspector A' }).filter({ hasText: 'viewing 3.3' }),
        'where A is, seen by the reviewer',
      )
      await see(reviewer.getByText(/You are a reviewer/), 'the reviewer notice')
      await see(reviewer.getByRole('row', { name: /Inspector B Support/ }), 'votes visible to the reviewer')
      expect(await reviewer.getByRole('radio', { name: 'Support' }).count()).toBe(0)
      expect(await reviewer.getByRole('button', { name: 'Cast vote' }).count()).toBe(0)
      expect(await reviewer.getByRole('button', { name: 'Propose' }).count()).toBe(0)
      expect(await reviewer.getByRole('button', { name: 'Record decision' }).count()).toBe(0)
      expect(await reviewer.getByLabel('Notes on 3.3').getAttribute('readonly')).not.toBeNull()
      await see(
        reviewer
          .getByRole('region', { name: 'Activity' })
          .getByText('Organiser applied the proposal on 3.3.'),
        'the activity log',
      )
      await screenshot(reviewer, 'reviewer-tablet')
      await expectAccessible(reviewer, 'a standard, read-only (reviewer, tablet width)')
    })

    await step('finalise', async () => {
      await lead.goto(panelUrl)
      await see(lead.getByTestId('score-current').getByText('18/36'), 'the score with decisions')
      await see(lead.getByTestId('score-current').getByText('1 point short of Good'))
      await lead.getByRole('button', { name: 'Finalise the panel' }).click()
      const dialog = lead.getByRole('dialog', { name: 'Finalise the panel?' })
      await see(dialog.getByText(/cannot be undone/), 'the warning')
      await expectAccessible(lead, 'the finalise dialog')
      await lead.keyboard.press('Escape')
      await dialog.waitFor({ state: 'hidden' })
      await lead.getByRole('button', { name: 'Finalise the panel' }).click()
      await dialog.getByRole('button', { name: /Finalise — this cannot be undone/ }).click()
      await see(lead.getByText(/The record is frozen/), 'the finalised banner')
      // The outcome where people look: 2.1 is Good on the board, the rules-based rating beside it.
      const c21 = lead.locator('#standard-2\\.1')
      await see(
        c21.getByTestId('outcome-current').getByText('Good', { exact: true }),
        '2.1 Good on the board',
      )
      await see(c21.getByTestId('outcome-rules').getByText('Requires improvement'), 'rules-based beside it')
      await see(inspectorA.getByText(/The record is frozen/), 'finalised, seen by A')
      expect(await inspectorA.getByRole('button', { name: 'Propose' }).count()).toBe(0)
    })

    await step('report', async () => {
      await lead.getByRole('link', { name: 'Report' }).first().click()
      const table = lead.getByRole('table', { name: 'Ratings by domain and standard' })
      await see(
        table.getByRole('row', { name: /Overall rating.*18\/36.*Requires improvement/ }),
        'the overall rating',
      )
      await see(table.getByRole('row', { name: /2\.1 Assessment Good/ }))
      await see(
        table.getByTestId('report-rating-2.1').getByTestId('outcome-rules').getByText('Requires improvement'),
        'the rules-based rating beside 2.1 in the report',
      )
      expect(await lead.getByRole('region', { name: 'Footnotes' }).getByRole('listitem').count()).toBe(3)
      await see(lead.getByRole('link', { name: /Frozen record \(JSON\)/ }))
      await see(lead.getByRole('link', { name: /Final ratings \(CSV\)/ }))
      await screenshot(lead, 'report')
      await expectAccessible(lead, 'the report')
      const record = await lead.evaluate(
        async (url) => (await fetch(url + '/record')).json(),
        panelUrl.replace('/panels/', '/api/panels/'),
      )
      expect(record.final.overall).toMatchObject({ score: 18, max: 36, rating: 'Requires improvement' })
      expect(record.footnotes).toHaveLength(3)
    })

    await step('replay reads like a story', async () => {
      // 2.1 is Good, rules-based Requires improvement, in the detail and in replay at the end too.
      await reviewer.goto(panelUrl + '/standards/2.1')
      const detail = reviewer.locator('.standard-detail')
      await see(
        detail.getByTestId('outcome-current').getByText('Good', { exact: true }),
        '2.1 Good in the detail',
      )
      await see(detail.getByTestId('outcome-rules').getByText('Requires improvement'))
      await reviewer.goto(panelUrl + '/replay')
      const slider = reviewer.getByRole('slider', { name: 'Position in the history' })
      await see(slider, 'the replay')
      const end21 = reviewer.getByTestId('replay-rating-2.1')
      await see(
        end21.getByTestId('outcome-current').getByText('Good', { exact: true }),
        '2.1 Good at the end',
      )
      await see(end21.getByTestId('outcome-rules').getByText('Requires improvement'))
      const history = await reviewer.evaluate(
        async (url) => (await fetch(url)).json(),
        panelUrl.replace('/panels/', '/api/panels/') + '/history',
      )
      const { events, edits, steps } = storySteps(history)
      // Every keystroke was an update; the replay steps once per event and once per burst of typing.
      expect(Number(await slider.getAttribute('max')) + 1).toBe(steps)
      expect(steps).toBeLessThan(events + edits)
      const timeline = reviewer.getByRole('region', { name: 'What happened' })
      await timeline.getByLabel('Panel events and typing bursts').check()
      const expand = timeline.getByRole('button', { name: /^Show its \d+ changes$/ }).first()
      await expand.click()
      await see(timeline.getByText(/^Change 1 of \d+ in this burst of typing\.$/), 'a burst’s changes')
      await timeline.getByRole('button', { name: /Change 2 of \d+ in this burst of typing\./ }).click()
      await see(reviewer.getByText(/^Step \d+ of \d+$/), 'the step counter')
      expect(await slider.getAttribute('aria-valuetext')).toMatch(
        new RegExp(`^Step \\d+ of ${steps}: .* Change 2 of \\d+ in this burst of typing\\.`),
      )
      await docScreenshotOf(timeline, 'replay-story')
      await expectAccessible(reviewer, 'the replay with a typing burst expanded')
      console.log(`replay: ${events} events, ${edits} workspace updates, ${steps} steps`)
    })

    await step('Welsh', async () => {
      await lead.getByLabel('Language').selectOption('cy')
      await lead.goto(panelUrl)
      await see(lead.getByRole('heading', { level: 1, name: 'Gloucestershire 2020' }), 'the board in Welsh')
      expect(await lead.getByLabel(cy.common.language).inputValue()).toBe('cy')
      // The page's lang is the language of its text, now that the Welsh messages are translated.
      expect(cy.meta.complete).toBe(true)
      expect(await lead.evaluate(() => document.documentElement.lang)).toBe('cy')
      expect(await lead.locator('option[value="cy"]').getAttribute('lang')).toBe('cy')
      await expectAccessible(lead, 'the board in Welsh')
      await screenshot(lead, 'board-cy', false)
      await lead.goto(panelUrl + '/report')
      await see(lead.getByRole('table', { name: cy.report.caption }), 'the report in Welsh')
      await expectAccessible(lead, 'the report in Welsh')
    })

    await step('narrow screen (320 CSS px, as at 400% zoom)', async () => {
      const context = await signedInContext(browser, server.url, server.organiser.cookie, {
        width: 320,
        height: 720,
      })
      contexts.push(context)
      const narrow = watch(await context.newPage(), 'lead at 320px')
      const views: [string, string, () => Promise<unknown>][] = [
        [
          'the board at 320px',
          panelUrl,
          () => see(narrow.getByRole('heading', { level: 1, name: 'Gloucestershire 2020' })),
        ],
        [
          'a standard at 320px',
          `${panelUrl}/standards/2.1`,
          () => see(narrow.getByRole('heading', { level: 2, name: '2.1 Assessment' })),
        ],
        ['the report at 320px', `${panelUrl}/report`, () => see(narrow.getByRole('table').first())],
        [
          'the boundary map at 320px',
          `${panelUrl}/map`,
          () => see(narrow.getByRole('heading', { level: 2, name: 'Boundary map' })),
        ],
      ]
      for (const [view, url, ready] of views) {
        await narrow.goto(url)
        await ready()
        // Content reflows: no scrolling sideways for the page as a whole (a wide table may scroll in its own box).
        const { overflow, widest } = await narrow.evaluate(() => {
          const sticksOut = (e: Element) => e.getBoundingClientRect().right > window.innerWidth + 0.5
          const inScroller = (e: Element) => {
            for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)
              if (getComputedStyle(a).overflowX !== 'visible') return true
            return false
          }
          const leaves = [...document.querySelectorAll('body *')].filter(
            (e) => sticksOut(e) && !inScroller(e) && ![...e.children].some(sticksOut),
          )
          return {
            overflow: document.documentElement.scrollWidth - window.innerWidth,
            widest: leaves.slice(0, 8).map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`),
          }
        })
        expect(
          overflow,
          `${view}: the page scrolls sideways by ${overflow}px (${widest.join(', ')})`,
        ).toBeLessThanOrEqual(0)
        await expectAccessible(narrow, view)
        await screenshot(narrow, view.replace(/^the |^a /, '').replace(/ at /, '-'), false)
      }
    })

    expect(pageErrors).toEqual([])
  })
})

if (!availability.ok)
  describe('live panel in the browser', () => {
    it.skip(availability.reason, () => undefined)
  })
