// The panels this process holds open: loads them on demand, creates new ones, unloads idle ones.
import * as Y from 'yjs'
import type { Framework } from '../../shared/framework/schema.ts'
import { rateInspection } from '../../shared/engine/rate.ts'
import { evolve } from '../../shared/panel/evolve.ts'
import { DEFAULT_SETTINGS, type PanelSettings } from '../../shared/panel/settings.ts'
import type { PanelEvent, PanelState, Role } from '../../shared/panel/types.ts'
import { initWorkspace, WORKSPACE_SERVER_CLIENT_ID } from '../../shared/ydoc/layout.ts'
import type { Account } from '../storage/port.ts'
import { frameworkHash } from '../frameworks/catalogue.ts'
import { chainEvents, genesisHash } from './chain.ts'
import { LivePanel, type PanelDeps } from './live-panel.ts'
import { TurnQueue } from './turn-queue.ts'

export interface CreatePanelInput {
  panelId: string
  title: string
  framework: Framework
  /** The validated, normalised inspection. */
  inspection: Parameters<typeof rateInspection>[1]
  lead: Account
  /**
   * A correction: given the new panel's state after its first events, the events that follow them
   * (`correction.opened` first, placed right after `panel.created`; then the carried decisions and the
   * re-invitations), all in the creating transaction.
   */
  correction?: (start: PanelState) => PanelEvent[]
  /** The panel's settings; the defaults (open votes, no quorum) when not given. */
  settings?: PanelSettings
}

export class PanelHub {
  private readonly live = new Map<string, LivePanel>()
  private readonly loading = new Map<string, Promise<LivePanel | null>>()
  private readonly idleTimers = new Map<string, NodeJS.Timeout>()
  /** Panels being unloaded: a new open waits until their last write has landed. */
  private readonly unloading = new Map<string, LivePanel>()
  /** Loads from the store go one per turn of the event loop: open panels' sockets are served between them. */
  private readonly loadTurns = new TurnQueue()

  constructor(
    private readonly deps: PanelDeps & {
      idleUnloadMs?: number
      /** Scale-out: a panel is now held here (the relay subscribes to it) / no longer is. */
      onOpened?: (panel: LivePanel) => void
      onUnloaded?: (panelId: string) => void
    },
  ) {}

  /** The live panel, loading it from storage on first use; null when it does not exist. */
  open(panelId: string): Promise<LivePanel | null> {
    const held = this.live.get(panelId)
    if (held) return Promise.resolve(held)
    let p = this.loading.get(panelId)
    if (!p) {
      p = (async () => {
        const leaving = this.unloading.get(panelId)
        if (leaving) await leaving.serialise(() => Promise.resolve())
        await this.loadTurns.next()
        const panel = new LivePanel(panelId, this.deps)
        const found = await panel.load().catch((e: unknown) => {
          panel.destroy()
          throw e
        })
        if (!found) {
          panel.destroy()
          return null
        }
        this.live.set(panelId, panel)
        this.scheduleIdle(panel)
        this.deps.onOpened?.(panel)
        return panel
      })().finally(() => this.loading.delete(panelId))
      this.loading.set(panelId, p)
    }
    return p
  }

  isOpen(panelId: string): LivePanel | undefined {
    return this.live.get(panelId)
  }

  openCount(): number {
    return this.live.size
  }

  async create(input: CreatePanelInput): Promise<LivePanel> {
    const { storage, now } = this.deps
    const at = now().toISOString()
    const rating = rateInspection(input.framework, input.inspection)
    const by = { by: input.lead.id, byName: input.lead.name, at }
    const created: PanelEvent = {
      type: 'panel.created',
      ...by,
      panelId: input.panelId,
      title: input.title,
      frameworkId: input.framework.id,
      framework: input.framework,
      // The exact version pinned: later edits to a framework never change this panel.
      frameworkHash: frameworkHash(input.framework),
      inspection: input.inspection,
      rating,
      lead: input.lead.id,
      settings: input.settings ?? DEFAULT_SETTINGS,
    }
    const added: PanelEvent = {
      type: 'member.added',
      ...by,
      accountId: input.lead.id,
      name: input.lead.name,
      role: 'lead' as Role,
    }
    const [opened, ...rest] = input.correction?.(evolve(evolve(null, created), added)) ?? []
    const stored = chainEvents(input.panelId, 0, genesisHash(input.panelId), [
      created,
      ...(opened ? [opened] : []),
      added,
      ...rest,
    ])
    // The shared texts exist before anyone types, written once by the server.
    const seed = new Y.Doc()
    seed.clientID = WORKSPACE_SERVER_CLIENT_ID
    initWorkspace(
      seed,
      rating.standards.map((s) => s.id),
    )
    const seedUpdate = Y.encodeStateAsUpdate(seed)
    seed.destroy()
    // One transaction: the panel row, its first events, the lead's membership and the workspace layout.
    await storage.appendEvents(input.panelId, 0, stored, {
      panel: {
        id: input.panelId,
        title: input.title,
        frameworkId: input.framework.id,
        createdAt: at,
        createdBy: input.lead.id,
        finalisedAt: null,
      },
      memberships: [{ panelId: input.panelId, accountId: input.lead.id, role: 'lead' }],
      workspaceSeed: { panelId: input.panelId, update: seedUpdate, accountId: 'server', at },
    })
    const head = stored.at(-1)!
    this.deps.heads.record({ panelId: input.panelId, chain: 'events', seq: head.seq, hash: head.hash }, false)
    const seeded = (await storage.loadWorkspaceUpdates(input.panelId)).at(-1)
    if (seeded)
      this.deps.heads.record(
        { panelId: input.panelId, chain: 'workspace', seq: seeded.seq, hash: seeded.hash },
        true,
      )
    const panel = await this.open(input.panelId)
    if (!panel) throw new Error(`panel ${input.panelId} vanished after creation`)
    return panel
  }

  /** Called by the sync layer when a panel's connection count changes. */
  touch(panel: LivePanel): void {
    this.scheduleIdle(panel)
  }

  private scheduleIdle(panel: LivePanel): void {
    const ms = this.deps.idleUnloadMs ?? 5 * 60_000
    clearTimeout(this.idleTimers.get(panel.panelId))
    if (panel.connections > 0 || ms <= 0) return
    const t = setTimeout(() => {
      this.idleTimers.delete(panel.panelId)
      if (panel.connections > 0) return
      void this.unload(panel).catch((e: unknown) =>
        this.deps.log.error('unloading a panel failed', { panelId: panel.panelId, error: String(e) }),
      )
    }, ms)
    t.unref()
    this.idleTimers.set(panel.panelId, t)
  }

  private async unload(panel: LivePanel): Promise<void> {
    // Out of the live set first: a socket that joins while the checkpoint is written loads a fresh copy
    // (from the store, which the checkpoint does not change) instead of landing on a destroyed doc.
    if (this.live.get(panel.panelId) !== panel || panel.connections > 0) return
    this.live.delete(panel.panelId)
    this.unloading.set(panel.panelId, panel)
    try {
      await panel.serialise(() => panel.checkpointWorkspace())
    } finally {
      this.unloading.delete(panel.panelId)
      panel.destroy()
      this.deps.onUnloaded?.(panel.panelId)
    }
  }

  /** Checkpoints every open panel (shutdown). */
  async close(): Promise<void> {
    for (const t of this.idleTimers.values()) clearTimeout(t)
    this.idleTimers.clear()
    for (const panel of this.live.values()) {
      await panel.serialise(() => panel.checkpointWorkspace())
      panel.destroy()
    }
    this.live.clear()
  }
}
