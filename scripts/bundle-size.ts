// After `vite build`: prints the production bundle's raw and gzipped sizes, per file and in total, for JS and CSS.
import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'

const dist = path.resolve(import.meta.dirname, '..', 'dist')
/** The budget the client is held to: all JavaScript, gzipped. */
const JS_BUDGET_GZIP = 120 * 1024

function files(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(10)

const rows = files(dist)
  .filter((f) => /\.(js|css)$/.test(f))
  .map((f) => {
    const buf = fs.readFileSync(f)
    return {
      file: path.relative(dist, f),
      kind: f.endsWith('.css') ? 'css' : 'js',
      raw: buf.byteLength,
      gzip: gzipSync(buf, { level: 9 }).byteLength,
    }
  })
  .sort((a, b) => b.gzip - a.gzip)

if (!rows.length) {
  process.stderr.write(`No JS or CSS in ${dist}: run \`vite build\` first.\n`)
  process.exit(1)
}

const out: string[] = [`${'file'.padEnd(48)}${'raw'.padStart(10)}${'gzip'.padStart(10)}`]
for (const r of rows) out.push(`${r.file.padEnd(48)}${kb(r.raw)}${kb(r.gzip)}`)
for (const kind of ['js', 'css'] as const) {
  const sel = rows.filter((r) => r.kind === kind)
  const raw = sel.reduce((n, r) => n + r.raw, 0)
  const gzip = sel.reduce((n, r) => n + r.gzip, 0)
  out.push(`${`total ${kind.toUpperCase()} (${sel.length} files)`.padEnd(48)}${kb(raw)}${kb(gzip)}`)
}
const jsGzip = rows.filter((r) => r.kind === 'js').reduce((n, r) => n + r.gzip, 0)
out.push(
  `JS budget ${kb(JS_BUDGET_GZIP).trim()} gzipped: ${jsGzip <= JS_BUDGET_GZIP ? 'within' : 'OVER'} (${((jsGzip / JS_BUDGET_GZIP) * 100).toFixed(0)}%)`,
)
process.stdout.write(out.join('\n') + '\n')
