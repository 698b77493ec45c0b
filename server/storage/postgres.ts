// PostgreSQL adapter of the Storage port, for several server processes sharing one database (scale-out).
// Events: one transaction per append under a per-panel advisory lock, with the (panel_id, seq) primary key
// as the last line of defence; a moved head is a ConcurrencyError. Workspace updates: group commit, one
// multi-row INSERT per batch, answered only after COMMIT (synchronous_commit stays on).
import pg from 'pg'
import type { PanelEvent, Role } from '../../shared/panel/types.ts'
import {
  ConcurrencyError,
  type Account,
  type Checkpoint,
  type LinkToken,
  type Membership,
  type OidcFlow,
  type WorkspaceCompaction,
  type PanelRow,
  type SealedVoteRow,
  type Session,
  type Storage,
  type StoredEvent,
  type StoredFramework,
  type WorkspaceUpdate,
} from './port.ts'
import { MIGRATIONS } from './postgres-schema.ts'
import { workspaceGenesis, workspaceLink } from '../panels/workspace-chain.ts'

export interface PostgresOptions {
  /** Use (and create) this schema instead of the connection's default; tests use a fresh one per run. */
  schema?: string
  /** Most connections this process holds. */
  maxConnections?: number
  /** Where to report errors of idle connections (the pool reconnects by itself). */
  onError?: (e: Error) => void
}

/** Advisory lock classes (first key of pg_advisory_xact_lock(int, int)). */
const LOCK_MIGRATE = 7300
const LOCK_EVENTS = 7301
const LOCK_WORKSPACE = 7302

const UNIQUE_VIOLATION = '23505'

interface PendingUpdate {
  u: Omit<WorkspaceUpdate, 'seq' | 'hash'>
  resolve: (r: { seq: number; hash: string }) => void
  reject: (e: unknown) => void
}

const TOKEN_COLS = `token_hash AS "tokenHash", kind, panel_id AS "panelId", invite_id AS "inviteId", role,
  account_id AS "accountId", name, expires_at AS "expiresAt", used_at AS "usedAt"`

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString())
const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
const buffer = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength)

