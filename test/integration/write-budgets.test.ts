// Budgets per member, not per document: one member's churn spends their own budget and closes only
// them, and the document's size limit counts what the document holds, not what passed through it.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { readDraft } from '../../shared/ydoc/layout.ts'
import { startTestServer, type TestServer } from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

let t: TestServer | null = null
const clients: Client[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await t?.close()
  t = null
})

const CHURN = 'x'.repeat(200 << 10)
const nextTurn = () => new Promise<void>((r) => setImmediate(r))

async function panel(limits: Record<string, number>) {
  t = await startTestServer({ limits: { maxFrameBytes: 256 << 10, maxDocBytes: 1 << 20, ...limits } })
  const lead = t.organiser
  const panelId = await t.createPanel(lead)
  const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
  const bob = await t.invite(lead, panelId, 'inspector', 'Bob Inspector')
  const [churner, leadC, bobC] = [ann, lead, bob].map((m) => connect(t!.url, m, panelId, 'workspace'))
  clients.push(churner!, leadC!, bobC!)
  await Promise.all([churner!, leadC!, bobC!].map(synced))
  return { t, panelId, lead, churner: churner!, leadC: leadC!, bobC: bobC! }
}

/** Ann pastes 200 KB and deletes it again, `times` times, while the lead types a token each time. */
async function churnWhileLeadTypes(w: Awaited<ReturnType<typeof panel>>, times: number): Promise<string[]> {
  const churned = readDraft(w.churner.doc, 'note', '3.2')!
  const typed = readDraft(w.leadC.doc, 'note', '2.1')!
  const tokens: string[] = []
  for (let i = 0; i < times; i++) {
    churned.insert(0, CHURN)
    churned.delete(0, CHURN.length)
    const token = `[lead ${i}]`
    typed.insert(typed.length, token)
    tokens.push(token)
    await nextTurn()
  }
  return tokens
}

async function storedNote(w: Awaited<ReturnType<typeof panel>>, standardId: string): Promise<string> {
  const r = await w.t.api(w.lead, 'GET', `/api/panels/${w.panelId}/audit.jsonl`)
  const doc = new Y.Doc()
  for (const line of r.text.trim().split('\n')) {
    const l = JSON.parse(line) as { kind: string; update: string }
    if (l.kind === 'workspace-update') Y.applyUpdate(doc, Buffer.from(l.update, 'base64'))
  }
  return readDraft(doc, 'note', standardId)!.toString()
}

describe('write budgets', () => {
  it('one member churning far past their budget is closed alone; the lead’s edits all arrive and are stored', async () => {
    const w = await panel({ memberBurstBytes: 512 << 10, memberBytesPerSecond: 16 << 10 })
    // 30 × 200 KB: twelve times Ann's burst and six times the whole document's limit.
    const tokens = await churnWhileLeadTypes(w, 30)
    const all = tokens.join('')
    await waitFor(() => readDraft(w.bobC.doc, 'note', '2.1')!.toString() === all, 'every lead edit at Bob')
    await waitFor(() => w.churner.closes.length > 0, 'the churner to be closed')
    expect(w.churner.closes.map((e) => e.code)).toEqual([4429])
    expect(w.leadC.closes).toEqual([])
    expect(w.bobC.closes).toEqual([])
    expect(await storedNote(w, '2.1')).toBe(all)
  })

  it('churn within a member’s budget does not fill the document: its limit counts what it holds', async () => {
    const w = await panel({ memberBurstBytes: 64 << 20, memberBytesPerSecond: 64 << 20 })
    // 20 × 200 KB passes through a document whose limit is 1 MB; it holds a few KB throughout.
    const tokens = await churnWhileLeadTypes(w, 20)
    const all = tokens.join('')
    await waitFor(() => readDraft(w.bobC.doc, 'note', '2.1')!.toString() === all, 'every lead edit at Bob')
    const panelNow = w.t.server.ctx.hub.isOpen(w.panelId)!
    const annId = w.churner.doc.clientID
    await waitFor(
      () =>
        Y.getState(panelNow.workspace.store, annId) === Y.getState(w.churner.doc.store, annId) &&
        readDraft(panelNow.workspace, 'note', '3.2')!.length === 0,
      'the server to hold all the churn, deleted',
    )
    expect(Y.encodeStateAsUpdate(panelNow.workspace).byteLength).toBeLessThan(64 << 10)
    for (const c of [w.churner, w.leadC, w.bobC]) expect(c.closes).toEqual([])
    expect(await storedNote(w, '2.1')).toBe(all)
    // A document that really is full still refuses more (4507), to whoever sends it.
    const keep = readDraft(w.churner.doc, 'note', '3.3')!
    for (let i = 0; i < 6 && !w.churner.closes.length; i++) {
      keep.insert(0, CHURN)
      await waitFor(
        () => w.churner.closes.length > 0 || readDraft(w.bobC.doc, 'note', '3.3')!.length === keep.length,
        'the text to arrive, or a refusal',
      )
    }
    expect(w.churner.closes.map((e) => e.code)).toContain(4507)
  })
})
