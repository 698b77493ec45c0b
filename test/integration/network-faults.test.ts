// Network faults: clients that drop and reconnect mid-edit, an inspector who edits offline for a long
// while, and the server telling everyone to reconnect: every edit arrives, everyone converges, presence returns.
import { afterEach, describe, expect, it } from 'vitest'
import type WebSocket from 'ws'
import * as Y from 'yjs'
import { readDraft, readRecordState, type DraftKind } from '../../shared/ydoc/layout.ts'
import { sameContent } from '../support/fuzz.ts'
import { startTestServer, type Member, type TestServer } from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

let t: TestServer | null = null
const clients: Client[] = []
const open = (...args: Parameters<typeof connect>) => {
  const c = connect(...args)
  clients.push(c)
  return c
}
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await t?.close()
  t = null
})

async function panelWithMembers() {
  t = await startTestServer()
  const lead = t.organiser
  const panelId = await t.createPanel(lead)
  const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
  const bob = await t.invite(lead, panelId, 'inspector', 'Bob Inspector')
  const rita = await t.invite(lead, panelId, 'reviewer', 'Rita Reviewer')
  return { t, lead, ann, bob, rita, panelId }
}

// Drafts every writer here may write (decision drafts are the lead's alone).
const SLOTS: [DraftKind, string][] = [
  ['proposal', '2.1'],
  ['footnote', '2.1'],
  ['note', '3.2'],
  ['note', '3.3'],
]

/** Types a unique token into one of the shared drafts, at its start or end (never inside another token). */
function type(c: Client, token: string, i: number): void {
  const [kind, sid] = SLOTS[i % SLOTS.length]!
  const text = readDraft(c.doc, kind, sid)!
  text.insert(i % 3 === 0 ? 0 : text.length, `[${token}]`)
}

const allText = (c: Client) => SLOTS.map(([k, s]) => readDraft(c.doc, k, s)!.toString()).join('\n')
const hasAll = (c: Client, tokens: string[]) => {
  const s = allText(c)
  return tokens.every((tk) => s.includes(`[${tk}]`))
}

/** Drops the socket as a dead network would: no close frame, the provider notices and reconnects. */
const dropSocket = (c: Client) => (c.provider.ws as unknown as WebSocket | null)?.terminate()

/** A fresh client that has never seen anything: what the server has stored and serves. */
async function freshView(t: TestServer, m: Member, panelId: string): Promise<Client> {
  const c = open(t.url, m, panelId, 'workspace')
  await synced(c)
  return c
}

const nextTurn = () => new Promise<void>((r) => setImmediate(r))

