// The discretion register's rows: one per decision (applied or rejected) of a finalised panel, with what a
// quality-assurance reader asks of it (where, when, which standard, why it was open, which way, the votes,
// the footnote or reason, the lead) and a link to the replay at the step the decision was made. Pure.
import type { Direction, TriggerKind } from '../engine/types.ts'
import type { PanelEvent, PanelState } from '../panel/types.ts'

export interface DiscretionRow {
  panelId: string
  title: string
  service: string
  /** Synthetic data (the demo and test set) says so in its service name; real panels are false. */
  synthetic: boolean
  frameworkId: string
  frameworkTitle: string
  fieldwork: string | null
  published: string | null
  finalisedAt: string
  /** The date filters compare: the publication month if known, else the finalisation day. */
  date: string
  standardId: string
  standardTitle: string
  triggers: TriggerKind[]
  direction: Direction
  /** The rules-based rating and the one proposed. */
  from: string
  to: string
  /** The standard's final rating in the record. */
  final: string | null
  outcome: 'applied' | 'rejected'
  votes: { support: number; oppose: number; abstain: number }
  /** Blind votes: the sealed (first) views as revealed, beside the final ones in `votes`; null when open. */
  sealed: { support: number; oppose: number; abstain: number } | null
  /** The footnote when applied, the reason when rejected. */
  text: string
  lead: string
  decidedAt: string
  /** Percentage points from the driving question to the boundary crossed in that direction (null: none). */
  distance: number | null
  /** The replay at the step the decision was made. */
  replay: string
  /** When this record is a correction: the record it corrects and why. */
  correctionOf: string | null
  correctionReason: string | null
}

/** A finalised panel's shape for the charts: what was open to discretion and how far the score moved. */
export interface RegisterPanel {
  panelId: string
  service: string
  synthetic: boolean
  frameworkId: string
  date: string
  rulesScore: number | null
  finalScore: number | null
  max: number | null
  /** Standards open to discretion (a trigger in some direction). */
  open: { standardId: string; up: TriggerKind[]; down: TriggerKind[] }[]
}

const isSynthetic = (service: string) => /\(synthetic\)/i.test(service)

/** The rows and the panel summary of one finalised panel, from its state at finalisation and its log. */
export function registerEntries(
  state: PanelState,
  events: { seq: number; event: PanelEvent }[],
): { rows: DiscretionRow[]; panel: RegisterPanel } | null {
  const f = state.finalised
  if (!f) return null
  const insp = state.inspection as { fieldwork?: string; published?: string } | null
  const service = state.rating.service
  const date = insp?.published ?? f.at.slice(0, 10)
  const decidedSeq = new Map<string, number>()
  for (const e of events) if (e.event.type === 'proposal.decided') decidedSeq.set(e.event.proposalId, e.seq)
  const lead = Object.values(state.members).find((m) => m.role === 'lead' && !m.removedAt)?.name ?? f.byName
  const rows: DiscretionRow[] = []
  for (const id of state.proposalOrder) {
    const p = state.proposals[id]!
    if (!p.decision || (p.status !== 'applied' && p.status !== 'rejected')) continue
    const s = state.rating.standards.find((x) => x.id === p.standardId)
    const votes = { support: 0, oppose: 0, abstain: 0 }
    for (const v of Object.values(p.votes)) votes[v.stance]++
    let sealed: DiscretionRow['sealed'] = null
    if (p.revealed) {
      sealed = { support: 0, oppose: 0, abstain: 0 }
      for (const o of p.revealed.openings) sealed[o.stance]++
    }
    rows.push({
      panelId: state.panelId,
      title: state.title,
      service,
      synthetic: isSynthetic(service),
      frameworkId: state.frameworkId,
      frameworkTitle: state.rating.framework.title,
      fieldwork: insp?.fieldwork ?? null,
      published: insp?.published ?? null,
      finalisedAt: f.at,
      date,
      standardId: p.standardId,
      standardTitle: s?.title ?? p.standardId,
      triggers: p.triggers,
      direction: p.direction,
      from: p.from,
      to: p.to,
      final: f.final.standards.find((x) => x.id === p.standardId)?.rating ?? null,
      outcome: p.status,
      votes,
      sealed,
      text: p.decision.text,
      lead,
      decidedAt: p.decision.at,
      distance: s ? (p.direction === 'up' ? s.pointsToNextUp : s.pointsAboveLower) : null,
      replay: `/panels/${encodeURIComponent(state.panelId)}/replay?event=${decidedSeq.get(p.id) ?? ''}`,
      correctionOf: state.correctionOf?.panelId ?? null,
      correctionReason: state.correctionOf?.reason ?? null,
    })
  }
  const panel: RegisterPanel = {
    panelId: state.panelId,
    service,
    synthetic: isSynthetic(service),
    frameworkId: state.frameworkId,
    date,
    rulesScore: state.rating.overall.score,
    finalScore: f.final.overall.score,
    max: f.final.overall.max,
    open: state.rating.standards
      .filter((s) => s.triggers.up.length || s.triggers.down.length)
      .map((s) => ({ standardId: s.id, up: s.triggers.up, down: s.triggers.down })),
  }
  return { rows, panel }
}
