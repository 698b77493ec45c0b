// Scenario 7, the client: gzipped JavaScript the browser downloads. Uses dist/ when it is newer than
// every client source; otherwise builds into node_modules/.cache (keyed by the sources; dist/ is left
// alone), so an unchanged client is not built twice.
import { execFileSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { cacheDir, repoRoot } from '../lib/proc.ts'

export interface ClientSize {
  source: string
  /** Scripts index.html loads and preloads: what the first visit downloads. */
  initialGzipKb: number
  /** Every JavaScript chunk (routes load theirs on demand). */
  totalGzipKb: number
  files: { file: string; bytes: number; gzipBytes: number; initial: boolean }[]
}

const newest = (dir: string): number => {
  let t = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

function sourcesHash(): string {
  const h = crypto.createHash('sha256')
  const walk = (dir: string) => {
    for (const e of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else h.update(p).update(fs.readFileSync(p))
    }
  }
  for (const d of ['client', 'shared']) walk(path.join(repoRoot, d))
  for (const f of ['vite.config.ts', 'package-lock.json']) h.update(fs.readFileSync(path.join(repoRoot, f)))
  return h.digest('hex').slice(0, 16)
}

export function measureClient(log: (line: string) => void): ClientSize {
  const dist = path.join(repoRoot, 'dist')
  const clientDir = path.join(repoRoot, 'client')
  let outDir = dist
  let source = 'dist/ (up to date)'
  const inputsChanged = Math.max(
    newest(clientDir),
    newest(path.join(repoRoot, 'shared')),
    fs.statSync(path.join(repoRoot, 'vite.config.ts')).mtimeMs,
  )
  if (
    !fs.existsSync(path.join(dist, 'index.html')) ||
    fs.statSync(path.join(dist, 'index.html')).mtimeMs < inputsChanged
  ) {
    const key = sourcesHash()
    outDir = path.join(cacheDir, `client-${key}`)
    source = `vite build of the current sources (${key})`
    if (!fs.existsSync(path.join(outDir, 'index.html'))) {
      for (const old of fs.existsSync(path.dirname(outDir)) ? fs.readdirSync(path.dirname(outDir)) : [])
        if (old.startsWith('client-'))
          fs.rmSync(path.join(path.dirname(outDir), old), { recursive: true, force: true })
      log('  building the client (vite build) into node_modules/.cache')
      execFileSync(
        path.join(repoRoot, 'node_modules/.bin/vite'),
        ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
        { cwd: repoRoot, stdio: 'pipe' },
      )
    }
  }
  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8')
  const initial = new Set(
    [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="\/?([^"]+\.js)"/g)].map(
      (m) => m[1]!,
    ),
  )
  const files: ClientSize['files'] = []
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name)
      if (e.isDirectory()) walk(p)
      else if (e.name.endsWith('.js')) {
        const buf = fs.readFileSync(p)
        const rel = path.relative(outDir, p)
        files.push({
          file: rel,
          bytes: buf.length,
          gzipBytes: zlib.gzipSync(buf, { level: 9 }).length,
          initial: initial.has(rel),
        })
      }
    }
  }
  walk(outDir)
  const kb = (xs: typeof files) => xs.reduce((n, f) => n + f.gzipBytes, 0) / 1024
  return { source, initialGzipKb: kb(files.filter((f) => f.initial)), totalGzipKb: kb(files), files }
}
