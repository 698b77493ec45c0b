// A standard's outcome (rating now, rules-based, what moved it) from panel state, as every view shows it.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { overallOutcome, standardOutcomes } from '../../client/src/lib/outcome.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { findFramework } from '../../shared/framework/builtin.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import { decide } from '../../shared/panel/decide.ts'
import { evolve, replay } from '../../shared/panel/evolve.ts'
import type { Actor, Command, PanelState } from '../../shared/panel/types.ts'

const fixture = (n: string) =>
  JSON.parse(fs.readFileSync(new URL(`../fixtures/${n}`, import.meta.url), 'utf8'))
const framework = findFramework('hmip-youth-2018')!
const parsed = parseInspection(fixture('gloucestershire-2020.inspection.json'), findFramework)
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error))
const at = '2026-01-01T00:00:00.000Z'
const lead: Actor = { accountId: 'L', name: 'Lead', role: 'lead' }

const start = (): PanelState =>
  replay([
    {
      type: 'panel.created',
      by: 'L',
      byName: 'Lead',
      at,
      panelId: 'p1',
      title: 'Glos',
      frameworkId: framework.id,
      framework,
      inspection: parsed.ok ? parsed.value : null,
      rating: rateInspection(framework, parsed.ok ? parsed.value : (null as never)),
      lead: 'L',
    },
  ])!

function run(state: PanelState, command: Command): PanelState {
  const r = decide(state, command, lead, { framework, now: at })
  if (!r.ok) throw new Error(r.error.message)
  return r.value.reduce(evolve, state)
}

describe('outcome', () => {
  it('is the rules-based rating until a decision moves it, then the decision and its footnote', () => {
    let s = start()
    const before = standardOutcomes(framework, s).find((o) => o.id === '2.1')!
    expect(before).toMatchObject({
      current: 'Requires improvement',
      rulesBased: 'Requires improvement',
      moved: null,
    })
    s = run(s, {
      type: 'propose',
      proposalId: 'p',
      standardId: '2.1',
      rating: 'Good',
      justification: 'Near the boundary.',
    })
    // An open proposal moves nothing.
    expect(standardOutcomes(framework, s).find((o) => o.id === '2.1')!.current).toBe('Requires improvement')
    s = run(s, { type: 'decide', proposalId: 'p', outcome: 'applied', text: 'Within five per cent.' })
    const after = standardOutcomes(framework, s).find((o) => o.id === '2.1')!
    expect(after).toMatchObject({
      current: 'Good',
      rulesBased: 'Requires improvement',
      moved: { byName: 'Lead', footnote: 'Within five per cent.', direction: 'up' },
      finalised: false,
    })
    const overall = overallOutcome(framework, s)
    expect([overall.current.score, overall.rulesBased.score, overall.movedBy]).toEqual([16, 15, ['2.1']])
    s = run(s, { type: 'finalise' })
    expect(standardOutcomes(framework, s).find((o) => o.id === '2.1')).toMatchObject({
      current: 'Good',
      finalised: true,
    })
  })

  it('is not moved by a rejected proposal', () => {
    let s = start()
    s = run(s, {
      type: 'propose',
      proposalId: 'p',
      standardId: '3.2',
      rating: 'Requires improvement',
      justification: 'One answer.',
    })
    s = run(s, { type: 'decide', proposalId: 'p', outcome: 'rejected', text: 'The sample stands.' })
    expect(standardOutcomes(framework, s).find((o) => o.id === '3.2')).toMatchObject({
      current: 'Inadequate',
      moved: null,
    })
    expect(overallOutcome(framework, s).movedBy).toEqual([])
  })
})
