// The replay view's pure parts: the merged timeline, bursts of edits, comparing two points, and the
// in-browser verification agreeing with the server's own chain and record hash.
import fs from 'node:fs'
import { webcrypto } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { frozenRecordOf } from '../../server/panels/audit.ts'
import { chainEvents, genesisHash, verifyChain } from '../../server/panels/chain.ts'
import type { StoredEvent } from '../../server/storage/port.ts'
import { findFramework } from '../../shared/framework/builtin.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import { decide } from '../../shared/panel/decide.ts'
import { evolve } from '../../shared/panel/evolve.ts'
import type { Actor, Command, PanelEvent, PanelState } from '../../shared/panel/types.ts'
import { initWorkspace, readDraft } from '../../shared/ydoc/layout.ts'
import { BURST_PAUSE_MS, nextStoryStop, storyOf, updateInBurst } from '../../client/src/views/replay/story.ts'
import {
  checkAgainstRemembered,
  checkChain,
  recordHashOf,
  type Sha256,
} from '../../client/src/views/replay/chain-check.ts'
import { compareSnapshots } from '../../client/src/views/replay/compare.ts'
import { parseDraftKey, readWorkspace, type Snapshot } from '../../client/src/views/replay/snapshot.ts'
import {
  EDIT,
  EVENT,
  makeTimeline,
  stepAtTime,
  stepOf,
  type HistoryAnswer,
} from '../../client/src/views/replay/timeline.ts'

const fixture = (n: string) =>
  JSON.parse(fs.readFileSync(new URL(`../fixtures/${n}`, import.meta.url), 'utf8'))
const framework = findFramework('hmip-youth-2018')!
const parsed = parseInspection(fixture('gloucestershire-2020.inspection.json'), findFramework)
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error))
const lead: Actor = { accountId: 'L', name: 'Lead', role: 'lead' }
const ann: Actor = { accountId: 'A', name: 'Ann', role: 'inspector' }
const minute = (n: number) => new Date(Date.parse('2020-01-14T09:00:00.000Z') + n * 60_000).toISOString()

/** A finalised Gloucestershire panel's log, chained as the server chains it, one event a minute. */
function gloucestershireLog(panelId = 'p1'): StoredEvent[] {
  const events: PanelEvent[] = [
    {
      type: 'panel.created',
      by: 'L',
      byName: 'Lead',
      at: minute(0),
      panelId,
      title: 'Glos',
      frameworkId: framework.id,
      framework,
      inspection: parsed.ok ? parsed.value : null,
      rating: rateInspection(framework, parsed.ok ? parsed.value : (null as never)),
      lead: 'L',
    },
    {
      type: 'member.added',
      by: 'L',
      byName: 'Lead',
      at: minute(0),
      accountId: 'L',
      name: 'Lead',
      role: 'lead',
    },
    {
      type: 'member.added',
      by: 'A',
      byName: 'Ann',
      at: minute(1),
      accountId: 'A',
      name: 'Ann',
      role: 'inspector',
    },
    { type: 'member.joined', by: 'A', byName: 'Ann', at: minute(1), accountId: 'A' },
  ]
  let state = events.reduce<PanelState | null>(evolve, null)!
  const run = (actor: Actor, command: Command) => {
    const r = decide(state, command, actor, { framework, now: minute(events.length) })
    if (!r.ok) throw new Error(r.error.message)
    for (const e of r.value) {
      events.push(e)
      state = evolve(state, e)
    }
  }
  for (const [sid, to] of [
    ['2.1', 'Good'],
    ['3.2', 'Requires improvement'],
    ['3.3', 'Requires improvement'],
  ] as const) {
    run(ann, {
      type: 'propose',
      proposalId: `pr-${sid}`,
      standardId: sid,
      rating: to,
      justification: 'Near the boundary.',
    })
    run(ann, { type: 'vote', proposalId: `pr-${sid}`, stance: 'support', justification: 'Agreed.' })
    run(lead, { type: 'decide', proposalId: `pr-${sid}`, outcome: 'applied', text: `Footnote for ${sid}.` })
  }
  run(lead, { type: 'finalise' })
  return chainEvents(panelId, 0, genesisHash(panelId), events)
}

