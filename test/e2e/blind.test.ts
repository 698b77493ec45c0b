// Blind votes in real Chromium (issue 14): the lead creates a panel with blind votes ticked; two inspectors
// vote blind, each seeing only their own vote and who has voted; the lead reveals; the distribution appears
// for all; a view changed after the reveal is marked; the report shows the sealed and the final views; replay
// shows a sealed vote as sealed until the reveal step; the browser's own check verifies every opening.
// axe-core finds nothing on any of these views.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Member, type TestServer } from '../support/server.ts'
import { expectAccessible } from './axe.ts'
import {
  browserAvailability,
  docScreenshot,
  ensureClientBuilt,
  launchBrowser,
  screenshot,
  see,
  signedInContext,
  until,
} from './support.ts'

const availability = browserAvailability()
if (!availability.ok) console.warn(availability.reason)

describe.skipIf(!availability.ok)('blind votes in the browser', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pages: [string, Page][] = []
  const pageErrors: string[] = []

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

  async function open(who: string, member: Member, url: string) {
    const context = await signedInContext(browser, server.url, member.cookie)
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(`${who}: ${e.message}`))
    pages.push([who, page])
    await page.goto(url)
    return page
  }

  async function step(name: string, fn: () => Promise<void>) {
    try {
      await fn()
    } catch (e) {
      for (const [who, page] of pages)
        if (!page.isClosed())
          console.log(
            who,
            await page
              .locator('.error-message')
              .allInnerTexts()
              .catch(() => []),
          )
      for (const [who, page] of pages)
        if (!page.isClosed()) await screenshot(page, `failure-blind-${name}-${who}`).catch(() => undefined)
      throw e
    }
  }

  /** Everything the page shows and holds: its text and every field's value. */
  const contents = (page: Page) =>
    page.evaluate(
      () =>
        document.body.innerText +
        [...document.querySelectorAll('textarea, input')].map((e) => (e as HTMLInputElement).value).join(' '),
    )

  it('seals each vote until the lead reveals them, then shows the distribution and the report', async () => {
    const markA = 'ANN-SEALED-7d1e: the assessment of desistance was strong.'
    const markB = 'BOB-SEALED-42c9: the safety questions were weak.'
    let lead!: Page
    let ann!: Page
    let bob!: Page
    let panelUrl = ''
    let annM!: Member
    let bobM!: Member

    await step('create', async () => {
      lead = await open('lead', server.organiser, server.url + '/')
      await see(lead.getByRole('heading', { level: 1, name: 'Your panels' }))
      const blind = lead.getByRole('checkbox', { name: 'Blind votes' })
      expect(await blind.isChecked()).toBe(true)
      await lead.getByLabel('Panel title').fill('Blind panel')
      await lead.getByRole('button', { name: /Or use the demo inspection/ }).click()
      await see(lead.getByRole('list', { name: 'Chosen files' }).getByText('gloucestershire-2020.cases.csv'))
      await lead.getByRole('button', { name: 'Create panel' }).click()
      await see(lead.getByRole('heading', { level: 1, name: 'Blind panel' }), 'the new panel')
      panelUrl = lead.url()
      await see(lead.getByTestId('settings-summary').getByText(/Votes are blind/), 'the setting shown')
    })
    const panelId = panelUrl.split('/').pop()!

    await step('two inspectors vote blind', async () => {
      annM = await server.invite(server.organiser, panelId, 'inspector', 'Ann Inspector')
      bobM = await server.invite(server.organiser, panelId, 'inspector', 'Bob Inspector')
      const { proposalId } = await server.accept(annM, panelId, {
        type: 'propose',
        standardId: '2.1',
        rating: 'Good',
        justification: 'Within five per cent of the boundary.',
      })
      const detail = `${panelUrl}/standards/2.1`
      ann = await open('ann', annM, detail)
      bob = await open('bob', bobM, detail)
      await lead.goto(detail)
      for (const [page, stance, text] of [
        [ann, 'Support', markA],
        [bob, 'Oppose', markB],
      ] as const) {
        await see(page.locator('[data-status="connected"]'), 'connected')
        await see(page.getByText(/Votes are sealed/).first(), 'the sealed notice')
        await page.getByRole('radio', { name: stance, exact: true }).check()
        await page.getByLabel('Why (your own draft)').fill(text)
        await page.getByRole('button', { name: 'Cast vote' }).click()
        await see(page.getByTestId(`my-sealed-${proposalId}`).getByText(`Your sealed vote: ${stance}.`))
      }
      // Each sees who has voted, and their own vote only.
      for (const page of [ann, bob, lead]) {
        const who = page.getByRole('list', { name: /Who has voted/ })
        await see(who.getByText('Ann Inspector'), 'Ann listed')
        await until(
          page,
          'both votes shown as sealed',
          () => (document.body.innerText.match(/Voted \(sealed\)/g) ?? []).length >= 2,
        )
      }
      expect(await contents(ann)).toContain(markA)
      expect(await contents(ann)).not.toContain(markB)
      expect(await contents(bob)).toContain(markB)
      expect(await contents(bob)).not.toContain(markA)
      const leadSees = await contents(lead)
      expect(leadSees).not.toContain(markA)
      expect(leadSees).not.toContain(markB)
      // Nothing of a sealed vote reached the shared workspace or this browser's other storage.
      expect(await lead.evaluate(() => JSON.stringify(localStorage))).not.toContain('SEALED')
      await expectAccessible(ann, 'a sealed vote (inspector)')
      await see(lead.getByRole('button', { name: 'Reveal the votes' }), 'the reveal button')
      await expectAccessible(lead, 'sealed votes with the reveal button (lead)')
      await lead.getByRole('list', { name: /Who has voted/ }).scrollIntoViewIfNeeded()
      await docScreenshot(lead, 'blind-votes-sealed')
    })

    await step('the lead reveals', async () => {
      await lead.getByRole('button', { name: 'Reveal the votes' }).click()
      for (const page of [lead, ann, bob]) {
        const table = page.getByRole('region', { name: 'How the panel voted' })
        await see(table.getByText(markA), 'Ann’s opened vote')
        await see(table.getByText(markB), 'Bob’s opened vote')
        await see(
          page.getByRole('img', { name: 'At the reveal: 1 support, 1 oppose, 0 abstain.' }),
          'the distribution chart',
        )
      }
      await expectAccessible(ann, 'the distribution after the reveal (inspector)')
      await lead.getByRole('region', { name: 'How the panel voted' }).scrollIntoViewIfNeeded()
      await docScreenshot(lead, 'blind-votes-revealed')
    })

    await step('a view changed after the reveal', async () => {
      await bob.getByRole('radio', { name: 'Support', exact: true }).check()
      await bob.getByLabel('Why (your own draft)').fill('Persuaded by the discussion after the reveal.')
      await bob.getByRole('button', { name: 'Change vote' }).click()
      await see(
        lead.getByTestId(`distribution-${bobM.accountId}`).getByText('Changed after the reveal'),
        'the change marked',
      )
      await expectAccessible(lead, 'a view changed after the reveal (lead)')
    })

    await step('the report shows the sealed and final views', async () => {
      await lead.goto(`${panelUrl}/report`)
      const votes = lead.getByTestId('report-votes-2.1')
      await see(votes.getByRole('columnheader', { name: 'Sealed view' }))
      await see(votes.getByRole('columnheader', { name: 'Final view' }))
      await see(votes.getByText(markB), 'Bob’s sealed view')
      await see(votes.getByText('Persuaded by the discussion after the reveal.'), 'Bob’s final view')
      await see(
        lead.getByTestId('settings-summary').getByText(/Votes are blind/),
        'the setting in the report',
      )
      await expectAccessible(lead, 'the report with sealed and final views')
    })

    await step('replay shows a sealed vote as sealed until the reveal step', async () => {
      await lead.goto(`${panelUrl}/replay`)
      await lead.getByRole('button', { name: /Bob Inspector cast a sealed vote on 2\.1\./ }).click()
      const sealed = lead.getByTestId('replay-proposal-2.1')
      await see(sealed.getByText('Sealed: not opened at this step'), 'sealed at that step')
      expect(await sealed.innerText()).not.toContain(markB)
      await expectAccessible(lead, 'replay at a sealed vote')
      await lead.getByRole('button', { name: /revealed the 2 sealed votes on 2\.1\./ }).click()
      await see(sealed.getByText(markB), 'opened at the reveal step')
    })

    await step('the browser verifies every opening', async () => {
      await lead.getByRole('button', { name: 'Verify the record' }).click()
      await see(lead.getByTestId('verify-openings').getByText(/2 openings match their commitments/))
      await see(lead.getByTestId('verify-summary').getByText(/✔/))
    })

    expect(pageErrors).toEqual([])
  })
})
