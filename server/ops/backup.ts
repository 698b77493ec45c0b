// Online backup and restore of the SQLite store. A backup is one SQLite file: the store as of one read
// transaction (VACUUM INTO: a consistent snapshot taken beside a running server, which keeps writing),
// plus a `rp_backup` table holding a manifest (what it holds, each chain head), the signed head log cut
// to exactly the snapshot's heads, and the public key that verifies it. Never the private signing key:
// that is kept and restored apart (docs/OPERATIONS.md). A restore unpacks it into an empty data dir,
// then verifies every chain and every head signature.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { loadPublicKey, newestHeads, readHeadLog, type SignedHead } from '../panels/head-log.ts'
import { verifyStoredPanel, type HeadEvidence, type Verification } from '../panels/verify.ts'
import type { ChainName, Storage } from '../storage/port.ts'
import { openSqliteStorage } from '../storage/sqlite.ts'

export const BACKUP_FORMAT = 'ratings-panel/backup@1'
export const STORE_FILE = 'panels.sqlite'
export const HEAD_LOG_FILE = 'heads.log'
export const PUBLIC_KEY_FILE = 'head-signing.pub'

type Head = { panelId: string; chain: ChainName; seq: number; hash: string }
const key = (h: Pick<Head, 'panelId' | 'chain'>) => `${h.panelId}/${h.chain}`

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  createdAt: string
  /** SQLite user_version of the store when it was backed up (a restore migrates it forwards). */
  schemaVersion: number
  /** Each panel's event chain head in the snapshot. */
  heads: Record<string, { seq: number; hash: string }>
  /** Files for the data dir carried in the backup, by name. */
  files: string[]
}

export interface BackupOptions {
  now: Date
  /** The signed head log of the server writing this store (default: DATA_DIR/heads.log). */
  headLogFile?: string
  /** How many times to re-read a head log that lags the snapshot (heads are signed just after commit). */
  headLogRetries?: number
}

export interface BackupResult {
  manifest: BackupManifest
  bytes: number
}

