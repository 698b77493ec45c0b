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
  ensureClientBuilt,
  launchBrowser,
  see,
  signedInContext,
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

    expect(pageErrors).toEqual([])
  })
})

if (!availability.ok)
  describe('the lead’s live panel in the browser', () => {
    it.skip(availability.reason, () => undefined)
  })
