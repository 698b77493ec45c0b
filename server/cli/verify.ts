// `npm run verify -- [--data DIR] [--panel ID] [--record FILE] [--heads FILE,...] [--public-key FILE]`:
// re-derives every panel's hash chains, projections, checkpoints and frozen-record hash from the store,
// and compares the newest heads with the signed head log(s) kept outside the database.
// Exit 0 when intact; 1 naming the first broken part; 2 on bad usage.
import fs from 'node:fs'
import path from 'node:path'
import { canonicalize } from '../../shared/canonical.ts'
import { sha256 } from '../panels/chain.ts'
import { frozenRecordOf } from '../panels/audit.ts'
import { ACCOUNT_LOG_ID, readQaLog } from '../accounts/qa-log.ts'
import { loadPublicKey, newestHeads, readHeadLog, verifyHeadSignature } from '../panels/head-log.ts'
import { verifyStoredPanel, type HeadEvidence } from '../panels/verify.ts'
import type { Storage } from '../storage/port.ts'
import { openSqliteStorage } from '../storage/sqlite.ts'

function usage(message: string): never {
  process.stderr.write(
    `verify: ${message}\nusage: npm run verify -- [--data DIR] [--panel ID] [--record FILE] [--heads FILE,...] [--public-key FILE]\n`,
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
  if (a.startsWith('--') && !['--data', '--panel', '--record', '--heads', '--public-key'].includes(a))
    usage(`unknown option ${a}`)

const dataDir = path.resolve(opt('--data') ?? process.env.DATA_DIR ?? './data')
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl && !fs.existsSync(path.join(dataDir, 'panels.sqlite')))
  usage(`no store at ${dataDir} (panels.sqlite not found)`)

// The signed heads: one log per server process (scale-out), the newest head of each chain over all of them.
const headFiles = (opt('--heads') ?? process.env.HEAD_LOG_FILE ?? path.join(dataDir, 'heads.log'))
  .split(',')
  .map((f) => path.resolve(f.trim()))
const pubFile = path.resolve(
  opt('--public-key') ?? path.join(path.dirname(headFiles[0]!), 'head-signing.pub'),
)
let evidence: HeadEvidence | null = null
if (headFiles.some((f) => fs.existsSync(f)) && fs.existsSync(pubFile)) {
  const newest = newestHeads(headFiles.flatMap((f) => readHeadLog(f)))
  evidence = {
    keys: loadPublicKey(pubFile),
    newest: (panelId, chain) => newest.get(`${panelId}/${chain}`) ?? null,
  }
} else
  process.stdout.write(
    `WARNING no signed head log (${headFiles.join(', ')}) or public key (${pubFile}): a deleted or rewritten tail cannot be detected\n`,
  )

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
    const v = await verifyStoredPanel(storage, id, evidence)
    if (!v.ok) {
      failed++
      const part = v.checks.find((c) => !c.ok)?.check ?? 'events'
      process.stdout.write(
        `BROKEN  ${id}: [${part}] ${v.broken?.reason} (first broken link: event ${v.broken?.seq})\n`,
      )
      continue
    }
    const record = v.recordHash ? ` record sha256 ${v.recordHash}` : ' (not finalised)'
    const extra = `; ${v.workspace?.updates ?? 0} workspace updates${v.access ? `, ${v.access.events} access changes` : ''}${evidence ? ', heads as signed' : ''}`
    process.stdout.write(`ok      ${id}: ${v.events} events, chain head ${v.head}${record}${extra}\n`)
    const c = v.corrections
    if (c?.correctionOf)
      process.stdout.write(
        `        corrects ${c.correctionOf.panelId} (record sha256 ${c.correctionOf.recordHash})\n`,
      )
    if (c?.correctedBy.length) process.stdout.write(`        corrected by ${c.correctedBy.join(', ')}\n`)
    if (c && c.chain.length > 1)
      process.stdout.write(`        chain of corrections: ${c.chain.join(' → ')}\n`)
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
  // The account-level access log (who holds quality assurance): its chain, and its head as signed.
  if (!only) {
    const qa = await readQaLog(storage)
    const signed = evidence?.newest(ACCOUNT_LOG_ID, 'access') ?? null
    const n = qa.events.length
    const problem = !qa.verdict.ok
      ? qa.verdict.broken!.reason
      : evidence && (signed?.seq ?? 0) !== n
        ? `the server signed ${signed?.seq ?? 0} account access changes but the store holds ${n}`
        : evidence &&
            signed &&
            (signed.hash !== qa.verdict.head || !verifyHeadSignature(evidence.keys, signed))
          ? 'the account access log is not the one the server signed'
          : null
    if (problem) {
      failed++
      process.stdout.write(`BROKEN  account access log: ${problem}\n`)
    } else if (n)
      process.stdout.write(`ok      account access log: ${n} changes, chain head ${qa.verdict.head}\n`)
  }
  process.stdout.write(
    failed ? `${failed} panel(s) failed verification\n` : `${ids.length} panel(s) verified\n`,
  )
} finally {
  await storage.close()
}
process.exit(failed ? 1 : 0)
