// Scenario 5's long history, written inside ours' process through the panel's own accept path
// (durable append, apply, checkpoint every 500), as a socket write would, only without the socket.
import * as Y from 'yjs'
import type { PanelHub } from '../../../server/panels/hub.ts'

export interface HistoryPlan {
  panelId: string
  updates: number
  /** Typists, each in a draft of their own. */
  members: number
  accountId: string
}

export async function buildHistory(
  hub: PanelHub,
  plan: HistoryPlan,
): Promise<{ firstSeq: number; lastSeq: number }> {
  const panel = await hub.open(plan.panelId)
  if (!panel) throw new Error(`no panel ${plan.panelId}`)
  const start = Y.encodeStateAsUpdate(panel.workspace)
  const keys = [...panel.workspace.getMap('drafts').keys()].sort()
  const typists = Array.from({ length: plan.members }, (_, i) => {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, start)
    return { doc, text: doc.getMap<Y.Text>('drafts').get(keys[(i * 7) % keys.length]!)! }
  })
  const firstSeq = panel.workspaceSeq + 1
  // Keystrokes, deterministic: 75% type a character at the end, 5% type one earlier in the text, 17%
  // backspace, 3% delete a 5–15 character selection. The live text grows by about a third of a
  // character per update (a few pages per member after 100,000 updates); the rest are tombstones.
  let rnd = 42
  const random = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  const letters = 'etaoin shrdlu cmfwyp vbgkqjxz, the case sample shows good practice.'
  const batch = 250
  for (let done = 0; done < plan.updates;) {
    const pending: Promise<unknown>[] = []
    for (let j = 0; j < batch && done < plan.updates; j++, done++) {
      const t = typists[Math.floor(random() * typists.length)]!
      const box: { update: Uint8Array | null } = { update: null }
      t.doc.once('update', (u: Uint8Array) => (box.update = u))
      const r = random()
      const len = t.text.length
      const letter = letters[Math.floor(random() * letters.length)]!
      if (r < 0.17 && len > 0) t.text.delete(len - 1, 1)
      else if (r < 0.2 && len > 20) {
        const n = 5 + Math.floor(random() * 11)
        t.text.delete(Math.floor(random() * (len - n)), n)
      } else if (r < 0.25 && len > 0) t.text.insert(Math.floor(random() * len), letter)
      else t.text.insert(len, letter)
      if (!box.update) throw new Error('an edit produced no update')
      // In-process and trusted: the bench builds history, it does not measure the guard here.
      pending.push(
        panel.acceptWorkspaceUpdate(box.update, { accountId: plan.accountId, role: 'lead' }, null, {
          judge: false,
        }),
      )
    }
    await Promise.all(pending)
  }
  for (const t of typists) t.doc.destroy()
  return { firstSeq, lastSeq: panel.workspaceSeq }
}
