// A panel opened from the store answers its first syncs from the stored bytes (the workspace checkpoint
// and the updates after it, merged) without building the workspace doc; the doc is built before the
// first write is checked and applied, and building it sends nothing to anyone.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readDraft } from '../../shared/ydoc/layout.ts'
import { startTestServer, type Member, type TestServer } from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

const clients: Client[] = []
let t: TestServer | null = null
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await t?.close()
  t = null
})

const open = (member: Member, panelId: string) => {
  const c = connect(t!.url, member, panelId, 'workspace')
  clients.push(c)
  return c
}
const note = (c: Client) => readDraft(c.doc, 'note', '2.1')!

/** Bytes a client's socket receives from now on. */
function received(c: Client): () => number {
  let n = 0
  const ws = c.provider.ws as unknown as { on(e: 'message', f: (d: Buffer) => void): void }
  ws.on('message', (d: Buffer) => (n += d.byteLength))
  return () => n
}

describe('a panel not in memory', () => {
  it('syncs newcomers from its stored bytes, and builds the document before the first write', async () => {
    const limits = { messagesPerSecond: 10_000, burst: 10_000 }
    t = await startTestServer({ limits })
    const panelId = await t.createPanel(t.organiser)
    const ann = await t.invite(t.organiser, panelId, 'inspector', 'Ann Inspector')
    const first = open(ann, panelId)
    await synced(first)
    // 600 edits: past a checkpoint (every 500), with updates after it.
    for (let i = 0; i < 600; i++) note(first).insert(note(first).length, i % 10 === 9 ? ' ' : 'x')
    const typed = note(first).toString()
    const hub = () => t!.server.ctx.hub
    await waitFor(() => hub().isOpen(panelId)!.workspaceSeq >= 600, 'the edits stored')
    const dataDir = t.dataDir
    const lead = t.organiser
    for (const c of clients.splice(0)) c.destroy()
    await t.close(false)
    t = await startTestServer({ dataDir, limits })

    const reader = open(lead, panelId)
    await synced(reader)
    expect(note(reader).toString()).toBe(typed)
    const panel = hub().isOpen(panelId)!
    expect(panel.storedWorkspace).not.toBeNull()
    const writer = open(ann, panelId)
    await synced(writer)
    expect(note(writer).toString()).toBe(typed)
    expect(panel.storedWorkspace).not.toBeNull()

    const readerBytes = received(reader)
    note(writer).insert(0, 'Edited after the restart. ')
    await waitFor(() => note(reader).toString() === 'Edited after the restart. ' + typed, 'the edit')
    expect(panel.storedWorkspace).toBeNull()
    expect(readDraft(panel.workspace, 'note', '2.1')!.toString()).toBe('Edited after the restart. ' + typed)
    // Building the doc sent nobody the whole document again: the reader got the one edit.
    expect(readerBytes()).toBeLessThan(500)

    // A client that already holds part of the document gets what it lacks.
    const partial = new Y.Doc()
    Y.applyUpdate(partial, Y.encodeStateAsUpdate(reader.doc))
    note(writer).insert(0, 'Later. ')
    await waitFor(() => note(reader).toString().startsWith('Later. '), 'the second edit')
    const again = connect(t.url, ann, panelId, 'workspace', { connect: false })
    clients.push(again)
    Y.applyUpdate(again.doc, Y.encodeStateAsUpdate(partial))
    again.provider.connect()
    await synced(again)
    await waitFor(() => note(again).toString() === note(reader).toString(), 'the part it lacked')
  })
})
