// `npm run seed -- [--data DIR] [--panels N] [--seed S]`: adds N finalised synthetic panels (default 36,
// seed 20261201) to a store, for the demo and for measuring the discretion register. Every service name
// ends "(synthetic)"; the lead is an organiser account "Synthetic lead (synthetic)". Stop the server first
// on SQLite (it opens the store itself, on a loopback port it closes again).
import path from 'node:path'
import { newId } from '../auth/tokens.ts'
import { seedSyntheticPanels } from '../register/synthetic.ts'
import { startServer } from '../start.ts'

const args = process.argv.slice(2)
const opt = (name: string, fallback: string): string => {
  const i = args.indexOf(name)
  if (i === -1) return fallback
  const v = args[i + 1]
  if (!v || v.startsWith('--')) {
    process.stderr.write(`seed: ${name} needs a value\n`)
    process.exit(2)
  }
  return v
}
for (const a of args)
  if (a.startsWith('--') && !['--data', '--panels', '--seed'].includes(a)) {
    process.stderr.write(
      `seed: unknown option ${a}\nusage: npm run seed -- [--data DIR] [--panels N] [--seed S]\n`,
    )
    process.exit(2)
  }
const count = Number(opt('--panels', '36'))
const seed = Number(opt('--seed', '20261201'))
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(seed)) {
  process.stderr.write('seed: --panels and --seed take whole numbers\n')
  process.exit(2)
}

const dataDir = path.resolve(opt('--data', process.env.DATA_DIR ?? './data'))
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  quiet: true,
  ...(process.env.DATABASE_URL ? { databaseUrl: process.env.DATABASE_URL } : {}),
})
try {
  const { ctx, storage } = server
  const lead = {
    id: newId('a'),
    name: 'Synthetic lead (synthetic)',
    organiser: true,
    createdAt: ctx.now().toISOString(),
  }
  await storage.createAccount(lead)
  const started = performance.now()
  const ids = await seedSyntheticPanels({ hub: ctx.hub, storage, now: ctx.now }, { count, seed, lead })
  process.stdout.write(
    `seeded ${ids.length} finalised synthetic panels (seed ${seed}) in ${dataDir} in ${Math.round(performance.now() - started)} ms\n`,
  )
} finally {
  await server.close()
}
