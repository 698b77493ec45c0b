// The server guards the workspace: each refused write (a wipe, a foreign root or key, a spoofed focus,
// another's vote draft, a date typed character by character, a reviewer's update) is neither stored
// nor relayed; the sender starts again from the server and its later edits arrive; honest members carry on.
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { personalDataIn } from '../../shared/privacy/personal-data.ts'
import { draftsMap, readDraft, readFocus, readVoteDraft, writeFocus } from '../../shared/ydoc/layout.ts'
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

interface World {
  t: TestServer
  panelId: string
  lead: Member
  ann: Member
  bob: Member
  rita: Member
  /** Ann's browser: a resyncing workspace, as the client runs it. */
  annC: Client
  leadC: Client
  /** An honest inspector's client, watched for anything it should never have been sent. */
  bobC: Client
  seenByBob: string[]
}

async function world(): Promise<World> {
  t = await startTestServer()
  const lead = t.organiser
  const panelId = await t.createPanel(lead)
  const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
  const bob = await t.invite(lead, panelId, 'inspector', 'Bob Inspector')
  const rita = await t.invite(lead, panelId, 'reviewer', 'Rita Reviewer')
  const annC = open(t.url, ann, panelId, 'workspace', { resync: true })
  const leadC = open(t.url, lead, panelId, 'workspace', { resync: true })
  const bobC = open(t.url, bob, panelId, 'workspace')
  await Promise.all([annC, leadC, bobC].map(synced))
  const seenByBob: string[] = []
  bobC.doc.on('update', () => seenByBob.push(view(bobC.doc)))
  return { t, panelId, lead, ann, bob, rita, annC, leadC, bobC, seenByBob }
}

/** Everything a doc shows: its roots, draft keys, texts and focus, as one string. */
function view(doc: Y.Doc): string {
  const drafts = Object.fromEntries([...draftsMap(doc).entries()].map(([k, v]) => [k, String(v)]))
  return JSON.stringify({ roots: [...doc.share.keys()].sort(), drafts, focus: readFocus(doc) })
}

/** The workspace as the server stored it: every update in the audit log, replayed into a fresh doc. */
async function stored(w: World): Promise<{ doc: Y.Doc; by: string[] }> {
  const r = await w.t.api(w.lead, 'GET', `/api/panels/${w.panelId}/audit.jsonl`)
  expect(r.status).toBe(200)
  const doc = new Y.Doc()
  const by: string[] = []
  for (const line of r.text.trim().split('\n')) {
    const l = JSON.parse(line) as { kind: string; accountId: string; update: string }
    if (l.kind !== 'workspace-update') continue
    by.push(l.accountId)
    Y.applyUpdate(doc, Buffer.from(l.update, 'base64'))
  }
  return { doc, by }
}

async function freshView(w: World, m: Member = w.bob): Promise<Client> {
  const c = open(w.t.url, m, w.panelId, 'workspace')
  await synced(c)
  return c
}

const refusedWith = (c: Client, reason: RegExp) =>
  waitFor(
    () => c.closes.some((e) => e.code === 4422 && reason.test(e.reason)),
    `a 4422 refusal matching ${reason}`,
  )

/**
 * After a refusal: the sender has started again from the server and holds what a fresh client holds;
 * an edit it makes now arrives at Bob and is stored; nobody honest was closed.
 */
async function carriesOn(w: World, sender: Client, mark: string, key: ['note' | 'proposal', string]) {
  await waitFor(() => sender.restarts.length > 0 && sender.provider.synced, 'the sender to resync')
  const fresh = await freshView(w)
  await waitFor(() => sameContent(sender.doc, fresh.doc), 'the sender to converge with a fresh client')
  readDraft(sender.doc, ...key)!.insert(0, mark)
  await waitFor(
    () =>
      readDraft(w.bobC.doc, ...key)!
        .toString()
        .includes(mark),
    'the later edit at Bob',
  )
  expect(readDraft((await stored(w)).doc, ...key)!.toString()).toContain(mark)
  expect(w.bobC.closes).toEqual([])
}

