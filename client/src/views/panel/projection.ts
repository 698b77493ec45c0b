// Scores the panel would have: with decisions so far, and if every open proposal were applied.
import { applyDecisions } from '../../../../shared/engine/decisions.ts'
import type { Decision, FinalResult } from '../../../../shared/engine/types.ts'
import type { Framework } from '../../../../shared/framework/schema.ts'
import { appliedDecisions, openProposals } from '../../../../shared/panel/decide.ts'
import type { PanelState } from '../../../../shared/panel/types.ts'

export function withDecisions(framework: Framework, state: PanelState): FinalResult | null {
  const r = applyDecisions(framework, state.rating, appliedDecisions(state))
  return r.ok ? r.value : null
}

export function projected(framework: Framework, state: PanelState): FinalResult | null {
  const decisions: Record<string, Decision> = { ...appliedDecisions(state) }
  for (const p of openProposals(state))
    decisions[p.standardId] = { rating: p.to, justification: p.justification }
  const r = applyDecisions(framework, state.rating, decisions)
  return r.ok ? r.value : null
}
