// `npm run admin -- <command>`: operator commands run beside the store (the server may be running).
//   accounts                                  lists every account (id, name, organiser)
//   sign-in-link --account ID|NAME [--base URL] [--hours N]
//                                             prints a one-time sign-in link for an existing account,
//                                             so nobody is locked out once their session has expired
// Options: --data DIR (default DATA_DIR or ./data); DATABASE_URL selects PostgreSQL.
// Exit 0 on success, 2 on bad usage or an unknown account.
import fs from 'node:fs'
import path from 'node:path'
import { hashToken, newToken } from '../auth/tokens.ts'
import type { Account, Storage } from '../storage/port.ts'
import { openSqliteStorage } from '../storage/sqlite.ts'

const USAGE = `usage: npm run admin -- accounts [--data DIR]
       npm run admin -- sign-in-link --account ID|NAME [--base URL] [--hours N] [--data DIR]`

function usage(message: string): never {
  process.stderr.write(`admin: ${message}\n${USAGE}\n`)
  process.exit(2)
}

const [command, ...args] = process.argv.slice(2)
const opt = (name: string): string | undefined => {
  const i = args.indexOf(name)
  if (i === -1) return undefined
  const v = args[i + 1]
  if (!v || v.startsWith('--')) usage(`${name} needs a value`)
  return v
}
const known = ['--data', '--account', '--base', '--hours']
for (const a of args) if (a.startsWith('--') && !known.includes(a)) usage(`unknown option ${a}`)
if (command !== 'accounts' && command !== 'sign-in-link')
  usage(command ? `unknown command ${command}` : 'name a command')

const dataDir = path.resolve(opt('--data') ?? process.env.DATA_DIR ?? './data')
const databaseUrl = process.env.DATABASE_URL
if (!databaseUrl && !fs.existsSync(path.join(dataDir, 'panels.sqlite')))
  usage(`no store at ${dataDir} (panels.sqlite not found)`)

let storage: Storage
if (databaseUrl) {
  const { openPostgresStorage } = await import('../storage/postgres.ts')
  storage = await openPostgresStorage(databaseUrl)
} else storage = openSqliteStorage(dataDir)

let code = 0
try {
  const accounts = await storage.listAccounts()
  if (command === 'accounts') {
    for (const a of accounts)
      process.stdout.write(`${a.id}\t${a.organiser ? 'organiser' : 'member'}\t${a.name}\n`)
  } else {
    const who = opt('--account') ?? usage('sign-in-link needs --account ID or NAME')
    const byId = accounts.find((a) => a.id === who)
    const byName = accounts.filter((a) => a.name.trim().toLowerCase() === who.trim().toLowerCase())
    let account: Account | undefined = byId
    if (!account && byName.length > 1) {
      process.stderr.write(`admin: ${byName.length} accounts are named ${who}; give one of their ids:\n`)
      for (const a of byName) process.stderr.write(`  ${a.id}\n`)
      code = 2
    } else account ??= byName[0]
    if (!account && code === 0) {
      process.stderr.write(`admin: no account ${who} (npm run admin -- accounts lists them)\n`)
      code = 2
    }
    if (account) {
      const hours = Number(opt('--hours') ?? '1')
      if (!Number.isFinite(hours) || hours <= 0 || hours > 72) usage('--hours must be between 0 and 72')
      const token = newToken()
      const expiresAt = new Date(Date.now() + hours * 3_600_000).toISOString()
      await storage.saveLinkToken({
        tokenHash: hashToken(token),
        kind: 'sign-in',
        panelId: null,
        inviteId: null,
        role: null,
        accountId: account.id,
        name: account.name,
        expiresAt,
        usedAt: null,
      })
      const base = (
        opt('--base') ??
        process.env.PUBLIC_URL ??
        `http://127.0.0.1:${process.env.PORT ?? 8787}`
      ).replace(/\/$/, '')
      process.stdout.write(
        `One-time sign-in link for ${account.name} (${account.id}), valid until ${expiresAt}:\n  ${base}/auth/link/${token}\n`,
      )
    }
  }
} finally {
  await storage.close()
}
process.exit(code)
