// Panel rules as values: decide() refuses what the rules refuse, evolve() folds events into state.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findFramework } from '../../shared/framework/builtin.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import { decide } from '../../shared/panel/decide.ts'
import { evolve, replay } from '../../shared/panel/evolve.ts'
import type { Actor, Command, PanelEvent, PanelState } from '../../shared/panel/types.ts'

const fixture = (n: string) =>
  JSON.parse(fs.readFileSync(new URL(`../fixtures/${n}`, import.meta.url), 'utf8'))
const framework = findFramework('hmip-youth-2018')!
const parsed = parseInspection(fixture('gloucestershire-2020.inspection.json'), findFramework)
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error))
const rating = rateInspection(framework, parsed.value)
const at = '2026-01-01T00:00:00.000Z'
const lead: Actor = { accountId: 'L', name: 'Lead', role: 'lead' }
const ann: Actor = { accountId: 'A', name: 'Ann', role: 'inspector' }
const rita: Actor = { accountId: 'R', name: 'Rita', role: 'reviewer' }
const stranger: Actor = { accountId: 'S', name: 'Stranger', role: null }

function start(): PanelState {
  const created: PanelEvent = {
    type: 'panel.created',
    by: 'L',
    byName: 'Lead',
    at,
    panelId: 'p1',
    title: 'Glos',
    frameworkId: framework.id,
    framework,
    inspection: parsed.ok ? parsed.value : null,
    rating,
    lead: 'L',
  }
  return replay([created])!
}

function run(state: PanelState, actor: Actor, command: Command) {
  const r = decide(state, command, actor, { framework, now: at })
  if (!r.ok) return { state, error: r.error }
  return { state: r.value.reduce(evolve, state), events: r.value }
}

const propose = (sid: string, rating: string, id = `pr-${sid}`): Command => ({
  type: 'propose',
  proposalId: id,
  standardId: sid,
  rating,
  justification: 'Reasoned justification.',
})

describe('decide', () => {
  it.each<[string, Actor, Command, string]>([
    ['a non-member', stranger, propose('2.1', 'Good'), 'forbidden'],
    ['a reviewer', rita, propose('2.1', 'Good'), 'forbidden'],
    ['an unknown standard', ann, propose('9.9', 'Good'), 'not-found'],
    ['a direction without a trigger', ann, propose('2.2', 'Good'), 'invalid'],
    ['two bands at once', ann, propose('3.2', 'Good'), 'invalid'],
    ['the same rating', ann, propose('2.1', 'Requires improvement'), 'invalid'],
    [
      'an empty justification',
      ann,
      { type: 'propose', proposalId: 'x', standardId: '2.1', rating: 'Good', justification: '  ' },
      'invalid',
    ],
    ['a judged standard', ann, propose('1.4', 'Good'), 'invalid'],
    ['an inspector finalising', ann, { type: 'finalise' }, 'forbidden'],
  ])('refuses %s', (_what, actor, command, code) => {
    const r = run(start(), actor, command)
    expect(r.error?.code).toBe(code)
  })

  it('allows one open proposal per standard, one live vote per person, and records vote changes', () => {
    let s = run(start(), ann, propose('2.1', 'Good')).state
    expect(run(s, lead, propose('2.1', 'Good', 'other')).error?.code).toBe('conflict')
    s = run(s, ann, {
      type: 'vote',
      proposalId: 'pr-2.1',
      stance: 'support',
      justification: 'Yes indeed.',
    }).state
    const changed = run(s, ann, {
      type: 'vote',
      proposalId: 'pr-2.1',
      stance: 'oppose',
      justification: 'No, on reflection.',
    })
    expect(changed.events?.[0]).toMatchObject({ type: 'vote.cast', replaces: 'support' })
    s = changed.state
    expect(Object.keys(s.proposals['pr-2.1']!.votes)).toEqual(['A'])
    expect(s.proposals['pr-2.1']!.voteHistory).toHaveLength(2)
  })

  it('lets only the proposer or the lead retract, and only the lead decide', () => {
    let s = run(start(), ann, propose('3.2', 'Requires improvement')).state
    const bob: Actor = { accountId: 'B', name: 'Bob', role: 'inspector' }
    expect(run(s, bob, { type: 'retract', proposalId: 'pr-3.2' }).error?.code).toBe('forbidden')
    expect(
      run(s, ann, { type: 'decide', proposalId: 'pr-3.2', outcome: 'applied', text: 'A footnote.' }).error
        ?.code,
    ).toBe('forbidden')
    s = run(s, ann, { type: 'retract', proposalId: 'pr-3.2' }).state
    expect(s.proposals['pr-3.2']!.status).toBe('retracted')
    expect(run(s, ann, propose('3.2', 'Requires improvement', 'again')).events).toHaveLength(1)
  })

  it('finalises only when no proposal is open, to 18/36 with the published decisions, then refuses everything', () => {
    let s = start()
    for (const sid of ['2.1', '3.2', '3.3'])
      s = run(s, ann, propose(sid, sid === '2.1' ? 'Good' : 'Requires improvement')).state
    expect(run(s, lead, { type: 'finalise' }).error?.code).toBe('conflict')
    for (const sid of ['2.1', '3.2', '3.3'])
      s = run(s, lead, {
        type: 'decide',
        proposalId: `pr-${sid}`,
        outcome: 'applied',
        text: `Footnote for ${sid}.`,
      }).state
    const fin = run(s, lead, { type: 'finalise' })
    expect(fin.error).toBeUndefined()
    s = fin.state
    expect(s.finalised!.final.overall).toMatchObject({ score: 18, max: 36, rating: 'Requires improvement' })
    expect(s.finalised!.keptWithoutProposal.sort()).toEqual(['2.3', '2.4'])
    for (const c of [propose('2.3', 'Good'), { type: 'finalise' } as Command])
      expect(run(s, lead, c).error?.code).toBe('finalised')
  })
})
