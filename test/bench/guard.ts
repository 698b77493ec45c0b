/*
 * `npx tsx test/bench/guard.ts`: what the workspace guard costs per update, in process, without the
 * network or the store. For keystrokes into a note of a panel's workspace (48 drafts, the note holding
 * `chars` characters), it times the server's three ways of taking an update: applying it (what the
 * live doc does anyway), judging it on the scratch (apply to the scratch + inspect + personal-data
 * check of the touched text), and the two together, the guard's path. Prints medians and p99s in µs.
 */
import * as Y from 'yjs'
import { initWorkspace, readDraft, WORKSPACE_SERVER_CLIENT_ID } from '../../shared/ydoc/layout.ts'
import { judgeWorkspaceUpdate } from '../../shared/ydoc/update-guard.ts'

const STANDARDS = ['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '2.3', '2.4', '3.1', '3.2', '3.3', '3.4']
const writer = { accountId: 'a_ann', role: 'inspector' as const }

function workspace(chars: number): Y.Doc {
  const seed = new Y.Doc()
  seed.clientID = WORKSPACE_SERVER_CLIENT_ID
  initWorkspace(seed, STANDARDS)
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed))
  const typist = new Y.Doc()
  Y.applyUpdate(typist, Y.encodeStateAsUpdate(doc))
  const note = readDraft(typist, 'note', '2.1')!
  const words = 'Case C07 sits near the boundary; one answer flips it. '
  // Typed a few characters at a time, as people do, so the text is many items, not one.
  for (let i = 0; note.length < chars; i++)
    note.insert(note.length, words.slice((i * 3) % 50, ((i * 3) % 50) + 3))
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(typist))
  return doc
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!

function measure(chars: number, n = 2000) {
  const live = workspace(chars)
  const scratch = new Y.Doc()
  Y.applyUpdate(scratch, Y.encodeStateAsUpdate(live))
  const typist = new Y.Doc()
  Y.applyUpdate(typist, Y.encodeStateAsUpdate(live))
  const note = readDraft(typist, 'note', '2.1')!
  const updates: Uint8Array[] = []
  typist.on('update', (u: Uint8Array) => updates.push(u))
  // A sentence typed one character at a time into the middle of the note.
  const sentence = 'The lead asked whether case C07 changes the rating; it does not. '
  const at = Math.floor(note.length / 2)
  for (let i = 0; i < n; i++) note.insert(at + i, sentence[i % sentence.length]!)
  const apply: number[] = []
  const judge: number[] = []
  // As the server's guard keeps it (server/panels/workspace-guard.ts): the texts judged clean.
  const clean = new WeakSet<Y.Text>()
  for (const u of updates) {
    let t = performance.now()
    const v = judgeWorkspaceUpdate(scratch, u, writer, { clean })
    judge.push((performance.now() - t) * 1000)
    if (!v.ok) throw new Error(`refused: ${v.refusal.detail}`)
    t = performance.now()
    Y.applyUpdate(live, u)
    apply.push((performance.now() - t) * 1000)
  }
  const fmt = (xs: number[]) =>
    `p50 ${quantile(xs, 0.5).toFixed(1)} µs, p99 ${quantile(xs, 0.99).toFixed(1)} µs`
  const both = apply.map((a, i) => a + judge[i]!)
  console.log(
    `note of ${chars.toLocaleString('en-GB')} chars, ${n} keystrokes: apply ${fmt(apply)}; judge ${fmt(judge)}; guarded path ${fmt(both)}`,
  )
}

for (const chars of [200, 2000, 10_000]) measure(chars)
