// Corrections in real Chromium: the lead opens a correction from a finalised report, an inspector accepts the
// re-invitation from the original's report, the lead reopens one carried decision, finalises, and both reports
// read right: the correction shows what changed and both hashes, the original links forward. axe-clean.
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
  screenshot,
  see,
  signedInContext,
} from './support.ts'

const availability = browserAvailability()
if (!availability.ok) console.warn(availability.reason)

const published = readFixtureJson<{ decisions: Record<string, { rating: string; justification: string }> }>(
  'gloucestershire-2020.decisions.json',
).decisions
const REASON = 'The 3.3 decision relied on a case later found to be outside the sample; it is reconsidered.'

describe.skipIf(!availability.ok)('corrections in the browser', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []
  let panelId = ''
  let ann: Member
  let originalHash = ''

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startTestServer()
    browser = await launchBrowser()
    const lead = server.organiser
    panelId = await server.createPanel(lead, {
      title: 'Gloucestershire 2020',
      inspection: readFixtureJson('gloucestershire-2020.grid.inspection.json'),
      caseGridCsv: readFixture('gloucestershire-2020.cases.csv'),
    })
    ann = await server.invite(lead, panelId, 'inspector', 'Ann Inspector')
    await server.invite(lead, panelId, 'reviewer', 'Rita Reviewer')
    for (const [sid, d] of Object.entries(published)) {
      const { proposalId } = await server.accept(ann, panelId, {
        type: 'propose',
        standardId: sid,
        rating: d.rating,
        justification: d.justification,
      })
      await server.accept(lead, panelId, {
        type: 'decide',
        proposalId,
        outcome: 'applied',
        text: d.justification,
      })
    }
    await server.accept(lead, panelId, { type: 'finalise' })
    originalHash = (await server.api(lead, 'GET', `/api/panels/${panelId}/record`)).headers.get(
      'x-record-hash',
    )!
  })

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close()
    await server?.close()
  })

  async function open(who: string, member: Member, path: string): Promise<Page> {
    const context = await signedInContext(browser, server.url, member.cookie)
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(`${who}: ${e.message}`))
    await page.goto(server.url + path)
    return page
  }

  it('opens a correction from the report, changes one decision, finalises, and reads both reports', async () => {
    const lead = await open('lead', server.organiser, `/panels/${panelId}/report`)
    await see(lead.getByRole('heading', { level: 1, name: /Ratings: Gloucestershire/ }), 'the report')

    // Open a correction: a reason, no new file (the decision is what changes).
    await lead.getByRole('button', { name: 'Open a correction' }).click()
    await lead.getByRole('textbox', { name: 'Reason for the correction' }).fill(REASON)
    // A corrected grid (case C02's answer to 2.1.3 was wrong): the differences before anything is opened.
    const grid = readFixture('gloucestershire-2020.cases.csv')
    await lead.locator('#correction-files').setInputFiles([
      {
        name: 'gloucestershire-2020.grid.inspection.json',
        mimeType: 'application/json',
        buffer: Buffer.from(readFixture('gloucestershire-2020.grid.inspection.json')),
      },
      {
        name: 'gloucestershire-2020.cases.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(grid.replace(/^C02,court,Y,Y,N,/m, 'C02,court,Y,Y,Y,')),
      },
    ])
    await lead.getByRole('button', { name: 'Show what the file changes' }).click()
    const preview = await see(lead.getByTestId('correction-preview'), 'the preview')
    await see(
      preview.getByRole('row', { name: /2\.1 Input, key question 2\.1\.3 .*case C02: no → yes/ }),
      'the case that moved',
    )
    await see(
      preview.getByRole('row', { name: /2\.1 Rules-based rating Requires improvement Good/ }),
      '2.1 by the rules',
    )
    await expectAccessible(lead, 'the open-a-correction form')
    await lead.getByRole('button', { name: 'Open the correction' }).click()
    const opened = await see(lead.getByTestId('correction-opened'), 'the correction opened')
    await see(opened.getByText(/Ann Inspector \(Inspector\): http/), 'Ann’s new link')
    await see(opened.getByText(/Rita Reviewer \(Reviewer\): http/), 'Rita’s new link')
    // The original already says a correction is open, with a link to it.
    await see(
      lead.getByTestId('corrected-notice').getByText(/A correction was opened on/),
      'the forward link',
    )
    await expectAccessible(lead, 'the report with a correction opened')

    // Ann accepts her re-invitation from the original's report, signed in: no link to copy.
    const annPage = await open('ann', ann, `/panels/${panelId}/report`)
    await annPage.getByRole('button', { name: 'Accept and open it' }).click()
    await see(annPage.locator('[data-status="connected"]'), 'Ann on the correction panel')
    expect(annPage.url()).not.toContain(panelId)

    // On the correction: 3.3's decision came over decided; the lead reopens it, so 3.3 keeps its rules-based rating.
    await lead.getByRole('link', { name: 'Go to the correction' }).click()
    await see(lead.locator('[data-status="connected"]'), 'the lead on the correction panel')
    await see(
      lead.getByTestId('correction-banner').getByText(REASON),
      'the panel says it is a correction, and why',
    )
    const correctionUrl = lead.url()
    const correctionId = new URL(correctionUrl).pathname.split('/')[2]!
    await lead.getByRole('link', { name: 'Open 3.3 Implementation and delivery' }).click()
    await see(
      lead.getByRole('heading', { level: 2, name: '3.3 Implementation and delivery' }),
      'the 3.3 detail',
    )
    await see(lead.getByText('Carried over from the corrected record.'), 'the carried decision')
    await expectAccessible(lead, 'a carried decision on the correction (lead)')
    await lead.getByRole('button', { name: 'Reopen this decision' }).click()
    await see(lead.locator('.tag--retracted'), 'the decision reopened')

    await lead.goto(correctionUrl)
    await see(lead.getByTestId('score-current').getByText('17/36'), 'the score without the 3.3 decision')
    await lead.getByRole('button', { name: 'Finalise the panel' }).click()
    const dialog = lead.getByRole('dialog', { name: 'Finalise the panel?' })
    await dialog.getByRole('button', { name: /Finalise — this cannot be undone/ }).click()
    await see(lead.getByText(/The record is frozen/), 'the correction finalised')

    // The correction's report: what changed, the reason, both hashes.
    await lead.goto(`${correctionUrl}/report`)
    const section = await see(lead.getByTestId('correction-section'), 'the correction section')
    await see(section.getByText(REASON), 'the reason')
    await see(section.getByText(`Corrected record’s hash: ${originalHash}`), 'the corrected record’s hash')
    const correctionHash = (
      await server.api(server.organiser, 'GET', `/api/panels/${correctionId}/record`)
    ).headers.get('x-record-hash')!
    await see(section.getByText(`This record’s hash: ${correctionHash}`), 'this record’s hash')
    const diff = section.getByRole('table', { name: 'Differences, standard by standard' })
    await see(
      diff.getByRole('row', { name: /3\.3 Final rating Requires improvement Inadequate/ }),
      '3.3 final',
    )
    await see(diff.getByRole('row', { name: /Overall rating Score 18\/36 17\/36/ }), 'the score')
    await see(
      lead
        .getByRole('table', { name: 'Ratings by domain and standard' })
        .getByRole('row', { name: /Overall rating.*17\/36/ }),
      'the corrected overall',
    )
    await screenshot(lead, 'correction-report')
    await docScreenshot(lead, 'correction-report', true)
    await expectAccessible(lead, 'the correction’s report')

    // The original's report: corrected, when and by whom, with a link to the new record.
    await lead.goto(`${server.url}/panels/${panelId}/report`)
    const notice = await see(lead.getByTestId('corrected-notice'), 'the forward link')
    await see(
      notice.getByText(new RegExp(`^Corrected on .* by ${server.organiser.name}:`)),
      'corrected on … by …',
    )
    await see(lead.getByText(`Record hash: ${originalHash}`), 'the original’s hash unchanged')
    await expectAccessible(lead, 'the corrected original’s report')
    await notice.getByRole('link', { name: `see record ${correctionId}` }).click()
    await see(lead.getByTestId('correction-section'), 'the link leads to the correction’s report')
    expect(pageErrors).toEqual([])
  })
})
