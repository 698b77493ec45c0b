// The frozen record: what a finalised panel publishes, derived from its state and the chain head.
import type { AreaResult } from '../engine/types.ts'
import type { PanelState } from './types.ts'

export const RECORD_FORMAT = 'ratings-panel/record@1'

const areaJson = (a: AreaResult) => ({ id: a.id, title: a.title, rule: a.rule, rating: a.rating })

export function buildFrozenRecord(state: PanelState, chain: { head: string; events: number }) {
  const f = state.finalised
  if (!f) throw new Error('buildFrozenRecord: the panel is not finalised')
  const proposals = state.proposalOrder.map((id) => state.proposals[id]!)
  return {
    format: RECORD_FORMAT,
    panelId: state.panelId,
    title: state.title,
    // The pinned version's hash, for panels made since frameworks are pinned (older records stay as they were).
    framework: state.frameworkHash
      ? { ...state.rating.framework, hash: state.frameworkHash }
      : state.rating.framework,
    service: state.rating.service,
    // Panels made since settings exist (older records stay as they were).
    ...(state.settings ? { settings: state.settings } : {}),
    inspection: state.inspection,
    rulesBased: {
      standards: state.rating.standards.map((s) => ({ id: s.id, rating: s.rating, triggers: s.triggers })),
      overall: state.rating.overall,
      // framework@2 areas; none for an @1 framework, whose record stays as it was.
      ...(state.rating.areas?.length ? { areas: state.rating.areas.map(areaJson) } : {}),
    },
    proposals,
    footnotes: f.final.standards
      .filter((s) => s.footnote)
      .map((s) => ({ standardId: s.id, from: s.rulesBased, to: s.rating, text: s.footnote })),
    keptWithoutProposal: f.keptWithoutProposal,
    final: {
      standards: f.final.standards.map((s) => ({
        id: s.id,
        title: s.title,
        rating: s.rating,
        rulesBased: s.rulesBased,
        scored: s.scored,
      })),
      overall: f.final.overall,
      ...(f.final.areas?.length ? { areas: f.final.areas.map(areaJson) } : {}),
    },
    participants: Object.values(state.members).map((m) => ({
      accountId: m.accountId,
      name: m.name,
      role: m.role,
      joinedAt: m.joinedAt,
    })),
    createdAt: state.createdAt,
    finalisedAt: f.at,
    finalisedBy: { accountId: f.by, name: f.byName },
    chain,
    // A correction names the record it corrects; other records stay exactly as they were.
    ...(state.correctionOf
      ? {
          correctionOf: {
            panelId: state.correctionOf.panelId,
            recordHash: state.correctionOf.recordHash,
            reason: state.correctionOf.reason,
            openedAt: state.correctionOf.at,
            openedBy: { accountId: state.correctionOf.by, name: state.correctionOf.byName },
          },
        }
      : {}),
  }
}

export type FrozenRecord = ReturnType<typeof buildFrozenRecord>
