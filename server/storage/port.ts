// The Storage port: everything the server keeps, behind one interface with SQLite and PostgreSQL adapters.
import type { PanelEvent, Role } from '../../shared/panel/types.ts'

export interface Account {
  id: string
  name: string
  organiser: boolean
  createdAt: string
}

/** A one-time, expiring link token (stored hashed). */
export interface LinkToken {
  tokenHash: string
  kind: 'first-organiser' | 'invite' | 'sign-in'
  /**
   * Invite: the panel, role and invitation id; sign-in: the account, and the panel when a lead re-issued
   * it (then it works only while the account is still a member of that panel).
   */
  panelId: string | null
  inviteId: string | null
  role: Role | null
  accountId: string | null
  name: string | null
  expiresAt: string
  usedAt: string | null
}

export interface Session {
  idHash: string
  accountId: string
  createdAt: string
  expiresAt: string
}

export interface PanelRow {
  id: string
  title: string
  frameworkId: string
  createdAt: string
  createdBy: string
  finalisedAt: string | null
}

export interface Membership {
  panelId: string
  accountId: string
  role: Role
}

/** A domain event as stored: position, the event, and its link in the hash chain. */
export interface StoredEvent {
  panelId: string
  seq: number
  event: PanelEvent
  /** sha256(prevHash || canonical(event)), hex. */
  hash: string
  prevHash: string
}

export interface WorkspaceUpdate {
  panelId: string
  seq: number
  update: Uint8Array
  accountId: string
  at: string
  /**
   * The workspace chain: sha256(previous update's hash || seq, accountId, at, sha256(update)), so an
   * edited, inserted or deleted update is detected (server/panels/workspace-chain.ts).
   */
  hash: string
}

/**
 * A sealed vote's content (blind panels), kept apart from the log: not in the record doc, the events or any
 * answer but the voter's own, until the reveal publishes it. One row per voter and proposal (a change
 * before the reveal replaces it); dropped once revealed (the log then holds it) or retracted (never opened).
 */
export interface SealedVoteRow {
  panelId: string
  proposalId: string
  accountId: string
  /** The `vote.sealed` event's commitment: sha256 of commitmentInput(vote, salt). */
  commitment: string
  stance: string
  justification: string
  salt: string
  at: string
}

/** The relational rows derived from events, written in the same transaction as the events. */
export interface Projection {
  /** Creation: the panel row, written with the first events. */
  panel?: PanelRow
  /** The panel's memberships after these events (replaces every row of the panel). */
  memberships?: Membership[]
  /** Set when these events finalise the panel. */
  finalisedAt?: string
  /** A record-doc checkpoint at the new head. */
  checkpoint?: Checkpoint
  /** Creation: the workspace's initial layout, stored as its first update. */
  workspaceSeed?: Omit<WorkspaceUpdate, 'seq' | 'hash'>
  /** Sealed votes cast (each replaces the voter's row on that proposal), and proposals whose rows go. */
  sealedVotes?: { put: SealedVoteRow[]; dropProposals: string[] }
}

/** Which hash chain of a panel: its record's events, the access log after finalisation, the workspace. */
export type ChainName = 'events' | 'access' | 'workspace'

export interface Checkpoint {
  panelId: string
  doc: 'record' | 'workspace'
  /** The last event seq (record) or workspace update seq folded into `state`. */
  seq: number
  state: Uint8Array
  at: string
}

/** An OpenID Connect sign-in in progress: what the callback must check, stored until used or expired. */
export interface OidcFlow {
  /** sha256 of the `state` sent to the provider. */
  stateHash: string
  /** sha256 of the flow cookie that ties the flow to the browser that started it. */
  browserHash: string
  codeVerifier: string
  nonce: string
  /** The invitation being accepted through the provider (sha256 of its link token). */
  inviteTokenHash: string | null
  /** A signed-in account binding itself to the provider's subject. */
  linkAccountId: string | null
  expiresAt: string
}

/** A framework an organiser made available to panels: one version of it, by its canonical hash. */
export interface StoredFramework {
  id: string
  /** sha256 of the framework's canonical JSON (RFC 8785), hex: the version a panel pins. */
  hash: string
  title: string
  /** The validated framework JSON, as stored. */
  json: string
  uploadedBy: string
  uploadedAt: string
}

/** A finalised panel's keystroke history compacted into checkpoints (retention), sealed in its chain. */
export interface WorkspaceCompaction {
  panelId: string
  /** The last workspace update compacted (deleted); its chain head was `headBefore`. */
  upto: number
  headBefore: string
  /** Canonical JSON: what was compacted, when, the archive's sha256, every checkpoint's sha256. */
  manifest: string
  /** sha256 over headBefore and the manifest: the workspace chain's head from now on (signed). */
  sealedHead: string
  at: string
}

export class ConcurrencyError extends Error {
  constructor(panelId: string, expectedSeq: number) {
    super(`panel ${panelId}: another writer appended event ${expectedSeq} first`)
    this.name = 'ConcurrencyError'
  }
}

export interface Storage {
  readonly kind: 'sqlite' | 'postgres'

