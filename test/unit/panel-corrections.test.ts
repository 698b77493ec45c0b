// Correction rules as values: who may open one, the forward link in the access view, the decisions carried
// over (and those that cannot be), reopening a carried decision, and the differences between two records.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { rateInspection } from '../../shared/engine/rate.ts'
import { findFramework } from '../../shared/framework/builtin.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import { correctionEvents, decideCorrection, evolveAccess } from '../../shared/panel/correction.ts'
import { recordDifferences, recordViewOf } from '../../shared/panel/correction-diff.ts'
import { decide } from '../../shared/panel/decide.ts'
import { evolve, replay } from '../../shared/panel/evolve.ts'
import type {
  Actor,
  Command,
  CorrectionLinkedEvent,
  PanelEvent,
  PanelState,
} from '../../shared/panel/types.ts'

const fixture = (n: string) => fs.readFileSync(new URL(`../fixtures/${n}`, import.meta.url), 'utf8')
const framework = findFramework('hmip-youth-2018')!
const grid = fixture('gloucestershire-2020.cases.csv')
const inspectionOf = (gridText: string) => {
  const p = parseInspection(JSON.parse(fixture('gloucestershire-2020.grid.inspection.json')), findFramework, {
    gridText,
    gridName: 'grid',
  })
  if (!p.ok) throw new Error(JSON.stringify(p.error))
  return p.value
}
const at = '2026-01-01T00:00:00.000Z'
const lead: Actor = { accountId: 'L', name: 'Lead', role: 'lead' }
const ann: Actor = { accountId: 'A', name: 'Ann', role: 'inspector' }
const decisions = JSON.parse(fixture('gloucestershire-2020.decisions.json')).decisions as Record<
  string,
  { rating: string; justification: string }
>

function panel(id: string, gridText: string): PanelState {
  const inspection = inspectionOf(gridText)
  const events: PanelEvent[] = [
    {
      type: 'panel.created',
      by: 'L',
      byName: 'Lead',
      at,
      panelId: id,
      title: 'Glos',
      frameworkId: framework.id,
      framework,
      inspection,
      rating: rateInspection(framework, inspection),
      lead: 'L',
    },
    { type: 'member.added', by: 'L', byName: 'Lead', at, accountId: 'L', name: 'Lead', role: 'lead' },
    { type: 'member.added', by: 'L', byName: 'Lead', at, accountId: 'A', name: 'Ann', role: 'inspector' },
  ]
  return replay(events)!
}

function run(state: PanelState, actor: Actor, command: Command): PanelState {
  const r = decide(state, command, actor, { framework, now: at })
  if (!r.ok) throw new Error(r.error.message)
  return r.value.reduce(evolve, state)
}

function finalised(): PanelState {
  let s = panel('p1', grid)
  for (const [sid, d] of Object.entries(decisions)) {
    const proposalId = `pr-${sid}`
    s = run(s, ann, {
      type: 'propose',
      proposalId,
      standardId: sid,
      rating: d.rating,
      justification: d.justification,
    })
    s = run(s, lead, { type: 'decide', proposalId, outcome: 'applied', text: d.justification })
  }
  return run(s, lead, { type: 'finalise' })
}

const ctx = {
  now: at,
  organiser: false,
  recordHash: 'h'.repeat(64),
  correctionPanelId: 'p2',
  reason: 'A case was counted twice.',
}

describe('opening a correction', () => {
  it('is for the lead, or an organiser who is a member, of a finalised record not yet corrected', () => {
    const open = panel('p1', grid)
    expect(decideCorrection(open, lead, ctx)).toMatchObject({ ok: false, error: { code: 'conflict' } })
    const done = finalised()
    expect(decideCorrection(done, ann, ctx)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(decideCorrection(done, { ...ann, role: null }, { ...ctx, organiser: true })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    })
    expect(decideCorrection(done, ann, { ...ctx, organiser: true }).ok).toBe(true)
    expect(decideCorrection(done, lead, { ...ctx, reason: 'typo' })).toMatchObject({
      ok: false,
      error: { code: 'invalid' },
    })
    const linked = decideCorrection(done, lead, ctx)
    if (!linked.ok) throw new Error(linked.error.message)
    const link = linked.value[0] as CorrectionLinkedEvent
    expect(link).toMatchObject({
      type: 'correction.linked',
      correctionPanelId: 'p2',
      recordHash: ctx.recordHash,
    })
    const after = evolveAccess(done, link)
    expect(after.correctedBy).toEqual([expect.objectContaining({ panelId: 'p2' })])
    expect(done.correctedBy).toBeUndefined()
    expect(decideCorrection(after, lead, { ...ctx, correctionPanelId: 'p3' })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    })
    // The record's own fold never takes a forward link.
    expect(() => evolve(done, link)).toThrow(/access log/)
  })

  it('carries decided proposals over through the rules, and names those that no longer hold', () => {
    const original = finalised()
    const corrected = grid.replace(/^C02,court,Y,Y,N,/m, 'C02,court,Y,Y,Y,')
    const start = panel('p2', corrected)
    let n = 0
    const events = correctionEvents({
      start,
      original,
      correctionOf: { panelId: 'p1', recordHash: ctx.recordHash },
      reason: ctx.reason,
      lead,
      framework,
      now: at,
      newProposalId: () => `c${++n}`,
    })
    expect(events[0]).toMatchObject({
      type: 'correction.opened',
      notCarried: [{ standardId: '2.1', to: 'Good', outcome: 'applied' }],
    })
    const state = events.reduce(evolve, start)
    expect(state.correctionOf).toMatchObject({ panelId: 'p1', reason: ctx.reason })
    expect(Object.values(state.proposals).map((p) => [p.standardId, p.status, p.carriedFrom])).toEqual([
      ['3.2', 'applied', { panelId: 'p1', proposalId: 'pr-3.2' }],
      ['3.3', 'applied', { panelId: 'p1', proposalId: 'pr-3.3' }],
    ])
    // Only the lead reopens a carried decision; the standard can then be proposed again.
    expect(decide(state, { type: 'retract', proposalId: 'c2' }, ann, { framework, now: at }).ok).toBe(false)
    const reopened = run(state, lead, { type: 'retract', proposalId: 'c2' })
    expect(reopened.proposals.c2!.status).toBe('retracted')
    const again = run(reopened, ann, {
      type: 'propose',
      proposalId: 'new',
      standardId: '3.3',
      rating: 'Requires improvement',
      justification: 'Proposed afresh after the correction.',
    })
    expect(again.proposals.new!.status).toBe('open')

    const diff = recordDifferences(recordViewOf(framework, original), recordViewOf(framework, reopened))
    expect(diff.map((d) => [d.kind, 'standardId' in d ? d.standardId : ''])).toEqual([
      ['input', '2.1'],
      ['rules-based', '2.1'],
      ['footnote', '2.1'],
      ['final', '3.3'],
      ['footnote', '3.3'],
      ['score', ''],
    ])
    expect(diff[0]).toMatchObject({
      keyQuestion: '2.1.3',
      cases: [{ ref: 'C02', before: 'no', after: 'yes' }],
    })
    expect(recordDifferences(recordViewOf(framework, original), recordViewOf(framework, original))).toEqual(
      [],
    )
  })
})
