/*
 * `npx tsx test/bench/register.ts [--panels 500] [--requests 200]`: the discretion register's answer time
 * over many finalised panels. A real server (SQLite, a fresh folder), `--panels` seeded synthetic panels made
 * through the panel rules, a quality-assurance account; then GET /api/discretion over HTTP: the first answer
 * (every record folded), then `--requests` more, unfiltered and filtered, one at a time. Prints p50/p95/max.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { changeQa } from '../../server/accounts/qa-log.ts'
import { seedSyntheticPanels } from '../../server/register/synthetic.ts'
import { startTestServer } from '../support/server.ts'

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name)
  return i === -1 ? fallback : Number(process.argv[i + 1])
}
const panels = arg('--panels', 500)
const requests = arg('--requests', 200)
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-bench-register-'))
const t = await startTestServer({ dataDir })
try {
  const { ctx, storage } = t.server
  const lead = (await storage.findAccount(t.organiser.accountId))!
  const seeding = performance.now()
  const ids = await seedSyntheticPanels(
    { hub: ctx.hub, storage, now: ctx.now },
    { count: panels, seed: 20261201, lead },
  )
  const seeded = performance.now() - seeding
  await changeQa(
    { storage, heads: ctx.heads, now: ctx.now },
    { type: 'grant', account: lead },
    { accountId: lead.id, name: lead.name, organiser: true },
  )
  console.log(`seeded ${ids.length} panels in ${(seeded / 1000).toFixed(1)} s`)
  const time = async (query: string) => {
    const started = performance.now()
    // A fresh connection per request: a kept-alive one idle through the seeding may be reset under us.
    const r = await t.api(t.organiser, 'GET', `/api/discretion${query}`, undefined, { connection: 'close' })
    if (r.status !== 200) throw new Error(`${r.status} ${r.text.slice(0, 200)}`)
    return {
      ms: performance.now() - started,
      rows: r.json?.rows?.length as number | undefined,
      bytes: r.text.length,
    }
  }
  // The client's kept-alive socket from before the seeding has been closed by the server; spend it.
  await t.api(null, 'GET', '/api/health').catch(() => undefined)
  const first = await time('')
  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!
  const report = (name: string, xs: number[]) =>
    console.log(
      `${name.padEnd(34)} p50 ${pct(xs, 50).toFixed(1)} ms  p95 ${pct(xs, 95).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms`,
    )
  console.log(
    `${ids.length} finalised synthetic panels seeded in ${(seeded / 1000).toFixed(1)} s; ${first.rows} decisions; ${(first.bytes / 1024).toFixed(0)} KB JSON`,
  )
  console.log(`first answer (every record folded)  ${first.ms.toFixed(1)} ms`)
  for (const [name, query] of [
    ['unfiltered (JSON)', ''],
    ['standard=2.1&outcome=applied', '?standard=2.1&outcome=applied'],
    ['framework=hmip-youth-2018&from=2022', '?framework=hmip-youth-2018&from=2022'],
    ['unfiltered (CSV)', '?format=csv'],
  ] as const) {
    const xs: number[] = []
    for (let i = 0; i < requests; i++) xs.push((await time(query)).ms)
    report(name, xs)
  }
} finally {
  await t.close()
}