const nodeSha256: Sha256 = async (text) =>
  Buffer.from(await webcrypto.subtle.digest('SHA-256', new TextEncoder().encode(text))).toString('hex')

describe('timeline', () => {
  const log = gloucestershireLog()
  const history: HistoryAnswer = {
    events: log.map((e) => ({ seq: e.seq, hash: e.hash, event: e.event })),
    // The seed at creation, two edits by Ann between events, a burst of three, and one after a long pause.
    workspace: [
      [11, minute(0), 'server', 900],
      [15, minute(4.5), 'A', 20],
      [16, minute(4.6), 'A', 21],
      [17, minute(4.7), 'A', 22],
      [30, minute(40), 'A', 5],
    ],
  }
  const tl = makeTimeline(history)

  it('merges events and edits by time, an event first on a tie, with what to replay at every step', () => {
    expect(tl.length).toBe(log.length + 5)
    expect([...tl.kind.slice(0, 3)]).toEqual([EVENT, EVENT, EDIT])
    for (let s = 1; s < tl.length; s++) {
      expect(tl.time[s]!).toBeGreaterThanOrEqual(tl.time[s - 1]!)
      expect(tl.eventSeq[s]!).toBeGreaterThanOrEqual(tl.eventSeq[s - 1]!)
      expect(tl.workspaceSeq[s]!).toBeGreaterThanOrEqual(tl.workspaceSeq[s - 1]!)
    }
    expect(tl.eventSeq[tl.length - 1]).toBe(log.length)
    expect(tl.workspaceSeq[tl.length - 1]).toBe(30)
    expect(tl.names.get('A')).toBe('Ann')
    expect(tl.standardOf.get('pr-3.2')).toBe('3.2')
  })

  it('finds the step of a shared link, of a moment, and the next stop either way', () => {
    for (let s = 0; s < tl.length; s++) expect(stepOf(tl, tl.eventSeq[s]!, tl.workspaceSeq[s]!)).toBe(s)
    expect(stepAtTime(tl, Date.parse(minute(4.65)))).toBe(
      [...tl.time].findLastIndex((t) => t <= Date.parse(minute(4.65))),
    )
    expect(stepAtTime(tl, 0)).toBe(0)
  })
})

