// SQLite adapter of the Storage port: one WAL-mode file, synchronous=FULL, group commit for workspace updates.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { PanelEvent, Role } from '../../shared/panel/types.ts'
import {
  ConcurrencyError,
  type Account,
  type Checkpoint,
  type LinkToken,
  type Membership,
  type OidcFlow,
  type PanelRow,
  type Session,
  type Storage,
  type StoredEvent,
  type StoredFramework,
  type WorkspaceUpdate,
} from './port.ts'
import { MIGRATIONS } from './sqlite-schema.ts'

interface PendingUpdate {
  u: Omit<WorkspaceUpdate, 'seq'>
  resolve: (seq: number) => void
  reject: (e: unknown) => void
}

export function openSqliteStorage(dataDir: string): Storage {
  fs.mkdirSync(dataDir, { recursive: true })
  const db = new Database(path.join(dataDir, 'panels.sqlite'))
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
    insertToken: db.prepare(
      `INSERT INTO link_tokens (token_hash, kind, panel_id, role, account_id, name, expires_at, used_at)
       VALUES (@tokenHash, @kind, @panelId, @role, @accountId, @name, @expiresAt, @usedAt)`,
    ),
    useToken: db.prepare(
      `UPDATE link_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
       RETURNING token_hash AS tokenHash, kind, panel_id AS panelId, role, account_id AS accountId, name,
                 expires_at AS expiresAt, used_at AS usedAt`,
    ),
    insertSession: db.prepare(
      'INSERT INTO sessions (id_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
    ),
    findSession: db.prepare(
      `SELECT id_hash AS idHash, account_id AS accountId, created_at AS createdAt, expires_at AS expiresAt
       FROM sessions WHERE id_hash = ? AND expires_at > ?`,
    ),
    deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
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
    upsertMember: db.prepare(
      `INSERT INTO memberships (panel_id, account_id, role) VALUES (?, ?, ?)
       ON CONFLICT (panel_id, account_id) DO UPDATE SET role = excluded.role`,
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
    insertUpdate: db.prepare(
      'INSERT INTO workspace_updates (panel_id, data, account_id, at) VALUES (?, ?, ?, ?)',
    ),
    loadUpdates: db.prepare(
      `SELECT panel_id AS panelId, id AS seq, data, account_id AS accountId, at FROM workspace_updates
       WHERE panel_id = ? AND id > ? AND id <= ? ORDER BY id`,
    ),
    insertCheckpoint: db.prepare(
      `INSERT OR REPLACE INTO checkpoints (panel_id, doc, seq, state, at) VALUES (?, ?, ?, ?, ?)`,
    ),
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
    probe: db.prepare(
      'INSERT INTO store_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
    ),
  }

  const appendEventsTx = db.transaction((panelId: string, expectedHeadSeq: number, events: StoredEvent[]) => {
    const head = (q.headSeq.get(panelId) as { seq: number }).seq
    if (head !== expectedHeadSeq) throw new ConcurrencyError(panelId, expectedHeadSeq + 1)
    for (const e of events) q.insertEvent.run(panelId, e.seq, JSON.stringify(e.event), e.hash, e.prevHash)
  })

  // Group commit: updates that arrive in the same turn of the event loop share one durable transaction,
  // and nobody is answered (so nothing is broadcast) until that transaction has committed.
  let pending: PendingUpdate[] = []
  let flushScheduled = false
  const insertBatch = db.transaction((batch: PendingUpdate[]) =>
    batch.map((p) =>
      Number(q.insertUpdate.run(p.u.panelId, p.u.update, p.u.accountId, p.u.at).lastInsertRowid),
    ),
  )
  const flush = () => {
    flushScheduled = false
    const batch = pending
    pending = []
    try {
      const seqs = insertBatch(batch)
      batch.forEach((p, i) => p.resolve(seqs[i]!))
    } catch (e) {
      for (const p of batch) p.reject(new Error('could not store a workspace update', { cause: e }))
    }
  }

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
    saveLinkToken: (t: LinkToken) => run(() => void q.insertToken.run(t)),
    consumeLinkToken: (tokenHash, now) =>
      run(() => (q.useToken.get(now, tokenHash, now) as LinkToken | undefined) ?? null),
    createSession: (s: Session) =>
      run(() => void q.insertSession.run(s.idHash, s.accountId, s.createdAt, s.expiresAt)),
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
    createPanel: (p: PanelRow) => run(() => void q.insertPanel.run(p)),
    findPanel: (id) => run(() => (q.findPanel.get(id) as PanelRow | undefined) ?? null),
    listPanels: (accountId) => run(() => q.listPanels.all(accountId) as (PanelRow & { role: Role })[]),
    listAllPanelIds: () => run(() => (q.allPanelIds.all() as { id: string }[]).map((r) => r.id)),
    setMembership: (m: Membership) => run(() => void q.upsertMember.run(m.panelId, m.accountId, m.role)),
    findMembership: (panelId, accountId) =>
      run(() => (q.findMember.get(panelId, accountId) as Membership | undefined) ?? null),
    markFinalised: (panelId, at) => run(() => void q.markFinalised.run(at, panelId)),
    appendEvents: (panelId, expectedHeadSeq, events) =>
      // IMMEDIATE: the write lock before the head is read, so another connection to the file (a CLI, a second
      // process) cannot commit between the read and the write and fail this one with SQLITE_BUSY_SNAPSHOT.
      run(() => appendEventsTx.immediate(panelId, expectedHeadSeq, events)),
    loadEvents: (panelId, afterSeq = 0) =>
      run(() =>
        (q.loadEvents.all(panelId, afterSeq) as (Omit<StoredEvent, 'event'> & { event: string })[]).map(
          (r) => ({
            ...r,
            event: JSON.parse(r.event) as PanelEvent,
          }),
        ),
      ),
    appendWorkspaceUpdate: (u) =>
      new Promise<number>((resolve, reject) => {
        pending.push({ u, resolve, reject })
        if (!flushScheduled) {
          flushScheduled = true
          setImmediate(flush)
        }
      }),
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
    saveCheckpoint: (c: Checkpoint) =>
      run(() => void q.insertCheckpoint.run(c.panelId, c.doc, c.seq, c.state, c.at)),
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
    close: () =>
      run(() => {
        if (pending.length) flush()
        db.close()
      }),
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
      db.pragma(`user_version = ${v + 1}`)
    })()
  }
}
