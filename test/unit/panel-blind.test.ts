// Blind votes and quorum as panel rules: sealed votes, changes before and after the reveal, reveal by the
// lead or by itself, retracting with sealed votes, deciding below quorum, and the one settings object.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { findFramework } from '../../shared/framework/builtin.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import { decide, type DecideContext } from '../../shared/panel/decide.ts'
import type { StoredSeal } from '../../shared/panel/decide-votes.ts'
import { evolve, replay } from '../../shared/panel/evolve.ts'
import { changedAfterReveal, checkReveal, commitmentInput, isSealed } from '../../shared/panel/sealed.ts'
import { DEFAULT_SETTINGS, quorumStatus, type PanelSettings } from '../../shared/panel/settings.ts'
import type { Actor, Command, PanelEvent, PanelState } from '../../shared/panel/types.ts'

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
const fixture = (n: string) =>
  JSON.parse(fs.readFileSync(new URL(`../fixtures/${n}`, import.meta.url), 'utf8'))
const framework = findFramework('hmip-youth-2018')!
const parsed = parseInspection(fixture('gloucestershire-2020.inspection.json'), findFramework)
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error))
const rating = rateInspection(framework, parsed.value)
const at = '2026-01-01T00:00:00.000Z'
const lead: Actor = { accountId: 'L', name: 'Lead', role: 'lead' }
const ann: Actor = { accountId: 'A', name: 'Ann', role: 'inspector' }
const bob: Actor = { accountId: 'B', name: 'Bob', role: 'inspector' }

/** What the server keeps apart from the log, as a map of voter to content. */
type Vault = Map<string, StoredSeal>

function start(settings: Partial<PanelSettings> = {}): PanelState {
  const base = { by: 'L', byName: 'Lead', at }
  const events: PanelEvent[] = [
    {
      type: 'panel.created',
      ...base,
      panelId: 'p1',
      title: 'Glos',
      frameworkId: framework.id,
      framework,
      inspection: parsed.ok ? parsed.value : null,
      rating,
      lead: 'L',
      settings: { ...DEFAULT_SETTINGS, ...settings },
    },
    { type: 'member.added', ...base, accountId: 'L', name: 'Lead', role: 'lead' },
    { type: 'member.added', ...base, accountId: 'A', name: 'Ann', role: 'inspector' },
    { type: 'member.added', ...base, accountId: 'B', name: 'Bob', role: 'inspector' },
  ]
  return replay(events)!
}

function run(state: PanelState, actor: Actor, command: Command, vault: Vault = new Map()) {
  const ctx: DecideContext = {
    framework,
    now: at,
    sealed: [...vault.values()],
    seal: (v) => {
      const salt = sha(`salt:${v.by}:${v.stance}:${v.justification}`)
      const commitment = sha(commitmentInput(v, salt))
      vault.set(v.by, { by: v.by, commitment, salt, stance: v.stance, justification: v.justification })
      return { commitment, salt }
    },
  }
  const r = decide(state, command, actor, ctx)
  if (!r.ok) return { state, error: r.error, events: [] as PanelEvent[] }
  return { state: r.value.reduce(evolve, state), events: r.value, error: undefined }
}

const propose: Command = {
  type: 'propose',
  proposalId: 'pr',
  standardId: '2.1',
  rating: 'Good',
  justification: 'Near the boundary.',
}
const vote = (stance: 'support' | 'oppose' | 'abstain', justification: string): Command => ({
  type: 'vote',
  proposalId: 'pr',
  stance,
  justification,
})

