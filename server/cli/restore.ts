// `npm run restore -- FILE --data DIR`: unpacks a backup into an empty data dir and verifies every panel's
// chain. Exit 0 when all verify; 1 when the restore failed or a panel does not verify; 2 on bad usage.
import path from 'node:path'
import { restoreSqliteStore } from '../ops/backup.ts'
import { cliArgs } from './args.ts'

const args = cliArgs('restore', 'npm run restore -- FILE --data DIR', ['--data'])
const file = args.positional[0] ?? args.usage('name the backup FILE')
if (args.positional.length > 1) args.usage(`one backup file, not ${args.positional.length}`)
const dataDir = args.opt('--data') ?? args.usage('--data DIR is required (an empty directory)')
try {
  const r = await restoreSqliteStore(path.resolve(file), path.resolve(dataDir))
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
  process.stdout.write(
    failed
      ? `restored into ${dataDir}, but ${failed} problem(s) found\n`
      : `restored ${r.verifications.length} panel(s) into ${dataDir} (backup of ${r.manifest.createdAt}); every chain verifies${
          r.signedHeads ? ' and every head is the one the server signed' : ''
        }\n` +
          // The private key never travels in a backup: without it a server would make a new one.
          (r.signedHeads
            ? `Before starting a server on it, put the head-signing private key back: ${path.join(dataDir, 'head-signing.key')} (mode 0600), kept apart from backups.\n`
            : ''),
  )
  process.exit(failed ? 1 : 0)
} catch (e) {
  process.stderr.write(`restore: ${e instanceof Error ? e.message : String(e)}\n`)
  process.exit(1)
}
