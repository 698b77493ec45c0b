// Shapes of the server's answers the client reads (docs/API.md).
import type { PanelState, Role } from '../../../shared/panel/types.ts'

export interface Account {
  id: string
  name: string
  organiser: boolean
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