describe('the replay as a story: one step per event, one per typing burst', () => {
  const log = gloucestershireLog()
  const at = (min: number, sec = 0) => new Date(Date.parse(minute(min)) + sec * 1000).toISOString()
  // Ann types 2 s apart, Bob types at the same time (his own burst), Ann pauses 5 s (a new burst), an event
  // comes between two of Bob's updates (a new burst), and a last burst of Ann's after the finalisation.
  const history: HistoryAnswer = {
    events: log.map((e) => ({ seq: e.seq, hash: e.hash, event: e.event })),
    workspace: [
      [11, at(0), 'server', 900],
      [12, at(4, 0), 'A', 20],
      [13, at(4, 1), 'B', 3],
      [14, at(4, 2), 'A', 21],
      [15, at(4, 4), 'A', 22],
      [16, at(4, 4.5), 'B', 4],
      [17, at(4, 9), 'A', 5],
      [18, at(4, 59), 'B', 6],
      [19, at(5, 2), 'B', 7],
      [20, at(40), 'A', 8],
    ],
  }
  const tl = makeTimeline(history)
  const story = storyOf(tl)

  it(`names the pause that ends a burst: ${BURST_PAUSE_MS / 1000} s`, () => expect(BURST_PAUSE_MS).toBe(5000))

  it('has exactly one step per event plus one per burst, in the order each ends', () => {
    const bursts = story.steps.filter((s) => s.kind === 'burst')
    expect(story.steps.filter((s) => s.kind === 'event')).toHaveLength(log.length)
    expect(bursts.map((b) => (b.kind === 'burst' ? [b.accountId, b.raws.length, b.bytes] : null))).toEqual([
      ['server', 1, 900],
      ['A', 3, 63],
      ['B', 2, 7],
      ['A', 1, 5],
      ['B', 1, 6],
      ['B', 1, 7],
      ['A', 1, 8],
    ])
    expect(story.steps).toHaveLength(log.length + 7)
    for (let i = 1; i < story.steps.length; i++)
      expect(story.steps[i]!.raw).toBeGreaterThan(story.steps[i - 1]!.raw)
  })

  it('knows the step of every raw point, and steps by story, into a burst and out of it', () => {
    for (let raw = 0; raw < tl.length; raw++) {
      const st = story.steps[story.ofRaw[raw]!]!
      expect(st.kind === 'event' ? st.raw === raw : st.raws.includes(raw)).toBe(true)
    }
    const annFirst = story.steps.find((s) => s.kind === 'burst' && s.accountId === 'A')!
    if (annFirst.kind !== 'burst') throw new Error('burst')
    const inside = annFirst.raws[0]!
    expect(updateInBurst(story, inside)).toEqual({ n: 1, of: 3 })
    expect(updateInBurst(story, annFirst.raw)).toBeNull()
    // From inside a burst, forward goes to its end first; then on to the next step.
    expect(nextStoryStop(story, inside, 1, false)).toBe(annFirst.raw)
    const i = story.steps.indexOf(annFirst)
    expect(nextStoryStop(story, annFirst.raw, 1, false)).toBe(story.steps[i + 1]!.raw)
    expect(nextStoryStop(story, annFirst.raw, -1, false)).toBe(story.steps[i - 1]!.raw)
    // Events only skips the bursts.
    expect(tl.kind[nextStoryStop(story, annFirst.raw, 1, true)!]).toBe(EVENT)
    expect(nextStoryStop(story, tl.length - 1, 1, false)).toBeNull()
    expect(nextStoryStop(story, 0, -1, true)).toBeNull()
  })
})

describe('comparing two points', () => {
  const log = gloucestershireLog()
  const stateAfter = (n: number) =>
    log.slice(0, n).reduce<PanelState | null>((s, e) => evolve(s, e.event), null)!
  const snap = (n: number, drafts: Record<string, string> = {}): Snapshot => ({
    state: stateAfter(n),
    drafts,
    focus: null,
    seqs: { event: n, workspace: 0 },
  })
  const decided21 = log.find((e) => e.event.type === 'proposal.decided')!.seq

  it('lists the score, the rating, the proposal and the votes that changed', () => {
    const changes = compareSnapshots(
      snap(decided21 - 1),
      snap(log.length, { 'footnote:2.1': 'Within five per cent.' }),
    )
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'overall',
        from: expect.objectContaining({ score: 15 }),
        to: expect.objectContaining({ score: 18 }),
      }),
    )
    expect(changes).toContainEqual({
      kind: 'rating',
      standardId: '2.1',
      title: 'Assessment',
      from: 'Requires improvement',
      to: 'Good',
    })
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: 'proposal', proposalId: 'pr-2.1', from: 'open', now: 'applied' }),
    )
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: 'proposal', proposalId: 'pr-3.2', from: null, now: 'applied' }),
    )
    expect(changes).toContainEqual(
      expect.objectContaining({ kind: 'vote', proposalId: 'pr-3.3', from: null, now: 'support' }),
    )
    expect(changes).toContainEqual({ kind: 'finalised', now: true })
    expect(changes).toContainEqual(
      expect.objectContaining({
        kind: 'draft',
        key: 'footnote:2.1',
        removed: '',
        inserted: 'Within five per cent.',
      }),
    )
    expect(compareSnapshots(snap(5), snap(5))).toEqual([])
  })

  it('shows the span of a draft that changed, with some of what is around it', () => {
    const before = 'A'.repeat(60) + ' near the boundary ' + 'B'.repeat(60)
    const after = 'A'.repeat(60) + ' within five per cent of the boundary ' + 'B'.repeat(60)
    const [c] = compareSnapshots(snap(3, { 'note:2.1': before }), snap(3, { 'note:2.1': after }))
    expect(c).toMatchObject({
      kind: 'draft',
      removed: 'near',
      inserted: 'within five per cent of',
      from: before.length,
      now: after.length,
    })
    expect(c?.kind === 'draft' && c.before.startsWith('…')).toBe(true)
  })
})

