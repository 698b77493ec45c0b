// A panel's guard over its workspace: judges each member's update on a scratch copy before it is stored.
//
// The scratch is the live workspace plus the updates accepted but not yet applied (still being stored):
// each candidate is judged on top of everything that will be there. Updates that reach the live doc
// some other way (another process's, relayed; the initial load) are applied to the scratch as they
// land. A refused candidate, or an accepted one whose storing failed, leaves the scratch ahead of the
// truth, so it is dropped and rebuilt from the live doc when next needed (rare; refusals close the socket).
import * as Y from 'yjs'
import { judgeWorkspaceUpdate, type Verdict } from '../../shared/ydoc/update-guard.ts'
import { WORKSPACE_ROOTS } from '../../shared/ydoc/layout.ts'
import type { Writer } from '../../shared/ydoc/workspace-rules.ts'

/** Yjs client ids remembered per panel (the oldest are forgotten first). */
const MAX_CLIENT_OWNERS = 50_000

/** A judged update's place: it was judged on this generation of the scratch. */
export interface GuardTicket {
  generation: number
  clients: number[]
  accountId: string
}

export class WorkspaceGuard {
  private scratch: Y.Doc | null = null
  /** The scratch's texts judged clean (per scratch: a new scratch starts with whole-text checks). */
  private clean = new WeakSet<Y.Text>()
  private generation = 0
  /** Set while an update judged on the current scratch is applied to the live doc: the scratch has it. */
  private applyingJudged = false
  /** The account that first wrote with each Yjs client id in this process. */
  private readonly clientOwners = new Map<number, string>()

  constructor(private readonly live: Y.Doc) {
    live.on('update', this.onLiveUpdate)
  }

  judge(
    update: Uint8Array,
    writer: Writer,
    opts: { voteDrafts?: boolean } = {},
  ): { verdict: Verdict; ticket: GuardTicket } {
    const scratch = this.ensureScratch()
    const verdict = judgeWorkspaceUpdate(scratch, update, writer, {
      ownerOf: (id) => this.clientOwners.get(id),
      clean: this.clean,
      ...opts,
    })
    const ticket = {
      generation: this.generation,
      clients: verdict.ok ? verdict.clients : [],
      accountId: writer.accountId,
    }
    if (!verdict.ok) this.drop()
    return { verdict, ticket }
  }

  /** Applies a judged update to the live doc (`apply`), noting who wrote with which client ids. */
  applyJudged(ticket: GuardTicket, apply: () => void): void {
    for (const id of ticket.clients) this.own(id, ticket.accountId)
    this.applyingJudged = ticket.generation === this.generation && this.scratch !== null
    try {
      apply()
    } finally {
      this.applyingJudged = false
    }
  }

  /** A judged update will not reach the live doc (storing it failed): the scratch is ahead of it. */
  abandon(ticket: GuardTicket): void {
    if (ticket.generation === this.generation) this.drop()
  }

  destroy(): void {
    this.live.off('update', this.onLiveUpdate)
    this.drop()
  }

  private own(id: number, accountId: string): void {
    if (this.clientOwners.has(id)) return
    if (this.clientOwners.size >= MAX_CLIENT_OWNERS)
      this.clientOwners.delete(this.clientOwners.keys().next().value!)
    this.clientOwners.set(id, accountId)
  }

  private ensureScratch(): Y.Doc {
    if (!this.scratch) {
      const doc = new Y.Doc()
      // The roots as the layout types them, so the judge compares like with like.
      doc.getMap(WORKSPACE_ROOTS.drafts)
      doc.getMap(WORKSPACE_ROOTS.focus)
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.live))
      this.scratch = doc
    }
    return this.scratch
  }

  private drop(): void {
    this.scratch?.destroy()
    this.scratch = null
    this.clean = new WeakSet()
    this.generation++
  }

  private readonly onLiveUpdate = (update: Uint8Array): void => {
    if (this.applyingJudged || !this.scratch) return
    try {
      Y.applyUpdate(this.scratch, update)
    } catch {
      this.drop()
    }
  }
}