describe('the workspace guard', () => {
  it('refuses a wipe of every draft in one transaction: all 48 drafts stay, for everyone and in the store', async () => {
    const w = await world()
    const drafts = draftsMap(w.annC.doc)
    const count = drafts.size
    expect(count).toBe(48)
    w.annC.doc.transact(() => {
      for (const k of [...drafts.keys()]) drafts.delete(k)
    })
    await refusedWith(w.annC, /^refused:structure/)
    await carriesOn(w, w.annC, 'Ann again. ', ['note', '2.1'])
    expect(draftsMap((await freshView(w)).doc).size).toBe(count)
    const s = await stored(w)
    expect(draftsMap(s.doc).size).toBe(count)
    expect(w.seenByBob.every((v) => Object.keys(JSON.parse(v).drafts).length === count)).toBe(true)
  })

  it('refuses a foreign root and a foreign draft key, neither stored nor relayed', async () => {
    const w = await world()
    w.annC.doc.getMap('child').set('name', 'Jane Doe')
    await refusedWith(w.annC, /^refused:foreign$/)
    await carriesOn(w, w.annC, 'Ann one. ', ['note', '2.1'])
    draftsMap(w.annC.doc).set('Jane Doe', new Y.Text('lives at 1 High Street'))
    await waitFor(() => w.annC.restarts.length === 2, 'a second refusal')
    expect(w.annC.closes.filter((e) => e.code === 4422).map((e) => e.reason)).toEqual([
      'refused:foreign',
      'refused:foreign',
    ])
    await carriesOn(w, w.annC, 'Ann two. ', ['note', '2.2'])
    const s = await stored(w)
    for (const doc of [s.doc, (await freshView(w)).doc, w.bobC.doc]) {
      expect(doc.share.has('child')).toBe(false)
      expect(draftsMap(doc).has('Jane Doe')).toBe(false)
    }
    expect(w.seenByBob.some((v) => v.includes('Jane') || v.includes('High Street'))).toBe(false)
  })

  it('refuses a focus set by an inspector, or by the lead in another’s name; the lead’s own arrives', async () => {
    const w = await world()
    const at = () => new Date().toISOString()
    writeFocus(w.annC.doc, { standardId: '2.1', by: w.lead.accountId, at: at() })
    await refusedWith(w.annC, /^refused:ownership:focus$/)
    await carriesOn(w, w.annC, 'Ann. ', ['note', '2.1'])
    expect(readFocus(w.bobC.doc)).toBeNull()
    writeFocus(w.leadC.doc, { standardId: '3.2', by: w.ann.accountId, at: at() })
    await refusedWith(w.leadC, /^refused:ownership:focus$/)
    await waitFor(() => w.leadC.restarts.length === 1 && w.leadC.provider.synced, 'the lead to resync')
    writeFocus(w.leadC.doc, { standardId: '3.3', by: w.lead.accountId, at: at() })
    await waitFor(() => readFocus(w.bobC.doc)?.standardId === '3.3', 'the lead’s own focus at Bob')
    expect(readFocus((await stored(w)).doc)).toMatchObject({ standardId: '3.3', by: w.lead.accountId })
    expect(w.seenByBob.some((v) => v.includes('"3.2"') || v.includes(`"by":"${w.ann.accountId}"`))).toBe(
      false,
    )
  })

  it('refuses writing into another member’s vote draft, or creating one in their name', async () => {
    const w = await world()
    const propose = (standardId: string, rating: string) =>
      w.t
        .accept(w.lead, w.panelId, { type: 'propose', standardId, rating, justification: 'Near the line.' })
        .then((r) => r.proposalId as string)
    const [p1, p2] = [await propose('2.1', 'Good'), await propose('3.2', 'Requires improvement')]
    readVoteDraft(w.leadC.doc, p1, w.lead.accountId, true)!.insert(0, 'Lead: support. ')
    await waitFor(() => readVoteDraft(w.annC.doc, p1, w.lead.accountId) !== null, 'the lead’s draft at Ann')
    readVoteDraft(w.annC.doc, p1, w.lead.accountId)!.insert(0, 'Ann was here. ')
    await refusedWith(w.annC, new RegExp(`^refused:ownership:vote:${p1}:${w.lead.accountId}$`))
    await carriesOn(w, w.annC, 'Ann. ', ['note', '2.1'])
    readVoteDraft(w.annC.doc, p2, w.lead.accountId, true)!.insert(0, 'In the lead’s name. ')
    await waitFor(() => w.annC.restarts.length === 2, 'a second refusal')
    // Her own vote draft is hers to write.
    readVoteDraft(w.annC.doc, p2, w.ann.accountId, true)!.insert(0, 'Ann: oppose. ')
    await waitFor(
      () => readVoteDraft(w.bobC.doc, p2, w.ann.accountId)?.toString() === 'Ann: oppose. ',
      'Ann’s own vote draft at Bob',
    )
    const s = await stored(w)
    expect(readVoteDraft(s.doc, p1, w.lead.accountId)!.toString()).toBe('Lead: support. ')
    expect(readVoteDraft(s.doc, p2, w.lead.accountId)).toBeNull()
    expect(w.seenByBob.some((v) => v.includes('Ann was here') || v.includes('lead’s name'))).toBe(false)
    // Decision drafts are the lead's.
    readDraft(w.annC.doc, 'decision', '2.1')!.insert(0, 'Ann decides. ')
    await refusedWith(w.annC, /^refused:ownership:decision:2\.1$/)
  })

  it('catches a date typed one character at a time when it completes, and offers the text back', async () => {
    const w = await world()
    const typed = 'Seen C07 on 12/03/2008 at home.'
    const note = () => readDraft(w.annC.doc, 'note', '2.1')!
    let refusedAt = -1
    for (let i = 0; i < typed.length; i++) {
      note().insert(i, typed[i]!)
      const expected = typed.slice(0, i + 1)
      await waitFor(
        () => w.annC.closes.length > 0 || readDraft(w.bobC.doc, 'note', '2.1')!.toString() === expected,
        `character ${i} at Bob, or a refusal`,
      )
      if (w.annC.closes.length) {
        refusedAt = i
        break
      }
    }
    // Refused exactly when the text first reads like personal data, not before, not after.
    expect(refusedAt).toBeGreaterThan(0)
    expect(personalDataIn(typed.slice(0, refusedAt + 1))).not.toBeNull()
    expect(personalDataIn(typed.slice(0, refusedAt))).toBeNull()
    await refusedWith(w.annC, /^refused:personal-data:note:2\.1$/)
    await waitFor(() => w.annC.restarts.length === 1, 'the restart')
    expect(w.annC.restarts[0]!.unshared).toEqual([{ key: 'note:2.1', text: typed.slice(0, refusedAt + 1) }])
    await carriesOn(w, w.annC, 'Seen C07. ', ['note', '2.2'])
    const s = await stored(w)
    expect(readDraft(s.doc, 'note', '2.1')!.toString()).toBe(typed.slice(0, refusedAt))
    // Nothing stored or relayed ever read like personal data.
    const replay = new Y.Doc()
    const r = await w.t.api(w.lead, 'GET', `/api/panels/${w.panelId}/audit.jsonl`)
    for (const line of r.text.trim().split('\n')) {
      const l = JSON.parse(line) as { kind: string; update: string }
      if (l.kind !== 'workspace-update') continue
      Y.applyUpdate(replay, Buffer.from(l.update, 'base64'))
      expect(personalDataIn(readDraft(replay, 'note', '2.1')!.toString())).toBeNull()
    }
    expect(w.seenByBob.every((v) => personalDataIn(v.replace(/"at":"[^"]*"/g, '')) === null)).toBe(true)
  })

  it('refuses a reviewer’s update with 4403, and stores nothing of it', async () => {
    const w = await world()
    const rc = open(w.t.url, w.rita, w.panelId, 'workspace')
    await synced(rc)
    readDraft(rc.doc, 'note', '2.1')!.insert(0, 'Rita writes. ')
    await waitFor(() => rc.closes.some((e) => e.code === 4403), 'the reviewer to be closed with 4403')
    readDraft(w.leadC.doc, 'note', '2.1')!.insert(0, 'Lead writes. ')
    await waitFor(() => readDraft(w.bobC.doc, 'note', '2.1')!.toString() === 'Lead writes. ', 'the lead')
    const s = await stored(w)
    expect(s.by).not.toContain(w.rita.accountId)
    expect(readDraft(s.doc, 'note', '2.1')!.toString()).toBe('Lead writes. ')
    expect(w.seenByBob.some((v) => v.includes('Rita'))).toBe(false)
  })

  it('stores a member’s reconnections as nothing: their sync replies repeat what the server has', async () => {
    const w = await world()
    readDraft(w.annC.doc, 'note', '2.1')!.insert(0, 'Ann writes. ')
    await waitFor(() => readDraft(w.bobC.doc, 'note', '2.1')!.toString() === 'Ann writes. ', 'Ann’s edit')
    const before = (await stored(w)).by.length
    for (let i = 0; i < 3; i++) {
      w.annC.provider.disconnect()
      w.annC.provider.connect()
      await synced(w.annC)
    }
    // An edit after them lands, and it is the only thing stored since.
    readDraft(w.annC.doc, 'note', '2.1')!.insert(0, 'Again. ')
    await waitFor(() => readDraft(w.bobC.doc, 'note', '2.1')!.toString().startsWith('Again. '), 'the edit')
    const s = await stored(w)
    expect(s.by.slice(before)).toEqual([w.ann.accountId])
  })
})