describe('network faults', () => {
  it('clients that drop and reconnect mid-edit converge with everyone, losing nothing', async () => {
    const { t, lead, ann, bob, rita, panelId } = await panelWithMembers()
    const writers = [ann, bob, lead].map((m) => open(t.url, m, panelId, 'workspace'))
    const reader = open(t.url, rita, panelId, 'workspace')
    await Promise.all([...writers, reader].map(synced))
    const written: string[] = []
    for (let i = 0; i < 90; i++) {
      const w = i % 3
      const token = `${'ABL'[w]}${i}`
      type(writers[w]!, token, i)
      written.push(token)
      // Ann's and Bob's networks fail now and then, mid-edit; they keep typing through it.
      if (i % 17 === 5) dropSocket(writers[0]!)
      if (i % 23 === 11) dropSocket(writers[1]!)
      await nextTurn()
    }
    await waitFor(
      () => [...writers, reader].every((c) => hasAll(c, written)),
      'every edit everywhere',
      20_000,
    )
    await waitFor(() => writers.every((w) => sameContent(w.doc, reader.doc)), 'identical documents')
    expect(hasAll(await freshView(t, rita, panelId), written)).toBe(true)
    // Drops are not refusals: nobody was closed with one of the server's codes.
    for (const c of [...writers, reader]) expect(c.closes.filter((e) => e.code >= 4000)).toEqual([])
  })

  it('an inspector who edits offline for a long while (600 keystrokes) merges with the edits made meanwhile', async () => {
    const { t, lead, ann, bob, rita, panelId } = await panelWithMembers()
    const offline = open(t.url, ann, panelId, 'workspace')
    const others = [bob, lead].map((m) => open(t.url, m, panelId, 'workspace'))
    const reader = open(t.url, rita, panelId, 'workspace')
    await Promise.all([offline, ...others, reader].map(synced))
    type(offline, 'before', 0)
    await waitFor(() => hasAll(reader, ['before']), 'the first edit')

    offline.provider.disconnect()
    await waitFor(() => !offline.provider.wsconnected, 'disconnected')
    // A minute of typing at ten keystrokes a second, one character at a time, with some backspacing;
    // meanwhile the others keep editing the same drafts.
    const text = readDraft(offline.doc, 'proposal', '2.1')!
    const sentence = 'Ann drafted this on the train with no signal. '
    for (let i = 0; i < 600; i++) {
      if (i % 50 === 49) text.delete(text.length - 1, 1)
      else text.insert(text.length, sentence[i % sentence.length]!)
    }
    const offlineTokens = Array.from({ length: 20 }, (_, i) => `ann-off-${i}`)
    offlineTokens.forEach((tk, i) => type(offline, tk, i + 1))
    const onlineTokens = Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'bob' : 'lead'}-on-${i}`)
    onlineTokens.forEach((tk, i) => type(others[i % 2]!, tk, i))
    await waitFor(() => hasAll(reader, onlineTokens), 'the online edits')
    expect(hasAll(reader, offlineTokens)).toBe(false)
    const typedOffline = text.toString()

    offline.provider.connect()
    const everyone = [offline, ...others, reader]
    await waitFor(
      () => everyone.every((c) => hasAll(c, [...offlineTokens, ...onlineTokens, 'before'])),
      'the offline edits to merge',
      20_000,
    )
    await waitFor(() => everyone.every((c) => sameContent(c.doc, reader.doc)), 'identical documents')
    // Ann's typing survives intact as one run (the others only inserted bracketed tokens around it).
    const merged = readDraft(reader.doc, 'proposal', '2.1')!
      .toString()
      .replace(/\[[^\]]*\]/g, '')
    expect(merged).toContain(typedOffline.replace(/\[[^\]]*\]/g, ''))
    const fresh = await freshView(t, rita, panelId)
    expect(sameContent(fresh.doc, reader.doc)).toBe(true)
    for (const c of everyone) expect(c.closes.filter((e) => e.code >= 4000)).toEqual([])
  })

  it('when the server tells everyone to reconnect (1012) mid-edit, they do and converge', async () => {
    const { t, ann, bob, rita, panelId } = await panelWithMembers()
    const writers = [ann, bob].map((m) => open(t.url, m, panelId, 'workspace'))
    const reader = open(t.url, rita, panelId, 'workspace')
    await Promise.all([...writers, reader].map(synced))
    const written: string[] = []
    for (let i = 0; i < 40; i++) {
      const token = `${i % 2 ? 'B' : 'A'}${i}`
      type(writers[i % 2]!, token, i)
      written.push(token)
      if (i === 20) t.server.ctx.sync.closeAll()
      await nextTurn()
    }
    await waitFor(
      () => [...writers, reader].every((c) => hasAll(c, written)),
      'every edit everywhere',
      20_000,
    )
    expect(writers[0]!.closes.map((c) => c.code)).toContain(1012)
    expect(hasAll(await freshView(t, rita, panelId), written)).toBe(true)
  })

  it("a client's presence comes back after its network drops, though the others echoed its departure", async () => {
    const { t, ann, bob, panelId } = await panelWithMembers()
    const a = open(t.url, ann, panelId, 'workspace')
    const b = open(t.url, bob, panelId, 'workspace')
    await Promise.all([a, b].map(synced))
    a.provider.awareness.setLocalStateField('viewing', '2.1')
    const annSeenByBob = () =>
      [...b.provider.awareness.getStates().values()].some(
        (s) => (s as { user?: { name?: string } }).user?.name === 'Ann Inspector',
      )
    await waitFor(annSeenByBob, "Ann's presence")
    for (let round = 0; round < 3; round++) {
      dropSocket(a)
      await waitFor(() => !annSeenByBob(), "Ann's departure")
      await waitFor(() => a.provider.synced, 'Ann reconnected')
      // Peers remember her last presence clock, so unchanged presence reappears at the next change or at
      // y-protocols' renewal (every 15 s), as with any y-websocket server; a change shows at once.
      a.provider.awareness.setLocalStateField('viewing', `3.${round}`)
      await waitFor(annSeenByBob, `Ann's presence after reconnect ${round + 1}`)
    }
  })

  it('a record client that missed events while offline catches up on reconnect, and is not taken for a writer', async () => {
    const { t, lead, ann, panelId } = await panelWithMembers()
    const rec = open(t.url, ann, panelId, 'record')
    await synced(rec)
    rec.provider.disconnect()
    const versionBefore = readRecordState(rec.doc)!.version
    const r = await t.command(ann, panelId, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: 'Near the boundary, proposed offline.',
    })
    expect(r.status).toBe(200)
    await t.command(lead, panelId, {
      type: 'vote',
      proposalId: r.json.proposalId,
      stance: 'support',
      justification: 'Agreed while Ann was away.',
    })
    rec.provider.connect()
    await waitFor(() => readRecordState(rec.doc)!.version === versionBefore + 2, 'the missed events')
    const reference = open(t.url, lead, panelId, 'record')
    await synced(reference)
    expect(Buffer.from(Y.encodeStateAsUpdate(rec.doc))).toEqual(
      Buffer.from(Y.encodeStateAsUpdate(reference.doc)),
    )
    expect(rec.closes.filter((e) => e.code >= 4000)).toEqual([])
  })
})
