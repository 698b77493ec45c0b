// SQLite adapter of the Storage port: one WAL-mode file, synchronous=FULL. Workspace updates and checkpoints
// are group-committed by sqlite-writer.ts on a connection of their own, on the event loop while commits are
// quick and on a writer thread while they are slow; everything else is written on this connection.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { PanelEvent, Role } from '../../shared/panel/types.ts'
import { workspaceGenesis, workspaceLink } from '../panels/workspace-chain.ts'
import {
  ConcurrencyError,
  type Account,
  type Checkpoint,
  type LinkToken,
  type Membership,
  type OidcFlow,
  type WorkspaceCompaction,
  type PanelRow,
  type Projection,
  type SealedVoteRow,
  type Session,
  type Storage,
  type StoredEvent,
  type StoredFramework,
  type WorkspaceUpdate,
} from './port.ts'
import { MIGRATIONS } from './sqlite-schema.ts'
import { WORKSPACE_SQL } from './sqlite-workspace-writes.js'
import { startSqliteWriter, type WriterMode } from './sqlite-writer.ts'

const TOKEN_COLS = `token_hash AS tokenHash, kind, panel_id AS panelId, invite_id AS inviteId, role,
  account_id AS accountId, name, expires_at AS expiresAt, used_at AS usedAt`

export interface SqliteOptions {
  /** Where workspace writes commit: `adaptive` (the default) chooses by how long commits take (commit-pace.ts). */
  writer?: WriterMode
}

