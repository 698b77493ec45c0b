// `npm run verify -- [--data DIR] [--panel ID] [--record FILE]`: re-derives every panel's hash chain and
// frozen-record hash from the store. Exit 0 when intact; 1 naming the first broken link; 2 on bad usage.
import fs from 'node:fs'
import path from 'node:path'
import { canonicalize } from '../../shared/canonical.ts'
import { sha256 } from '../panels/chain.ts'
import { frozenRecordOf, verifyStoredPanel } from '../panels/audit.ts'
import type { Storage } from '../storage/port.ts'
import { openSqliteStorage } from '../storage/sqlite.ts'

function usage(message: string): never {
  process.stderr.write(
    `verify: ${message}\nusage: npm run verify -- [--data DIR] [--panel ID] [--record FILE]\n`,
  )
  process.exit(2)
}

const args = process.argv.slice(2)
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name)
  if (i === -1) return undefined
  const v = args[i + 1]
  if (!v || v.startsWith('--')) usage(`${name} needs a value`)
  return v
}
for (const a of args)
  if (a.startsWith('--') && !['--data', '--panel', '--record'].includes(a)) usage(`unknown option ${a}`)

const dataDir = path.resolve(opt('--data') ?? process.env.DATA_DIR ?? './data')
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl && !fs.existsSync(path.join(dataDir, 'panels.sqlite')))
  usage(`no store at ${dataDir} (panels.sqlite not found)`)

let storage: Storage
if (databaseUrl) {
  const { openPostgresStorage } = await import('../storage/postgres.ts')
  storage = await openPostgresStorage(databaseUrl)
} else storage = openSqliteStorage(dataDir)

let failed = 0
try {
  const only = opt('--panel')
  const ids = only ? [only] : await storage.listAllPanelIds()
  if (only && !(await storage.findPanel(only)))
    usage(`no panel ${only} in ${databaseUrl ? 'the database' : dataDir}`)
  for (const id of ids) {
    const v = await verifyStoredPanel(storage, id)
    if (!v.ok) {
      failed++
      process.stdout.write(`BROKEN  ${id}: ${v.broken?.reason} (first broken link: event ${v.broken?.seq})\n`)
      continue
    }
    const record = v.recordHash ? ` record sha256 ${v.recordHash}` : ' (not finalised)'
    process.stdout.write(`ok      ${id}: ${v.events} events, chain head ${v.head}${record}\n`)
    const file = opt('--record')
    if (file && only) {
      const frozen = frozenRecordOf(await storage.loadEvents(id))
      const given = sha256(canonicalize(JSON.parse(fs.readFileSync(file, 'utf8'))))
      if (!frozen || given !== frozen.hash) {
        failed++
        process.stdout.write(
          `BROKEN  ${file}: does not match the record the log derives (${given} != ${frozen?.hash ?? 'none'})\n`,
        )
      } else process.stdout.write(`ok      ${file}: matches the log\n`)
    }
  }
  process.stdout.write(
    failed ? `${failed} panel(s) failed verification\n` : `${ids.length} panel(s) verified\n`,
  )
} finally {
  await storage.close()
}
process.exit(failed ? 1 : 0)
