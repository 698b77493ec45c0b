// Online backup and restore of the SQLite store. A backup is one SQLite file: the store as of one read
// transaction (VACUUM INTO: a consistent snapshot taken beside a running server, which keeps writing),
// plus a `rp_backup` table holding a manifest (what it holds, each chain head) and the files kept beside
// the database that a restore needs. A restore unpacks it into an empty data dir, then verifies every chain.
import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Storage } from '../storage/port.ts'
import { openSqliteStorage } from '../storage/sqlite.ts'
import { verifyStoredPanel, type Verification } from '../panels/verify.ts'

export const BACKUP_FORMAT = 'ratings-panel/backup@1'
export const STORE_FILE = 'panels.sqlite'

export interface BackupManifest {
  format: typeof BACKUP_FORMAT
  createdAt: string
  /** SQLite user_version of the store when it was backed up (a restore migrates it forwards). */
  schemaVersion: number
  /** Each panel's chain head in the snapshot. */
  heads: Record<string, { seq: number; hash: string }>
  /** Files from the data dir carried in the backup, by name relative to it. */
  files: string[]
}

/** Files beside the database that a backup carries (never a private key: see docs/OPERATIONS.md). */
export interface SideFile {
  name: string
  /** Read before the snapshot, so it describes no more than the snapshot holds. */
  read(): Buffer | null
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

/** Writes a backup of the store in dataDir to outFile (which must not exist); the server may be running. */
export function backupSqliteStore(
  dataDir: string,
  outFile: string,
  opts: { now: Date; sideFiles?: SideFile[] },
): BackupResult {
  const source = path.join(dataDir, STORE_FILE)
  if (!fs.existsSync(source)) throw new Error(`no store at ${dataDir} (${STORE_FILE} not found)`)
  if (fs.existsSync(outFile)) throw new Error(`${outFile} exists already; a backup never overwrites a file`)
  // Side files first: whatever they describe (signed chain heads) is then no newer than the snapshot.
  const side = (opts.sideFiles ?? []).flatMap((f) => {
    const data = f.read()
    return data ? [{ name: f.name, data }] : []
  })
  const partial = `${outFile}.partial`
  fs.rmSync(partial, { force: true })
  const db = new Database(source, { readonly: true, fileMustExist: true })
  try {
    db.pragma('busy_timeout = 5000')
    db.prepare('VACUUM INTO ?').run(partial)
  } finally {
    db.close()
  }
  const out = new Database(partial)
  let manifest: BackupManifest
  try {
    const heads: BackupManifest['heads'] = {}
    const rows = out
      .prepare(
        `SELECT e.panel_id AS panelId, e.seq, e.hash FROM events e
         JOIN (SELECT panel_id, max(seq) AS seq FROM events GROUP BY panel_id) h
           ON h.panel_id = e.panel_id AND h.seq = e.seq ORDER BY e.panel_id`,
      )
      .all() as { panelId: string; seq: number; hash: string }[]
    for (const r of rows) heads[r.panelId] = { seq: r.seq, hash: r.hash }
    manifest = {
      format: BACKUP_FORMAT,
      createdAt: opts.now.toISOString(),
      schemaVersion: out.pragma('user_version', { simple: true }) as number,
      heads,
      files: side.map((f) => f.name),
    }
    out.exec('CREATE TABLE rp_backup (name TEXT PRIMARY KEY, data BLOB NOT NULL)')
    const put = out.prepare('INSERT INTO rp_backup (name, data) VALUES (?, ?)')
    out.transaction(() => {
      put.run('manifest.json', Buffer.from(JSON.stringify(manifest)))
      for (const f of side) put.run(`file:${f.name}`, f.data)
    })()
  } finally {
    out.close()
  }
  fsyncFile(partial)
  fs.renameSync(partial, outFile)
  return { manifest, bytes: fs.statSync(outFile).size }
}

export interface RestoreResult {
  manifest: BackupManifest
  verifications: { panelId: string; verification: Verification }[]
  /** Panels whose restored head is not the one the manifest names. */
  headMismatches: string[]
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
      const dest = path.resolve(dataDir, name)
      if (!dest.startsWith(path.resolve(dataDir) + path.sep))
        throw new Error(`${backupFile}: bad file name ${name}`)
      fs.mkdirSync(path.dirname(dest), { recursive: true })
      fs.writeFileSync(dest, f.data)
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
  // Opening migrates a backup of an older schema forwards, as a server start would.
  const storage = openSqliteStorage(dataDir)
  try {
    const verifications = await verifyAll(storage)
    const headMismatches: string[] = []
    for (const [panelId, head] of Object.entries(manifest.heads)) {
      const v = verifications.find((x) => x.panelId === panelId)?.verification
      if (!v || v.events !== head.seq || v.head !== head.hash) headMismatches.push(panelId)
    }
    return { manifest, verifications, headMismatches }
  } finally {
    await storage.close()
  }
}

export async function verifyAll(
  storage: Storage,
): Promise<{ panelId: string; verification: Verification }[]> {
  const out: { panelId: string; verification: Verification }[] = []
  for (const panelId of await storage.listAllPanelIds())
    out.push({ panelId, verification: await verifyStoredPanel(storage, panelId) })
  return out
}
