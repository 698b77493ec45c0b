// The browser's check of blind votes (client/src/views/replay/chain-check.ts): every opening of every reveal
// against the commitment the log made before it, with the same hash input as the server's verify.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import { checkOpenings } from '../../client/src/views/replay/chain-check.ts'
import { findFramework } from '../../shared/framework/builtin.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import { decide } from '../../shared/panel/decide.ts'
import { evolve } from '../../shared/panel/evolve.ts'
import { commitmentInput } from '../../shared/panel/sealed.ts'
import { DEFAULT_SETTINGS } from '../../shared/panel/settings.ts'
import type { Actor, Command, PanelEvent, PanelState } from '../../shared/panel/types.ts'
import type { StoredSeal } from '../../shared/panel/decide-votes.ts'
import { chainEvents, genesisHash } from '../../server/panels/chain.ts'

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
const framework = findFramework('hmip-youth-2018')!
const parsed = parseInspection(
  JSON.parse(
    fs.readFileSync(new URL('../fixtures/gloucestershire-2020.inspection.json', import.meta.url), 'utf8'),
  ),
  findFramework,
)
if (!parsed.ok) throw new Error('fixture')
const at = '2026-01-01T00:00:00.000Z'

function blindLog(): PanelEvent[] {
  const base = { by: 'L', byName: 'Lead', at }
  const log: PanelEvent[] = [
    {
      type: 'panel.created',
      ...base,
      panelId: 'p1',
      title: 'Glos',
      frameworkId: framework.id,
      framework,
      inspection: parsed.ok ? parsed.value : null,
      rating: rateInspection(framework, parsed.ok ? parsed.value : ({} as never)),
      lead: 'L',
      settings: { ...DEFAULT_SETTINGS, blindVotes: true },
    },
    { type: 'member.added', ...base, accountId: 'L', name: 'Lead', role: 'lead' },
    { type: 'member.added', ...base, accountId: 'A', name: 'Ann', role: 'inspector' },
  ]
  const vault = new Map<string, StoredSeal>()
  let state = log.reduce<PanelState | null>(evolve, null)!
  const run = (actor: Actor, c: Command) => {
    const r = decide(state, c, actor, {
      framework,
      now: at,
      sealed: [...vault.values()],
      seal: (v) => {
        const salt = sha(`salt-${v.by}-${v.justification}`)
        const commitment = sha(commitmentInput(v, salt))
        vault.set(v.by, { by: v.by, commitment, salt, stance: v.stance, justification: v.justification })
        return { commitment, salt }
      },
    })
    if (!r.ok) throw new Error(r.error.message)
    for (const e of r.value) state = evolve(state, e)
    log.push(...r.value)
  }
  const ann: Actor = { accountId: 'A', name: 'Ann', role: 'inspector' }
  const lead: Actor = { accountId: 'L', name: 'Lead', role: 'lead' }
  run(ann, {
    type: 'propose',
    proposalId: 'pr',
    standardId: '2.1',
    rating: 'Good',
    justification: 'Near the boundary.',
  })
  run(ann, { type: 'vote', proposalId: 'pr', stance: 'support', justification: 'Ann supports.' })
  run(lead, { type: 'vote', proposalId: 'pr', stance: 'oppose', justification: 'Lead opposes.' })
  run(lead, { type: 'reveal', proposalId: 'pr' })
  return log
}

const logged = (events: PanelEvent[]) => chainEvents('p1', 0, genesisHash('p1'), events)

describe('checkOpenings', () => {
  it('verifies every opening, and names the reveal whose opening or commitment was altered', async () => {
    const events = blindLog()
    expect(await checkOpenings(logged(events), async (s) => sha(s))).toEqual({ openings: 2, broken: null })
    const reveal = events.length
    const altered = events.map((e) =>
      e.type === 'votes.revealed'
        ? { ...e, openings: e.openings.map((o) => ({ ...o, justification: `${o.justification}!` })) }
        : e,
    )
    expect((await checkOpenings(logged(altered), async (s) => sha(s))).broken).toBe(reveal)
    const commitment = events.map((e) =>
      e.type === 'vote.sealed' ? { ...e, commitment: '0'.repeat(64) } : e,
    )
    expect((await checkOpenings(logged(commitment), async (s) => sha(s))).broken).toBe(reveal)
  })
})