describe('blind votes', () => {
  it('seals a vote as a commitment in a fixed shape, never its stance or justification', () => {
    const vault: Vault = new Map()
    let s = run(start({ blindVotes: true }), ann, propose).state
    const r = run(s, ann, vote('support', 'MARKER-ann agrees.'), vault)
    expect(r.events).toHaveLength(1)
    const e = r.events[0]!
    expect(Object.keys(e).sort()).toEqual([
      'at',
      'by',
      'byName',
      'commitment',
      'proposalId',
      'supersedes',
      'type',
    ])
    expect(JSON.stringify(r.state)).not.toContain('MARKER')
    s = r.state
    expect(s.proposals.pr!.votes).toEqual({})
    expect(isSealed(s, s.proposals.pr!)).toBe(true)
    // Quorum counts sealed votes.
    expect(
      quorumStatus({ ...s, settings: { ...s.settings!, quorum: { minVotes: 1 } } }, s.proposals.pr!).met,
    ).toBe(true)
  })

  it('supersedes a changed sealed vote, refuses an unchanged one, and opens only the standing one', async () => {
    const vault: Vault = new Map()
    let s = run(start({ blindVotes: true }), ann, propose).state
    s = run(s, ann, vote('support', 'First view.'), vault).state
    const first = s.proposals.pr!.seals!.A!.commitment
    expect(run(s, ann, vote('support', 'First view.'), vault).error?.code).toBe('conflict')
    const changed = run(s, ann, vote('oppose', 'Second view.'), vault)
    expect(changed.events[0]).toMatchObject({ type: 'vote.sealed', supersedes: first })
    s = changed.state
    expect(s.proposals.pr!.sealHistory).toHaveLength(2)
    s = run(s, bob, vote('abstain', 'Bob abstains.'), vault).state
    // Not decidable, not finalisable while sealed; only the lead reveals.
    const decideIt: Command = { type: 'decide', proposalId: 'pr', outcome: 'applied', text: 'Footnote text.' }
    expect(run(s, lead, decideIt).error?.code).toBe('conflict')
    expect(run(s, lead, { type: 'finalise' }).error?.message).toMatch(/sealed/)
    expect(run(s, ann, { type: 'reveal', proposalId: 'pr' }, vault).error?.code).toBe('forbidden')
    const before = s
    const revealed = run(s, lead, { type: 'reveal', proposalId: 'pr' }, vault)
    expect(revealed.events).toHaveLength(1)
    const ev = revealed.events[0] as Extract<PanelEvent, { type: 'votes.revealed' }>
    expect(ev.openings.map((o) => [o.by, o.stance])).toEqual([
      ['A', 'oppose'],
      ['B', 'abstain'],
    ])
    expect(JSON.stringify(ev)).not.toContain('First view.')
    expect(await checkReveal(before, before.proposals.pr!, ev.openings, sha)).toBeNull()
    const tampered = ev.openings.map((o) => (o.by === 'A' ? { ...o, stance: 'support' as const } : o))
    expect(await checkReveal(before, before.proposals.pr!, tampered, sha)).toMatch(/does not match/)
    expect(await checkReveal(before, before.proposals.pr!, ev.openings.slice(1), sha)).toMatch(/not opened/)
    s = revealed.state
    expect(s.proposals.pr!.votes.A!.stance).toBe('oppose')
    // After the reveal: a change is recorded as after the reveal; the sealed view stays in the record.
    const after = run(s, bob, vote('support', 'Persuaded by the discussion.'))
    expect(after.events[0]).toMatchObject({ type: 'vote.cast', afterReveal: true, replaces: 'abstain' })
    s = after.state
    expect(changedAfterReveal(s.proposals.pr!)).toEqual(['B'])
    expect(s.proposals.pr!.revealed!.openings.find((o) => o.by === 'B')!.stance).toBe('abstain')
    expect(run(s, lead, decideIt).error).toBeUndefined()
  })

  it('reveals by itself when every lead and inspector has voted (autoReveal)', () => {
    const vault: Vault = new Map()
    let s = run(start({ blindVotes: true, autoReveal: true }), ann, propose).state
    s = run(s, ann, vote('support', 'Ann supports.'), vault).state
    s = run(s, bob, vote('support', 'Bob supports.'), vault).state
    expect(s.proposals.pr!.revealed).toBeUndefined()
    const last = run(s, lead, vote('abstain', 'Lead abstains.'), vault)
    expect(last.events.map((e) => e.type)).toEqual(['vote.sealed', 'votes.revealed'])
    expect(last.events[1]).toMatchObject({ auto: true })
    expect(Object.keys(last.state.proposals.pr!.votes).sort()).toEqual(['A', 'B', 'L'])
  })

  it('retracting with sealed votes opens nothing and says how many stay unopened', () => {
    const vault: Vault = new Map()
    let s = run(start({ blindVotes: true }), ann, propose).state
    s = run(s, bob, vote('oppose', 'Bob opposes.'), vault).state
    const r = run(s, ann, { type: 'retract', proposalId: 'pr' })
    expect(r.events[0]).toEqual({
      type: 'proposal.retracted',
      by: 'A',
      byName: 'Ann',
      at,
      proposalId: 'pr',
      unopened: 1,
    })
    expect(r.state.proposals.pr!.votes).toEqual({})
    expect(run(r.state, lead, { type: 'reveal', proposalId: 'pr' }, vault).error?.code).toBe('conflict')
  })

  it('refuses a reveal whose stored content is missing', () => {
    const vault: Vault = new Map()
    let s = run(start({ blindVotes: true }), ann, propose).state
    s = run(s, bob, vote('oppose', 'Bob opposes.'), vault).state
    expect(run(s, lead, { type: 'reveal', proposalId: 'pr' }, new Map()).error?.message).toMatch(/Bob/)
  })
})

