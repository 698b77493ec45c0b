// `npm run restore -- FILE --data DIR`: unpacks a backup into an empty data dir and verifies every panel's
// chain and signed head. With DATABASE_URL: `npm run restore -- DIR`, pg_restore of a backup directory
// into that (empty) database, then the same verification with the directory's head log.
// Exit 0 when all verify; 1 when the restore failed or a panel does not verify; 2 on bad usage.
import path from 'node:path'
import { restoreSqliteStore, verifyAll, type RestoreResult } from '../ops/backup.ts'
import { pgBackupEvidence, restorePostgres } from '../ops/pg-backup.ts'
import { cliArgs } from './args.ts'

const args = cliArgs(
  'restore',
  'npm run restore -- FILE --data DIR  (PostgreSQL: DATABASE_URL=… npm run restore -- DIR)',
  ['--data'],
)
const file = args.positional[0] ?? args.usage('name the backup')
if (args.positional.length > 1) args.usage(`one backup, not ${args.positional.length}`)
const databaseUrl = process.env.DATABASE_URL

async function restore(): Promise<
  Pick<RestoreResult, 'verifications' | 'headMismatches' | 'signedHeads'> & { into: string }
> {
  if (databaseUrl) {
    const dir = path.resolve(file!)
    await restorePostgres({ databaseUrl, dir })
    const { openPostgresStorage } = await import('../storage/postgres.ts')
    const storage = await openPostgresStorage(databaseUrl)
    try {
      const evidence = pgBackupEvidence(dir)
      return {
        verifications: await verifyAll(storage, evidence),
        headMismatches: [],
        signedHeads: evidence !== null,
        into: 'the database',
      }
    } finally {
      await storage.close()
    }
  }
  const dataDir = args.opt('--data') ?? args.usage('--data DIR is required (an empty directory)')
  return { ...(await restoreSqliteStore(path.resolve(file!), path.resolve(dataDir))), into: dataDir }
}

try {
  const r = await restore()
  let failed = 0
  for (const { panelId, verification: v } of r.verifications) {
    if (!v.ok) failed++
    process.stdout.write(
      v.ok
        ? `ok      ${panelId}: ${v.events} events, chain head ${v.head}${v.recordHash ? ` record sha256 ${v.recordHash}` : ' (not finalised)'}\n`
        : `BROKEN  ${panelId}: ${v.broken?.reason} (first broken link: event ${v.broken?.seq})\n`,
    )
  }
  for (const id of r.headMismatches) {
    failed++
    process.stdout.write(`BROKEN  ${id}: the restored head is not the one the backup recorded\n`)
  }
  if (!r.signedHeads)
    process.stdout.write(
      'WARNING the backup carries no signed head log: a deleted or rewritten tail cannot be detected\n',
    )
  if (failed) process.stdout.write(`restored into ${r.into}, but ${failed} problem(s) found\n`)
  else {
    process.stdout.write(
      `restored ${r.verifications.length} panel(s) into ${r.into}; every chain verifies${r.signedHeads ? ' and every head is the one the server signed' : ''}\n`,
    )
    // The private key never travels in a backup: without it a server would make a new one.
    if (r.signedHeads)
      process.stdout.write(
        'Before starting a server on it, put the head-signing private key back (HEAD_KEY_FILE, default DATA_DIR/head-signing.key, mode 0600; or HEAD_KEY), kept apart from backups.\n',
      )
  }
  process.exit(failed ? 1 : 0)
} catch (e) {
  process.stderr.write(`restore: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
}