  // accounts, links and sessions
  countAccounts(): Promise<number>
  createAccount(account: Account): Promise<void>
  findAccount(id: string): Promise<Account | null>
  saveLinkToken(token: LinkToken): Promise<void>
  /** The token without using it (a link's page shows what it would do); null when unknown, used or expired. */
  findLinkToken(tokenHash: string, now: string): Promise<LinkToken | null>
  /** Marks the token used and returns it, atomically; null when unknown, used or expired. */
  consumeLinkToken(tokenHash: string, now: string): Promise<LinkToken | null>
  createSession(session: Session): Promise<void>
  findSession(idHash: string, now: string): Promise<Session | null>
  deleteSession(idHash: string): Promise<void>

  // sign-in with OpenID Connect
  /** The account bound to the provider's subject (never matched by name or email). */
  findAccountBySubject(issuer: string, subject: string): Promise<Account | null>
  /** Binds an unbound account to a subject; false when the account is bound or the subject taken. */
  bindAccountSubject(accountId: string, issuer: string, subject: string): Promise<boolean>
  saveOidcFlow(flow: OidcFlow): Promise<void>
  /** Deletes the flow and returns it, atomically; null when unknown, used or expired. */
  consumeOidcFlow(stateHash: string, now: string): Promise<OidcFlow | null>
  /** Binds an invitation to an email: only a provider's verified matching email may accept it. */
  bindInviteEmail(tokenHash: string, email: string): Promise<void>
  findInviteEmail(tokenHash: string): Promise<string | null>
  /** Data minimisation: forgets the emails of invitations that were used, expired or withdrawn. */
  pruneInviteEmails(now: string): Promise<void>

  // frameworks made available to panels (every version kept; a panel pins the one it was created with)
  /** Stores a version; storing the same id and hash again changes nothing. */
  saveFramework(f: StoredFramework): Promise<void>
  /** Every stored version, newest first. */
  listFrameworks(): Promise<StoredFramework[]>

  // panels and membership
  findPanel(id: string): Promise<PanelRow | null>
  listPanels(accountId: string): Promise<(PanelRow & { role: Role })[]>
  listAllPanelIds(): Promise<string[]>
  findMembership(panelId: string, accountId: string): Promise<Membership | null>
  listMemberships(panelId: string): Promise<Membership[]>
  listAccounts(): Promise<Account[]>
  renameAccount(id: string, name: string): Promise<void>
  /** Deletes unused link tokens of a kind for a panel (and account, when given): revoked or removed. */
  deleteLinkTokens(filter: { panelId: string; accountId?: string; inviteId?: string }): Promise<void>

  // the domain event log (append-only, hash-chained)
  /**
   * Appends events durably in one transaction, at positions headSeq+1…; throws ConcurrencyError when
   * the panel's head is no longer `expectedHeadSeq` (another process appended first).
   */
  appendEvents(
    panelId: string,
    expectedHeadSeq: number,
    events: StoredEvent[],
    projection?: Projection,
  ): Promise<void>
  loadEvents(panelId: string, afterSeq?: number): Promise<StoredEvent[]>
  /** The access log of a finalised panel: a second chain, linked to the record's head, that never changes it. */
  appendAccessEvents(
    panelId: string,
    expectedHeadSeq: number,
    events: StoredEvent[],
    projection?: Pick<Projection, 'memberships'>,
  ): Promise<void>
  loadAccessEvents(panelId: string): Promise<StoredEvent[]>

  /** Sealed votes' content, of a proposal or of a voter (server-side only: reveal, the voter's own, verify). */
  loadSealedVotes(
    panelId: string,
    filter?: { proposalId?: string; accountId?: string },
  ): Promise<SealedVoteRow[]>

  // workspace updates, kept for replay
  /** Appends durably (chaining it to the panel's previous update) and returns its seq and hash. */
  appendWorkspaceUpdate(u: Omit<WorkspaceUpdate, 'seq' | 'hash'>): Promise<{ seq: number; hash: string }>
  loadWorkspaceUpdates(panelId: string, afterSeq?: number, untilSeq?: number): Promise<WorkspaceUpdate[]>

  // checkpoints
  saveCheckpoint(c: Checkpoint): Promise<void>
  /** The latest checkpoint at or before `atOrBeforeSeq` (or the latest of all). */
  loadCheckpoint(
    panelId: string,
    doc: 'record' | 'workspace',
    atOrBeforeSeq?: number,
  ): Promise<Checkpoint | null>

  /** Readiness: a small durable write (one row of `store_probe`); rejects while the store cannot be written. */
  probeWrite(at: string): Promise<void>
  /** Every checkpoint of a document, oldest first (verification compares each with the log). */
  listCheckpoints(panelId: string, doc: 'record' | 'workspace'): Promise<Checkpoint[]>

  // retention
  loadCompaction(panelId: string): Promise<WorkspaceCompaction | null>
  /**
   * In one transaction: records the compaction, replaces the panel's workspace checkpoints up to `upto`
   * with `checkpoints`, and deletes its workspace updates up to `upto`.
   */
  compactWorkspace(compaction: WorkspaceCompaction, checkpoints: Checkpoint[]): Promise<void>

  /** The newest link of every chain of every panel (start-up compares them with the signed head log). */
  listHeads(): Promise<{ panelId: string; chain: ChainName; seq: number; hash: string }[]>

  close(): Promise<void>
}
