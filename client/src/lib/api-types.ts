// Shapes of the server's answers the client reads (docs/API.md).
import type { Difference } from '../../../shared/panel/correction-diff.ts'
import type { RegisterSummary } from '../../../shared/register/query.ts'
import type { DiscretionRow } from '../../../shared/register/rows.ts'
import type { PanelState, Role } from '../../../shared/panel/types.ts'

export interface Account {
  id: string
  name: string
  organiser: boolean
  /** The account-level quality-assurance role: the discretion register, every finalised panel read-only. */
  qa?: boolean
}

export interface PanelSummary {
  id: string
  title: string
  frameworkId: string
  role: Role
  createdAt: string
  finalisedAt: string | null
}

export interface PanelAnswer {
  panel: PanelSummary
  role: Role
  state: PanelState
}

export interface CommandAnswer {
  events: { seq: number; type: string; hash: string }[]
  version: number
  proposalId?: string
}

export interface InviteAnswer {
  url: string
  expiresAt: string
  role: Role
  name: string
}

/** GET /api/panels/:id/corrections: the record this one corrects (with what changed) and the corrections of it. */
export interface CorrectionsAnswer {
  correctionOf: {
    panelId: string
    recordHash: string
    reason: string
    at: string
    byName: string
    notCarried: { standardId: string; to: string; outcome: string; reason: string }[]
    found: boolean
    hashMatches: boolean
    title: string | null
    finalisedAt: string | null
    differences: Difference[]
  } | null
  recordHash: string | null
  correctedBy: {
    panelId: string
    reason: string
    at: string
    byName: string
    finalisedAt: string | null
    recordHash: string | null
    invitation: string | null
  }[]
}

export interface OpenCorrectionAnswer {
  panel: { id: string; title: string }
  invites: { inviteId: string; name: string; role: Role; url: string; expiresAt: string }[]
}

/** GET /api/discretion: the register's rows under the filters, and the charts' summary. */
export interface RegisterAnswer {
  rows: DiscretionRow[]
  panels: number
  synthetic: number
  summary: RegisterSummary
}
