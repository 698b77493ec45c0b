// Backup and restore of the PostgreSQL store with PostgreSQL's own tools, and the signed head logs cut
// to exactly what the dump holds. The heads are read in a REPEATABLE READ transaction whose snapshot
// pg_dump then uses (`pg_export_snapshot`, `pg_dump --snapshot`), so the dump and the cut head log
// describe the same moment, while servers keep writing. Output: a directory holding panels.pgdump,
// heads.log, head-signing.pub and manifest.json; never a private key.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import { loadPublicKey, newestHeads, readHeadLog, type SignedHead } from '../panels/head-log.ts'
import type { ChainName } from '../storage/port.ts'
import { HEAD_LOG_FILE, PUBLIC_KEY_FILE } from './backup.ts'

export const PG_BACKUP_FORMAT = 'ratings-panel/pg-backup@1'
export const DUMP_FILE = 'panels.pgdump'

type Head = { panelId: string; chain: ChainName; seq: number; hash: string }
const key = (h: Pick<Head, 'panelId' | 'chain'>) => `${h.panelId}/${h.chain}`

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d: Buffer) => (err += d.toString()))
    child.on('error', (e) => reject(new Error(`${cmd} could not be run (is it installed?)`, { cause: e })))
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed: ${err.trim()}`))))
  })
}

async function headsInSnapshot(c: pg.Client): Promise<Head[]> {
  type Row = { panelId: string; seq: string; hash: string }
  const q = async (chain: ChainName, sql: string) =>
    (await c.query<Row>(sql)).rows.map((r) => ({
      panelId: r.panelId,
      chain,
      seq: Number(r.seq),
      hash: r.hash,
    }))
  return [
    ...(await q(
      'events',
      `SELECT DISTINCT ON (panel_id) panel_id AS "panelId", seq, hash FROM events ORDER BY panel_id, seq DESC`,
    )),
    ...(await q(
      'access',
      `SELECT DISTINCT ON (panel_id) panel_id AS "panelId", seq, hash FROM access_events ORDER BY panel_id, seq DESC`,
    )),
    ...(await q(
      'workspace',
      `SELECT DISTINCT ON (panel_id) panel_id AS "panelId", id AS seq, hash FROM workspace_updates ORDER BY panel_id, id DESC`,
    )),
    ...(await q(
      'workspace',
      `SELECT c.panel_id AS "panelId", c.upto AS seq, c.sealed_head AS hash FROM workspace_compactions c
       WHERE NOT EXISTS (SELECT 1 FROM workspace_updates u WHERE u.panel_id = c.panel_id)`,
    )),
  ]
}

/**
 * Every process's head log, merged and cut to the snapshot's heads. A running server signs a panel's
 * newest workspace head within half a second (server/panels/head-log.ts), so the logs are read again,
 * briefly, until they hold every head the snapshot does; then it throws naming a head no log signed.
 */
async function cutHeadLogs(files: string[], snapshot: Head[], retries: number): Promise<string> {
  const want = new Map(snapshot.map((h) => [key(h), h]))
  for (let attempt = 0; ; attempt++) {
    const kept: SignedHead[] = files
      .flatMap((f) => readHeadLog(f))
      .filter((h) => {
        const s = want.get(key(h))
        return s !== undefined && h.seq <= s.seq
      })
    const newest = newestHeads(kept)
    const missing = snapshot.filter((s) => newest.get(key(s))?.hash !== s.hash)
    if (!missing.length) return kept.map((h) => JSON.stringify(h) + '\n').join('')
    if (attempt >= retries)
      throw new Error(
        `the head logs lack the signed heads of ${missing.length} chain(s) the dump holds (first: ${key(missing[0]!)} at ${missing[0]!.seq}); pass every process's head log`,
      )
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

export async function backupPostgres(opts: {
  databaseUrl: string
  outDir: string
  headLogs: string[]
  schema?: string
  now: Date
  /** How many times to re-read head logs that lag the dump (50 ms apart). */
  headLogRetries?: number
}): Promise<{ heads: number; dir: string }> {
  if (fs.existsSync(opts.outDir)) throw new Error(`${opts.outDir} exists already; a backup never overwrites`)
  const partial = `${opts.outDir}.partial`
  fs.rmSync(partial, { recursive: true, force: true })
  fs.mkdirSync(partial, { recursive: true })
  const c = new pg.Client({ connectionString: opts.databaseUrl })
  await c.connect()
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    const snapshot = (await c.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0]!.id
    const heads = await headsInSnapshot(c)
    await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      `--snapshot=${snapshot}`,
      ...(opts.schema ? [`--schema=${opts.schema}`] : []),
      `--file=${path.join(partial, DUMP_FILE)}`,
      opts.databaseUrl,
    ])
    await c.query('COMMIT')
    // Read after the dump, and again until every head the snapshot holds is signed (or the servers are stopped).
    const existing = opts.headLogs.filter((f) => fs.existsSync(f))
    if (existing.length) {
      fs.writeFileSync(
        path.join(partial, HEAD_LOG_FILE),
        await cutHeadLogs(existing, heads, opts.headLogRetries ?? 40),
      )
      fs.copyFileSync(
        path.join(path.dirname(existing[0]!), PUBLIC_KEY_FILE),
        path.join(partial, PUBLIC_KEY_FILE),
      )
    }
    fs.writeFileSync(
      path.join(partial, 'manifest.json'),
      JSON.stringify({
        format: PG_BACKUP_FORMAT,
        createdAt: opts.now.toISOString(),
        schema: opts.schema ?? null,
        heads,
      }),
    )
    fs.renameSync(partial, opts.outDir)
    return { heads: heads.length, dir: opts.outDir }
  } catch (e) {
    await c.query('ROLLBACK').catch(() => undefined)
    fs.rmSync(partial, { recursive: true, force: true })
    throw e
  } finally {
    await c.end()
  }
}

/** pg_restore into an empty database (or schema); the head log and public key stay in the directory. */
export async function restorePostgres(opts: { databaseUrl: string; dir: string }): Promise<void> {
  const manifest = JSON.parse(fs.readFileSync(path.join(opts.dir, 'manifest.json'), 'utf8')) as {
    format: string
  }
  if (manifest.format !== PG_BACKUP_FORMAT)
    throw new Error(`${opts.dir} is not a PostgreSQL backup made by npm run backup`)
  await run('pg_restore', [
    '--no-owner',
    '--exit-on-error',
    `--dbname=${opts.databaseUrl}`,
    path.join(opts.dir, DUMP_FILE),
  ])
}

/** The head evidence a restored PostgreSQL backup's directory holds (null without a head log). */
export function pgBackupEvidence(dir: string) {
  const log = path.join(dir, HEAD_LOG_FILE)
  if (!fs.existsSync(log)) return null
  const newest = newestHeads(readHeadLog(log))
  return {
    keys: loadPublicKey(path.join(dir, PUBLIC_KEY_FILE)),
    newest: (panelId: string, chain: ChainName) => newest.get(`${panelId}/${chain}`) ?? null,
  }
}
