// The lead's live panel in real Chromium (issue 13): outcomes where people look, the boundary map, the agenda and
// following the lead, shared footnote drafting, and the forms' error summaries. The panel is Gloucestershire
// (2020) from its case grid; the commands the test does not look at go through the HTTP API.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  readFixture,
  readFixtureJson,
  startTestServer,
  type Member,
  type TestServer,
} from '../support/server.ts'
import { expectAccessible } from './axe.ts'
import {
  browserAvailability,
  docScreenshot,
  docScreenshotOf,
  ensureClientBuilt,
  launchBrowser,
  see,
  signedInContext,
  valueContains,
} from './support.ts'

const availability = browserAvailability()
if (!availability.ok) console.warn(availability.reason)

const published = readFixtureJson<{ decisions: Record<string, { rating: string; justification: string }> }>(
  'gloucestershire-2020.decisions.json',
).decisions

describe.skipIf(!availability.ok)('the lead’s live panel in the browser', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pages: [string, Page][] = []
  let panelId = ''
  let base = ''
  let ann: Member
  let bob: Member
  let _rita: Member
  const pageErrors: string[] = []

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startTestServer()
    browser = await launchBrowser()
    panelId = await server.createPanel(server.organiser, {
      title: 'Gloucestershire 2020',
      inspection: readFixtureJson('gloucestershire-2020.grid.inspection.json'),
      caseGridCsv: readFixture('gloucestershire-2020.cases.csv'),
    })
    base = `${server.url}/panels/${panelId}`
    ann = await server.invite(server.organiser, panelId, 'inspector', 'Ann Inspector')
    bob = await server.invite(server.organiser, panelId, 'inspector', 'Bob Inspector')
    _rita = await server.invite(server.organiser, panelId, 'reviewer', 'Rita Reviewer')
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close()
    await server?.close()
  })

  async function open(who: string, member: Member, path = '', viewport = { width: 1280, height: 900 }) {
    const context = await signedInContext(browser, server.url, member.cookie, viewport)
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(`${who}: ${e.message}`))
    pages.push([who, page])
    await page.goto(base + path)
    await see(page.locator('[data-status="connected"]'), `${who} connected`)
    return page
  }

  async function step(name: string, fn: () => Promise<void>) {
    try {
      await fn()
    } catch (e) {
      for (const [who, page] of pages)
        if (!page.isClosed())
          await page
            .screenshot({ path: `test/e2e/screenshots/failure-lead-${name.replace(/\W+/g, '-')}-${who}.png` })
            .catch(() => undefined)
      throw e
    }
  }

  const card = (page: Page, sid: string) => page.locator(`#standard-${sid.replace('.', '\\.')}`)

  /** Ann proposes, Bob supports, the lead applies with the published footnote: all over HTTP. */
  async function applyAsPublished(sid: string) {
    const d = published[sid]!
    const { proposalId } = await server.accept(ann, panelId, {
      type: 'propose',
      standardId: sid,
      rating: d.rating,
      justification: `Proposed: ${sid} as published.`,
    })
    await server.accept(bob, panelId, {
      type: 'vote',
      proposalId,
      stance: 'support',
      justification: 'Supported as published.',
    })
    await server.accept(server.organiser, panelId, {
      type: 'decide',
      proposalId,
      outcome: 'applied',
      text: d.justification,
    })
  }

  it('shows the decided outcome where people look', async () => {
    let lead!: Page
    await step('outcome on the board and in the detail', async () => {
      lead = await open('lead', server.organiser)
      await applyAsPublished('2.1')
      const c21 = card(lead, '2.1')
      // The current outcome is the first rating on the card, the rules-based one beside it.
      await see(
        c21
          .locator('.rating')
          .first()
          .filter({ hasText: /^Good$/ }),
        '2.1 now Good, the first rating on its card',
      )
      await see(
        c21.getByTestId('outcome-current').getByText('Good', { exact: true }),
        '2.1 now Good on the card',
      )
      await see(
        c21.getByTestId('outcome-rules').getByText('Requires improvement'),
        'the rules-based rating beside it',
      )
      await see(c21.getByText(/Raised by professional discretion/), 'what moved it')
      await see(lead.getByTestId('score-current').getByText('16/36'), 'the score with the decision')
      await see(
        lead.getByTestId('score-current').getByText(/rules-based 15\/36/),
        'the rules-based score beside it',
      )

      await lead.getByRole('link', { name: 'Open 2.1 Assessment' }).click()
      const detail = lead.locator('.standard-detail')
      await see(
        detail.getByTestId('outcome-current').getByText('Good', { exact: true }),
        '2.1 Good in the detail',
      )
      await see(detail.getByTestId('outcome-rules').getByText('Requires improvement'))
      await see(
        detail.getByTestId('outcome-footnote').getByText(/within five per cent of the rating boundary/),
        'the footnote in the detail',
      )
      await docScreenshot(lead, 'outcome-detail', false)
      await expectAccessible(lead, 'a decided standard (lead)')
    })

    await step('the boundary map on one 1280×800 screen', async () => {
      const map = await open('lead at 1280×800', server.organiser, '/map', { width: 1280, height: 800 })
      const rows = map.locator('.bmap__rows > li')
      await see(map.getByRole('heading', { level: 2, name: 'Boundary map' }), 'the map')
      expect(await rows.count()).toBe(12)
      // Every standard, the scale's axis and the key fit the screen without scrolling.
      const bottom = await map.evaluate(() => document.querySelector('.bmap')!.getBoundingClientRect().bottom)
      expect(bottom, 'the map’s bottom edge').toBeLessThanOrEqual(800)
      // Each row says in words what its marks show.
      const link21 = map.getByRole('link', { name: '2.1 Assessment', exact: true })
      const described = await link21.evaluate(
        (a) => document.getElementById(a.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
      )
      expect(described).toContain('Lowest key question, 2.1.3: 61% (14 of 23), Requires improvement.')
      expect(described).toContain('One more yes on 2.1.3 (one case’s answer) would make it Good.')
      expect(described).toContain('Within 5 points of a boundary.')
      await see(
        map.locator('.bmap__row', { has: link21 }).getByText(/Proposal to Good: Applied/),
        'the decision',
      )
      await docScreenshot(map, 'boundary-map')
      await expectAccessible(map, 'the boundary map')

      // The filter leaves the standards open to discretion; key questions on demand.
      await map.getByLabel('Show only the standards open to discretion').check()
      expect(await rows.count()).toBe(5)
      await map.getByLabel('Show the key questions').check()
      expect(await rows.count()).toBe(5 + 15)
      await expectAccessible(map, 'the boundary map, filtered, with key questions')
      await map.getByLabel('Show the key questions').uncheck()
      await map.getByLabel('Show only the standards open to discretion').uncheck()

      // By keyboard: one Tab stop, the arrow keys move between rows, Enter opens the standard.
      await map.getByRole('link', { name: '1.1 Governance and leadership' }).focus()
      await map.keyboard.press('ArrowDown')
      expect(await map.evaluate(() => document.activeElement?.textContent)).toBe('1.2 Staff')
      await map.keyboard.press('End')
      expect(await map.evaluate(() => document.activeElement?.getAttribute('data-standard'))).toBe('3.4')
      await map.keyboard.press('Home')
      for (let i = 0; i < 4; i++) await map.keyboard.press('ArrowDown')
      expect(await map.evaluate(() => document.activeElement?.getAttribute('data-standard'))).toBe('2.1')
      await map.keyboard.press('Enter')
      await see(
        map.getByRole('heading', { level: 2, name: '2.1 Assessment' }),
        'the standard opened from the map',
      )
      // The board's own filter: only what is open to discretion.
      await map.goto(base)
      await map.getByLabel('Show only the standards open to discretion').check()
      expect(await map.locator('article.standard-card').count()).toBe(5)
    })

    await step('the agenda, and members following the lead', async () => {
      await lead.goto(base)
      const ann21 = await open('ann', ann)
      const agenda = lead.getByRole('region', { name: 'Agenda' })
      await see(agenda.getByText('5 standards open to discretion; not started.'), 'the agenda, not started')
      await agenda.getByRole('button', { name: 'Start with 2.1' }).click()
      await see(lead.getByRole('heading', { level: 2, name: '2.1 Assessment' }), 'the lead at 2.1')
      await see(agenda.getByText('1 of 5, 2.1 Assessment'))
      // Ann follows: her view goes to 2.1 and says whom she follows.
      const follow = ann21.getByRole('region', { name: 'Following the lead' })
      await see(ann21.getByRole('heading', { level: 2, name: '2.1 Assessment' }), 'Ann taken to 2.1')
      await see(follow.getByText('You are following Organiser: 2.1 Assessment.'))
      await expectAccessible(ann21, 'a member following the lead')
      // By keyboard: Next keeps focus on itself, so the lead can step on.
      const next = agenda.getByRole('button', { name: /^Next: 2\.3/ })
      await next.focus()
      await lead.keyboard.press('Enter')
      await see(lead.getByRole('heading', { level: 2, name: '2.3 Implementation and delivery' }))
      expect(await lead.evaluate(() => document.activeElement?.textContent?.trim())).toMatch(/^Next: 2\.4/)
      await see(
        ann21.getByRole('heading', { level: 2, name: '2.3 Implementation and delivery' }),
        'Ann at 2.3',
      )
      await docScreenshot(lead, 'agenda-lead')
      await expectAccessible(lead, 'the lead stepping through the agenda')

      // Ann looks elsewhere: she stays there when the lead moves on, and comes back in one action.
      await ann21.getByRole('link', { name: /Back to the board/ }).click()
      await see(follow.getByText('Organiser is on 2.3 Implementation and delivery.'), 'not following')
      await lead.keyboard.press('Enter')
      await see(follow.getByText('Organiser is on 2.4 Reviewing.'), 'told where the lead is')
      expect(new URL(ann21.url()).pathname).toBe(`/panels/${panelId}`)
      await docScreenshot(ann21, 'agenda-elsewhere')
      await expectAccessible(ann21, 'a member looking elsewhere')
      await follow.getByRole('button', { name: 'Return to the lead' }).click()
      await see(ann21.getByRole('heading', { level: 2, name: '2.4 Reviewing' }), 'Ann back with the lead')
      await see(follow.getByText('You are following Organiser: 2.4 Reviewing.'))

      // Someone typing is not moved under their hands.
      await ann21.getByLabel('Notes on 2.4').click()
      await ann21.keyboard.type('C03 looked borderline.')
      await agenda.getByRole('button', { name: /^Previous: 2\.3/ }).click()
      await see(
        follow.getByText('Organiser is on 2.3 Implementation and delivery.'),
        'typing: told, not moved',
      )
      await see(ann21.getByRole('heading', { level: 2, name: '2.4 Reviewing' }))
    })

    await step('the footnote drafted together, from the suggested text', async () => {
      const { proposalId } = await server.accept(ann, panelId, {
        type: 'propose',
        standardId: '3.2',
        rating: 'Requires improvement',
        justification: 'Only five cases: one answer would change it.',
      })
      const annPage = pages.find(([who]) => who === 'ann')![1]
      await annPage.goto(`${base}/standards/3.2`)
      await lead.goto(`${base}/standards/3.2`)
      const start = annPage.getByTestId('footnote-start')
      await see(
        start.getByText(
          /relates to only 5 cases\. A change of score in only one case would have made a difference/,
        ),
      )
      await see(start.getByText(/we raised the rating for 3\.2 Planning to ‘Requires improvement’/))
      await annPage.getByRole('button', { name: 'Start the footnote with this text' }).click()
      const mine = annPage.getByLabel('Footnote to publish')
      const leads = lead.getByLabel('Footnote to publish')
      await valueContains(leads, ['The score for key question 3.2.3 relates to only 5 cases.'])
      // The lead edits the shared draft; Ann sees the edit as it is typed.
      await leads.click()
      await leads.press('Control+End')
      await leads.pressSequentially(' The planning was otherwise sound.')
      await valueContains(mine, [
        'in order to provide a more accurate reflection of its performance. The planning was otherwise sound.',
      ])
      await docScreenshot(annPage, 'footnote-drafting')
      await expectAccessible(annPage, 'the footnote drafted together (inspector)')
      await lead.getByRole('radio', { name: /Apply the proposal/ }).check()
      await lead.getByRole('button', { name: 'Record decision' }).click()
      await see(lead.getByText(/Applied by Organiser/), '3.2 applied')
      const state = (await server.api(server.organiser, 'GET', `/api/panels/${panelId}`)).json.state
      expect(state.proposals[proposalId].decision.text).toMatch(
        /^The score for key question 3\.2\.3 relates to only 5 cases\. .* The planning was otherwise sound\.$/,
      )
    })

    await step('GOV.UK error summaries: at the top, links to the fields, gone once fixed', async () => {
      await server.accept(ann, panelId, {
        type: 'propose',
        standardId: '3.3',
        rating: 'Requires improvement',
        justification: 'Only five cases: one answer would change it.',
      })
      await lead.goto(`${base}/standards/3.3`)
      const form = lead.getByRole('form', { name: 'Decide (lead inspector)' })
      await form.getByRole('button', { name: 'Record decision' }).click()
      const summary = form.getByRole('alert').filter({ hasText: 'There is a problem' })
      await see(summary.getByRole('link', { name: 'Choose whether to apply or reject the proposal.' }))
      // The summary takes the focus on the next animation frame, once it is drawn: wait for it.
      await lead.waitForFunction(() => document.activeElement?.classList.contains('error-summary'))
      await summary.getByRole('link', { name: 'Choose whether to apply or reject the proposal.' }).click()
      expect(await lead.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('radio')
      await lead.keyboard.press('Space')
      // Choosing fixes that error: it goes at once.
      await summary.waitFor({ state: 'detached' })
      await form.getByRole('button', { name: 'Record decision' }).click()
      const footnoteLink = summary.getByRole('link', {
        name: 'Write the footnote to publish: at least 10 characters',
      })
      await see(footnoteLink, 'the footnote required')
      await see(lead.locator('#footnote-3\\.3-error'), 'the error beside the footnote')
      await docScreenshotOf(lead.locator('.standard-detail'), 'error-summary')
      await expectAccessible(lead, 'the decide form with errors')
      await footnoteLink.click()
      expect(await lead.evaluate(() => document.activeElement?.id)).toBe('footnote-3.3')
      await lead.keyboard.type('Only five cases; one answer would change the rating.')
      // Fixed as it is typed: the summary and the field's error go.
      await summary.waitFor({ state: 'detached' })
      expect(await lead.locator('#footnote-3\\.3-error').count()).toBe(0)
      await form.getByRole('button', { name: 'Record decision' }).click()
      await see(lead.getByText(/Applied by Organiser/).first(), '3.3 applied')
    })

    await step('a finalised panel’s refusal, in words', async () => {
      // Ann's record sync is cut, so her page has not heard that the panel was finalised.
      const context = await signedInContext(browser, server.url, ann.cookie)
      contexts.push(context)
      await context.routeWebSocket(/\/sync\/[^/]+\/record/, () => undefined)
      const stale = await context.newPage()
      pages.push(['stale ann', stale])
      await stale.goto(`${base}/standards/2.4`)
      await see(stale.getByRole('heading', { level: 2, name: '2.4 Reviewing' }))
      await server.accept(server.organiser, panelId, { type: 'finalise' })
      await stale.getByLabel('Justification (drafted together)').fill('One yes fewer would lower it.')
      await stale.getByRole('button', { name: 'Propose' }).click()
      const summary = stale.getByRole('alert').filter({ hasText: 'There is a problem' })
      await see(
        summary.getByText('The panel has been finalised, so its record cannot change.'),
        'the refusal',
      )
      expect(await summary.innerText()).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/)
      await stale.close()
    })

    await step('the report as published, and its print', async () => {
      await lead.goto(`${base}/report`)
      const about = lead.locator('.report__about')
      const row = (term: string) => about.locator('.summary-list__row', { hasText: term }).locator('dd')
      await see(
        row('Framework').getByText('HMI Probation youth offending services inspection framework (2018)'),
      )
      await see(row('Service inspected').getByText('Gloucestershire Youth Offending Service'))
      await see(row('Fieldwork').getByText('October 2019', { exact: true }), 'the fieldwork month')
      await see(row('Published').getByText('January 2020', { exact: true }), 'the publication month')
      await see(row('Lead inspector').getByText('Organiser'))
      for (const m of ['Ann Inspector (Inspector)', 'Bob Inspector (Inspector)', 'Rita Reviewer (Reviewer)'])
        await see(row('Panel members').getByText(m), m)
      const table = lead.getByRole('table', { name: 'Ratings by domain and standard' })
      await see(
        table.getByTestId('report-overall').getByText(/rules-based 15\/36/),
        'the rules-based score beside',
      )
      expect(await lead.getByRole('region', { name: 'Footnotes' }).getByRole('listitem').count()).toBe(3)
      await expectAccessible(lead, 'the report as published')
      // One click: the browser's print, where "Save as PDF" is a destination.
      await lead.evaluate(() => {
        ;(window as unknown as { printed: number }).printed = 0
        window.print = () => void (window as unknown as { printed: number }).printed++
      })
      await lead.getByRole('button', { name: 'Save as PDF' }).click()
      expect(await lead.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
      // In print every rating is black on white, and each rating has its own border style.
      await lead.emulateMedia({ media: 'print' })
      const looks = await table.locator('.rating:not(.rating--small)').evaluateAll((els) =>
        els.map((e) => {
          const cs = getComputedStyle(e)
          return {
            rating: e.getAttribute('data-rating'),
            border: `${cs.borderTopStyle} ${cs.borderTopWidth}`,
            color: cs.color,
          }
        }),
      )
      const byRating = new Map<string, Set<string>>()
      for (const l of looks) byRating.set(l.rating!, (byRating.get(l.rating!) ?? new Set()).add(l.border))
      expect(new Set(looks.map((l) => l.color))).toEqual(new Set(['rgb(0, 0, 0)']))
      expect([...byRating.values()].every((b) => b.size === 1)).toBe(true)
      const borders = [...byRating.values()].map((b) => [...b][0])
      expect(new Set(borders).size, JSON.stringify([...byRating])).toBe(byRating.size)
      expect(byRating.size).toBe(4)
      await docScreenshot(lead, 'report-print', true)
      await lead.emulateMedia({ media: 'screen' })
    })

    await step('Welsh: the framework’s Welsh labels, GOV.UK dates in Welsh', async () => {
      await lead.getByLabel('Language').selectOption('cy')
      await lead.goto(`${base}/standards/2.1`)
      const c21 = card(lead, '2.1')
      await see(c21.getByRole('heading', { name: '2.1 Asesu' }), 'the standard’s Welsh title')
      await see(c21.getByTestId('outcome-current').getByText('Da', { exact: true }), 'Good in Welsh')
      await see(c21.getByTestId('outcome-rules').getByText('Angen gwella'), 'Requires improvement in Welsh')
      const moved = lead.locator('.standard-detail').getByTestId('outcome-moved')
      await see(moved, 'who moved it, and when')
      expect(await moved.innerText()).toMatch(/\d{1,2} Rhagfyr 2026 am \d{1,2}:\d{2}y[bh]/)
      await expectAccessible(lead, 'a standard in Welsh')
      await docScreenshot(lead, 'standard-cy')
      await lead.goto(`${base}/report`)
      const about = lead.locator('.report__about')
      await see(about.getByText('Hydref 2019', { exact: true }), 'the fieldwork month in Welsh')
      await see(lead.getByTestId('report-rating-3.2').getByText('Angen gwella', { exact: true }))
      await expectAccessible(lead, 'the report in Welsh')
      await lead.getByLabel('Iaith').selectOption('en')
    })

    expect(pageErrors).toEqual([])
  })
})

if (!availability.ok)
  describe('the lead’s live panel in the browser', () => {
    it.skip(availability.reason, () => undefined)
  })
