// The workspace chain: every stored workspace update is linked to the one before it in its panel, so
// an update edited, inserted or deleted in the store no longer verifies (the tail is covered by the
// signed head log, server/panels/head-log.ts).
import { createHash } from 'node:crypto'

export const workspaceGenesis = (panelId: string): string =>
  createHash('sha256').update(`ratings-panel/workspace@1:${panelId}`, 'utf8').digest('hex')

export interface WorkspaceLinkInput {
  seq: number
  accountId: string
  at: string
  update: Uint8Array
}

/** sha256(prev || "\n" || seq || "\n" || accountId || "\n" || at || "\n" || sha256(update)), hex. */
export function workspaceLink(prevHash: string, u: WorkspaceLinkInput): string {
  const body = createHash('sha256').update(u.update).digest('hex')
  return createHash('sha256')
    .update(`${prevHash}\n${u.seq}\n${u.accountId}\n${u.at}\n${body}`, 'utf8')
    .digest('hex')
}

export interface WorkspaceChainVerdict {
  ok: boolean
  updates: number
  head: string
  /** The first update that does not verify. */
  broken: { seq: number; reason: string } | null
}

/** Re-derives every link of a panel's stored updates, in seq order. */
export function verifyWorkspaceChain(
  panelId: string,
  updates: (WorkspaceLinkInput & { hash: string })[],
  /** Where the chain starts: the genesis, or a compaction's seal (server/panels/retention.ts). */
  from: string = workspaceGenesis(panelId),
): WorkspaceChainVerdict {
  let prev = from
  let lastSeq = 0
  for (const u of updates) {
    if (u.seq <= lastSeq)
      return {
        ok: false,
        updates: updates.length,
        head: prev,
        broken: { seq: u.seq, reason: 'out of order' },
      }
    if (workspaceLink(prev, u) !== u.hash)
      return {
        ok: false,
        updates: updates.length,
        head: prev,
        broken: {
          seq: u.seq,
          reason: `workspace update ${u.seq} does not link to the update before it (an update was altered, inserted or deleted)`,
        },
      }
    prev = u.hash
    lastSeq = u.seq
  }
  return { ok: true, updates: updates.length, head: prev, broken: null }
}
