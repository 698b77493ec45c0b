// PostgreSQL migrations, applied in order inside one transaction under an advisory lock; the
// `schema_migrations` table records which versions have run. Never edit a released migration: add one.
export interface Migration {
  version: number
  name: string
  sql: string
}

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
  CREATE TABLE accounts (
    id text PRIMARY KEY, name text NOT NULL, organiser boolean NOT NULL, created_at timestamptz NOT NULL);
  CREATE TABLE link_tokens (
    token_hash text PRIMARY KEY, kind text NOT NULL CHECK (kind IN ('first-organiser', 'invite', 'sign-in')),
    panel_id text, role text, account_id text, name text, expires_at timestamptz NOT NULL, used_at timestamptz);
  CREATE TABLE sessions (
    id_hash text PRIMARY KEY, account_id text NOT NULL REFERENCES accounts(id), created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL);
  CREATE INDEX sessions_expiry ON sessions (expires_at);
  CREATE TABLE panels (
    id text PRIMARY KEY, title text NOT NULL, framework_id text NOT NULL, created_at timestamptz NOT NULL,
    created_by text NOT NULL, finalised_at timestamptz);
  CREATE TABLE memberships (
    panel_id text NOT NULL REFERENCES panels(id), account_id text NOT NULL REFERENCES accounts(id),
    role text NOT NULL CHECK (role IN ('lead', 'inspector', 'reviewer')), PRIMARY KEY (panel_id, account_id));
  CREATE INDEX memberships_account ON memberships (account_id);

  -- The domain event log. (panel_id, seq) is the primary key, so two writers that both try to append
  -- event n to a panel cannot both succeed; the event is kept as json (not jsonb) so its text is
  -- returned exactly as written.
  CREATE TABLE events (
    panel_id text NOT NULL, seq integer NOT NULL CHECK (seq > 0), event json NOT NULL,
    hash text NOT NULL, prev_hash text NOT NULL, PRIMARY KEY (panel_id, seq));

  -- Every workspace update, for replay; id is the update's seq (one sequence across panels).
  CREATE TABLE workspace_updates (
    id bigserial PRIMARY KEY, panel_id text NOT NULL, data bytea NOT NULL, account_id text NOT NULL,
    at timestamptz NOT NULL);
  CREATE INDEX workspace_updates_panel ON workspace_updates (panel_id, id);

  CREATE TABLE checkpoints (
    panel_id text NOT NULL, doc text NOT NULL CHECK (doc IN ('record', 'workspace')), seq bigint NOT NULL,
    state bytea NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (panel_id, doc, seq));

  -- The log and the replay history are append-only: the database itself refuses edits, deletions
  -- and truncation, whoever asks.
  CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
  END
  $$;
  CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
  CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
  CREATE TRIGGER workspace_updates_append_only BEFORE UPDATE OR DELETE ON workspace_updates
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
  CREATE TRIGGER workspace_updates_no_truncate BEFORE TRUNCATE ON workspace_updates
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
  `,
  },
  {
    version: 2,
    name: 'store probe',
    sql: `CREATE TABLE store_probe (id integer PRIMARY KEY CHECK (id = 1), at timestamptz NOT NULL);`,
  },
  {
    version: 3,
    name: 'openid connect',
    sql: `
  ALTER TABLE accounts ADD COLUMN oidc_issuer text, ADD COLUMN oidc_subject text;
  CREATE UNIQUE INDEX accounts_oidc_subject ON accounts (oidc_issuer, oidc_subject) WHERE oidc_subject IS NOT NULL;
  CREATE TABLE oidc_flows (
    state_hash text PRIMARY KEY, browser_hash text NOT NULL, code_verifier text NOT NULL, nonce text NOT NULL,
    invite_token_hash text, link_account_id text, expires_at timestamptz NOT NULL);
  CREATE INDEX oidc_flows_expiry ON oidc_flows (expires_at);
  CREATE TABLE invite_emails (token_hash text PRIMARY KEY, email text NOT NULL);
  `,
  },
  {
    version: 4,
    name: 'frameworks',
    sql: `
  CREATE TABLE frameworks (
    id text NOT NULL, hash text NOT NULL, title text NOT NULL, json text NOT NULL, uploaded_by text NOT NULL,
    uploaded_at timestamptz NOT NULL, PRIMARY KEY (id, hash));
  `,
  },
  {
    version: 5,
    name: 'membership as domain data, access log, workspace chain',
    // Hashes of updates stored before the workspace chain existed are filled in by postgres.ts after this.
    sql: `
  ALTER TABLE link_tokens ADD COLUMN invite_id text;
  ALTER TABLE workspace_updates ADD COLUMN hash text;
  CREATE TABLE access_events (
    panel_id text NOT NULL, seq integer NOT NULL CHECK (seq > 0), event json NOT NULL,
    hash text NOT NULL, prev_hash text NOT NULL, PRIMARY KEY (panel_id, seq));
  CREATE TRIGGER access_events_append_only BEFORE UPDATE OR DELETE ON access_events
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
  CREATE TRIGGER access_events_no_truncate BEFORE TRUNCATE ON access_events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
  `,
  },
  {
    version: 6,
    name: 'sealed votes',
    sql: `
  CREATE TABLE sealed_votes (
    panel_id text NOT NULL, proposal_id text NOT NULL, account_id text NOT NULL, commitment text NOT NULL,
    stance text NOT NULL, justification text NOT NULL, salt text NOT NULL, at timestamptz NOT NULL,
    PRIMARY KEY (panel_id, proposal_id, account_id));
  `,
  },
  {
    version: 7,
    name: 'retention: workspace compactions',
    sql: `
  CREATE TABLE workspace_compactions (
    panel_id text PRIMARY KEY, upto bigint NOT NULL, head_before text NOT NULL, manifest text NOT NULL,
    sealed_head text NOT NULL, at timestamptz NOT NULL);
  CREATE TRIGGER workspace_compactions_append_only BEFORE UPDATE OR DELETE ON workspace_compactions
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
  -- Updates stay append-only, except the deletion of updates a compaction covers.
  CREATE FUNCTION refuse_workspace_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF TG_OP = 'DELETE' AND EXISTS (
      SELECT 1 FROM workspace_compactions c WHERE c.panel_id = OLD.panel_id AND OLD.id <= c.upto) THEN
      RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
  END
  $$;
  DROP TRIGGER workspace_updates_append_only ON workspace_updates;
  CREATE TRIGGER workspace_updates_append_only BEFORE UPDATE OR DELETE ON workspace_updates
    FOR EACH ROW EXECUTE FUNCTION refuse_workspace_change();
  `,
  },
]
