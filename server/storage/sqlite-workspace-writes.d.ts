// Types of sqlite-workspace-writes.js (plain JavaScript so that the writer thread needs no TypeScript loader).
import type { Checkpoint, WorkspaceUpdate } from './port.ts'

export type NewUpdate = Omit<WorkspaceUpdate, 'seq' | 'hash'>
export type Stored = { seq: number; hash: string }
export type WriteRequest = { id: number; updates: NewUpdate[] } | { id: number; checkpoint: Checkpoint }
export interface WriteReply {
  done?: [number, Stored[]][]
  failed?: [number, string][]
  cause?: string
  closed?: true
  /** Nothing was written: another process holds the write lock (with `busyReply` only). */
  busy?: true
}

export function openWorkspaceWrites(
  file: string,
  opts?: { busyTimeoutMs?: number; busyReply?: boolean },
): {
  commit(reqs: WriteRequest[]): WriteReply
  close(): void
}

export const WORKSPACE_SQL: { maxUpdateId: string; lastUpdateHash: string; insertUpdate: string }