export function openSqliteStorage(dataDir: string, opts: SqliteOptions = {}): Storage {
  fs.mkdirSync(dataDir, { recursive: true })
  const file = path.join(dataDir, 'panels.sqlite')
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  // FULL: a committed transaction survives power loss, not just a process crash.
  db.pragma('synchronous = FULL')
  db.pragma('foreign_keys = ON')
  db.pragma('busy_timeout = 5000')
  try {
    migrate(db)
  } catch (e) {
    db.close()
    throw e
  }

  const q = {
    countAccounts: db.prepare('SELECT count(*) AS n FROM accounts'),
    insertAccount: db.prepare('INSERT INTO accounts (id, name, organiser, created_at) VALUES (?, ?, ?, ?)'),
    findAccount: db.prepare('SELECT id, name, organiser, created_at AS createdAt FROM accounts WHERE id = ?'),
    listAccounts: db.prepare(
      'SELECT id, name, organiser, created_at AS createdAt FROM accounts ORDER BY created_at',
    ),
    renameAccount: db.prepare('UPDATE accounts SET name = ? WHERE id = ?'),
    insertToken: db.prepare(
      `INSERT INTO link_tokens (token_hash, kind, panel_id, invite_id, role, account_id, name, expires_at, used_at)
       VALUES (@tokenHash, @kind, @panelId, @inviteId, @role, @accountId, @name, @expiresAt, @usedAt)`,
    ),
    findToken: db.prepare(
      `SELECT ${TOKEN_COLS} FROM link_tokens WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`,
    ),
    useToken: db.prepare(
      `UPDATE link_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
       RETURNING ${TOKEN_COLS}`,
    ),
    deleteTokens: db.prepare(
      `DELETE FROM link_tokens WHERE used_at IS NULL AND panel_id = @panelId
       AND (@accountId IS NULL OR account_id = @accountId) AND (@inviteId IS NULL OR invite_id = @inviteId)`,
    ),
    insertSession: db.prepare(
      'INSERT INTO sessions (id_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    findSession: db.prepare(
      `SELECT id_hash AS idHash, account_id AS accountId, created_at AS createdAt, expires_at AS expiresAt
       FROM sessions WHERE id_hash = ? AND expires_at > ?`,
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    dropExpiredSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    insertFramework: db.prepare(
      `INSERT INTO frameworks (id, hash, title, json, uploaded_by, uploaded_at)
       VALUES (@id, @hash, @title, @json, @uploadedBy, @uploadedAt) ON CONFLICT (id, hash) DO NOTHING`,
    ),
    listFrameworks: db.prepare(
      `SELECT id, hash, title, json, uploaded_by AS uploadedBy, uploaded_at AS uploadedAt FROM frameworks
       ORDER BY uploaded_at DESC, rowid DESC`,
    ),
    insertPanel: db.prepare(
      `INSERT INTO panels (id, title, framework_id, created_at, created_by, finalised_at)
       VALUES (@id, @title, @frameworkId, @createdAt, @createdBy, @finalisedAt)`,
    ),
    findPanel: db.prepare(
      `SELECT id, title, framework_id AS frameworkId, created_at AS createdAt, created_by AS createdBy,
              finalised_at AS finalisedAt FROM panels WHERE id = ?`,
    ),
    listPanels: db.prepare(
      `SELECT p.id, p.title, p.framework_id AS frameworkId, p.created_at AS createdAt, p.created_by AS createdBy,
              p.finalised_at AS finalisedAt, m.role FROM panels p JOIN memberships m ON m.panel_id = p.id
       WHERE m.account_id = ? ORDER BY p.created_at DESC`,
    ),
    allPanelIds: db.prepare('SELECT id FROM panels ORDER BY created_at'),
    insertMember: db.prepare('INSERT INTO memberships (panel_id, account_id, role) VALUES (?, ?, ?)'),
    deleteMembers: db.prepare('DELETE FROM memberships WHERE panel_id = ?'),
    listMembers: db.prepare(
      'SELECT panel_id AS panelId, account_id AS accountId, role FROM memberships WHERE panel_id = ? ORDER BY account_id',
    ),
    findMember: db.prepare(
      'SELECT panel_id AS panelId, account_id AS accountId, role FROM memberships WHERE panel_id = ? AND account_id = ?',
    ),
    markFinalised: db.prepare('UPDATE panels SET finalised_at = ? WHERE id = ?'),
    headSeq: db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM events WHERE panel_id = ?'),
    insertEvent: db.prepare(
      'INSERT INTO events (panel_id, seq, event, hash, prev_hash) VALUES (?, ?, ?, ?, ?)',
    ),
    loadEvents: db.prepare(
      'SELECT panel_id AS panelId, seq, event, hash, prev_hash AS prevHash FROM events WHERE panel_id = ? AND seq > ? ORDER BY seq',
    ),
    accessHead: db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM access_events WHERE panel_id = ?'),
    insertAccess: db.prepare(
      'INSERT INTO access_events (panel_id, seq, event, hash, prev_hash) VALUES (?, ?, ?, ?, ?)',
    ),
    loadAccess: db.prepare(
      'SELECT panel_id AS panelId, seq, event, hash, prev_hash AS prevHash FROM access_events WHERE panel_id = ? ORDER BY seq',
    ),
    // The writer's own statements: seqs never reused, the chain going on from a compaction's seal.
    maxUpdateId: db.prepare(WORKSPACE_SQL.maxUpdateId),
    lastUpdateHash: db.prepare(WORKSPACE_SQL.lastUpdateHash),
    insertUpdate: db.prepare(WORKSPACE_SQL.insertUpdate),
    loadUpdates: db.prepare(
      `SELECT panel_id AS panelId, id AS seq, data, account_id AS accountId, at, hash FROM workspace_updates
       WHERE panel_id = ? AND id > ? AND id <= ? ORDER BY id`,
    ),
    insertCheckpoint: db.prepare(
      `INSERT OR REPLACE INTO checkpoints (panel_id, doc, seq, state, at) VALUES (?, ?, ?, ?, ?)`,
    ),
    listCheckpoints: db.prepare(
      'SELECT panel_id AS panelId, doc, seq, state, at FROM checkpoints WHERE panel_id = ? AND doc = ? ORDER BY seq',
    ),
    eventHeads: db.prepare(
      `SELECT panel_id AS panelId, seq, hash FROM events
       WHERE (panel_id, seq) IN (SELECT panel_id, max(seq) FROM events GROUP BY panel_id)`,
    ),
    accessHeads: db.prepare(
      `SELECT panel_id AS panelId, seq, hash FROM access_events
       WHERE (panel_id, seq) IN (SELECT panel_id, max(seq) FROM access_events GROUP BY panel_id)`,
    ),
    workspaceHeads: db.prepare(
      `SELECT panel_id AS panelId, id AS seq, hash FROM workspace_updates
       WHERE id IN (SELECT max(id) FROM workspace_updates GROUP BY panel_id)
       UNION ALL
       SELECT c.panel_id, c.upto, c.sealed_head FROM workspace_compactions c
       WHERE NOT EXISTS (SELECT 1 FROM workspace_updates u WHERE u.panel_id = c.panel_id)`,
    ),
    loadCompaction: db.prepare(
      `SELECT panel_id AS panelId, upto, head_before AS headBefore, manifest, sealed_head AS sealedHead, at
       FROM workspace_compactions WHERE panel_id = ?`,
    ),
    insertCompaction: db.prepare(
      `INSERT INTO workspace_compactions (panel_id, upto, head_before, manifest, sealed_head, at)
       VALUES (@panelId, @upto, @headBefore, @manifest, @sealedHead, @at)`,
    ),
    dropWorkspaceCheckpoints: db.prepare(
      `DELETE FROM checkpoints WHERE panel_id = ? AND doc = 'workspace' AND seq <= ?`,
    ),
    dropCompactedUpdates: db.prepare('DELETE FROM workspace_updates WHERE panel_id = ? AND id <= ?'),
    loadCheckpoint: db.prepare(
      `SELECT panel_id AS panelId, doc, seq, state, at FROM checkpoints
       WHERE panel_id = ? AND doc = ? AND seq <= ? ORDER BY seq DESC LIMIT 1`,
    ),
    findBySubject: db.prepare(
      'SELECT id, name, organiser, created_at AS createdAt FROM accounts WHERE oidc_issuer = ? AND oidc_subject = ?',
    ),
    bindSubject: db.prepare(
      `UPDATE accounts SET oidc_issuer = ?, oidc_subject = ? WHERE id = ? AND oidc_subject IS NULL
       AND NOT EXISTS (SELECT 1 FROM accounts WHERE oidc_issuer = ? AND oidc_subject = ?)`,
    ),
    dropExpiredFlows: db.prepare('DELETE FROM oidc_flows WHERE expires_at <= ?'),
    insertFlow: db.prepare(
      `INSERT INTO oidc_flows (state_hash, browser_hash, code_verifier, nonce, invite_token_hash, link_account_id, expires_at)
       VALUES (@stateHash, @browserHash, @codeVerifier, @nonce, @inviteTokenHash, @linkAccountId, @expiresAt)`,
    ),
    takeFlow: db.prepare(
      `DELETE FROM oidc_flows WHERE state_hash = ? AND expires_at > ?
       RETURNING state_hash AS stateHash, browser_hash AS browserHash, code_verifier AS codeVerifier, nonce,
                 invite_token_hash AS inviteTokenHash, link_account_id AS linkAccountId, expires_at AS expiresAt`,
    ),
    insertInviteEmail: db.prepare('INSERT OR REPLACE INTO invite_emails (token_hash, email) VALUES (?, ?)'),
    findInviteEmail: db.prepare('SELECT email FROM invite_emails WHERE token_hash = ?'),
    pruneInviteEmails: db.prepare(
      `DELETE FROM invite_emails WHERE token_hash NOT IN
         (SELECT token_hash FROM link_tokens WHERE used_at IS NULL AND expires_at > ?)`,
    ),
    putSealed: db.prepare(
      `INSERT INTO sealed_votes (panel_id, proposal_id, account_id, commitment, stance, justification, salt, at)
       VALUES (@panelId, @proposalId, @accountId, @commitment, @stance, @justification, @salt, @at)
       ON CONFLICT (panel_id, proposal_id, account_id) DO UPDATE SET commitment = excluded.commitment,
         stance = excluded.stance, justification = excluded.justification, salt = excluded.salt, at = excluded.at`,
    ),
    dropSealed: db.prepare('DELETE FROM sealed_votes WHERE panel_id = ? AND proposal_id = ?'),
    loadSealed: db.prepare(
      `SELECT panel_id AS panelId, proposal_id AS proposalId, account_id AS accountId, commitment, stance,
              justification, salt, at FROM sealed_votes
       WHERE panel_id = @panelId AND (@proposalId IS NULL OR proposal_id = @proposalId)
         AND (@accountId IS NULL OR account_id = @accountId) ORDER BY proposal_id, account_id`,
    ),
    probe: db.prepare(
      'INSERT INTO store_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
    ),
  }

  // Read inside the write transaction (one indexed row), so another connection's writes are linked to.
  const workspaceHeadOf = (panelId: string): string =>
    (q.lastUpdateHash.get({ p: panelId }) as { hash: string | null } | undefined)?.hash ??
    workspaceGenesis(panelId)
  /** Inserts updates with ids and chain hashes assigned here (inside a write transaction). */
  const insertUpdates = (batch: Omit<WorkspaceUpdate, 'seq' | 'hash'>[]) => {
    let id = (q.maxUpdateId.get() as { id: number }).id
    const heads = new Map<string, string>()
    const out = batch.map((u) => {
      const seq = ++id
      const prev = heads.get(u.panelId) ?? workspaceHeadOf(u.panelId)
      const hash = workspaceLink(prev, { seq, accountId: u.accountId, at: u.at, update: u.update })
      heads.set(u.panelId, hash)
      q.insertUpdate.run(seq, u.panelId, u.update, u.accountId, u.at, hash)
      return { seq, hash }
    })
    return { out }
  }

  const writeMemberships = (panelId: string, rows: Membership[]) => {
    q.deleteMembers.run(panelId)
    for (const m of rows) q.insertMember.run(panelId, m.accountId, m.role)
  }

  const appendEventsTx = db.transaction(
    (panelId: string, expectedHeadSeq: number, events: StoredEvent[], p: Projection) => {
      const head = (q.headSeq.get(panelId) as { seq: number }).seq
      if (head !== expectedHeadSeq) throw new ConcurrencyError(panelId, expectedHeadSeq + 1)
      if (p.panel) q.insertPanel.run(p.panel)
      for (const e of events) q.insertEvent.run(panelId, e.seq, JSON.stringify(e.event), e.hash, e.prevHash)
      if (p.memberships) writeMemberships(panelId, p.memberships)
      if (p.finalisedAt) q.markFinalised.run(p.finalisedAt, panelId)
      if (p.checkpoint) {
        const c = p.checkpoint
        q.insertCheckpoint.run(c.panelId, c.doc, c.seq, c.state, c.at)
      }
      if (p.workspaceSeed) insertUpdates([p.workspaceSeed])
      if (p.sealedVotes) {
        for (const id of p.sealedVotes.dropProposals) q.dropSealed.run(panelId, id)
        for (const row of p.sealedVotes.put) q.putSealed.run(row)
      }
    },
  )
  const appendAccessTx = db.transaction(
    (panelId: string, expectedHeadSeq: number, events: StoredEvent[], p: Pick<Projection, 'memberships'>) => {
      const head = (q.accessHead.get(panelId) as { seq: number }).seq
      if (head !== expectedHeadSeq) throw new ConcurrencyError(panelId, expectedHeadSeq + 1)
      for (const e of events) q.insertAccess.run(panelId, e.seq, JSON.stringify(e.event), e.hash, e.prevHash)
      if (p.memberships) writeMemberships(panelId, p.memberships)
    },
  )
  const parseEvents = (rows: (Omit<StoredEvent, 'event'> & { event: string })[]): StoredEvent[] =>
    rows.map((r) => ({ ...r, event: JSON.parse(r.event) as PanelEvent }))

  // Group commit off the event loop: updates that arrive together share one durable transaction on the
  // writer thread, and nobody is answered (so nothing is broadcast) until it has committed.
  const writer = startSqliteWriter(file, { mode: opts.writer })

  const run = <T>(f: () => T): Promise<T> => {
    try {
      return Promise.resolve(f())
    } catch (e) {
      return Promise.reject(
        e instanceof ConcurrencyError ? e : new Error('SQLite storage failed', { cause: e }),
      )
    }
  }

  return {
    kind: 'sqlite',
    countAccounts: () => run(() => (q.countAccounts.get() as { n: number }).n),
    createAccount: (a: Account) =>
      run(() => void q.insertAccount.run(a.id, a.name, a.organiser ? 1 : 0, a.createdAt)),
    findAccount: (id) =>
      run(() => {
        const r = q.findAccount.get(id) as (Omit<Account, 'organiser'> & { organiser: number }) | undefined
        return r ? { ...r, organiser: r.organiser === 1 } : null
      }),
    listAccounts: () =>
      run(() =>
        (q.listAccounts.all() as (Omit<Account, 'organiser'> & { organiser: number })[]).map((r) => ({
          ...r,
          organiser: r.organiser === 1,
        })),
      ),
    renameAccount: (id, name) => run(() => void q.renameAccount.run(name, id)),
    saveLinkToken: (t: LinkToken) => run(() => void q.insertToken.run(t)),
    findLinkToken: (tokenHash, now) =>
      run(() => (q.findToken.get(tokenHash, now) as LinkToken | undefined) ?? null),
    deleteLinkTokens: (f) =>
      run(
        () =>
          void q.deleteTokens.run({
            panelId: f.panelId,
            accountId: f.accountId ?? null,
            inviteId: f.inviteId ?? null,
          }),
      ),
    consumeLinkToken: (tokenHash, now) =>
      run(() => (q.useToken.get(now, tokenHash, now) as LinkToken | undefined) ?? null),
    createSession: (s: Session) =>
      run(() => {
        // Data minimisation: sessions that had ended by now go (they could never be used again).
        q.dropExpiredSessions.run(s.createdAt)
        q.insertSession.run(s.idHash, s.accountId, s.createdAt, s.expiresAt)
      }),
    findSession: (idHash, now) => run(() => (q.findSession.get(idHash, now) as Session | undefined) ?? null),
    deleteSession: (idHash) => run(() => void q.deleteSession.run(idHash)),
    findAccountBySubject: (issuer, subject) =>
      run(() => {
        const r = q.findBySubject.get(issuer, subject) as
          (Omit<Account, 'organiser'> & { organiser: number }) | undefined
        return r ? { ...r, organiser: r.organiser === 1 } : null
      }),
    bindAccountSubject: (accountId, issuer, subject) =>
      run(() => q.bindSubject.run(issuer, subject, accountId, issuer, subject).changes === 1),
    saveOidcFlow: (f: OidcFlow) => run(() => void q.insertFlow.run(f)),
    consumeOidcFlow: (stateHash, now) =>
      run(() => {
        const f = (q.takeFlow.get(stateHash, now) as OidcFlow | undefined) ?? null
        // Flows abandoned at the provider go when they expire.
        q.dropExpiredFlows.run(now)
        return f
      }),
    bindInviteEmail: (tokenHash, email) => run(() => void q.insertInviteEmail.run(tokenHash, email)),
    pruneInviteEmails: (now) => run(() => void q.pruneInviteEmails.run(now)),
    findInviteEmail: (tokenHash) =>
      run(() => (q.findInviteEmail.get(tokenHash) as { email: string } | undefined)?.email ?? null),
    saveFramework: (f: StoredFramework) => run(() => void q.insertFramework.run(f)),
    listFrameworks: () => run(() => q.listFrameworks.all() as StoredFramework[]),
    findPanel: (id) => run(() => (q.findPanel.get(id) as PanelRow | undefined) ?? null),
    listPanels: (accountId) => run(() => q.listPanels.all(accountId) as (PanelRow & { role: Role })[]),
    listAllPanelIds: () => run(() => (q.allPanelIds.all() as { id: string }[]).map((r) => r.id)),
    listMemberships: (panelId) => run(() => q.listMembers.all(panelId) as Membership[]),
    findMembership: (panelId, accountId) =>
      run(() => (q.findMember.get(panelId, accountId) as Membership | undefined) ?? null),
    appendEvents: (panelId, expectedHeadSeq, events, projection = {}) =>
      // IMMEDIATE: the write lock before the head is read, so another connection to the file (a CLI, a second
      // process) cannot commit between the read and the write and fail this one with SQLITE_BUSY_SNAPSHOT.
      run(() => void appendEventsTx.immediate(panelId, expectedHeadSeq, events, projection)),
    loadEvents: (panelId, afterSeq = 0) =>
      run(() =>
        parseEvents(
          q.loadEvents.all(panelId, afterSeq) as (Omit<StoredEvent, 'event'> & { event: string })[],
        ),
      ),
    loadSealedVotes: (panelId, f = {}) =>
      run(
        () =>
          q.loadSealed.all({
            panelId,
            proposalId: f.proposalId ?? null,
            accountId: f.accountId ?? null,
          }) as SealedVoteRow[],
      ),
    appendAccessEvents: (panelId, expectedHeadSeq, events, projection = {}) =>
      run(() => appendAccessTx.immediate(panelId, expectedHeadSeq, events, projection)),
    loadAccessEvents: (panelId) =>
      run(() => parseEvents(q.loadAccess.all(panelId) as (Omit<StoredEvent, 'event'> & { event: string })[])),
    appendWorkspaceUpdate: (u) => writer.appendWorkspaceUpdate(u),
    loadWorkspaceUpdates: (panelId, afterSeq = 0, untilSeq = Number.MAX_SAFE_INTEGER) =>
      run(() =>
        (
          q.loadUpdates.all(panelId, afterSeq, untilSeq) as (Omit<WorkspaceUpdate, 'update'> & {
            data: Buffer
          })[]
        ).map(({ data, ...r }) => ({
          ...r,
          update: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
        })),
      ),
    saveCheckpoint: (c: Checkpoint) => writer.saveCheckpoint(c),
    loadCheckpoint: (panelId, doc, atOrBeforeSeq = Number.MAX_SAFE_INTEGER) =>
      run(() => {
        const r = q.loadCheckpoint.get(panelId, doc, atOrBeforeSeq) as
          (Omit<Checkpoint, 'state'> & { state: Buffer }) | undefined
        return r
          ? { ...r, state: new Uint8Array(r.state.buffer, r.state.byteOffset, r.state.byteLength) }
          : null
      }),
    probeWrite: (at) =>
      run(() => {
        // Asked often and answered synchronously: wait a moment for a lock another process holds, not the
        // five seconds a real write may wait (which would stall every panel of this process).
        db.pragma('busy_timeout = 100')
        try {
          q.probe.run(at)
        } finally {
          db.pragma('busy_timeout = 5000')
        }
      }),
    listCheckpoints: (panelId, doc) =>
      run(() =>
        (q.listCheckpoints.all(panelId, doc) as (Omit<Checkpoint, 'state'> & { state: Buffer })[]).map(
          (r) => ({
            ...r,
            state: new Uint8Array(r.state.buffer, r.state.byteOffset, r.state.byteLength),
          }),
        ),
      ),
    loadCompaction: (panelId) =>
      run(() => (q.loadCompaction.get(panelId) as WorkspaceCompaction | undefined) ?? null),
    compactWorkspace: (c, checkpoints) =>
      run(() =>
        db.transaction(() => {
          q.insertCompaction.run(c)
          q.dropWorkspaceCheckpoints.run(c.panelId, c.upto)
          for (const cp of checkpoints) q.insertCheckpoint.run(cp.panelId, cp.doc, cp.seq, cp.state, cp.at)
          q.dropCompactedUpdates.run(c.panelId, c.upto)
        })(),
      ),
    listHeads: () =>
      run(() => {
        type Row = { panelId: string; seq: number; hash: string }
        return [
          ...(q.eventHeads.all() as Row[]).map((r) => ({ ...r, chain: 'events' as const })),
          ...(q.accessHeads.all() as Row[]).map((r) => ({ ...r, chain: 'access' as const })),
          ...(q.workspaceHeads.all() as Row[]).map((r) => ({ ...r, chain: 'workspace' as const })),
        ]
      }),
    close: async () => {
      await writer.close()
      db.close()
    },
  }
}

/** Forwards only: each migration and its version bump commit together; a newer store is refused untouched. */
function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > MIGRATIONS.length)
    throw new Error(
      `the store is at schema version ${version}; this server knows only up to ${MIGRATIONS.length} (upgrade the server)`,
    )
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!)
      if (v + 1 === 5) chainExistingUpdates(db)
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}

/** Migration 5: links the workspace updates stored before the workspace chain existed, in seq order. */
function chainExistingUpdates(db: Database.Database): void {
  const rows = db
    .prepare(
      'SELECT id, panel_id AS panelId, data, account_id AS accountId, at FROM workspace_updates ORDER BY id',
    )
    .iterate() as IterableIterator<{
    id: number
    panelId: string
    data: Buffer
    accountId: string
    at: string
  }>
  const set = db.prepare('UPDATE workspace_updates SET hash = ? WHERE id = ?')
  const heads = new Map<string, string>()
  const pendingRows: [string, number][] = []
  for (const r of rows) {
    const prev = heads.get(r.panelId) ?? workspaceGenesis(r.panelId)
    const hash = workspaceLink(prev, { seq: r.id, accountId: r.accountId, at: r.at, update: r.data })
    heads.set(r.panelId, hash)
    pendingRows.push([hash, r.id])
  }
  for (const [hash, id] of pendingRows) set.run(hash, id)
}
