// A seeded generator of finalised panels for tests, the demo and benchmarks: synthetic services (every name
// ends "(synthetic)"), key-question counts and decisions over the built-in frameworks, made through the
// real panel rules (hub.create, then propose, vote, decide and finalise as the people would). Same seed,
// same panels.
import { builtinFrameworks } from '../../shared/framework/builtin.ts'
import type { Framework } from '../../shared/framework/schema.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import type { Command, Role } from '../../shared/panel/types.ts'
import { newId } from '../auth/tokens.ts'
import type { PanelHub } from '../panels/hub.ts'
import type { LivePanel } from '../panels/live-panel.ts'
import type { Account, Storage } from '../storage/port.ts'

/** mulberry32: a small, fast, seeded PRNG (deterministic across platforms). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The frameworks the generator draws from (those with standards rated from cases, where discretion arises). */
export const SYNTHETIC_FRAMEWORKS = ['hmip-youth-2018', 'hmip-youth-2021', 'hmip-youth-2009'] as const

const PLACES = [
  'Northvale',
  'Eastmoor',
  'Westbrook',
  'Southfield',
  'Highcombe',
  'Lowhaven',
  'Ashby',
  'Brookton',
]

/** One synthetic inspection file (inspection@1 JSON) for the framework: the i-th of a seeded run. */
export function syntheticInspection(framework: Framework, i: number, rnd: () => number) {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!
  const labels = framework.ratings.map((r) => r.label)
  const standards: Record<string, unknown> = {}
  for (const d of framework.domains)
    for (const s of d.standards) {
      if (s.kind === 'judged') {
        standards[s.id] = { judgement: pick(labels.slice(0, 3)) }
        continue
      }
      const assessed = 5 + Math.floor(rnd() * 26)
      const level = 0.45 + rnd() * 0.5
      const keyQuestions: Record<string, { yes: number; assessed: number }> = {}
      for (const kq of s.keyQuestions ?? []) {
        const n = Math.max(3, assessed - Math.floor(rnd() * 4))
        const yes = Math.min(n, Math.max(0, Math.round(n * (level + (rnd() - 0.5) * 0.15))))
        keyQuestions[kq.id] = { yes, assessed: n }
      }
      standards[s.id] = { keyQuestions }
    }
  const year = 2019 + Math.floor(rnd() * 7)
  const month = 1 + Math.floor(rnd() * 12)
  const mm = String(month).padStart(2, '0')
  return {
    format: 'ratings-panel/inspection@1',
    framework: framework.id,
    service: `${pick(PLACES)} ${i + 1} youth service (synthetic)`,
    fieldwork: `${year}-${mm}`,
    published: `${month === 12 ? year + 1 : year}-${String((month % 12) + 1).padStart(2, '0')}`,
    source: 'Synthetic: made by the seeded generator (server/register/synthetic.ts); not a real inspection.',
    standards,
  }
}

const STANCES = ['support', 'oppose', 'abstain'] as const

async function must(panel: LivePanel, command: Command, actor: { accountId: string; name: string }) {
  const r = await panel.execute(command, actor, { organiser: false })
  if (!r.ok) throw new Error(`synthetic ${command.type}: ${r.error.message}`)
  return r.value
}

/**
 * Creates `count` finalised synthetic panels led by `lead`, with two synthetic inspectors (accounts created
 * once) who propose and vote; the lead decides (about two in three applied) and finalises.
 */
export async function seedSyntheticPanels(
  deps: { hub: PanelHub; storage: Storage; now: () => Date },
  opts: { count: number; seed: number; lead: Account },
): Promise<string[]> {
  const rnd = seededRandom(opts.seed)
  const inspectors: Account[] = []
  for (const name of ['Synthetic inspector A', 'Synthetic inspector B']) {
    const a: Account = { id: newId('a'), name, organiser: false, createdAt: deps.now().toISOString() }
    await deps.storage.createAccount(a)
    inspectors.push(a)
  }
  const lead = { accountId: opts.lead.id, name: opts.lead.name }
  const ids: string[] = []
  for (let i = 0; i < opts.count; i++) {
    const framework = builtinFrameworks[SYNTHETIC_FRAMEWORKS[Math.floor(rnd() * 3) % 3]!]!
    const parsed = parseInspection(syntheticInspection(framework, i, rnd), (id) => builtinFrameworks[id])
    if (!parsed.ok) throw new Error(`synthetic inspection ${i}: ${JSON.stringify(parsed.error[0])}`)
    const panel = await deps.hub.create({
      panelId: newId('p'),
      title: parsed.value.service,
      framework,
      inspection: parsed.value,
      lead: opts.lead,
    })
    const expiresAt = new Date(deps.now().getTime() + 3_600_000).toISOString()
    for (const a of inspectors) {
      const inviteId = newId('inv')
      await must(
        panel,
        { type: 'invite', inviteId, name: a.name, role: 'inspector' as Role, accountId: a.id, expiresAt },
        lead,
      )
      await must(panel, { type: 'join', inviteId }, { accountId: a.id, name: a.name })
    }
    const labels = framework.ratings.map((r) => r.label)
    for (const s of panel.state.rating.standards) {
      const dirs = (['up', 'down'] as const).filter((d) => s.triggers[d].length)
      if (!dirs.length || rnd() < 0.35 || s.rating === null) continue
      const direction = dirs[Math.floor(rnd() * dirs.length)]!
      const to = labels[labels.indexOf(s.rating) + (direction === 'up' ? -1 : 1)]
      if (!to) continue
      const proposer = inspectors[Math.floor(rnd() * 2)]!
      const proposalId = newId('pr')
      const made = await panel.execute(
        {
          type: 'propose',
          proposalId,
          standardId: s.id,
          rating: to,
          justification: `Synthetic: ${s.id} sits close to the boundary; the wider evidence points ${direction}.`,
        },
        { accountId: proposer.id, name: proposer.name },
      )
      if (!made.ok) continue
      for (const v of inspectors)
        await must(
          panel,
          {
            type: 'vote',
            proposalId,
            stance: STANCES[Math.floor(rnd() * 3)]!,
            justification: 'Synthetic vote: weighed the cases.',
          },
          { accountId: v.id, name: v.name },
        )
      const applied = rnd() < 0.65
      await must(
        panel,
        {
          type: 'decide',
          proposalId,
          outcome: applied ? 'applied' : 'rejected',
          text: applied
            ? `Synthetic footnote: the score for ${s.id} was within the window for discretion, so the panel moved the rating to '${to}'.`
            : `Synthetic reason: the evidence for ${s.id} did not support moving the rating.`,
        },
        lead,
      )
    }
    const done = await panel.execute({ type: 'finalise' }, lead)
    if (done.ok) ids.push(panel.panelId)
  }
  return ids
}
