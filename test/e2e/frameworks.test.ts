// The frameworks page in real Chromium: an organiser chooses a bad framework file and sees its problems, chooses the
// worked example and sees its preview (bands on a scale, discretion rules, the mixed standard), makes it available,
// creates a panel with it, then makes an edited version available: the panel keeps showing the version it pinned.
// axe-core finds no WCAG A/AA violation on any of these views. A panel is also created from an .xlsx case grid.
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type * as XLSXTypes from '@e965/xlsx'
import { parseCsv } from '../../shared/inspection/grid.ts'
import { readFixture, readFixtureJson, startTestServer, type TestServer } from '../support/server.ts'
import { expectAccessible } from './axe.ts'
import {
  browserAvailability,
  ensureClientBuilt,
  launchBrowser,
  root,
  screenshot,
  see,
  signedInContext,
} from './support.ts'

const XLSX = (() => {
  try {
    return createRequire(import.meta.url)('@e965/xlsx') as typeof XLSXTypes
  } catch {
    return null
  }
})()
const availability = browserAvailability()
if (!availability.ok) console.warn(availability.reason)

const examples = path.join(root, 'docs', 'examples')
const exampleText = (name: string) =>
  fs.readFileSync(path.join(examples, `example-2025-shapes.${name}`), 'utf8')
const file = (name: string, value: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
})

