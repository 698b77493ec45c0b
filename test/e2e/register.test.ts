// The discretion register in real Chromium: an organiser grants quality assurance on the accounts page, then
// reads the register: filters, every chart with its table beside it, the rows with replay links, all reachable
// by keyboard and axe-clean. The data: seeded synthetic finalised panels made through the real rules.
import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedSyntheticPanels } from '../../server/register/synthetic.ts'
import { readFixture, readFixtureJson, startTestServer, type TestServer } from '../support/server.ts'
import { expectAccessible } from './axe.ts'
import {
  browserAvailability,
  docScreenshot,
  ensureClientBuilt,
  launchBrowser,
  see,
  signedInContext,
  until,
} from './support.ts'

const availability = browserAvailability()
if (!availability.ok) console.warn(availability.reason)

describe.skipIf(!availability.ok)('the discretion register in the browser', () => {
  let server: TestServer
  let browser: Browser
  const contexts: BrowserContext[] = []
  const pageErrors: string[] = []

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startTestServer()
    browser = await launchBrowser()
    const { ctx, storage } = server.server
    await seedSyntheticPanels(
      { hub: ctx.hub, storage, now: ctx.now },
      { count: 16, seed: 7, lead: (await storage.findAccount(server.organiser.accountId))! },
    )
  }, 120_000)

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined)
    await browser?.close()
    await server?.close()
  })

  it('grants the role, then filters and reads the register, charts with tables beside them', async () => {
    const context = await signedInContext(browser, server.url, server.organiser.cookie, {
      width: 1280,
      height: 1000,
    })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))

    // The organiser sees the accounts page, not the register, until the role is granted.
    await page.goto(`${server.url}/register`)
    await see(page.getByText(/needs the quality-assurance role/), 'refused without the role')
    await page.getByRole('link', { name: 'Accounts' }).click()
    await see(page.getByRole('heading', { level: 1, name: 'Accounts and roles' }))
    await expectAccessible(page, 'the accounts page')
    await page.getByRole('button', { name: `Grant quality assurance to ${server.organiser.name}` }).click()
    await see(page.getByRole('button', { name: `Withdraw quality assurance from ${server.organiser.name}` }))
    await see(page.getByTestId('access-log-status').getByText('1 change; every link checks.'))
    await docScreenshot(page, 'accounts', true)

    // The register, reached from the navigation once /api/me says qa (a fresh load).
    await page.goto(`${server.url}/`)
    await page.getByRole('link', { name: 'Discretion register' }).click()
    await see(page.getByRole('heading', { level: 1, name: 'Discretion register' }))
    const api = (await server.api(server.organiser, 'GET', '/api/discretion')).json
    expect(api.rows.length).toBeGreaterThan(10)
    await see(
      page
        .getByTestId('register-count')
        .getByText(`${api.rows.length} decisions across 16 finalised panels.`, {
          exact: false,
        }),
      'the count',
    )
    await see(page.getByText('16 of these panels are synthetic'), 'labelled synthetic')
    // Every chart has its data as a table beside it.
    const figures = page.locator('figure.chart-pair')
    expect(await figures.count()).toBe(4)
    for (let i = 0; i < 4; i++) {
      const f = figures.nth(i)
      expect(await f.locator('svg.chart__svg').count()).toBe(1)
      expect(await f.getByRole('table').count()).toBe(1)
    }
    await docScreenshot(page, 'register')
    await expectAccessible(page, 'the discretion register')

    // Keyboard: from the heading, Tab reaches every filter, the CSV link and a replay link.
    await page.getByRole('heading', { level: 1, name: 'Discretion register' }).focus()
    const reached = new Set<string>()
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab')
      reached.add(
        await page.evaluate(
          () => document.activeElement?.id || document.activeElement?.textContent?.trim() || '',
        ),
      )
    }
    for (const id of [
      'filter-framework',
      'filter-standard',
      'filter-trigger',
      'filter-direction',
      'filter-outcome',
      'filter-from',
      'filter-to',
    ])
      expect(reached, id).toContain(id)
    expect([...reached].some((x) => x.includes('Download these rows (CSV)'))).toBe(true)
    expect([...reached]).toContain('Replay')

    // A filter narrows the rows and the charts; the CSV link carries it.
    await page.locator('#filter-outcome').selectOption('rejected')
    const rejected = api.rows.filter((r: { outcome: string }) => r.outcome === 'rejected').length
    await until(
      page,
      'the rejected rows',
      new Function(
        `return document.querySelector('[data-testid=register-count]')?.textContent?.startsWith('${rejected} decision')`,
      ) as () => boolean,
    )
    expect(await page.getByTestId('register-rows').locator('tbody tr').count()).toBe(Math.min(rejected, 200))
    expect(await page.getByRole('link', { name: /Download these rows/ }).getAttribute('href')).toBe(
      '/api/discretion?outcome=rejected&format=csv',
    )
    await expectAccessible(page, 'the register, filtered')
    // A replay link opens the panel's replay at that decision.
    await page.getByTestId('register-rows').getByRole('link').first().click()
    await see(page.getByRole('heading', { level: 1, name: /Replay/ }), 'the replay')
    expect(pageErrors).toEqual([])
  })

  it('shows the previous inspection of the same service beside the current ratings, on the board and the report', async () => {
    const grid = {
      inspection: readFixtureJson('gloucestershire-2020.grid.inspection.json'),
      caseGridCsv: readFixture('gloucestershire-2020.cases.csv'),
    }
    const lead = server.organiser
    const first = await server.createPanel(lead, { ...grid, serviceId: 'glos-yos' })
    const { proposalId } = await server.accept(lead, first, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: 'Near the boundary, as published in 2020.',
    })
    await server.accept(lead, first, {
      type: 'decide',
      proposalId,
      outcome: 'applied',
      text: 'Raised to Good, as published.',
    })
    await server.accept(lead, first, { type: 'finalise' })
    const later = { ...(grid.inspection as object), fieldwork: '2022-10', published: '2023-01' }
    const second = await server.createPanel(lead, {
      inspection: later,
      caseGridCsv: grid.caseGridCsv,
      serviceId: 'glos-yos',
    })
    const context = await signedInContext(browser, server.url, lead.cookie, { width: 1280, height: 1000 })
    contexts.push(context)
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    for (const path of [`/panels/${second}`, `/panels/${second}/report`]) {
      await page.goto(server.url + path)
      const section = await see(page.getByTestId('previous-inspection'), `the previous inspection on ${path}`)
      await see(section.getByText(/inspected 2019-10/), 'when it was inspected')
      const row = section.getByRole('row', { name: /2\.1 Assessment/ })
      await see(row, 'the 2.1 row')
      expect((await row.innerText()).replace(/\s+/g, ' ')).toMatch(
        /2\.1 Assessment Good Requires improvement/,
      )
      await expectAccessible(page, `the previous inspection on ${path}`)
    }
    expect(pageErrors).toEqual([])
  })
})
