// Panel rules for what a framework@2 gives by judgement: the overall and areas are proposed, voted and decided
// like a standard, with a justification; finalising waits until each has a rating.
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { applyDecisions } from '../../shared/engine/decisions.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { findFramework } from '../../shared/framework/builtin.ts'
import { parseFramework, type Framework } from '../../shared/framework/schema.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import { decide } from '../../shared/panel/decide.ts'
import { evolve, replay } from '../../shared/panel/evolve.ts'
import { buildFrozenRecord } from '../../shared/panel/record.ts'
import type { Actor, Command, PanelState } from '../../shared/panel/types.ts'

type Json = Record<string, any>
const example = (n: string): Json =>
  JSON.parse(
    fs.readFileSync(new URL(`../../docs/examples/example-2025-shapes.${n}`, import.meta.url), 'utf8'),
  ) as Json
const fr = parseFramework(example('framework.json'))
if (!fr.ok) throw new Error('framework')
const framework: Framework = fr.value
const at = '2026-01-01T00:00:00.000Z'
const lead: Actor = { accountId: 'L', name: 'Lead', role: 'lead' }
const ann: Actor = { accountId: 'A', name: 'Ann', role: 'inspector' }

/** A panel on the example, its inspection without the area and overall judgements (the panel gives them). */
function start(f: Framework = framework, change: (i: Json) => void = () => {}): PanelState {
  const json = example('inspection.json')
  delete json.areas
  delete json.overall
  change(json)
  const parsed = parseInspection(json, (id) => (id === f.id ? f : undefined))
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error))
  return replay([
    {
      type: 'panel.created',
      by: 'L',
      byName: 'Lead',
      at,
      panelId: 'p1',
      title: 'Example',
      frameworkId: f.id,
      framework: f,
      inspection: parsed.value,
      rating: rateInspection(f, parsed.value),
      lead: 'L',
    },
  ])!
}
function run(state: PanelState, actor: Actor, command: Command, f: Framework = framework) {
  const r = decide(state, command, actor, { framework: f, now: at })
  if (!r.ok) return { state, error: r.error }
  return { state: r.value.reduce(evolve, state), events: r.value }
}
const propose = (target: string, rating: string): Command => ({
  type: 'propose',
  proposalId: `pr-${target}`,
  standardId: target,
  rating,
  justification: 'Reasoned judgement from the evidence.',
})
const apply = (target: string): Command => ({
  type: 'decide',
  proposalId: `pr-${target}`,
  outcome: 'applied',
  text: `The panel's judgement on ${target}.`,
})

describe('the overall and areas given by judgement, in a panel', () => {
  it('proposes, decides and finalises them; the victims’ area follows its rule', () => {
    let s = start()
    expect(s.rating.overall).toMatchObject({ by: 'judgement', rating: null })
    expect(run(s, lead, { type: 'finalise' }).error).toEqual({
      code: 'conflict',
      message: expect.stringMatching(/area:children, overall has none/),
    })
    const made = run(s, ann, propose('overall', 'Good'))
    expect(made.events?.[0]).toMatchObject({
      type: 'proposal.made',
      from: '',
      to: 'Good',
      direction: 'up',
      triggers: [],
    })
    s = made.state
    s = run(s, ann, propose('area:children', 'Requires improvement')).state
    s = run(s, lead, apply('overall')).state
    s = run(s, lead, apply('area:children')).state
    const fin = run(s, lead, { type: 'finalise' })
    expect(fin.error).toBeUndefined()
    expect(fin.state.finalised!.final.overall).toMatchObject({ by: 'judgement', rating: 'Good' })
    expect(fin.state.finalised!.final.areas.map((a) => [a.id, a.rating])).toEqual([
      ['children', 'Requires improvement'],
      ['victims', 'Good'],
    ])
    const record = buildFrozenRecord(fin.state, { head: 'h', events: 6 })
    expect(record.final.overall).toMatchObject({ by: 'judgement', rating: 'Good' })
    expect(record.final.areas).toEqual([
      { id: 'children', title: 'Work with children', rule: 'judgement', rating: 'Requires improvement' },
      { id: 'victims', title: 'Work with victims', rule: 'lowest', rating: 'Good' },
    ])
    expect(record.rulesBased.areas?.map((a) => a.rating)).toEqual([null, 'Good'])
  })

  it.each<[string, Command, string, RegExp]>([
    ['an area rated by its rule', propose('area:victims', 'Good'), 'not-found', /no standard area:victims/],
    ['an unknown area', propose('area:adults', 'Good'), 'not-found', /no standard area:adults/],
    [
      'a rating the framework does not have',
      propose('overall', 'Great'),
      'invalid',
      /"Great" is not a rating/,
    ],
    [
      'no justification',
      { ...propose('overall', 'Good'), justification: ' ' } as Command,
      'invalid',
      /justification/i,
    ],
  ])('refuses %s', (_, command, code, message) => {
    expect(run(start(), ann, command).error).toEqual({ code, message: expect.stringMatching(message) })
  })

  it('refuses to propose the judgement the inspection already gives', () => {
    const s = start(framework, (i) => (i.overall = { judgement: 'Good' }))
    expect(run(s, ann, propose('overall', 'Good')).error?.message).toMatch(/already Good/)
    expect(run(s, ann, propose('overall', 'Outstanding')).events).toHaveLength(1)
  })

  it('has no overall to decide where the framework has a score rule', () => {
    const y2018 = findFramework('hmip-youth-2018')!
    const glos = JSON.parse(
      fs.readFileSync(new URL('../fixtures/gloucestershire-2020.inspection.json', import.meta.url), 'utf8'),
    ) as Json
    const parsed = parseInspection(glos, findFramework)
    if (!parsed.ok) throw new Error('glos')
    const r = applyDecisions(y2018, rateInspection(y2018, parsed.value), {
      overall: { rating: 'Good', justification: 'We think it is Good.' },
    })
    expect(r.ok || r.error).toEqual([
      {
        standardId: 'overall',
        code: 'not-discretionary',
        message: 'hmip-youth-2018 does not give the overall rating by judgement, so it cannot be decided.',
      },
    ])
  })

  it('refuses a framework with a standard called "overall"', () => {
    const f = example('framework.json')
    f.domains[0].standards[0].id = 'overall'
    f.areas[0].standards[0] = 'overall'
    const r = parseFramework(f)
    expect(r.ok || r.error).toContainEqual({
      where: 'domains.0.standards.0.id',
      message: '"overall" is reserved for the overall rating',
    })
  })
})
