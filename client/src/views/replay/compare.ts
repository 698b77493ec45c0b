// What changed between two points of the replay: ratings, the score, proposals, votes, members, drafts. Pure.
import type { FinalResult, OverallResult } from '../../../../shared/engine/types.ts'
import type { PanelState, ProposalStatus, Role, Stance } from '../../../../shared/panel/types.ts'
import { diffText } from '../../lib/text-diff.ts'
import { withDecisions } from '../panel/projection.ts'
import type { Snapshot } from './snapshot.ts'

export type Change =
  | { kind: 'overall'; from: OverallResult; to: OverallResult }
  | { kind: 'rating'; standardId: string; title: string; from: string | null; to: string | null }
  /** A proposal that did not exist at one point has status null there. */
  | {
      kind: 'proposal'
      proposalId: string
      standardId: string
      to: string
      from: ProposalStatus | null
      now: ProposalStatus | null
    }
  | {
      kind: 'vote'
      proposalId: string
      standardId: string
      name: string
      from: Stance | null
      now: Stance | null
      justification: string
    }
  | {
      kind: 'member'
      name: string
      role: Role
      from: 'absent' | 'invited' | 'joined'
      now: 'absent' | 'invited' | 'joined'
    }
  | { kind: 'finalised'; now: boolean }
  | { kind: 'focus'; from: string | null; now: string | null }
  /** A draft's text: the span that differs, with a little of what is around it. */
  | {
      kind: 'draft'
      key: string
      before: string
      removed: string
      inserted: string
      after: string
      from: number
      now: number
    }

/** The result as it stood at a point: final once finalised, otherwise with the decisions made by then. */
export function resultAt(state: PanelState): FinalResult | null {
  return state.finalised?.final ?? withDecisions(state.framework, state)
}

const CONTEXT = 40

export function compareSnapshots(a: Snapshot, b: Snapshot): Change[] {
  const out: Change[] = []
  const ra = resultAt(a.state)
  const rb = resultAt(b.state)
  if (ra && rb) {
    const oa = ra.overall
    const ob = rb.overall
    if (oa.score !== ob.score || oa.rating !== ob.rating) out.push({ kind: 'overall', from: oa, to: ob })
    for (const sb of rb.standards) {
      const sa = ra.standards.find((s) => s.id === sb.id)
      if (sa && sa.rating !== sb.rating)
        out.push({ kind: 'rating', standardId: sb.id, title: sb.title, from: sa.rating, to: sb.rating })
    }
  }
  if (!!a.state.finalised !== !!b.state.finalised) out.push({ kind: 'finalised', now: !!b.state.finalised })

  const proposalIds = [...new Set([...a.state.proposalOrder, ...b.state.proposalOrder])]
  for (const id of proposalIds) {
    const pa = a.state.proposals[id]
    const pb = b.state.proposals[id]
    const p = (pb ?? pa)!
    if (pa?.status !== pb?.status)
      out.push({
        kind: 'proposal',
        proposalId: id,
        standardId: p.standardId,
        to: p.to,
        from: pa?.status ?? null,
        now: pb?.status ?? null,
      })
    const voters = [...new Set([...Object.keys(pa?.votes ?? {}), ...Object.keys(pb?.votes ?? {})])]
    for (const voter of voters) {
      const va = pa?.votes[voter]
      const vb = pb?.votes[voter]
      if (va?.stance === vb?.stance && va?.justification === vb?.justification) continue
      out.push({
        kind: 'vote',
        proposalId: id,
        standardId: p.standardId,
        name: (vb ?? va)!.byName,
        from: va?.stance ?? null,
        now: vb?.stance ?? null,
        justification: vb?.justification ?? '',
      })
    }
  }

  // The lead who created the panel is a member from the start, without a join of their own.
  const memberState = (s: PanelState, id: string) =>
    !s.members[id] ? 'absent' : s.members[id].joinedAt || s.lead === id ? 'joined' : 'invited'
  for (const id of new Set([...Object.keys(a.state.members), ...Object.keys(b.state.members)])) {
    const from = memberState(a.state, id)
    const now = memberState(b.state, id)
    const m = (b.state.members[id] ?? a.state.members[id])!
    if (from !== now) out.push({ kind: 'member', name: m.name, role: m.role, from, now })
  }

  if ((a.focus?.standardId ?? null) !== (b.focus?.standardId ?? null))
    out.push({ kind: 'focus', from: a.focus?.standardId ?? null, now: b.focus?.standardId ?? null })

  for (const key of [...new Set([...Object.keys(a.drafts), ...Object.keys(b.drafts)])].sort()) {
    const before = a.drafts[key] ?? ''
    const now = b.drafts[key] ?? ''
    if (before === now) continue
    const edit = diffText(before, now)
    out.push({
      kind: 'draft',
      key,
      before: (edit.index > CONTEXT ? '…' : '') + before.slice(Math.max(0, edit.index - CONTEXT), edit.index),
      removed: before.slice(edit.index, edit.index + edit.remove),
      inserted: edit.insert,
      after:
        before.slice(edit.index + edit.remove, edit.index + edit.remove + CONTEXT) +
        (before.length > edit.index + edit.remove + CONTEXT ? '…' : ''),
      from: before.length,
      now: now.length,
    })
  }
  return out
}
