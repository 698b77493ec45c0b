// `npm run backup -- --out FILE [--data DIR] [--heads FILE]`: a consistent online backup of the SQLite
// store while the server runs, with the signed head log (default DATA_DIR/heads.log, or HEAD_LOG_FILE) and
// its public key; never the private key. Exit 0 with a summary; 1 when it failed; 2 on bad usage.
// PostgreSQL: pg_dump (docs/OPERATIONS.md).
import path from 'node:path'
import { backupSqliteStore } from '../ops/backup.ts'
import { cliArgs } from './args.ts'

const args = cliArgs('backup', 'npm run backup -- --out FILE [--data DIR] [--heads FILE]', [
  '--out',
  '--data',
  '--heads',
])
if (process.env.DATABASE_URL)
  args.usage('DATABASE_URL is set: back PostgreSQL up with pg_dump (docs/OPERATIONS.md), not this command')
const out = args.opt('--out') ?? args.usage('--out FILE is required')
const dataDir = path.resolve(args.opt('--data') ?? process.env.DATA_DIR ?? './data')
try {
  const heads = args.opt('--heads') ?? process.env.HEAD_LOG_FILE
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
} catch (e) {
  const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : ''
  process.stderr.write(`backup: ${e instanceof Error ? e.message : String(e)}${cause}\n`)
  process.exit(1)
}
