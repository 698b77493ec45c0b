// Retention: once a panel has been finalised for the configured period, its keystroke-level workspace
// history is compacted into one checkpoint per panel event (the workspace as replay shows it at that
// event), after its full archive is written. The compaction is sealed: a manifest naming what went and
// each checkpoint's sha256 is hashed with the chain's head into the workspace chain's new head, which
// the server signs; verify checks the checkpoints against it and says what was compacted and when.
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { canonicalize } from '../../shared/canonical.ts'
import type { Logger } from '../logger.ts'
import type { Checkpoint, Storage, WorkspaceCompaction } from '../storage/port.ts'
import type { HeadLog } from './head-log.ts'
import type { LivePanel } from './live-panel.ts'
import { verifyStoredPanel, type Verification } from './verify.ts'

export const COMPACTION_FORMAT = 'ratings-panel/compaction@1'

export interface CompactionManifest {
  format: typeof COMPACTION_FORMAT
  panelId: string
  at: string
  retentionDays: number
  finalisedAt: string
  /** The last update compacted, how many were, and the workspace chain's head at `upto`. */
  upto: number
  updates: number
  headBefore: string
  /** The archive written before compaction (JSON lines), by its sha256. */
  archive: { file: string; sha256: string }
  /** Each kept checkpoint: the events it stands for, the last update folded in, the sha256 of its state. */
  checkpoints: { events: number[]; workspaceSeq: number; sha256: string }[]
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex')

/** The workspace chain's head after compaction: bound to the head it replaces and to the manifest. */
export const sealedHead = (headBefore: string, manifest: string): string =>
  sha256(`${COMPACTION_FORMAT}\n${headBefore}\n${sha256(manifest)}`)

export interface RetentionDeps {
  storage: Storage
  heads: HeadLog
  now: () => Date
  log: Logger
  /** Where archives are written before compaction. */
  archiveDir: string
  /** The panels this process holds open: one open is checkpointed first, so it never writes over ours. */
  hub?: { isOpen(panelId: string): LivePanel | undefined }
}

/** The panel's full archive as JSON lines: panel, events, access log, every workspace update, verification. */
export async function panelArchive(
  storage: Storage,
  panelId: string,
  verification: Verification,
): Promise<string> {
  const lines: unknown[] = [
    { kind: 'panel', format: 'ratings-panel/archive@1', panel: await storage.findPanel(panelId) },
  ]
  for (const e of await storage.loadEvents(panelId)) lines.push({ kind: 'event', ...e })
  for (const e of await storage.loadAccessEvents(panelId)) lines.push({ kind: 'access-event', ...e })
  for (const u of await storage.loadWorkspaceUpdates(panelId))
    lines.push({
      kind: 'workspace-update',
      seq: u.seq,
      at: u.at,
      accountId: u.accountId,
      hash: u.hash,
      update: Buffer.from(u.update).toString('base64'),
    })
  lines.push({ kind: 'verification', ...verification })
  return lines.map((l) => JSON.stringify(l)).join('\n') + '\n'
}

export type CompactionOutcome =
  { compacted: true; manifest: CompactionManifest } | { compacted: false; reason: string }

/** Compacts one panel if it is due; never one whose history does not verify. */
export async function compactPanel(
  deps: RetentionDeps,
  panelId: string,
  retentionDays: number,
): Promise<CompactionOutcome> {
  const { storage, heads, now, log } = deps
  const row = await storage.findPanel(panelId)
  if (!row?.finalisedAt) return { compacted: false, reason: 'not finalised' }
  const due = Date.parse(row.finalisedAt) + retentionDays * 86_400_000
  if (now().getTime() < due) return { compacted: false, reason: 'within the retention period' }
  const done = await storage.loadCompaction(panelId)
  if (done) {
    // A crash between the commit and the signature: sign the seal now.
    if (heads.newestHead(panelId, 'workspace')?.hash !== done.sealedHead)
      heads.record({ panelId, chain: 'workspace', seq: done.upto, hash: done.sealedHead }, true)
    return { compacted: false, reason: 'compacted already' }
  }
  const open = deps.hub?.isOpen(panelId)
  if (open) await open.serialise(() => open.checkpointWorkspace())
  const evidence = { keys: heads.keys, newest: heads.newestHead.bind(heads) }
  const verification = await verifyStoredPanel(storage, panelId, evidence)
  if (!verification.ok)
    return { compacted: false, reason: `its history does not verify: ${verification.broken?.reason}` }
  const updates = await storage.loadWorkspaceUpdates(panelId)
  if (!updates.length) return { compacted: false, reason: 'no workspace history' }
  const at = now().toISOString()

  // The archive first, durably: what compaction removes stays available, outside the store.
  const archive = await panelArchive(storage, panelId, verification)
  fs.mkdirSync(deps.archiveDir, { recursive: true })
  const file = path.join(deps.archiveDir, `${panelId}-${at.replace(/[:.]/g, '-')}.archive.jsonl`)
  const fd = fs.openSync(file, 'wx', 0o600)
  try {
    fs.writeSync(fd, archive)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }

  // The workspace replay shows at each event: the last update at or before the event's moment.
  const events = await storage.loadEvents(panelId)
  const bySeq = new Map<number, number[]>()
  for (const e of events) {
    let s = 0
    for (const u of updates) if (u.at <= e.event.at) s = u.seq
    if (s) bySeq.set(s, [...(bySeq.get(s) ?? []), e.seq])
  }
  const last = updates.at(-1)!
  if (!bySeq.has(last.seq)) bySeq.set(last.seq, [])
  const doc = new Y.Doc()
  const checkpoints: Checkpoint[] = []
  const listed: CompactionManifest['checkpoints'] = []
  try {
    for (const u of updates) {
      try {
        Y.applyUpdate(doc, u.update)
      } catch {
        // refused live as well
      }
      const stands = bySeq.get(u.seq)
      if (!stands) continue
      const state = Y.encodeStateAsUpdate(doc)
      // `at` is the moment of the last update folded in, so replay by time finds it as it found the update.
      checkpoints.push({ panelId, doc: 'workspace', seq: u.seq, state, at: u.at })
      listed.push({ events: stands, workspaceSeq: u.seq, sha256: sha256(state) })
    }
  } finally {
    doc.destroy()
  }
  const manifest: CompactionManifest = {
    format: COMPACTION_FORMAT,
    panelId,
    at,
    retentionDays,
    finalisedAt: row.finalisedAt,
    upto: last.seq,
    updates: updates.length,
    headBefore: last.hash,
    archive: { file: path.basename(file), sha256: sha256(archive) },
    checkpoints: listed,
  }
  const text = canonicalize(manifest)
  const compaction: WorkspaceCompaction = {
    panelId,
    upto: last.seq,
    headBefore: last.hash,
    manifest: text,
    sealedHead: sealedHead(last.hash, text),
    at,
  }
  await storage.compactWorkspace(compaction, checkpoints)
  heads.record({ panelId, chain: 'workspace', seq: compaction.upto, hash: compaction.sealedHead }, true)
  log.info('workspace history compacted', {
    panelId,
    updates: updates.length,
    checkpoints: checkpoints.length,
    archive: path.basename(file),
  })
  return { compacted: true, manifest }
}

/** Every due panel, one after another (a daily job). */
export async function compactDuePanels(deps: RetentionDeps, retentionDays: number): Promise<number> {
  let n = 0
  for (const id of await deps.storage.listAllPanelIds())
    if ((await compactPanel(deps, id, retentionDays)).compacted) n++
  return n
}

/** The retention job: at start, then every six hours; one run at a time; stop() waits for a running one. */
export function startRetention(deps: RetentionDeps, retentionDays: number): { stop(): Promise<void> } {
  let running: Promise<void> = Promise.resolve()
  const run = () => {
    running = running
      .then(() => compactDuePanels(deps, retentionDays))
      .then(
        () => undefined,
        (e: unknown) => deps.log.error('retention run failed', { error: String(e) }),
      )
  }
  run()
  const timer = setInterval(run, 6 * 3_600_000)
  timer.unref()
  return {
    stop: async () => {
      clearInterval(timer)
      await running
    },
  }
}
