// The record doc's layout: each event writes only what it changed (bytes per event stay flat as the
// panel grows), every reader gets the state evolve() folds, and the doc rebuilds byte for byte from
// the log, from scratch or from a checkpoint.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { findFramework } from '../../shared/framework/builtin.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import { evolve } from '../../shared/panel/evolve.ts'
import type { PanelEvent, PanelState, Stance } from '../../shared/panel/types.ts'
import {
  RECORD_CLIENT_ID,
  readRecordLog,
  readRecordState,
  recordLayoutOf,
  writeRecord,
  type LogEntry,
} from '../../shared/ydoc/layout.ts'

const framework = findFramework('hmip-youth-2018')!
const parsed = parseInspection(
  JSON.parse(
    fs.readFileSync(new URL('../fixtures/gloucestershire-2020.inspection.json', import.meta.url), 'utf8'),
  ),
  findFramework,
)
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error))
const rating = rateInspection(framework, parsed.value)
const STANCES: Stance[] = ['support', 'oppose', 'abstain']

/** A seeded panel history: members, proposals, votes (many changed), retractions and decisions. */
function history(seed: number, n: number): PanelEvent[] {
  let rnd = seed
  const random = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString()
  const by = (i: number, who = 'L') => ({ by: who, byName: `Name ${who}`, at: at(i) })
  const events: PanelEvent[] = [
    {
      type: 'panel.created',
      ...by(0),
      panelId: 'p1',
      title: 'Glos',
      frameworkId: framework.id,
      framework,
      inspection: parsed.ok ? parsed.value : null,
      rating,
      lead: 'L',
    },
    { type: 'member.added', ...by(1), accountId: 'L', name: 'Lead', role: 'lead' },
  ]
  const members = ['L']
  const open: string[] = []
  const votes = new Map<string, Stance>()
  for (let i = events.length; i < n; i++) {
    const r = random()
    const who = members[Math.floor(random() * members.length)]!
    if (members.length < 8 && r < 0.05) {
      const id = `M${members.length}`
      members.push(id)
      events.push({ type: 'member.added', ...by(i), accountId: id, name: `Member ${id}`, role: 'inspector' })
    } else if (r < 0.08 && members.length > 1) {
      events.push({ type: 'member.joined', ...by(i, who), accountId: who })
    } else if (r < 0.15 || open.length === 0) {
      const id = `pr-${i}`
      open.push(id)
      events.push({
        type: 'proposal.made',
        ...by(i, who),
        proposalId: id,
        standardId: '2.1',
        from: 'Requires improvement',
        to: 'Good',
        direction: 'up',
        triggers: [],
        justification: `Proposal ${i}: the sample supports it.`,
      })
    } else if (r < 0.17) {
      events.push({ type: 'proposal.retracted', ...by(i, who), proposalId: open.shift()! })
    } else if (r < 0.19) {
      events.push({
        type: 'proposal.decided',
        ...by(i),
        proposalId: open.shift()!,
        outcome: random() < 0.5 ? 'applied' : 'rejected',
        text: `Decided at ${i}.`,
      })
    } else {
      const proposalId = open[Math.floor(random() * open.length)]!
      const stance = STANCES[Math.floor(random() * 3)]!
      const key = `${proposalId}/${who}`
      events.push({
        type: 'vote.cast',
        ...by(i, who),
        proposalId,
        stance,
        justification: `Vote ${i} by ${who}: ${'because '.repeat(1 + Math.floor(random() * 5))}`,
        replaces: votes.get(key) ?? null,
      })
      votes.set(key, stance)
    }
  }
  return events
}

const entryOf = (e: PanelEvent, seq: number): LogEntry => ({
  seq,
  type: e.type,
  by: e.by,
  byName: e.byName,
  at: e.at,
  summary: e.type,
  hash: `h${seq}`,
})

/** Folds events into the state and a record doc, from `from` (a state and a doc already holding it). */
function build(events: PanelEvent[], from?: { state: PanelState; doc: Y.Doc; seq: number }) {
  const doc = from?.doc ?? new Y.Doc()
  doc.clientID = RECORD_CLIENT_ID
  let state: PanelState | null = from?.state ?? null
  const bytes: number[] = []
  const onUpdate = (u: Uint8Array) => bytes.push(u.byteLength)
  doc.on('update', onUpdate)
  events.forEach((e, i) => {
    const prev = state
    state = evolve(prev, e)
    writeRecord(doc, prev, state, entryOf(e, (from?.seq ?? 0) + i + 1))
  })
  doc.off('update', onUpdate)
  return { doc, state: state!, bytes }
}

const fresh = (update: Uint8Array) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}

describe('the record layout', () => {
  it('writes each event in bytes that do not grow with the panel', () => {
    const events = history(1, 1200)
    const { bytes } = build(events)
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
    const early = median(bytes.slice(10, 60))
    const late = median(bytes.slice(1100, 1150))
    // Every event's update is a few hundred bytes (the log line and what changed), at event 10 as at 1,100.
    expect(late).toBeLessThan(early * 1.5 + 64)
    expect(Math.max(...bytes.slice(2))).toBeLessThan(2000)
  })

  it.each([2, 3, 4])(
    'reads back the folded state after every event, live and synced fresh (seed %i)',
    (seed) => {
      const events = history(seed, 300)
      const doc = new Y.Doc()
      doc.clientID = RECORD_CLIENT_ID
      const live = new Y.Doc()
      doc.on('update', (u: Uint8Array) => Y.applyUpdate(live, u))
      let state: PanelState | null = null
      events.forEach((e, i) => {
        const prev = state
        state = evolve(prev, e)
        writeRecord(doc, prev, state, entryOf(e, i + 1))
        if (i % 37 === 0 || i === events.length - 1) {
          for (const d of [doc, live, fresh(Y.encodeStateAsUpdate(doc))]) {
            expect(readRecordState(d)).toEqual(state)
            // The same key order as the folded state, so every client renders lists in the same order.
            expect(JSON.stringify(readRecordState(d))).toBe(JSON.stringify(state))
            expect(readRecordLog(d).map((l) => l.seq)).toEqual(events.slice(0, i + 1).map((_, j) => j + 1))
          }
        }
      })
      expect(recordLayoutOf(doc)).toBe(2)
    },
  )

  it.each([5, 6])(
    'rebuilds byte for byte from the log, from scratch or from any checkpoint (seed %i)',
    (seed) => {
      const events = history(seed, 250)
      const whole = build(events)
      const expected = Y.encodeStateAsUpdate(whole.doc)
      for (const at of [1, 2, 50, 173, 249]) {
        const upTo = build(events.slice(0, at))
        const doc = fresh(Y.encodeStateAsUpdate(upTo.doc))
        const resumed = build(events.slice(at), { state: upTo.state, doc: doc, seq: at })
        expect(Y.encodeStateAsUpdate(resumed.doc)).toEqual(expected)
      }
    },
    30_000,
  )

  it('tells the old layout (the whole state in one value) from the new one', () => {
    const old = new Y.Doc()
    old.clientID = 1
    old.getMap('record').set('static', { framework: null })
    old.getMap('record').set('state', { version: 1 })
    expect(recordLayoutOf(old)).toBe(1)
    expect(recordLayoutOf(new Y.Doc())).toBe(0)
  })
})
