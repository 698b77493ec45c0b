// The discretion register over every finalised panel. A finalised panel's record never changes, so its rows
// are computed once per process and kept; each request lists the panels and folds only those not seen yet.
import { evolve } from '../../shared/panel/evolve.ts'
import type { PanelState } from '../../shared/panel/types.ts'
import { registerEntries, type DiscretionRow, type RegisterPanel } from '../../shared/register/rows.ts'
import type { Storage } from '../storage/port.ts'

type Entry = { rows: DiscretionRow[]; panel: RegisterPanel }

export class DiscretionRegister {
  private readonly finalised = new Map<string, Entry>()

  constructor(private readonly storage: Storage) {}

  /** Every decision of every finalised panel (newest first), and the panels. */
  async entries(): Promise<{ rows: DiscretionRow[]; panels: RegisterPanel[] }> {
    for (const id of await this.storage.listAllPanelIds()) {
      if (this.finalised.has(id)) continue
      const row = await this.storage.findPanel(id)
      if (!row?.finalisedAt) continue
      const entry = await this.fold(id)
      if (entry) this.finalised.set(id, entry)
    }
    const all = [...this.finalised.values()].sort(
      (a, b) =>
        (a.panel.date < b.panel.date ? 1 : a.panel.date > b.panel.date ? -1 : 0) ||
        (a.panel.panelId < b.panel.panelId ? -1 : 1),
    )
    return { rows: all.flatMap((e) => e.rows), panels: all.map((e) => e.panel) }
  }

  /** The state at finalisation, and not one event further. */
  private async fold(panelId: string): Promise<Entry | null> {
    const events = await this.storage.loadEvents(panelId)
    let state: PanelState | null = null
    for (const e of events) {
      state = evolve(state, e.event)
      if (e.event.type === 'panel.finalised') break
    }
    return state?.finalised ? registerEntries(state, events) : null
  }
}