describe.skipIf(!availability.ok)('the frameworks page (browser)', () => {
  let server: TestServer
  let browser: Browser
  let page: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startTestServer()
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  async function step(name: string, fn: () => Promise<void>) {
    try {
      await fn()
    } catch (e) {
      await screenshot(page, `frameworks-${name}-failed`).catch(() => undefined)
      throw e
    }
  }

  it('uploads, shows problems and a preview, makes a framework available and pins it in a new panel', async () => {
    const context = await signedInContext(browser, server.url, server.organiser.cookie)
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    const v1 = JSON.parse(exampleText('framework.json')) as Record<string, any>

    await step('open', async () => {
      await page.goto(server.url + '/')
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Frameworks' }).click()
      await see(page.getByRole('heading', { level: 1, name: 'Frameworks' }))
      await see(page.getByRole('cell', { name: 'hmip-youth-2018' }), 'the built-in frameworks listed')
      await expectAccessible(page, 'the frameworks page')
    })

    await step('problems', async () => {
      const bad = structuredClone(v1)
      bad.samples[1].max = 1
      bad.areas[0].standards.push('9.9')
      delete bad.title
      await page.getByLabel('Framework file').setInputFiles(file('bad.framework.json', bad))
      const summary = await see(
        page.getByRole('alert').filter({ hasText: 'The framework file is not valid' }),
      )
      for (const where of ['title', 'samples.1.max', 'areas.0.standards.4'])
        await see(summary.getByText(where, { exact: true }), `the problem at ${where}`)
      await see(summary.getByText('3 problems to fix'))
      await expectAccessible(page, 'the frameworks page with problems')
    })

    await step('preview', async () => {
      await page.getByLabel('Framework file').setInputFiles(file('example.framework.json', v1))
      const preview = page.getByRole('region', { name: /^Preview: EXAMPLE, not HMIP's framework/ })
      await see(preview, 'the preview')
      await see(
        preview.getByRole('img', {
          name: 'Bands on a scale from 0 to 100%: Outstanding from 80%; Good from 65%; Requires improvement from 50%; Inadequate from 0%',
        }),
        'the bands as a picture',
      )
      await see(preview.getByText('Near a boundary means within 5 percentage points of it.'))
      await see(preview.getByText('A decision moves a rating 1 band at most.'))
      await see(preview.getByText('The overall rating is given by judgement.'))
      await see(preview.getByText(/V1 Work with victims/))
      await see(preview.getByText('(from cases and by judgement)'))
      await see(preview.getByText(/Do organisational arrangements and activity drive/))
      await see(preview.getByText('9 to 24 cases'))
      await screenshot(page, 'frameworks-preview')
      await expectAccessible(page, 'the framework preview')
      await page.getByRole('button', { name: 'Make it available to panels' }).click()
      await see(page.getByRole('cell', { name: 'example-2025-shapes' }), 'the framework listed as available')
      await see(page.getByText(/Added by .*\(1 version\)/))
    })

    await step('rate', async () => {
      // Signed in, the rate page finds a framework made available here by the id the inspection names.
      await page.goto(server.url + '/rate')
      await page
        .getByLabel('Inspection file')
        .setInputFiles(file('example.inspection.json', exampleText('inspection.json')))
      const areas = await see(
        page.getByRole('region', { name: 'Rated areas' }),
        'the rated areas on the rate page',
      )
      await see(areas.getByText(/Work with children/))
      await see(page.getByRole('region', { name: 'Overall' }).getByText('Given by judgement'))
      await expectAccessible(page, 'the rate page with a framework@2 result')
    })

    let panelUrl = ''
    let hash1 = ''
    await step('panel', async () => {
      await page.goto(server.url + '/')
      await see(page.getByRole('heading', { level: 1, name: 'Your panels' }))
      await page.getByLabel('Panel title').fill('Example 2025 shapes')
      await page
        .getByLabel('Inspection file')
        .setInputFiles(file('example.inspection.json', exampleText('inspection.json')))
      await page.getByRole('button', { name: 'Create panel' }).click()
      await see(page.getByRole('heading', { level: 1, name: 'Example 2025 shapes' }), 'the new panel')
      panelUrl = page.url()
      const pinned = await see(
        page.getByText(/^Framework: EXAMPLE, not HMIP's framework.*, version [0-9a-f]{12}$/),
      )
      hash1 = (await pinned.textContent())!.slice(-12)
      // The areas, and what the framework leaves to judgement: the lead proposes an overall rating.
      const areas = await see(page.getByRole('region', { name: 'Rated areas' }))
      await see(areas.getByText(/Work with victims/))
      const judged = await see(page.getByRole('region', { name: 'Given by judgement' }))
      const overall = judged.getByRole('article', { name: /^Overall rating/ })
      await overall.getByLabel('Rating for Overall rating').selectOption('Outstanding')
      await overall.getByLabel('Justification').fill('Strong work with victims and children alike.')
      await overall.getByRole('button', { name: 'Propose this rating' }).click()
      await see(
        overall.getByRole('article').filter({ hasText: 'Strong work with victims' }),
        'the overall proposal',
      )
      await screenshot(page, 'frameworks-panel')
      await expectAccessible(page, 'a panel on the example framework')
    })

    await step('edit', async () => {
      const v2 = structuredClone(v1)
      v2.title = "EXAMPLE, not HMIP's framework: an edited version"
      v2.bands[2].minPercent = 55
      await page.goto(server.url + '/frameworks')
      await page.getByLabel('Framework file').setInputFiles(file('edited.framework.json', v2))
      await see(
        page.getByRole('region', { name: /^Preview: EXAMPLE, not HMIP's framework: an edited version/ }),
      )
      await page.getByRole('button', { name: 'Make it available to panels' }).click()
      await see(page.getByText(/Added by .*\(2 versions\)/), 'the second version')
      await see(page.getByRole('cell', { name: "EXAMPLE, not HMIP's framework: an edited version" }))
    })

    await step('pinned', async () => {
      await page.goto(panelUrl)
      const pinned = await see(page.getByText(/^Framework: EXAMPLE, not HMIP's framework/))
      expect(await pinned.textContent()).toBe(`Framework: ${v1.title}, version ${hash1}`)
    })
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it.skipIf(!XLSX)('creates a panel from an .xlsx case grid chosen in the file picker', async () => {
    const context = await signedInContext(browser, server.url, server.organiser.cookie)
    page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await step('xlsx', async () => {
      const wb = XLSX!.utils.book_new()
      const rows = parseCsv(readFixture('gloucestershire-2020.cases.csv')).records.map((r) => r.cells)
      XLSX!.utils.book_append_sheet(wb, XLSX!.utils.aoa_to_sheet(rows), 'Cases')
      const xlsx = XLSX!.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer
      const inspection = {
        ...readFixtureJson<Record<string, unknown>>('gloucestershire-2020.grid.inspection.json'),
        caseGrid: 'glos.xlsx',
      }
      await page.goto(server.url + '/')
      await page.getByLabel('Panel title').fill('Gloucestershire from a spreadsheet')
      await page.getByLabel('Inspection file').setInputFiles([
        file('glos.inspection.json', inspection),
        {
          name: 'glos.xlsx',
          mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          buffer: xlsx,
        },
      ])
      await page.getByRole('button', { name: 'Create panel' }).click()
      await see(
        page.getByRole('heading', { level: 1, name: 'Gloucestershire from a spreadsheet' }),
        'the panel',
      )
      await see(
        page.getByTestId('score-current').getByText('15/36'),
        'the rules-based score from the spreadsheet',
      )
    })
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
