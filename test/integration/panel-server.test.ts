// The live panel server end to end: real server on port 0, real y-websocket clients, real SQLite file.
import { afterEach, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { readDraft, readRecordLog, readRecordState } from '../../shared/ydoc/layout.ts'
import { readFixtureJson, startTestServer, type Member, type TestServer } from '../support/server.ts'
import { connect, synced, waitFor, type Client } from '../support/yclient.ts'

const decisions = readFixtureJson<{ decisions: Record<string, { rating: string; justification: string }> }>(
  'gloucestershire-2020.decisions.json',
).decisions

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

async function propose(
  t: TestServer,
  m: Member,
  panelId: string,
  standardId: string,
  rating: string,
  justification: string,
) {
  const r = await t.command(m, panelId, { type: 'propose', standardId, rating, justification })
  expect(r.status, JSON.stringify(r.json)).toBe(200)
  return r.json.proposalId as string
}

describe('live panel server', () => {
  it('two inspectors and a lead converge on drafts and votes', async () => {
    const { t, lead, ann, bob, panelId } = await panelWithMembers()
    const [a, b, l] = [ann, bob, lead].map((m) => open(t.url, m, panelId, 'workspace'))
    await Promise.all([a, b, l].map((c) => synced(c!)))
    readDraft(a!.doc, 'proposal', '2.1')!.insert(0, 'Ann: desistance work is strong. ')
    readDraft(b!.doc, 'proposal', '2.1')!.insert(0, 'Bob: safety scores near the line. ')
    const text = (c: Client) => readDraft(c.doc, 'proposal', '2.1')!.toString()
    await waitFor(
      () => [a, b, l].every((c) => text(c!).includes('Ann:') && text(c!).includes('Bob:')),
      'drafts to converge',
    )
    expect(new Set([a, b, l].map((c) => text(c!))).size).toBe(1)

    const recs = [ann, bob, lead].map((m) => open(t.url, m, panelId, 'record'))
    await Promise.all(recs.map(synced))
    const pid = await propose(t, ann, panelId, '2.1', 'Good', text(a!))
    expect(
      (
        await t.command(bob, panelId, {
          type: 'vote',
          proposalId: pid,
          stance: 'support',
          justification: 'Agree: near boundary.',
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await t.command(lead, panelId, {
          type: 'vote',
          proposalId: pid,
          stance: 'abstain',
          justification: 'Lead abstains until the end.',
        })
      ).status,
    ).toBe(200)
    // Bob changes his mind: one live vote per person, the change recorded.
    expect(
      (
        await t.command(bob, panelId, {
          type: 'vote',
          proposalId: pid,
          stance: 'oppose',
          justification: 'On reflection, no.',
        })
      ).status,
    ).toBe(200)
    await waitFor(
      () => recs.every((c) => readRecordState(c.doc)?.proposals[pid]?.voteHistory.length === 3),
      'every vote in every record',
    )
    const p = readRecordState(recs[0]!.doc)!.proposals[pid]!
    expect(p.votes[bob.accountId]!.stance).toBe('oppose')
    expect(p.voteHistory.map((v) => v.stance)).toEqual(['support', 'abstain', 'oppose'])
    expect(readRecordLog(recs[2]!.doc).map((e) => e.type)).toContain('vote.cast')
  })

  it('gives each newcomer the whole document as it is now, though the encoding is shared until it changes', async () => {
    const { t, ann, bob, rita, panelId } = await panelWithMembers()
    const writer = open(t.url, ann, panelId, 'workspace')
    await synced(writer)
    readDraft(writer.doc, 'proposal', '2.1')!.insert(0, 'First words.')
    const text = (c: Client) => readDraft(c.doc, 'proposal', '2.1')?.toString() ?? ''
    // Two newcomers in a row (the second is served the cached encoding) see the same document.
    const first = open(t.url, bob, panelId, 'workspace')
    await waitFor(() => first.provider.synced && text(first) === 'First words.', 'the first newcomer')
    const second = open(t.url, rita, panelId, 'workspace')
    await waitFor(() => second.provider.synced && text(second) === 'First words.', 'the second newcomer')
    expect(Y.encodeStateAsUpdate(second.doc)).toEqual(Y.encodeStateAsUpdate(first.doc))
    // A change drops the cached encoding: the next newcomer gets it.
    readDraft(writer.doc, 'proposal', '2.1')!.insert(12, ' More words.')
    await waitFor(() => text(first) === 'First words. More words.', 'the change to reach the first newcomer')
    const third = open(t.url, bob, panelId, 'workspace')
    await waitFor(
      () => third.provider.synced && text(third) === 'First words. More words.',
      'a newcomer after the change',
    )
  })

  it("refuses a reviewer's and an inspector's forbidden writes, changing nothing anywhere", async () => {
    const { t, ann, rita, lead, panelId } = await panelWithMembers()
    const watcher = open(t.url, lead, panelId, 'workspace')
    const reviewer = open(t.url, rita, panelId, 'workspace')
    const inspectorOnRecord = open(t.url, ann, panelId, 'record')
    const leadRecord = open(t.url, lead, panelId, 'record')
    await Promise.all([watcher, reviewer, inspectorOnRecord, leadRecord].map(synced))
    const before = Y.encodeStateVector(watcher.doc)
    const recordBefore = Y.encodeStateAsUpdate(leadRecord.doc)

    readDraft(reviewer.doc, 'note', '2.1')!.insert(0, 'reviewer scribble')
    inspectorOnRecord.doc.getMap('record').set('state', { hacked: true })
    await waitFor(() => reviewer.closes.some((c) => c.code === 4403), 'reviewer closed with 4403')
    await waitFor(
      () => inspectorOnRecord.closes.some((c) => c.code === 4403),
      'inspector on record closed with 4403',
    )
    reviewer.provider.disconnect()
    inspectorOnRecord.provider.disconnect()

    // A later writer's change still arrives, proving the watcher is live and saw nothing forbidden.
    const ann2 = open(t.url, ann, panelId, 'workspace')
    await synced(ann2)
    readDraft(ann2.doc, 'note', '3.2')!.insert(0, 'ok')
    await waitFor(() => readDraft(watcher.doc, 'note', '3.2')!.toString() === 'ok', 'legit note')
    expect(readDraft(watcher.doc, 'note', '2.1')!.toString()).toBe('')
    expect(Y.decodeStateVector(before).size).toBeGreaterThan(0)
    expect(Buffer.from(Y.encodeStateAsUpdate(leadRecord.doc))).toEqual(Buffer.from(recordBefore))

    // Commands: reviewers change nothing, inspectors neither decide nor finalise.
    const pid = await propose(
      t,
      ann,
      panelId,
      '3.2',
      'Requires improvement',
      'Only five cases; one answer flips it.',
    )
    expect(
      (
        await t.command(rita, panelId, {
          type: 'vote',
          proposalId: pid,
          stance: 'support',
          justification: 'I agree with this.',
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await t.command(ann, panelId, {
          type: 'decide',
          proposalId: pid,
          outcome: 'applied',
          text: 'Footnote text here.',
        })
      ).status,
    ).toBe(403)
    expect((await t.command(ann, panelId, { type: 'finalise' })).status).toBe(403)
    expect(
      (await t.api(ann, 'POST', `/api/panels/${panelId}/invites`, { role: 'lead', name: 'Mallory' })).status,
    ).toBe(403)
  })

  it('runs the Gloucestershire panel to 18/36 with the three published footnotes, then freezes', async () => {
    const { t, lead, ann, bob, panelId } = await panelWithMembers()
    for (const [sid, d] of Object.entries(decisions)) {
      const pid = await propose(t, ann, panelId, sid, d.rating, `Proposed: ${d.justification.slice(0, 80)}`)
      await t.accept(bob, panelId, {
        type: 'vote',
        proposalId: pid,
        stance: 'support',
        justification: 'Supported as published.',
      })
      const r = await t.command(lead, panelId, {
        type: 'decide',
        proposalId: pid,
        outcome: 'applied',
        text: d.justification,
      })
      expect(r.status, JSON.stringify(r.json)).toBe(200)
    }
    // Discretion only in a triggered direction: 2.2 has no trigger.
    const refused = await t.command(ann, panelId, {
      type: 'propose',
      standardId: '2.2',
      rating: 'Good',
      justification: 'No trigger here though.',
    })
    expect(refused.status).toBe(422)
    expect((await t.command(lead, panelId, { type: 'finalise' })).status).toBe(200)

    const rec = await t.api(lead, 'GET', `/api/panels/${panelId}/record`)
    expect(rec.status).toBe(200)
    expect(rec.headers.get('x-record-hash')).toMatch(/^[0-9a-f]{64}$/)
    const record = rec.json
    expect(record.final.overall).toMatchObject({ score: 18, max: 36, rating: 'Requires improvement' })
    expect(record.rulesBased.overall).toMatchObject({ score: 15, rating: 'Requires improvement' })
    expect(record.footnotes.map((f: { standardId: string }) => f.standardId).sort()).toEqual([
      '2.1',
      '3.2',
      '3.3',
    ])
    expect(record.footnotes.find((f: { standardId: string }) => f.standardId === '2.1').text).toBe(
      decisions['2.1']!.justification,
    )
    expect(record.keptWithoutProposal.sort()).toEqual(['2.3', '2.4'])
    expect(record.participants).toHaveLength(4)
    expect(record.chain.head).toMatch(/^[0-9a-f]{64}$/)

    // After finalisation nothing changes.
    expect(
      (
        await t.command(ann, panelId, {
          type: 'propose',
          standardId: '2.3',
          rating: 'Good',
          justification: 'Too late for this.',
        })
      ).status,
    ).toBe(409)
    expect(
      (await t.api(lead, 'POST', `/api/panels/${panelId}/invites`, { role: 'inspector', name: 'Late' }))
        .status,
    ).toBe(409)
    const ws = open(t.url, ann, panelId, 'workspace')
    await synced(ws)
    readDraft(ws.doc, 'note', '2.1')!.insert(0, 'after the fact')
    await waitFor(() => ws.closes.some((c) => c.code === 4403), 'workspace read-only after finalisation')
    const again = await t.api(lead, 'GET', `/api/panels/${panelId}/record`)
    expect(again.text).toBe(rec.text)
    const csv = await t.api(lead, 'GET', `/api/panels/${panelId}/record.csv`)
    expect(csv.text).toContain('score,18/36')
  })

  it('loses nothing across a restart: same record doc, same drafts, the chain verifies', async () => {
    const { t: first, lead, ann, panelId } = await panelWithMembers()
    const w = open(first.url, ann, panelId, 'workspace')
    const r = open(first.url, ann, panelId, 'record')
    await Promise.all([synced(w), synced(r)])
    readDraft(w.doc, 'footnote', '2.1')!.insert(0, 'Drafted before the restart.')
    const pid = await propose(first, ann, panelId, '2.1', 'Good', 'Near the boundary.')
    await first.command(lead, panelId, {
      type: 'vote',
      proposalId: pid,
      stance: 'support',
      justification: 'Yes, agreed.',
    })
    await waitFor(
      () =>
        readRecordState(r.doc)?.version === readRecordState(r.doc)?.version &&
        Object.keys(readRecordState(r.doc)?.proposals[pid]?.votes ?? {}).length === 1,
      'vote seen',
    )
    const dataDir = first.dataDir
    const recordBefore = Y.encodeStateAsUpdate(r.doc)
    await first.close(false)
    w.destroy()
    r.destroy()

    t = await startTestServer({ dataDir })
    const r2 = open(t.url, ann, panelId, 'record')
    const w2 = open(t.url, ann, panelId, 'workspace')
    await Promise.all([synced(r2), synced(w2)])
    expect(Buffer.from(Y.encodeStateAsUpdate(r2.doc))).toEqual(Buffer.from(recordBefore))
    expect(readDraft(w2.doc, 'footnote', '2.1')!.toString()).toBe('Drafted before the restart.')
    const v = await t.api(ann, 'GET', `/api/panels/${panelId}/verify`)
    expect(v.json).toMatchObject({ ok: true, broken: null })
    expect(v.json.events).toBeGreaterThanOrEqual(8)
  })

  it('closes only the sender of a garbage frame; the others carry on', async () => {
    const { t, ann, bob, panelId } = await panelWithMembers()
    const a = open(t.url, ann, panelId, 'workspace')
    const b = open(t.url, bob, panelId, 'workspace')
    await Promise.all([synced(a), synced(b)])
    const raw = new WebSocket(t.url.replace('http', 'ws') + `/sync/${panelId}/workspace`, {
      headers: { cookie: ann.cookie, origin: t.url },
    })
    const closed = new Promise<number>((resolve) => raw.on('close', (code) => resolve(code)))
    await new Promise((resolve) => raw.on('open', resolve))
    raw.send(Buffer.from([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3]))
    expect(await closed).toBe(4400)
    readDraft(a.doc, 'note', '1.1')!.insert(0, 'still here')
    await waitFor(() => readDraft(b.doc, 'note', '1.1')!.toString() === 'still here', 'others carry on')
  })

  it('refuses sockets without a session or from another origin, and APIs without a session', async () => {
    t = await startTestServer()
    const panelId = await t.createPanel(t.organiser)
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(t!.url.replace('http', 'ws') + `/sync/${panelId}/record`, { headers })
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
        ws.on('open', () => resolve(101))
        ws.on('error', () => resolve(-1))
      })
    expect(await status({ origin: t.url })).toBe(401)
    expect(await status({ origin: 'http://evil.example', cookie: t.organiser.cookie })).toBe(403)
    const stranger = await t.invite(t.organiser, await t.createPanel(t.organiser), 'inspector', 'Other panel')
    expect(await status({ origin: t.url, cookie: stranger.cookie })).toBe(404)
    const r = await t.api(null, 'GET', `/api/panels/${panelId}`)
    expect(r.status).toBe(401)
    expect(r.json.error.code).toBe('unauthenticated')
    expect((await t.api(stranger, 'GET', `/api/panels/${panelId}`)).status).toBe(404)
  })
})
