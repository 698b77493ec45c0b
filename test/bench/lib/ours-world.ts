/*
 * Ours' prepared store, built once through the real HTTP API (sign-in link, POST /api/panels,
 * invites opened with each member's own session) and copied for every run:
 *   panels   scenario 1/2: lead + 5 inspectors each (the first few also carry an open proposal
 *            on standard 2.1 for scenario 6's votes)
 *   large    scenario 3: one panel, lead + 99 inspectors
 *   idle     scenario 4: panels with the lead only
 *   history  scenario 5: one panel whose workspace log holds N typed updates
 *   record   scenario 8: a panel per length whose log holds that many events (lead + 2 inspectors
 *            voting on one proposal)
 * Building it takes a while (1,000+ panels, 100,000 updates), so it is kept in node_modules/.cache,
 * keyed by the sizes and (full runs) the server's and shared code's content or (quick runs) the
 * store's schema and the stored event and document types; sessions live 12 h, so a cached store is
 * rebuilt after 10 h.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { benchDir, cacheDir, repoRoot } from './proc.ts'
import { startTarget, type Target } from './targets.ts'
import type { Config } from './config.ts'
import type { Seeds } from './seeds.ts'
import { seedsFromOurs } from './seeds.ts'
import { makePanels, panelsApi, parallel, signInOrganiser, type PanelPlan } from './panels-api.ts'

export type { PanelPlan }

export interface RecordPanel extends PanelPlan {
  events: number
  proposalId: string
}

export interface OursWorld {
  templateDir: string
  /** The organiser's cookie; the organiser leads every prepared panel. */
  organiser: string
  panels: PanelPlan[]
  large: PanelPlan
  idle: string[]
  history: { id: string; firstSeq: number; lastSeq: number; updates: number; method: string; buildMs: number }
  votes: { id: string; proposalId: string; voters: string[] }[]
  /** Scenario 8: a panel per length, its log holding that many events (an open proposal voted on). */
  record: RecordPanel[]
  seeds: Seeds
  builtAt: string
  buildMs: number
  cached?: boolean
}

const MAX_AGE_MS = 10 * 3_600_000

function codeHash(cfg: Config): string {
  const h = crypto.createHash('sha256')
  const walk = (dir: string) => {
    for (const e of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (/\.(ts|json)$/.test(e.name)) h.update(p).update(fs.readFileSync(p))
    }
  }
  // Full runs rebuild whenever server or shared code changes. Quick runs rebuild only when what the
  // store holds could change meaning (its schema, the stored events and documents): a quick run on
  // a tree under active work should still take under a minute; `--fresh` forces a rebuild.
  if (cfg.mode === 'full') for (const d of ['server', 'shared']) walk(path.join(repoRoot, d))
  else
    for (const f of [
      'server/storage/sqlite-schema.ts',
      'server/storage/port.ts',
      'shared/panel/types.ts',
      'shared/ydoc/layout.ts',
      'shared/ydoc/record.ts',
    ])
      h.update(f).update(fs.readFileSync(path.join(repoRoot, f)))
  for (const f of ['ours-world.ts', 'panels-api.ts', 'history.ts'])
    h.update(fs.readFileSync(path.join(benchDir, 'lib', f)))
  h.update(
    JSON.stringify([
      cfg.panels,
      cfg.saturation.panels,
      cfg.large.members,
      cfg.idle.panels,
      cfg.history,
      cfg.commands,
      cfg.record.lengths,
    ]),
  )
  return h.digest('hex').slice(0, 16)
}

export async function prepareOurs(
  cfg: Config,
  port: number,
  opts: { fresh: boolean; log(line: string): void },
): Promise<OursWorld> {
  const key = codeHash(cfg)
  const dir = path.join(cacheDir, `ours-${cfg.mode}-${key}`)
  const meta = path.join(dir, 'world.json')
  if (!opts.fresh && fs.existsSync(meta)) {
    const world = JSON.parse(fs.readFileSync(meta, 'utf8')) as OursWorld
    if (Date.now() - Date.parse(world.builtAt) < MAX_AGE_MS) return { ...world, cached: true }
  }
  for (const old of fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir) : [])
    if (old.startsWith(`ours-${cfg.mode}-`))
      fs.rmSync(path.join(cacheDir, old), { recursive: true, force: true })
  const templateDir = path.join(dir, 'store')
  fs.mkdirSync(templateDir, { recursive: true })
  const started = performance.now()
  const world = await build(cfg, port, templateDir, opts.log)
  const done = { ...world, builtAt: new Date().toISOString(), buildMs: performance.now() - started }
  fs.writeFileSync(meta, JSON.stringify(done))
  return done
}