describe('panel settings', () => {
  it('are the lead’s, blindVotes only until the first vote, quorum until finalisation', () => {
    let s = run(start(), ann, propose).state
    const blind: Command = { type: 'settings', settings: { blindVotes: true } }
    expect(run(s, ann, blind).error?.code).toBe('forbidden')
    const changed = run(s, lead, blind)
    expect(changed.events[0]).toMatchObject({
      type: 'panel.settings-changed',
      from: DEFAULT_SETTINGS,
      settings: { ...DEFAULT_SETTINGS, blindVotes: true },
    })
    expect(run(changed.state, lead, blind).error?.code).toBe('conflict')
    s = run(start(), ann, propose).state
    s = run(s, ann, vote('support', 'Open vote.')).state
    expect(run(s, lead, blind).error?.message).toMatch(/first vote/)
    expect(run(s, lead, { type: 'settings', settings: { quorum: { minVotes: 2 } } }).error).toBeUndefined()
  })
})

describe('quorum', () => {
  it('refuses deciding below quorum without an override and records the override with its reason', () => {
    let s = run(start({ quorum: { minVotes: 2 } }), ann, propose).state
    s = run(s, ann, vote('support', 'Ann supports.')).state
    const decideIt: Command = { type: 'decide', proposalId: 'pr', outcome: 'applied', text: 'Footnote text.' }
    expect(run(s, lead, decideIt).error?.code).toBe('below-quorum')
    const r = run(s, lead, { ...decideIt, override: { reason: 'Bob is ill; the lead decides.' } } as Command)
    expect(r.events[0]).toMatchObject({
      type: 'proposal.decided',
      belowQuorum: { quorum: { minVotes: 2 }, votes: 1, reason: 'Bob is ill; the lead decides.' },
    })
    expect(r.state.proposals.pr!.decision!.belowQuorum!.reason).toMatch(/ill/)
  })

  it('every inspector: met once each active inspector voted, sealed or open', () => {
    const vault: Vault = new Map()
    let s = run(start({ blindVotes: true, quorum: { everyInspector: true } }), ann, propose).state
    s = run(s, ann, vote('support', 'Ann supports.'), vault).state
    expect(quorumStatus(s, s.proposals.pr!)).toMatchObject({ met: false, missing: ['B'] })
    s = run(s, bob, vote('oppose', 'Bob opposes.'), vault).state
    expect(quorumStatus(s, s.proposals.pr!).met).toBe(true)
  })
})