export async function openPostgresStorage(databaseUrl: string, opts: PostgresOptions = {}): Promise<Storage> {
  const schema = opts.schema
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`not a plain schema name: ${schema}`)
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: opts.maxConnections ?? 10,
    application_name: 'ratings-panel',
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  })
  // An idle connection that fails (the server restarted, the network dropped) is reported, not fatal.
  pool.on('error', (e) =>
    (opts.onError ?? ((err: Error) => process.stderr.write(`postgres: ${err.message}\n`)))(e),
  )

  try {
    await migrate(pool, schema)
  } catch (e) {
    await pool.end()
    throw new Error('could not open the PostgreSQL store', { cause: e })
  }

  const wrap = (e: unknown): Error =>
    e instanceof ConcurrencyError ? e : new Error('PostgreSQL storage failed', { cause: e })
  const query = async <R extends pg.QueryResultRow>(
    text: string,
    values: unknown[] = [],
  ): Promise<pg.QueryResult<R>> => {
    try {
      return await pool.query<R>(text, values)
    } catch (e) {
      throw wrap(e)
    }
  }
  const tx = async <T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> => {
    const client = await pool.connect().catch((e: unknown) => Promise.reject(wrap(e)))
    // A connection whose ROLLBACK failed is broken: release(err) destroys it instead of pooling it.
    let broken: Error | undefined
    try {
      await client.query('BEGIN')
      const out = await fn(client)
      await client.query('COMMIT')
      return out
    } catch (e) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError))
      })
      throw wrap(e)
    } finally {
      client.release(broken)
    }
  }

  const panelCols = `id, title, framework_id AS "frameworkId", created_at AS "createdAt", created_by AS "createdBy",
    finalised_at AS "finalisedAt"`
  const panelRow = (r: PanelRow): PanelRow => ({
    ...r,
    createdAt: iso(r.createdAt)!,
    finalisedAt: iso(r.finalisedAt),
  })
  const tokenRow = (r: LinkToken): LinkToken => ({
    ...r,
    expiresAt: iso(r.expiresAt)!,
    usedAt: iso(r.usedAt),
  })

  // Group commit: updates that arrive while a batch is being written share the next transaction, and
  // nobody is answered (so nothing is broadcast) until their transaction has committed. One batch is in
  // flight at a time, so this process's updates get increasing seqs in the order they were offered.
  let pending: PendingUpdate[] = []
  let flushing: Promise<void> | null = null
  const writeBatch = (batch: PendingUpdate[]) =>
    tx(async (c) => {
      // Per panel, updates commit in seq order across processes: whoever reads a panel's updates up to
      // seq n has seen every update of that panel below n. Locks are taken in one sorted pass (no deadlock).
      const panels = [...new Set(batch.map((p) => p.u.panelId))]
      await c.query(
        `SELECT pg_advisory_xact_lock(${LOCK_WORKSPACE}, h)
         FROM (SELECT DISTINCT hashtext(p) AS h FROM unnest($1::text[]) AS p ORDER BY 1) AS locks`,
        [panels],
      )
      return insertChained(
        c,
        batch.map((p) => p.u),
      )
    })
  /**
   * Takes ids from the sequence (under the panels' locks, so a panel's ids increase in commit order across
   * processes), links each update to its panel's previous one, and inserts them.
   */
  const insertChained = async (c: pg.PoolClient, us: Omit<WorkspaceUpdate, 'seq' | 'hash'>[]) => {
    const ids = (
      await c.query<{ id: string }>(
        `SELECT nextval(pg_get_serial_sequence('workspace_updates', 'id')) AS id FROM generate_series(1, $1::int)`,
        [us.length],
      )
    ).rows
      .map((r) => Number(r.id))
      .sort((a, b) => a - b)
    const panels = [...new Set(us.map((u) => u.panelId))]
    const last = await c.query<{ panelId: string; hash: string }>(
      `SELECT DISTINCT ON (panel_id) panel_id AS "panelId", hash FROM workspace_updates
       WHERE panel_id = ANY($1::text[]) ORDER BY panel_id, id DESC`,
      [panels],
    )
    // After a compaction the chain goes on from its seal.
    const sealed = await c.query<{ panelId: string; hash: string }>(
      `SELECT panel_id AS "panelId", sealed_head AS hash FROM workspace_compactions WHERE panel_id = ANY($1::text[])`,
      [panels],
    )
    const heads = new Map([...sealed.rows, ...last.rows].map((r) => [r.panelId, r.hash]))
    const out = us.map((u, i) => {
      const seq = ids[i]!
      const hash = workspaceLink(heads.get(u.panelId) ?? workspaceGenesis(u.panelId), {
        seq,
        accountId: u.accountId,
        at: u.at,
        update: u.update,
      })
      heads.set(u.panelId, hash)
      return { seq, hash }
    })
    await c.query(
      `INSERT INTO workspace_updates (id, panel_id, data, account_id, at, hash)
       SELECT * FROM unnest($1::bigint[], $2::text[], $3::bytea[], $4::text[], $5::timestamptz[], $6::text[])`,
      [
        out.map((o) => o.seq),
        us.map((u) => u.panelId),
        us.map((u) => buffer(u.update)),
        us.map((u) => u.accountId),
        us.map((u) => u.at),
        out.map((o) => o.hash),
      ],
    )
    return out
  }
  const flush = async (): Promise<void> => {
    while (pending.length) {
      const batch = pending
      pending = []
      try {
        const stored = await writeBatch(batch)
        if (stored.length !== batch.length)
          throw new Error(`stored ${stored.length} of ${batch.length} updates`)
        batch.forEach((p, i) => p.resolve(stored[i]!))
      } catch (e) {
        for (const p of batch) p.reject(new Error('could not store a workspace update', { cause: e }))
      }
    }
  }
  const scheduleFlush = () => {
    flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(flush).finally(() => {
      flushing = null
      if (pending.length) scheduleFlush()
    })
  }

  /**
   * Commands on one panel are serialised across processes: takes the panel's lock (held until COMMIT)
   * and checks that the head of the log (`events`, or the access log) is still the expected one.
   */
  const lockHead = async (
    c: pg.PoolClient,
    table: 'events' | 'access_events',
    panelId: string,
    expected: number,
  ) => {
    await c.query(`SELECT pg_advisory_xact_lock(${LOCK_EVENTS}, hashtext($1))`, [panelId])
    const head = (
      await c.query<{ seq: number }>(
        `SELECT coalesce(max(seq), 0)::int AS seq FROM ${table} WHERE panel_id = $1`,
        [panelId],
      )
    ).rows[0]!.seq
    if (head !== expected) throw new ConcurrencyError(panelId, expected + 1)
  }
  const writeMemberships = async (c: pg.PoolClient, panelId: string, rows: Membership[]) => {
    await c.query('DELETE FROM memberships WHERE panel_id = $1', [panelId])
    if (rows.length)
      await c.query(
        `INSERT INTO memberships (panel_id, account_id, role)
         SELECT $1, * FROM unnest($2::text[], $3::text[])`,
        [panelId, rows.map((m) => m.accountId), rows.map((m) => m.role)],
      )
  }
  const saveCheckpointWith = async (c: pg.Pool | pg.PoolClient, cp: Checkpoint) => {
    await c.query(
      `INSERT INTO checkpoints (panel_id, doc, seq, state, at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (panel_id, doc, seq) DO UPDATE SET state = excluded.state, at = excluded.at`,
      [cp.panelId, cp.doc, cp.seq, buffer(cp.state), cp.at],
    )
  }

  return {
    kind: 'postgres',

    countAccounts: async () =>
      (await query<{ n: number }>('SELECT count(*)::int AS n FROM accounts')).rows[0]!.n,
    createAccount: async (a: Account) => {
      await query('INSERT INTO accounts (id, name, organiser, created_at) VALUES ($1, $2, $3, $4)', [
        a.id,
        a.name,
        a.organiser,
        a.createdAt,
      ])
    },
    findAccount: async (id) => {
      const r = await query<Account>(
        'SELECT id, name, organiser, created_at AS "createdAt" FROM accounts WHERE id = $1',
        [id],
      )
      const a = r.rows[0]
      return a ? { ...a, createdAt: iso(a.createdAt)! } : null
    },
    listAccounts: async () =>
      (
        await query<Account>(
          'SELECT id, name, organiser, created_at AS "createdAt" FROM accounts ORDER BY created_at, id',
        )
      ).rows.map((a) => ({ ...a, createdAt: iso(a.createdAt)! })),
    renameAccount: async (id, name) => {
      await query('UPDATE accounts SET name = $1 WHERE id = $2', [name, id])
    },
    saveLinkToken: async (t: LinkToken) => {
      await query(
        `INSERT INTO link_tokens (token_hash, kind, panel_id, invite_id, role, account_id, name, expires_at, used_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [t.tokenHash, t.kind, t.panelId, t.inviteId, t.role, t.accountId, t.name, t.expiresAt, t.usedAt],
      )
    },
    findLinkToken: async (tokenHash, now) => {
      const r = await query<LinkToken>(
        `SELECT ${TOKEN_COLS} FROM link_tokens WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2`,
        [tokenHash, now],
      )
      return r.rows[0] ? tokenRow(r.rows[0]) : null
    },
    consumeLinkToken: async (tokenHash, now) => {
      // One UPDATE: of two concurrent consumers the second re-checks used_at after the first commits.
      const r = await query<LinkToken>(
        `UPDATE link_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1
         RETURNING ${TOKEN_COLS}`,
        [now, tokenHash],
      )
      return r.rows[0] ? tokenRow(r.rows[0]) : null
    },
    deleteLinkTokens: async (f) => {
      await query(
        `DELETE FROM link_tokens WHERE used_at IS NULL AND panel_id = $1
         AND ($2::text IS NULL OR account_id = $2) AND ($3::text IS NULL OR invite_id = $3)`,
        [f.panelId, f.accountId ?? null, f.inviteId ?? null],
      )
    },
    createSession: async (s: Session) => {
      // Data minimisation: sessions that had ended by now go (they could never be used again).
      await query('DELETE FROM sessions WHERE expires_at <= $1', [s.createdAt])
      await query(
        'INSERT INTO sessions (id_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [s.idHash, s.accountId, s.createdAt, s.expiresAt],
      )
    },
    findSession: async (idHash, now) => {
      const r = await query<Session>(
        `SELECT id_hash AS "idHash", account_id AS "accountId", created_at AS "createdAt", expires_at AS "expiresAt"
         FROM sessions WHERE id_hash = $1 AND expires_at > $2`,
        [idHash, now],
      )
      const s = r.rows[0]
      return s ? { ...s, createdAt: iso(s.createdAt)!, expiresAt: iso(s.expiresAt)! } : null
    },
    deleteSession: async (idHash) => {
      await query('DELETE FROM sessions WHERE id_hash = $1', [idHash])
    },

    findAccountBySubject: async (issuer, subject) => {
      const r = await query<Account>(
        'SELECT id, name, organiser, created_at AS "createdAt" FROM accounts WHERE oidc_issuer = $1 AND oidc_subject = $2',
        [issuer, subject],
      )
      const a = r.rows[0]
      return a ? { ...a, createdAt: iso(a.createdAt)! } : null
    },
    bindAccountSubject: async (accountId, issuer, subject) => {
      try {
        const r = await pool.query(
          'UPDATE accounts SET oidc_issuer = $1, oidc_subject = $2 WHERE id = $3 AND oidc_subject IS NULL',
          [issuer, subject, accountId],
        )
        return r.rowCount === 1
      } catch (e) {
        // The unique index: the subject is bound to another account already.
        if ((e as { code?: string }).code === UNIQUE_VIOLATION) return false
        throw wrap(e)
      }
    },
    saveOidcFlow: async (f: OidcFlow) => {
      await query(
        `INSERT INTO oidc_flows (state_hash, browser_hash, code_verifier, nonce, invite_token_hash, link_account_id, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          f.stateHash,
          f.browserHash,
          f.codeVerifier,
          f.nonce,
          f.inviteTokenHash,
          f.linkAccountId,
          f.expiresAt,
        ],
      )
    },
    consumeOidcFlow: async (stateHash, now) => {
      const r = await query<OidcFlow>(
        `DELETE FROM oidc_flows WHERE state_hash = $1 AND expires_at > $2
         RETURNING state_hash AS "stateHash", browser_hash AS "browserHash", code_verifier AS "codeVerifier", nonce,
                   invite_token_hash AS "inviteTokenHash", link_account_id AS "linkAccountId", expires_at AS "expiresAt"`,
        [stateHash, now],
      )
      // Flows abandoned at the provider go when they expire.
      await query('DELETE FROM oidc_flows WHERE expires_at <= $1', [now])
      const f = r.rows[0]
      return f ? { ...f, expiresAt: iso(f.expiresAt)! } : null
    },
    bindInviteEmail: async (tokenHash, email) => {
      await query(
        `INSERT INTO invite_emails (token_hash, email) VALUES ($1, $2)
         ON CONFLICT (token_hash) DO UPDATE SET email = excluded.email`,
        [tokenHash, email],
      )
    },
    pruneInviteEmails: async (now) => {
      await query(
        `DELETE FROM invite_emails WHERE token_hash NOT IN
         (SELECT token_hash FROM link_tokens WHERE used_at IS NULL AND expires_at > $1)`,
        [now],
      )
    },
    findInviteEmail: async (tokenHash) =>
      (await query<{ email: string }>('SELECT email FROM invite_emails WHERE token_hash = $1', [tokenHash]))
        .rows[0]?.email ?? null,

    saveFramework: async (f: StoredFramework) => {
      await query(
        `INSERT INTO frameworks (id, hash, title, json, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id, hash) DO NOTHING`,
        [f.id, f.hash, f.title, f.json, f.uploadedBy, f.uploadedAt],
      )
    },
    listFrameworks: async () => {
      const r = await query<StoredFramework>(
        `SELECT id, hash, title, json, uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt" FROM frameworks
         ORDER BY uploaded_at DESC, id, hash`,
      )
      return r.rows.map((f) => ({ ...f, uploadedAt: iso(f.uploadedAt)! }))
    },
    findPanel: async (id) => {
      const r = await query<PanelRow>(`SELECT ${panelCols} FROM panels WHERE id = $1`, [id])
      return r.rows[0] ? panelRow(r.rows[0]) : null
    },
    listPanels: async (accountId) => {
      const r = await query<PanelRow & { role: Role }>(
        `SELECT p.id, p.title, p.framework_id AS "frameworkId", p.created_at AS "createdAt", p.created_by AS "createdBy",
                p.finalised_at AS "finalisedAt", m.role
         FROM panels p JOIN memberships m ON m.panel_id = p.id WHERE m.account_id = $1 ORDER BY p.created_at DESC, p.id`,
        [accountId],
      )
      return r.rows.map((row) => ({ ...panelRow(row), role: row.role }))
    },
    listAllPanelIds: async () =>
      (await query<{ id: string }>('SELECT id FROM panels ORDER BY created_at, id')).rows.map((r) => r.id),
    listMemberships: async (panelId) =>
      (
        await query<Membership>(
          'SELECT panel_id AS "panelId", account_id AS "accountId", role FROM memberships WHERE panel_id = $1 ORDER BY account_id',
          [panelId],
        )
      ).rows,
    findMembership: async (panelId, accountId) =>
      (
        await query<Membership>(
          'SELECT panel_id AS "panelId", account_id AS "accountId", role FROM memberships WHERE panel_id = $1 AND account_id = $2',
          [panelId, accountId],
        )
      ).rows[0] ?? null,
    appendEvents: (panelId, expectedHeadSeq, events, projection = {}) =>
      tx(async (c) => {
        await lockHead(c, 'events', panelId, expectedHeadSeq)
        const p = projection
        if (p.panel)
          await c.query(
            'INSERT INTO panels (id, title, framework_id, created_at, created_by, finalised_at) VALUES ($1, $2, $3, $4, $5, $6)',
            [
              p.panel.id,
              p.panel.title,
              p.panel.frameworkId,
              p.panel.createdAt,
              p.panel.createdBy,
              p.panel.finalisedAt,
            ],
          )
        try {
          if (events.length)
            await c.query(
              `INSERT INTO events (panel_id, seq, event, hash, prev_hash)
             SELECT $1, * FROM unnest($2::int[], $3::json[], $4::text[], $5::text[])`,
              [
                panelId,
                events.map((e) => e.seq),
                events.map((e) => JSON.stringify(e.event)),
                events.map((e) => e.hash),
                events.map((e) => e.prevHash),
              ],
            )
        } catch (e) {
          // Only reachable by a writer that bypasses the lock; the key still lets one append win.
          if ((e as { code?: string }).code === UNIQUE_VIOLATION)
            throw new ConcurrencyError(panelId, expectedHeadSeq + 1)
          throw e
        }
        if (p.memberships) await writeMemberships(c, panelId, p.memberships)
        if (p.finalisedAt)
          await c.query('UPDATE panels SET finalised_at = $1 WHERE id = $2', [p.finalisedAt, panelId])
        if (p.checkpoint) await saveCheckpointWith(c, p.checkpoint)
        if (p.workspaceSeed) {
          await c.query(`SELECT pg_advisory_xact_lock(${LOCK_WORKSPACE}, hashtext($1))`, [panelId])
          await insertChained(c, [p.workspaceSeed])
        }
        if (p.sealedVotes) {
          for (const id of p.sealedVotes.dropProposals)
            await c.query('DELETE FROM sealed_votes WHERE panel_id = $1 AND proposal_id = $2', [panelId, id])
          for (const r of p.sealedVotes.put)
            await c.query(
              `INSERT INTO sealed_votes (panel_id, proposal_id, account_id, commitment, stance, justification, salt, at)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
               ON CONFLICT (panel_id, proposal_id, account_id) DO UPDATE SET commitment = excluded.commitment,
                 stance = excluded.stance, justification = excluded.justification, salt = excluded.salt,
                 at = excluded.at`,
              [r.panelId, r.proposalId, r.accountId, r.commitment, r.stance, r.justification, r.salt, r.at],
            )
        }
      }),
    loadSealedVotes: async (panelId, f = {}) =>
      (
        await query<Omit<SealedVoteRow, 'at'> & { at: Date }>(
          `SELECT panel_id AS "panelId", proposal_id AS "proposalId", account_id AS "accountId", commitment, stance,
                  justification, salt, at FROM sealed_votes
           WHERE panel_id = $1 AND ($2::text IS NULL OR proposal_id = $2) AND ($3::text IS NULL OR account_id = $3)
           ORDER BY proposal_id, account_id`,
          [panelId, f.proposalId ?? null, f.accountId ?? null],
        )
      ).rows.map((r) => ({ ...r, at: iso(r.at)! })),
    appendAccessEvents: (panelId, expectedHeadSeq, events, projection = {}) =>
      tx(async (c) => {
        await lockHead(c, 'access_events', panelId, expectedHeadSeq)
        await c.query(
          `INSERT INTO access_events (panel_id, seq, event, hash, prev_hash)
           SELECT $1, * FROM unnest($2::int[], $3::json[], $4::text[], $5::text[])`,
          [
            panelId,
            events.map((e) => e.seq),
            events.map((e) => JSON.stringify(e.event)),
            events.map((e) => e.hash),
            events.map((e) => e.prevHash),
          ],
        )
        if (projection.memberships) await writeMemberships(c, panelId, projection.memberships)
      }),
    loadAccessEvents: async (panelId) => {
      const r = await query<StoredEvent>(
        `SELECT panel_id AS "panelId", seq, event, hash, prev_hash AS "prevHash" FROM access_events
         WHERE panel_id = $1 ORDER BY seq`,
        [panelId],
      )
      return r.rows.map((row) => ({ ...row, event: row.event as PanelEvent }))
    },
    loadEvents: async (panelId, afterSeq = 0) => {
      const r = await query<StoredEvent>(
        `SELECT panel_id AS "panelId", seq, event, hash, prev_hash AS "prevHash" FROM events
         WHERE panel_id = $1 AND seq > $2 ORDER BY seq`,
        [panelId, afterSeq],
      )
      return r.rows.map((row) => ({ ...row, event: row.event as PanelEvent }))
    },

    appendWorkspaceUpdate: (u) =>
      new Promise<{ seq: number; hash: string }>((resolve, reject) => {
        pending.push({ u, resolve, reject })
        scheduleFlush()
      }),
    loadWorkspaceUpdates: async (panelId, afterSeq = 0, untilSeq = Number.MAX_SAFE_INTEGER) => {
      const r = await query<{
        panelId: string
        seq: string
        data: Buffer
        accountId: string
        at: Date
        hash: string
      }>(
        `SELECT panel_id AS "panelId", id AS seq, data, account_id AS "accountId", at, hash FROM workspace_updates
         WHERE panel_id = $1 AND id > $2 AND id <= $3 ORDER BY id`,
        [panelId, afterSeq, untilSeq],
      )
      return r.rows.map((row) => ({
        panelId: row.panelId,
        seq: Number(row.seq),
        update: bytes(row.data),
        accountId: row.accountId,
        at: iso(row.at)!,
        hash: row.hash,
      }))
    },

    saveCheckpoint: async (c: Checkpoint) => {
      try {
        await saveCheckpointWith(pool, c)
      } catch (e) {
        throw wrap(e)
      }
    },
    loadCheckpoint: async (panelId, doc, atOrBeforeSeq = Number.MAX_SAFE_INTEGER) => {
      const r = await query<{
        panelId: string
        doc: 'record' | 'workspace'
        seq: string
        state: Buffer
        at: Date
      }>(
        `SELECT panel_id AS "panelId", doc, seq, state, at FROM checkpoints
         WHERE panel_id = $1 AND doc = $2 AND seq <= $3 ORDER BY seq DESC LIMIT 1`,
        [panelId, doc, atOrBeforeSeq],
      )
      const row = r.rows[0]
      return row
        ? {
            panelId: row.panelId,
            doc: row.doc,
            seq: Number(row.seq),
            state: bytes(row.state),
            at: iso(row.at)!,
          }
        : null
    },

    probeWrite: async (at) => {
      // On a read-only standby (after a failover, say) this fails, as any write would.
      await query(
        'INSERT INTO store_probe (id, at) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET at = excluded.at',
        [at],
      )
    },

    listCheckpoints: async (panelId, doc) => {
      const r = await query<{
        panelId: string
        doc: 'record' | 'workspace'
        seq: string
        state: Buffer
        at: Date
      }>(
        `SELECT panel_id AS "panelId", doc, seq, state, at FROM checkpoints WHERE panel_id = $1 AND doc = $2 ORDER BY seq`,
        [panelId, doc],
      )
      return r.rows.map((row) => ({
        panelId: row.panelId,
        doc: row.doc,
        seq: Number(row.seq),
        state: bytes(row.state),
        at: iso(row.at)!,
      }))
    },
    loadCompaction: async (panelId) => {
      const r = await query<WorkspaceCompaction & { upto: string; at: Date }>(
        `SELECT panel_id AS "panelId", upto, head_before AS "headBefore", manifest, sealed_head AS "sealedHead", at
         FROM workspace_compactions WHERE panel_id = $1`,
        [panelId],
      )
      const c = r.rows[0]
      return c ? { ...c, upto: Number(c.upto), at: iso(c.at)! } : null
    },
    compactWorkspace: (c, checkpoints) =>
      tx(async (client) => {
        await client.query(
          `INSERT INTO workspace_compactions (panel_id, upto, head_before, manifest, sealed_head, at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [c.panelId, c.upto, c.headBefore, c.manifest, c.sealedHead, c.at],
        )
        await client.query(
          `DELETE FROM checkpoints WHERE panel_id = $1 AND doc = 'workspace' AND seq <= $2`,
          [c.panelId, c.upto],
        )
        for (const cp of checkpoints)
          await client.query(
            'INSERT INTO checkpoints (panel_id, doc, seq, state, at) VALUES ($1, $2, $3, $4, $5)',
            [cp.panelId, cp.doc, cp.seq, buffer(cp.state), cp.at],
          )
        await client.query('DELETE FROM workspace_updates WHERE panel_id = $1 AND id <= $2', [
          c.panelId,
          c.upto,
        ])
      }),
    listHeads: async () => {
      type Row = { panelId: string; seq: string; hash: string }
      const [e, a, w] = await Promise.all([
        query<Row>(
          `SELECT DISTINCT ON (panel_id) panel_id AS "panelId", seq, hash FROM events ORDER BY panel_id, seq DESC`,
        ),
        query<Row>(
          `SELECT DISTINCT ON (panel_id) panel_id AS "panelId", seq, hash FROM access_events ORDER BY panel_id, seq DESC`,
        ),
        query<Row>(
          `SELECT DISTINCT ON (panel_id) panel_id AS "panelId", id AS seq, hash FROM workspace_updates ORDER BY panel_id, id DESC`,
        ),
      ])
      // A compacted panel's workspace head is its seal.
      const sealed = await query<Row>(
        `SELECT c.panel_id AS "panelId", c.upto AS seq, c.sealed_head AS hash FROM workspace_compactions c
         WHERE NOT EXISTS (SELECT 1 FROM workspace_updates u WHERE u.panel_id = c.panel_id)`,
      )
      w.rows.push(...sealed.rows)
      const rows = (r: pg.QueryResult<Row>, chain: 'events' | 'access' | 'workspace') =>
        r.rows.map((x) => ({ panelId: x.panelId, chain, seq: Number(x.seq), hash: x.hash }))
      return [...rows(e, 'events'), ...rows(a, 'access'), ...rows(w, 'workspace')]
    },
    close: async () => {
      // Let queued and in-flight workspace updates land before the connections go.
      for (let i = 0; i < 100 && (flushing || pending.length); i++) {
        if (!flushing) scheduleFlush()
        await flushing
      }
      await pool.end()
    },
  }
}

async function migrate(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const c = await pool.connect()
  try {
    await c.query('BEGIN')
    // Two processes starting at once: the second waits here, then finds the work done.
    await c.query(`SELECT pg_advisory_xact_lock(${LOCK_MIGRATE}, 0)`)
    if (schema) await c.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
    await c.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    )
    const done = new Set(
      (await c.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    )
    const known = Math.max(0, ...MIGRATIONS.map((m) => m.version))
    const newest = Math.max(0, ...done)
    if (newest > known)
      throw new Error(`the database is at schema version ${newest}; this server knows only up to ${known}`)
    for (const m of MIGRATIONS) {
      if (done.has(m.version)) continue
      await c.query(m.sql)
      if (m.version === 5) await chainExistingUpdates(c)
      await c.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
    }
    await c.query('COMMIT')
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined)
    throw e
  } finally {
    c.release()
  }
}

/** Migration 5: links the workspace updates stored before the workspace chain existed, in seq order. */
async function chainExistingUpdates(c: pg.PoolClient): Promise<void> {
  const rows = (
    await c.query<{ id: string; panelId: string; data: Buffer; accountId: string; at: Date }>(
      'SELECT id, panel_id AS "panelId", data, account_id AS "accountId", at FROM workspace_updates ORDER BY id',
    )
  ).rows
  if (!rows.length) return
  // The history is append-only; this one backfill of a new column is allowed past the trigger.
  await c.query('ALTER TABLE workspace_updates DISABLE TRIGGER workspace_updates_append_only')
  const heads = new Map<string, string>()
  for (const r of rows) {
    const seq = Number(r.id)
    const prev = heads.get(r.panelId) ?? workspaceGenesis(r.panelId)
    const hash = workspaceLink(prev, { seq, accountId: r.accountId, at: iso(r.at)!, update: bytes(r.data) })
    heads.set(r.panelId, hash)
    await c.query('UPDATE workspace_updates SET hash = $1 WHERE id = $2', [hash, seq])
  }
  await c.query('ALTER TABLE workspace_updates ENABLE TRIGGER workspace_updates_append_only')
}