const fsyncFile = (file: string) => {
  const fd = fs.openSync(file, 'r+')
  try {
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

/**
 * The head log as it stood at the snapshot: every signed head up to each chain's snapshot head. A head
 * signed after its commit may not be in the file yet, so it is read again (briefly) until every head the
 * snapshot holds is there; null when the store has never been signed (no head log at all).
 */
async function headLogAt(file: string, snapshot: Head[], retries: number): Promise<string | null> {
  if (!fs.existsSync(file)) return null
  const want = new Map(snapshot.map((h) => [key(h), h]))
  for (let attempt = 0; ; attempt++) {
    const kept: SignedHead[] = readHeadLog(file).filter((h) => {
      const s = want.get(key(h))
      return s !== undefined && h.seq <= s.seq
    })
    const newest = newestHeads(kept)
    const missing = snapshot.filter((s) => {
      const h = newest.get(key(s))
      return !h || h.seq !== s.seq || h.hash !== s.hash
    })
    if (!missing.length) return kept.map((h) => JSON.stringify(h) + '\n').join('')
    if (attempt >= retries)
      throw new Error(
        `the head log ${file} lacks the signed heads of ${missing.length} chain(s) the snapshot holds (first: ${key(missing[0]!)} at ${missing[0]!.seq}); is the server writing this store running with this head log?`,
      )
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** Writes a backup of the store in dataDir to outFile (which must not exist); the server may be running. */
export async function backupSqliteStore(
  dataDir: string,
  outFile: string,
  opts: BackupOptions,
): Promise<BackupResult> {
  const source = path.join(dataDir, STORE_FILE)
  if (!fs.existsSync(source)) throw new Error(`no store at ${dataDir} (${STORE_FILE} not found)`)
  if (fs.existsSync(outFile)) throw new Error(`${outFile} exists already; a backup never overwrites a file`)
  const work = `${outFile}.partial.d`
  fs.rmSync(work, { recursive: true, force: true })
  fs.mkdirSync(work)
  try {
    const snapshotFile = path.join(work, STORE_FILE)
    const db = new Database(source, { readonly: true, fileMustExist: true })
    try {
      db.pragma('busy_timeout = 5000')
      db.prepare('VACUUM INTO ?').run(snapshotFile)
    } finally {
      db.close()
    }
    // The snapshot's heads, read through the store itself (opening migrates a copy of an older store).
    const storage = openSqliteStorage(work)
    let heads: Head[]
    try {
      heads = await storage.listHeads()
    } finally {
      await storage.close()
    }
    const headLogFile = opts.headLogFile ?? path.join(dataDir, HEAD_LOG_FILE)
    const headLog = await headLogAt(headLogFile, heads, opts.headLogRetries ?? 40)
    const pubFile = path.join(path.dirname(headLogFile), PUBLIC_KEY_FILE)
    const side: { name: string; data: Buffer }[] = []
    if (headLog !== null) {
      if (!fs.existsSync(pubFile)) throw new Error(`no public key ${pubFile} beside the head log`)
      side.push({ name: HEAD_LOG_FILE, data: Buffer.from(headLog) })
      side.push({ name: PUBLIC_KEY_FILE, data: fs.readFileSync(pubFile) })
    }
    const out = new Database(snapshotFile)
    let manifest: BackupManifest
    try {
      manifest = {
        format: BACKUP_FORMAT,
        createdAt: opts.now.toISOString(),
        schemaVersion: out.pragma('user_version', { simple: true }) as number,
        heads: Object.fromEntries(
          heads
            .filter((h) => h.chain === 'events')
            .sort((a, b) => (a.panelId < b.panelId ? -1 : 1))
            .map((h) => [h.panelId, { seq: h.seq, hash: h.hash }]),
        ),
        files: side.map((f) => f.name),
      }
      out.exec('CREATE TABLE rp_backup (name TEXT PRIMARY KEY, data BLOB NOT NULL)')
      const put = out.prepare('INSERT INTO rp_backup (name, data) VALUES (?, ?)')
      out.transaction(() => {
        put.run('manifest.json', Buffer.from(JSON.stringify(manifest)))
        for (const f of side) put.run(`file:${f.name}`, f.data)
      })()
      out.pragma('journal_mode = DELETE')
    } finally {
      out.close()
    }
    fsyncFile(snapshotFile)
    fs.renameSync(snapshotFile, outFile)
    return { manifest, bytes: fs.statSync(outFile).size }
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

export interface RestoreResult {
  manifest: BackupManifest
  verifications: { panelId: string; verification: Verification }[]
  /** Panels whose restored head is not the one the manifest names. */
  headMismatches: string[]
  /** Whether head signatures were checked (the backup carried a head log and its public key). */
  signedHeads: boolean
}

/** Unpacks a backup into an empty (or absent) data dir and verifies every panel of the restored store. */
export async function restoreSqliteStore(backupFile: string, dataDir: string): Promise<RestoreResult> {
  if (!fs.existsSync(backupFile)) throw new Error(`no backup at ${backupFile}`)
  if (fs.existsSync(dataDir) && fs.readdirSync(dataDir).length)
    throw new Error(`${dataDir} is not empty; restore only into an empty data directory`)
  fs.mkdirSync(dataDir, { recursive: true })
  const target = path.join(dataDir, STORE_FILE)
  const partial = `${target}.restoring`
  fs.copyFileSync(backupFile, partial)
  const db = new Database(partial)
  let manifest: BackupManifest
  try {
    const packed = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rp_backup'`).get()
    const row = packed
      ? (db.prepare('SELECT data FROM rp_backup WHERE name = ?').get('manifest.json') as
          { data: Buffer } | undefined)
      : undefined
    if (!row) throw new Error(`${backupFile} is not a backup made by npm run backup (no manifest)`)
    manifest = JSON.parse(row.data.toString('utf8')) as BackupManifest
    if (manifest.format !== BACKUP_FORMAT)
      throw new Error(`${backupFile}: unknown backup format ${manifest.format}`)
    const files = db.prepare(`SELECT name, data FROM rp_backup WHERE name LIKE 'file:%'`).all() as {
      name: string
      data: Buffer
    }[]
    for (const f of files) {
      const name = f.name.slice('file:'.length)
      if (name !== HEAD_LOG_FILE && name !== PUBLIC_KEY_FILE)
        throw new Error(`${backupFile}: unexpected file ${name} in the backup`)
      fs.writeFileSync(path.join(dataDir, name), f.data)
    }
    db.exec('DROP TABLE rp_backup')
  } catch (e) {
    db.close()
    fs.rmSync(partial, { force: true })
    throw e
  }
  db.close()
  fsyncFile(partial)
  fs.renameSync(partial, target)
  const evidence = headEvidenceIn(dataDir)
  // Opening migrates a backup of an older schema forwards, as a server start would.
  const storage = openSqliteStorage(dataDir)
  try {
    const verifications = await verifyAll(storage, evidence)
    const headMismatches: string[] = []
    for (const [panelId, head] of Object.entries(manifest.heads)) {
      const v = verifications.find((x) => x.panelId === panelId)?.verification
      if (!v || v.events !== head.seq || v.head !== head.hash) headMismatches.push(panelId)
    }
    return { manifest, verifications, headMismatches, signedHeads: evidence !== null }
  } finally {
    await storage.close()
  }
}

/** The signed head log and public key in a data dir, as verify reads them; null when either is absent. */
export function headEvidenceIn(dataDir: string): HeadEvidence | null {
  const log = path.join(dataDir, HEAD_LOG_FILE)
  const pub = path.join(dataDir, PUBLIC_KEY_FILE)
  if (!fs.existsSync(log) || !fs.existsSync(pub)) return null
  const newest = newestHeads(readHeadLog(log))
  return { keys: loadPublicKey(pub), newest: (panelId, chain) => newest.get(`${panelId}/${chain}`) ?? null }
}

export async function verifyAll(
  storage: Storage,
  evidence: HeadEvidence | null = null,
): Promise<{ panelId: string; verification: Verification }[]> {
  const out: { panelId: string; verification: Verification }[] = []
  for (const panelId of await storage.listAllPanelIds())
    out.push({ panelId, verification: await verifyStoredPanel(storage, panelId, evidence) })
  return out
}
