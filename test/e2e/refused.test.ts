// A change the server refuses, in real Chromium: Ann's edit is clean on her screen, but merged with the
// lead's it would form a date, so the server refuses it (4422). Her page starts again from the server and
// the notes field offers her text back, held and not shared, with the form's warning; once she edits it,
// it is shared. Messages from the server to Ann are held back (routeWebSocket) so the race is certain.
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { personalDataIn } from '../../shared/privacy/personal-data.ts'
import { readDraft } from '../../shared/ydoc/layout.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'
import { expectAccessible } from './axe.ts'
import {
  browserAvailability,
  ensureClientBuilt,
  launchBrowser,
  screenshot,
  see,
  signedInContext,
  valueContains,
} from './support.ts'

const availability = browserAvailability()
if (!availability.ok) console.warn(availability.reason)

describe.skipIf(!availability.ok)('a refused change in the browser', () => {
  let server: TestServer
  let browser: Browser
  let context: BrowserContext
  let page: Page
  let lead: Client

  beforeAll(async () => {
    ensureClientBuilt()
    server = await startTestServer()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    lead?.destroy()
    await context?.close().catch(() => undefined)
    await browser?.close()
    await server?.close()
  })

  it('offers Ann’s refused text back in the notes field, held, and shares it once she has edited it', async () => {
    const panelId = await server.createPanel(server.organiser)
    const ann = await server.invite(server.organiser, panelId, 'inspector', 'Ann Inspector')
    lead = connect(server.url, server.organiser, panelId, 'workspace')
    await synced(lead)
    const leadNote = readDraft(lead.doc, 'note', '2.1')!
    leadNote.insert(0, 'Seen 12/03 X')

    context = await signedInContext(browser, server.url, ann.cookie)
    page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    // Ann's workspace socket, through a relay that can hold back what the server sends her.
    // Only her first socket is held back; the one her page opens after the refusal is not.
    let holding = false
    let sockets = 0
    await page.routeWebSocket(/\/sync\/.*\/workspace$/, (ws) => {
      const first = ++sockets === 1
      const upstream = ws.connectToServer()
      ws.onMessage((m) => upstream.send(m))
      upstream.onMessage((m) => !(holding && first) && ws.send(m))
      upstream.onClose((code, reason) => ws.close({ code, reason }))
      ws.onClose((code, reason) => upstream.close({ code, reason }))
    })
    try {
      await page.goto(`${server.url}/panels/${panelId}/standards/2.1`)
      await see(page.locator('[data-status="connected"]'), 'Ann connected')
      const notes = page.getByLabel('Notes on 2.1')
      await valueContains(notes, ['Seen 12/03 X'])

      // The lead deletes " X"; Ann does not hear of it, and adds "/2008" after the X: clean on her screen,
      // a full date once merged with the lead's edit.
      holding = true
      const panel = server.server.ctx.hub.isOpen(panelId)!
      leadNote.delete(leadNote.length - 2, 2)
      await waitFor(
        () => readDraft(panel.workspace, 'note', '2.1')!.toString() === 'Seen 12/03',
        'the delete',
      )
      await notes.click()
      await page.keyboard.press('End')
      await page.keyboard.type('/2008')
      await see(page.getByText('The server did not accept your last change here'), 'the refusal warning')
      expect(sockets).toBe(2)
      // Her text is offered back (not lost), held: the server took her keystrokes up to the one that
      // completed a date ("Seen 12/03/2"), and nothing after.
      await valueContains(notes, ['/2008'])
      await screenshot(page, 'refused-offered-back')
      await expectAccessible(page, 'the notes field offering refused text back')
      const onServer = readDraft(panel.workspace, 'note', '2.1')!.toString()
      expect(personalDataIn(onServer)).toBeNull()
      expect(onServer).not.toContain('2008')

      // She replaces the year; then it is shared.
      await notes.fill('Seen 12/03 X, year not recorded')
      await waitFor(
        () => leadNote.toString().includes('year not recorded'),
        'Ann’s edited text to reach the lead',
      )
      await expect
        .poll(() => page.getByText('The server did not accept your last change here').count())
        .toBe(0)
      const audit = await server.api(server.organiser, 'GET', `/api/panels/${panelId}/audit.jsonl`)
      const stored = new Y.Doc()
      for (const line of audit.text.trim().split('\n')) {
        const l = JSON.parse(line) as { kind: string; update: string }
        if (l.kind === 'workspace-update') Y.applyUpdate(stored, Buffer.from(l.update, 'base64'))
      }
      expect(readDraft(stored, 'note', '2.1')!.toString()).toBe(leadNote.toString())
      expect(personalDataIn(leadNote.toString())).toBeNull()
      expect(pageErrors).toEqual([])
    } catch (e) {
      await screenshot(page, 'refused-failure').catch(() => undefined)
      throw e
    }
  })
})
