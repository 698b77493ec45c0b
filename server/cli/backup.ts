// `npm run backup -- --out FILE [--data DIR] [--heads FILE]`: a consistent online backup of the SQLite
// store while the server runs, with the signed head log (default DATA_DIR/heads.log, or HEAD_LOG_FILE) and
// its public key; never the private key. With DATABASE_URL: `--out DIR [--heads A,B] [--schema S]`, a
// pg_dump of one snapshot and every process's head log cut to it. Exit 0 with a summary; 1 when it
// failed; 2 on bad usage.
import path from 'node:path'
import { backupSqliteStore } from '../ops/backup.ts'
import { backupPostgres } from '../ops/pg-backup.ts'
import { cliArgs } from './args.ts'

const args = cliArgs(
  'backup',
  'npm run backup -- --out FILE|DIR [--data DIR] [--heads FILE[,FILE]] [--schema S]',
  ['--out', '--data', '--heads', '--schema'],
)
const out = args.opt('--out') ?? args.usage('--out is required')
const dataDir = path.resolve(args.opt('--data') ?? process.env.DATA_DIR ?? './data')
const heads = args.opt('--heads') ?? process.env.HEAD_LOG_FILE
const databaseUrl = process.env.DATABASE_URL
try {
  if (databaseUrl) {
    const schema = args.opt('--schema')
    const r = await backupPostgres({
      databaseUrl,
      outDir: path.resolve(out),
      headLogs: (heads ?? path.join(dataDir, 'heads.log')).split(',').map((f) => path.resolve(f.trim())),
      now: new Date(),
      ...(schema ? { schema } : {}),
    })
    process.stdout.write(
      `backed up PostgreSQL to ${r.dir} (${r.heads} chain heads, signed heads cut to the dump)\n`,
    )
  } else {
    const r = await backupSqliteStore(dataDir, path.resolve(out), {
      now: new Date(),
      ...(heads ? { headLogFile: path.resolve(heads) } : {}),
    })
    const panels = Object.keys(r.manifest.heads).length
    process.stdout.write(
      `backed up ${panels} panel(s) from ${dataDir} to ${out} (${r.bytes} bytes, schema ${r.manifest.schemaVersion}${
        r.manifest.files.length ? `, with ${r.manifest.files.join(', ')}` : ''
      })\n`,
    )
  }
} catch (e) {
  const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : ''
  process.stderr.write(`backup: ${e instanceof Error ? e.message : String(e)}${cause}\n`)
  process.exit(1)
}
