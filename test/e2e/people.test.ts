// The panel's people in the browser (issue 13 with issue 11's membership): the lead sees who is invited
// and who joined, opens an invitation page that changes nothing for a member, re-issues a member's
// sign-in link, revokes an invitation and removes a member; the invite form catches a duplicate name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import { startTestServer, type TestServer } from '../support/server.ts'
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

const available = browserAvailability()

describe.skipIf(!available.ok)('people on a panel, in the browser', () => {
  let server: TestServer
  let browser: Browser
  let context: BrowserContext
  beforeAll(async () => {
    ensureClientBuilt()
    server = await startTestServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await context?.close()
    await browser?.close()
    await server?.close()
  })

  it('lists, re-issues, revokes and removes, and warns on a duplicate name', async () => {
    const lead = server.organiser
    const panelId = await server.createPanel(lead)
    const ann = await server.invite(lead, panelId, 'inspector', 'Ann Inspector')
    await server.api(lead, 'POST', `/api/panels/${panelId}/invites`, {
      role: 'reviewer',
      name: 'Rita Reviewer',
    })
    context = await signedInContext(browser, server.url, lead.cookie)
    const page = await context.newPage()
    try {
      await page.goto(`${server.url}/panels/${panelId}`)
      const people = page.getByRole('region', { name: 'People' })
      await see(people.getByText('Ann Inspector'), 'Ann in the list of people')
      await see(people.getByText('Rita Reviewer'), 'Rita among those invited')
      // The invite form warns before a second "Ann Inspector".
      await page.getByLabel('Their name').fill('ann inspector')
      await page.getByRole('button', { name: 'Create invitation link' }).click()
      await see(page.getByText(/is already a member of this panel/), 'the same-name warning')
      await page.getByRole('button', { name: 'New sign-in link Ann Inspector' }).click()
      const link = await see(page.getByLabel(/Sign-in link for Ann Inspector/), 'a re-issued link')
      expect(await link.inputValue()).toContain('/auth/link/')
      await page.getByRole('button', { name: 'Revoke Rita Reviewer' }).click()
      await see(page.getByText('The invitation for Rita Reviewer was revoked.'), 'the revocation announced')
      await expectAccessible(page, 'people')
      await docScreenshot(page, 'people')
      page.once('dialog', (d) => void d.accept())
      await page.getByRole('button', { name: 'Remove Ann Inspector' }).click()
      await see(page.getByText('Ann Inspector was removed from the panel.'), 'the removal announced')
      expect((await server.api(ann, 'GET', `/api/panels/${panelId}`)).status).toBe(404)
    } catch (e) {
      await screenshot(page, 'failure-people')
      throw e
    }
  })
})