async function build(
  cfg: Config,
  port: number,
  templateDir: string,
  log: (line: string) => void,
): Promise<Omit<OursWorld, 'builtAt' | 'buildMs'>> {
  const t = await startTarget('ours', { port, dataDir: templateDir })
  try {
    const { api, createPanel, invite } = panelsApi(t)
    const organiser = await signInOrganiser(t)

    // One more than the load uses: the convergence check types in its own panel.
    const nPanels = Math.max(cfg.panels.panels, cfg.saturation.panels) + 1
    const members = Math.max(cfg.panels.members, cfg.saturation.members)
    log(`  preparing ours: ${nPanels} panels x ${members} members`)
    const panels = await makePanels(t, organiser, nPanels, members)

    const votes = []
    for (const p of panels.slice(0, cfg.commands.panels)) {
      const r = await api(organiser, 'POST', `/api/panels/${p.id}/commands`, {
        type: 'propose',
        standardId: '2.1',
        rating: 'Good',
        justification: 'Near the boundary; the case sample supports Good.',
      })
      votes.push({
        id: p.id,
        proposalId: r.proposalId as string,
        voters: p.members.slice(0, cfg.commands.votersPerPanel),
      })
    }

    log(`  preparing ours: one panel of ${cfg.large.members} members`)
    const largeId = await createPanel(organiser, 'Bench large panel')
    const largeMembers = [
      organiser,
      ...(await parallel(cfg.large.members - 1, (k) => invite(organiser, largeId, `Member ${k + 1}`))),
    ]

    log(`  preparing ours: ${cfg.idle.panels} idle panels`)
    const idle = await parallel(cfg.idle.panels, (i) => createPanel(organiser, `Bench idle panel ${i + 1}`))

    log(`  preparing ours: a panel whose workspace log holds ${cfg.history.updates} updates`)
    const historyId = await createPanel(organiser, 'Bench long history')
    const me = (await api(organiser, 'GET', '/api/me')).account.id as string
    const h0 = performance.now()
    const built = await t.child.request<{ firstSeq: number; lastSeq: number }>(
      'buildHistory',
      { panelId: historyId, updates: cfg.history.updates, members: cfg.history.members, accountId: me },
      600_000,
    )
    const history = {
      id: historyId,
      ...built,
      updates: cfg.history.updates,
      method:
        'in-process through LivePanel.acceptWorkspaceUpdate (the durable write, apply and checkpoint path a socket write takes), not over sockets',
      buildMs: performance.now() - h0,
    }

    log(`  preparing ours: panels whose logs hold ${cfg.record.lengths.join(', ')} events`)
    const record = await recordPanels(t, organiser, cfg.record.lengths)

    const seeds = await seedsFromOurs(t, idle[0]!, organiser)
    return {
      templateDir,
      organiser,
      panels,
      large: { id: largeId, members: largeMembers },
      idle,
      history,
      votes,
      record,
      seeds,
    }
  } finally {
    await t.child.stop(30_000)
  }
}

/** One panel per length: lead and two inspectors (6 events), a proposal, then votes up to the length. */
async function recordPanels(t: Target, organiser: string, lengths: number[]): Promise<RecordPanel[]> {
  const { api, createPanel, invite } = panelsApi(t)
  const out: RecordPanel[] = []
  let inspectors: string[] = []
  for (const events of lengths) {
    const id = await createPanel(organiser, `Bench record of ${events} events`)
    inspectors = [
      await invite(organiser, id, 'Record inspector 1', inspectors[0]),
      await invite(organiser, id, 'Record inspector 2', inspectors[1]),
    ]
    const members = [organiser, ...inspectors]
    const made = await api(organiser, 'POST', `/api/panels/${id}/commands`, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: 'Near the boundary; the case sample supports Good.',
    })
    let version = made.version as number
    for (let n = 0; version < events; n++) {
      const r = await api(members[n % 3]!, 'POST', `/api/panels/${id}/commands`, {
        type: 'vote',
        proposalId: made.proposalId,
        stance: n % 2 ? 'oppose' : 'support',
        justification: `Vote ${n}: the sample supports the higher band in most cases; see the notes.`,
      })
      version = r.version as number
    }
    if (version !== events) throw new Error(`record panel of ${events} events holds ${version}`)
    out.push({ id, members, events, proposalId: made.proposalId as string })
  }
  return out
}
