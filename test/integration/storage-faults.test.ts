// Faults that heal on the sync path: a storage fault while a workspace update is stored closes that
// socket with 1011 (retried), is logged with its cause, and the client's edit arrives after it reconnects.
import { afterEach, describe, expect, it } from 'vitest'
import { readDraft } from '../../shared/ydoc/layout.ts'
import { createLogger } from '../../server/logger.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

let t: TestServer | null = null
const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await t?.close()
  t = null
})

describe('storage faults on the sync path', () => {
  it('an I/O fault storing an update closes with 1011; the client reconnects and the edit arrives and is stored', async () => {
    const logLines: string[] = []
    t = await startTestServer({ log: createLogger({ write: (l) => logLines.push(l) }) })
    const lead = t.organiser
    const panelId = await t.createPanel(lead)
    const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
    const writer = connect(t.url, ann, panelId, 'workspace')
    const watcher = connect(t.url, lead, panelId, 'workspace')
    clients.push(writer, watcher)
    await Promise.all([writer, watcher].map(synced))

    // The store fails once, as a full disk or a dropped database connection would.
    // The adapter's own method (the server's storage may be wrapped, e.g. timed for metrics).
    const storage = t.server.storage
    const append = Object.getOwnPropertyDescriptor(storage, 'appendWorkspaceUpdate')!
      .value as typeof storage.appendWorkspaceUpdate
    let faults = 0
    storage.appendWorkspaceUpdate = (u) => {
      if (faults++ === 0) return Promise.reject(new Error('disk I/O error', { cause: 'SQLITE_IOERR' }))
      return append(u)
    }

    readDraft(writer.doc, 'note', '2.1')!.insert(0, 'Typed while the disk failed. ')
    await waitFor(() => writer.closes.some((e) => e.code === 1011), 'the writer to be closed with 1011')
    await waitFor(
      () => readDraft(watcher.doc, 'note', '2.1')!.toString() === 'Typed while the disk failed. ',
      'the edit to arrive after the reconnect',
    )
    // Typing after the fault is not lost either.
    readDraft(writer.doc, 'note', '2.1')!.insert(0, 'And after. ')
    await waitFor(
      () => readDraft(watcher.doc, 'note', '2.1')!.toString().startsWith('And after. '),
      'the later edit',
    )
    const fresh = connect(t.url, lead, panelId, 'workspace')
    clients.push(fresh)
    await synced(fresh)
    expect(readDraft(fresh.doc, 'note', '2.1')!.toString()).toBe('And after. Typed while the disk failed. ')
    expect(writer.closes.map((e) => e.code)).toEqual([1011])
    expect(watcher.closes).toEqual([])
    const logged = logLines.map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(logged).toContainEqual(
      expect.objectContaining({ level: 'error', error: 'disk I/O error', cause: 'SQLITE_IOERR' }),
    )
  })
})