describe('workspace snapshots', () => {
  it('reads every draft and the focus from a workspace update, and names draft keys', () => {
    const doc = new Y.Doc()
    initWorkspace(doc, ['2.1', '3.2'])
    readDraft(doc, 'note', '3.2')!.insert(0, 'C07 borderline')
    doc.getMap('drafts').set('vote:pr-2.1:a_X1', new Y.Text('My reasons'))
    doc.getMap('focus').set('standardId', '3.2')
    const w = readWorkspace(Y.encodeStateAsUpdate(doc))
    expect(w.drafts).toEqual({ 'note:3.2': 'C07 borderline', 'vote:pr-2.1:a_X1': 'My reasons' })
    expect(w.focus?.standardId).toBe('3.2')
    expect(parseDraftKey('vote:pr:odd:a_X1')).toEqual({
      kind: 'vote',
      proposalId: 'pr:odd',
      accountId: 'a_X1',
    })
    expect(parseDraftKey('footnote:2.1')).toEqual({ kind: 'footnote', standardId: '2.1' })
    expect(parseDraftKey('nonsense')).toBeNull()
  })
})

describe('verification in the browser', () => {
  const log = gloucestershireLog('p-verify')

  it('derives the same chain head and frozen record hash as the server', async () => {
    const mine = await checkChain('p-verify', log, nodeSha256)
    const server = verifyChain('p-verify', log)
    expect(mine).toEqual({ ok: true, events: log.length, head: server.head, broken: null })
    expect(await recordHashOf(log, nodeSha256)).toBe(frozenRecordOf(log)!.hash)
    expect(await recordHashOf(log.slice(0, -1), nodeSha256)).toBeNull()
  })

  it.each(Array.from({ length: 8 }, (_, i) => i + 1))(
    'names event %i when it is altered, deleted or moved, as the server does',
    async (k) => {
      const altered = log.map((e) => (e.seq === k ? { ...e, event: { ...e.event, at: minute(99) } } : e))
      const deleted = log.filter((e) => e.seq !== k)
      const swapped = log.map((e) =>
        e.seq === k ? { ...log[k]!, seq: k } : e.seq === k + 1 ? { ...log[k - 1]!, seq: k + 1 } : e,
      )
      for (const [tampered, kind] of [
        [altered, 'altered'],
        [deleted, 'missing'],
        [swapped, 'unlinked'],
      ] as const) {
        const mine = await checkChain('p-verify', tampered, nodeSha256)
        expect(mine.broken).toEqual({ seq: k, kind })
        expect(verifyChain('p-verify', tampered).broken?.seq).toBe(k)
      }
      // Moved to another panel, the whole log breaks at its first event.
      expect((await checkChain('p-other', log, nodeSha256)).broken).toEqual({ seq: 1, kind: 'unlinked' })
    },
  )

  it('remembers a verified head: a log cut short or rewritten since then is caught', () => {
    const before = { at: minute(0), events: log.length, head: log.at(-1)!.hash }
    expect(checkAgainstRemembered(log, before)).toBeNull()
    expect(checkAgainstRemembered([...log, log.at(-1)!], before)).toBeNull()
    expect(checkAgainstRemembered(log.slice(0, -1), before)).toEqual({
      seq: log.length,
      kind: 'differs-from-before',
    })
    const rewritten = log.map((e, i) => (i === log.length - 1 ? { ...e, hash: '0'.repeat(64) } : e))
    expect(checkAgainstRemembered(rewritten, before)).toEqual({
      seq: log.length,
      kind: 'differs-from-before',
    })
  })
})
