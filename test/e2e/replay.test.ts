// Replay in real Chromium: the Gloucestershire panel is run through the HTTP API (with drafts typed over a
// real y-websocket client), then a reviewer scrubs its history back to before the 2.1 decision and sees 2.1
// undecided and the score at 15/36, compares two points, verifies the record, and sees tampering caught.
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readDraft } from '../../shared/ydoc/layout.ts'
import { readFixtureJson, startTestServer, type Member, type TestServer } from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'
import { expectAccessible } from './axe.ts'
import {
  browserAvailability,
  ensureClientBuilt,
  launchBrowser,
  screenshot,
  see,
  signedInContext,
  storySteps,
  until,
} from './support.ts'

const availability = browserAvailability()
if (!availability.ok) console.warn(availability.reason)

const published = readFixtureJson<{ decisions: Record<string, { rating: string; justification: string }> }>(
  'gloucestershire-2020.decisions.json',
).decisions
const FOOTNOTE_DRAFT = 'Draft footnote: within five per cent of the boundary.'

describe.skipIf(!availability.ok)('replay in the browser', () => {
  let server: TestServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let panelId = ''
  let rita: Member
  const clients: Client[] = []
  const pageErrors: string[] = []

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startTestServer()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    for (const c of clients) c.destroy()
    await context?.close().catch(() => undefined)
    await browser?.close()
    await server?.close()
  })

  async function step(name: string, fn: () => Promise<void>) {
    try {
      await fn()
    } catch (e) {
      if (page && !page.isClosed()) await screenshot(page, `failure-replay-${name}`).catch(() => undefined)
      throw e
    }
  }

  /** Gloucestershire, as the panel published it: three proposals, votes, the three decisions, finalised. */
  async function runPanel() {
    const t = server
    const lead = t.organiser
    panelId = await t.createPanel(lead, {
      title: 'Gloucestershire 2020',
      inspection: readFixtureJson('gloucestershire-2020.inspection.json'),
    })
    const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
    const bob = await t.invite(lead, panelId, 'inspector', 'Bob Inspector')
    rita = await t.invite(lead, panelId, 'reviewer', 'Rita Reviewer')
    const writer = connect(t.url, ann, panelId, 'workspace')
    const watcher = connect(t.url, lead, panelId, 'workspace')
    clients.push(writer, watcher)
    await Promise.all([synced(writer), synced(watcher)])
    for (const [sid, d] of Object.entries(published)) {
      if (sid === '2.1') {
        readDraft(writer.doc, 'footnote', '2.1')!.insert(0, FOOTNOTE_DRAFT)
        await waitFor(
          () => readDraft(watcher.doc, 'footnote', '2.1')!.toString() === FOOTNOTE_DRAFT,
          'the footnote draft stored and shared',
        )
      }
      const { proposalId: pid } = await t.accept(ann, panelId, {
        type: 'propose',
        standardId: sid,
        rating: d.rating,
        justification: `Proposed: ${sid} as published.`,
      })
      await t.accept(bob, panelId, {
        type: 'vote',
        proposalId: pid,
        stance: 'support',
        justification: 'Supported as published.',
      })
      await t.accept(lead, panelId, {
        type: 'decide',
        proposalId: pid,
        outcome: 'applied',
        text: d.justification,
      })
    }
    await t.accept(lead, panelId, { type: 'finalise' })
  }

  const score = () => page.getByTestId('replay-score')
  const card = (sid: string, title: string) => page.getByRole('article', { name: `${sid} ${title}` })
  const slider = () => page.getByRole('slider', { name: 'Position in the history' })
  /** Waits until the board shows the step the scrubber is on. */
  const expectedSteps = async () =>
    storySteps((await server.api(rita, 'GET', `/api/panels/${panelId}/history`)).json)
  const settled = () =>
    until(
      page,
      'the replay to show the step',
      () => document.querySelector('.replay-board')?.getAttribute('aria-busy') === 'false',
    )

  it('scrubs back to before the 2.1 decision, compares, verifies and catches tampering', async () => {
    await step('run the panel', runPanel)

    await step('open the replay as a reviewer', async () => {
      context = await signedInContext(browser, server.url, rita.cookie)
      page = await context.newPage()
      page.on('pageerror', (e) => pageErrors.push(e.message))
      await page.goto(`${server.url}/panels/${panelId}/replay`)
      await see(
        page.getByRole('heading', { level: 1, name: 'Replay: Gloucestershire 2020' }),
        'the replay heading',
      )
      await settled()
      // Exactly one step per panel event and one per typing burst.
      const { steps } = await expectedSteps()
      expect(Number(await slider().getAttribute('max')) + 1).toBe(steps)
      // It opens at the end: finalised, 18/36.
      await see(score().getByText('18/36'), 'the final score')
      await see(card('2.1', 'Assessment').getByText('Applied'), '2.1 applied at the end')
      const outcome = card('2.1', 'Assessment').getByTestId('replay-rating-2.1')
      await see(
        outcome.getByTestId('outcome-current').getByText('Good', { exact: true }),
        '2.1 Good at the end',
      )
      await see(
        outcome.getByTestId('outcome-rules').getByText('Requires improvement'),
        'rules-based beside it',
      )
    })

    let decisionStep = ''
    await step('scrub back to before the 2.1 decision', async () => {
      await page.getByRole('button', { name: /Organiser applied the proposal on 2\.1\./ }).click()
      await settled()
      decisionStep = (await slider().inputValue()) as string
      await see(score().getByText('16/36'), 'the score right after the 2.1 decision')
      // One step back on the slider, by keyboard.
      await slider().focus()
      await page.keyboard.press('ArrowLeft')
      await settled()
      expect(Number(await slider().inputValue())).toBe(Number(decisionStep) - 1)
      const c21 = card('2.1', 'Assessment')
      await see(c21.getByText('Open — undecided'), '2.1 undecided')
      await see(
        c21.getByTestId('replay-rating-2.1').getByText('Requires improvement'),
        '2.1 still Requires improvement',
      )
      await see(score().getByText('15/36'), 'the score before any decision')
      await see(c21.getByText('Votes: 1 support, 0 oppose, 0 abstain'), 'the tally then')
      await see(
        c21.getByRole('region', { name: /2\.1: Footnote \(shared draft\)/ }).getByText(FOOTNOTE_DRAFT),
        'the footnote draft as it was',
      )
      // Nothing decided yet for 3.2 and 3.3: no proposals on them.
      expect(await card('3.2', 'Planning').getByText('Open — undecided').count()).toBe(0)
      await until(page, 'the announcement', () =>
        /Showing step \d+ of \d+: .*Score then: 15\/36/.test(
          document.querySelector('[data-testid="replay-announcer"]')?.textContent ?? '',
        ),
      )
      await screenshot(page, 'replay')
      await expectAccessible(page, 'the replay at a past step (reviewer)')
    })

    await step('compare two points', async () => {
      await page.getByRole('button', { name: 'Set A to this step' }).click()
      await page.getByRole('button', { name: 'Go to the end' }).click()
      await settled()
      await page.getByRole('button', { name: 'Set B to this step' }).click()
      await page.getByRole('button', { name: 'Compare A and B' }).click()
      const changes = page.getByRole('region', { name: 'Compare two points' })
      await see(
        changes.getByText('Score: 15/36 Requires improvement → 18/36 Requires improvement'),
        'the score change',
      )
      await see(changes.getByText('2.1 Assessment: Requires improvement → Good'), 'the 2.1 rating change')
      await see(changes.getByText('The panel was finalised.'), 'the finalisation')
      await expectAccessible(page, 'the replay comparing two points')
    })

    await step('step and play', async () => {
      await page.getByRole('button', { name: 'Go to the start' }).click()
      await settled()
      await see(page.getByText('Organiser created the panel.').first(), 'the first step')
      await page.getByLabel('Step and play through panel events only (skip workspace edits)').check()
      await page.getByLabel('Speed').selectOption({ label: '25 steps a second' })
      await page.getByRole('button', { name: 'Play' }).click()
      await see(page.getByRole('button', { name: 'Pause' }), 'playing')
      // Playback stops by itself at the end.
      await see(page.getByRole('button', { name: 'Play' }), 'stopped at the end', 30_000)
      await settled()
      await see(score().getByText('18/36'), 'the end reached by playing')
    })

    await step('verify, then tamper and verify again', async () => {
      await page.getByRole('button', { name: 'Verify the record' }).click()
      await see(page.getByTestId('verify-summary').getByText('✔ Intact'), 'intact')
      await see(
        page.getByText(/The frozen record’s hash, [0-9a-f]{16}…, matches the log/),
        'the record hash checked in the browser',
      )
      const audit = await page.evaluate(
        async (url) => (await fetch(url)).status,
        `/api/panels/${panelId}/audit.jsonl`,
      )
      expect(audit).toBe(200)
      await see(page.getByRole('link', { name: /Frozen record \(JSON\)/ }), 'the record download')

      // Alter the vote on 2.1 in the SQLite file behind the running server.
      const db = new Database(path.join(server.dataDir, 'panels.sqlite'))
      db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete')
      const row = db
        .prepare(
          `SELECT seq, event FROM events WHERE panel_id = ? AND event LIKE '%"type":"vote.cast"%' ORDER BY seq LIMIT 1`,
        )
        .get(panelId) as { seq: number; event: string }
      db.prepare('UPDATE events SET event = ? WHERE panel_id = ? AND seq = ?').run(
        row.event.replace('Supported as published.', 'Opposed, in fact.'),
        panelId,
        row.seq,
      )
      db.close()

      await page.getByRole('button', { name: 'Verify the record' }).click()
      await see(
        page.getByTestId('verify-summary').getByText(`✘ Broken: the first broken link is event ${row.seq}`),
        'the broken link named',
      )
      await see(page.getByText(/this event has been altered/), 'the browser’s own finding')
      await screenshot(page, 'replay-verify-broken', false)
      await expectAccessible(page, 'the replay with a broken chain found')
    })

    expect(pageErrors).toEqual([])
  })
})
