// Summarises a V8 .cpuprofile (from `npm run bench -- --cpu-prof`): self time by function and, for
// the busiest functions, their callers. Usage: tsx test/bench/profile.ts FILE [top=25]
import fs from 'node:fs'

interface Node {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: Node[]
  samples: number[]
  timeDeltas: number[]
}

const [file, topArg] = process.argv.slice(2)
if (!file) {
  console.error('usage: tsx test/bench/profile.ts FILE.cpuprofile [top]')
  process.exit(2)
}
const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile
const top = Number(topArg ?? 25)
const parent = new Map<number, number>()
const byId = new Map(p.nodes.map((n) => [n.id, n]))
for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const selfMs = new Map<number, number>()
p.samples.forEach((s, i) => selfMs.set(s, (selfMs.get(s) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000))
const name = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`
const totals = new Map<string, number>()
let total = 0
let idle = 0
for (const n of p.nodes) {
  const t = selfMs.get(n.id) ?? 0
  total += t
  if (n.callFrame.functionName === '(idle)') idle += t
  totals.set(name(n), (totals.get(name(n)) ?? 0) + t)
}
const busy = total - idle
console.log(`${file}: ${(total / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s busy`)
console.log('self time (% of busy):')
const ranked = [...totals]
  .filter(([k]) => !k.startsWith('(idle)'))
  .sort((a, b) => b[1] - a[1])
  .slice(0, top)
for (const [k, v] of ranked)
  console.log(`${v.toFixed(0).padStart(7)} ms ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${k}`)
// Inclusive time of the server's and shared code's own functions: where the work starts.
const inclusive = new Map<string, number>()
const subtree = (id: number, seen: Set<string>): number => {
  const n = byId.get(id)!
  let t = selfMs.get(id) ?? 0
  const k = name(n)
  const mine = /\/(server|shared)\//.test(n.callFrame.url) && !seen.has(k)
  if (mine) seen.add(k)
  for (const c of n.children ?? []) t += subtree(c, seen)
  if (mine) {
    inclusive.set(k, (inclusive.get(k) ?? 0) + t)
    seen.delete(k)
  }
  return t
}
subtree(p.nodes[0]!.id, new Set())
console.log('\ninclusive time of server/ and shared/ functions (% of busy):')
for (const [k, v] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${v.toFixed(0).padStart(7)} ms ${((100 * v) / busy).toFixed(1).padStart(5)}%  ${k}`)

console.log('\ncallers of the five busiest:')
for (const [k] of ranked.slice(0, 5)) {
  const stacks = new Map<string, number>()
  for (const n of p.nodes) {
    if (name(n) !== k) continue
    const chain: string[] = []
    for (let id = parent.get(n.id); id !== undefined && chain.length < 6; id = parent.get(id))
      chain.push(name(byId.get(id)!).split(' ')[0]!)
    const key = chain.join(' < ')
    stacks.set(key, (stacks.get(key) ?? 0) + (selfMs.get(n.id) ?? 0))
  }
  console.log(`  ${k}`)
  for (const [s, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 3))
    console.log(`    ${v.toFixed(0).padStart(6)} ms  < ${s}`)
}
