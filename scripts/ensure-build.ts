// Before `npm start`: build the client when dist/ is missing or older than its sources.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const built = path.join(root, 'dist', 'index.html')

function newest(dir: string): number {
  let t = 0
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs)
  }
  return t
}

const sourcesChanged = () =>
  Math.max(newest(path.join(root, 'client')), newest(path.join(root, 'shared'))) > fs.statSync(built).mtimeMs
if (!fs.existsSync(built) || sourcesChanged()) {
  process.stdout.write('Building the client (vite build)…\n')
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: root, stdio: 'inherit' },
  )
}
