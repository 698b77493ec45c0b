// SQLite migrations, applied in order at start, forwards only; `PRAGMA user_version` records how many have run.
// Never edit a released migration: append one (test/integration/upgrade.test.ts upgrades a version-1 store).
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE accounts (id TEXT PRIMARY KEY, name TEXT NOT NULL, organiser INTEGER NOT NULL, created_at TEXT NOT NULL);
  CREATE TABLE link_tokens (
    token_hash TEXT PRIMARY KEY, kind TEXT NOT NULL, panel_id TEXT, role TEXT, account_id TEXT, name TEXT,
    expires_at TEXT NOT NULL, used_at TEXT);
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts(id), created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL);
  CREATE TABLE panels (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, framework_id TEXT NOT NULL, created_at TEXT NOT NULL,
    created_by TEXT NOT NULL, finalised_at TEXT);
  CREATE TABLE memberships (
    panel_id TEXT NOT NULL REFERENCES panels(id), account_id TEXT NOT NULL REFERENCES accounts(id),
    role TEXT NOT NULL, PRIMARY KEY (panel_id, account_id));
  CREATE TABLE events (
    panel_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, hash TEXT NOT NULL, prev_hash TEXT NOT NULL,
    PRIMARY KEY (panel_id, seq));
  CREATE TABLE workspace_updates (
    id INTEGER PRIMARY KEY, panel_id TEXT NOT NULL, data BLOB NOT NULL, account_id TEXT NOT NULL, at TEXT NOT NULL);
  CREATE INDEX workspace_updates_panel ON workspace_updates (panel_id, id);
  CREATE TABLE checkpoints (
    panel_id TEXT NOT NULL, doc TEXT NOT NULL, seq INTEGER NOT NULL, state BLOB NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (panel_id, doc, seq));
  -- The log is append-only: the database itself refuses edits and deletions of events.
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  `,
  // 2: readiness writes one row here (GET /api/ready).
  `CREATE TABLE store_probe (id INTEGER PRIMARY KEY CHECK (id = 1), at TEXT NOT NULL);`,
  // 3: sign-in with OpenID Connect: accounts matched by the provider's subject, flows in progress, and
  // invitations bound to an email the provider must vouch for.
  `
  ALTER TABLE accounts ADD COLUMN oidc_issuer TEXT;
  ALTER TABLE accounts ADD COLUMN oidc_subject TEXT;
  CREATE UNIQUE INDEX accounts_oidc_subject ON accounts (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;
  CREATE TABLE oidc_flows (
    state_hash TEXT PRIMARY KEY, browser_hash TEXT NOT NULL, code_verifier TEXT NOT NULL, nonce TEXT NOT NULL,
    invite_token_hash TEXT, link_account_id TEXT, expires_at TEXT NOT NULL);
  CREATE TABLE invite_emails (token_hash TEXT PRIMARY KEY, email TEXT NOT NULL);
  `,
  // 4: frameworks made available to panels, every version by its canonical hash (docs/FRAMEWORKS.md).
  `
  CREATE TABLE frameworks (
    id TEXT NOT NULL, hash TEXT NOT NULL, title TEXT NOT NULL, json TEXT NOT NULL, uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL, PRIMARY KEY (id, hash));
  `,
  // 5: membership as domain data (invitation ids on links), the access log of finalised panels, the
  // workspace chain (hashes of existing updates are filled in by sqlite.ts after this runs), and the
  // workspace history append-only like the log.
  `
  ALTER TABLE link_tokens ADD COLUMN invite_id TEXT;
  ALTER TABLE workspace_updates ADD COLUMN hash TEXT;
  CREATE TABLE access_events (
    panel_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL, hash TEXT NOT NULL, prev_hash TEXT NOT NULL,
    PRIMARY KEY (panel_id, seq));
  CREATE INDEX memberships_account ON memberships (account_id);
  CREATE TRIGGER access_events_no_update BEFORE UPDATE ON access_events BEGIN SELECT RAISE(ABORT, 'access events are append-only'); END;
  CREATE TRIGGER access_events_no_delete BEFORE DELETE ON access_events BEGIN SELECT RAISE(ABORT, 'access events are append-only'); END;
  CREATE TRIGGER workspace_updates_no_delete BEFORE DELETE ON workspace_updates BEGIN SELECT RAISE(ABORT, 'workspace updates are append-only'); END;
  CREATE TRIGGER workspace_updates_no_update BEFORE UPDATE OF panel_id, data, account_id, at ON workspace_updates
    BEGIN SELECT RAISE(ABORT, 'workspace updates are append-only'); END;
  CREATE TRIGGER workspace_updates_hash_once BEFORE UPDATE OF hash ON workspace_updates WHEN OLD.hash IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'workspace updates are append-only'); END;
  `,
  // 6: sealed votes' content (blind panels), apart from the log until the reveal publishes it.
  `
  CREATE TABLE sealed_votes (
    panel_id TEXT NOT NULL, proposal_id TEXT NOT NULL, account_id TEXT NOT NULL, commitment TEXT NOT NULL,
    stance TEXT NOT NULL, justification TEXT NOT NULL, salt TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (panel_id, proposal_id, account_id));
  `,
  // 7: retention. A finalised panel's keystroke history may be compacted into checkpoints (one row here
  // seals it); only updates a compaction covers may then be deleted.
  `
  CREATE TABLE workspace_compactions (
    panel_id TEXT PRIMARY KEY, upto INTEGER NOT NULL, head_before TEXT NOT NULL, manifest TEXT NOT NULL,
    sealed_head TEXT NOT NULL, at TEXT NOT NULL);
  CREATE TRIGGER workspace_compactions_no_update BEFORE UPDATE ON workspace_compactions
    BEGIN SELECT RAISE(ABORT, 'compactions are append-only'); END;
  CREATE TRIGGER workspace_compactions_no_delete BEFORE DELETE ON workspace_compactions
    BEGIN SELECT RAISE(ABORT, 'compactions are append-only'); END;
  DROP TRIGGER workspace_updates_no_delete;
  CREATE TRIGGER workspace_updates_no_delete BEFORE DELETE ON workspace_updates
    WHEN NOT EXISTS (SELECT 1 FROM workspace_compactions c WHERE c.panel_id = OLD.panel_id AND OLD.id <= c.upto)
    BEGIN SELECT RAISE(ABORT, 'workspace updates are append-only'); END;
  `,
]
