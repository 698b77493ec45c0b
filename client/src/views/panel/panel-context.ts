// What every part of the live panel page shares: who I am, my role, the live state, the docs and the command sender.
import { createContext, useContext, type Accessor } from 'solid-js'
import type { Awareness } from 'y-protocols/awareness'
import type * as Y from 'yjs'
import type { Framework } from '../../../../shared/framework/schema.ts'
import type { Command, PanelState, Role } from '../../../../shared/panel/types.ts'
import type { Result } from '../../../../shared/result.ts'
import type { Focus } from '../../../../shared/ydoc/layout.ts'
import type { CommandAnswer } from '../../lib/api-types.ts'
import type { OverallOutcome, StandardOutcome } from '../../lib/outcome.ts'
import type { ApiFailure } from '../../lib/http.ts'
import type { PanelConnection } from '../../stores/panel-connection.ts'
import type { MySealedVote } from '../../stores/my-sealed-votes.ts'
import type { Present } from '../../stores/workspace-store.ts'
import type { Follow } from './follow.ts'

/** A command as the client sends it: the server names new proposals. */
export type OutgoingCommand = Command extends infer C
  ? C extends { type: 'propose' }
    ? Omit<C, 'proposalId'>
    : C
  : never

export interface PanelCtx {
  id: string
  me: { accountId: string; name: string }
  role: Role
  state: PanelState
  framework: Accessor<Framework>
  /** Rating labels, best first. */
  labels: Accessor<string[]>
  domains: Accessor<Record<string, string>>
  /** Each standard's outcome now (rating now, rules-based, what moved it), by standard id. */
  outcomes: Accessor<Record<string, StandardOutcome>>
  overall: Accessor<OverallOutcome>
  /** May change the record through commands and write the workspace: lead or inspector, and not finalised. */
  canWrite: Accessor<boolean>
  isLead: Accessor<boolean>
  conn: PanelConnection
  /** The current workspace doc and presence (replaced after the server refuses an update). */
  workspace: Accessor<Y.Doc>
  awareness: Accessor<Awareness>
  people: Accessor<Present[]>
  focus: Accessor<Focus | null>
  send(command: OutgoingCommand): Promise<Result<CommandAnswer, ApiFailure>>
  /** My own sealed votes (blind panels), shown to me alone until the reveal. */
  mySealed: { byProposal: Accessor<Record<string, MySealedVote>>; refresh(): Promise<void> }
  /** The route of a standard's detail, and of the board. */
  standardHref(sid: string): string
  boardHref: string
  openStandard: Accessor<string | null>
  /** Which view of the panel is open: the board (with a standard, perhaps) or the boundary map. */
  view: Accessor<'board' | 'map'>
  mapHref: string
  /** Show only the standards open to discretion (board and map alike). */
  discretionOnly: Accessor<boolean>
  setDiscretionOnly(on: boolean): void
  nameOf(accountId: string): string
  /** Following the lead's focus (members); set once the panel page has made it. */
  follow?: Follow
}

export const PanelContext = createContext<PanelCtx>()

export function usePanel(): PanelCtx {
  const c = useContext(PanelContext)
  if (!c) throw new Error('usePanel: no PanelContext')
  return c
}
