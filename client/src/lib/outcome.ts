// A standard's outcome as it stands: the rating now (final, or with the decisions so far), the rules-based one,
// and what moved it (the applied decision and its footnote). Pure: the board, the detail, replay and the report
// all read it from the same panel state.
import { applyDecisions } from '../../../shared/engine/decisions.ts'
import type { FinalResult, OverallResult, StandardResult } from '../../../shared/engine/types.ts'
import type { Framework } from '../../../shared/framework/schema.ts'
import { appliedDecisions } from '../../../shared/panel/decide.ts'
import type { PanelState } from '../../../shared/panel/types.ts'

export interface Moved {
  proposalId: string
  byName: string
  at: string
  /** The footnote published with the decision. */
  footnote: string
  direction: 'up' | 'down'
}

export interface StandardOutcome {
  id: string
  kind: StandardResult['kind']
  current: string | null
  rulesBased: string | null
  /** The decision that moved it, when the current rating differs from the rules-based one. */
  moved: Moved | null
  finalised: boolean
}

export interface OverallOutcome {
  current: OverallResult
  rulesBased: OverallResult
  finalised: boolean
  /** Standards whose decisions changed the score, in framework order. */
  movedBy: string[]
}

/** The final result: frozen when finalised, else the rules-based result with the decisions applied so far. */
export function currentResult(framework: Framework, state: PanelState): FinalResult | null {
  if (state.finalised) return state.finalised.final
  const r = applyDecisions(framework, state.rating, appliedDecisions(state))
  return r.ok ? r.value : null
}

function movedOf(state: PanelState, standardId: string): Moved | null {
  for (const id of state.proposalOrder) {
    const p = state.proposals[id]
    if (p?.standardId === standardId && p.status === 'applied' && p.decision && p.to !== p.from)
      return {
        proposalId: p.id,
        byName: p.decision.byName,
        at: p.decision.at,
        footnote: p.decision.text,
        direction: p.direction,
      }
  }
  return null
}

/** Every standard's outcome, in framework order. */
export function standardOutcomes(
  framework: Framework,
  state: PanelState,
  result: FinalResult | null = currentResult(framework, state),
): StandardOutcome[] {
  return state.rating.standards.map((s) => {
    const current = result?.standards.find((x) => x.id === s.id)?.rating ?? s.rating
    return {
      id: s.id,
      kind: s.kind,
      current,
      rulesBased: s.rating,
      moved: current !== s.rating ? movedOf(state, s.id) : null,
      finalised: !!state.finalised,
    }
  })
}

export function overallOutcome(
  framework: Framework,
  state: PanelState,
  result: FinalResult | null = currentResult(framework, state),
): OverallOutcome {
  const outcomes = standardOutcomes(framework, state, result)
  return {
    current: result?.overall ?? state.rating.overall,
    rulesBased: state.rating.overall,
    finalised: !!state.finalised,
    movedBy: outcomes.filter((o) => o.moved).map((o) => o.id),
  }
}

/** True when two overall results say the same thing (score and rating). */
export const sameOverall = (a: OverallResult, b: OverallResult): boolean =>
  a.score === b.score && a.rating === b.rating
