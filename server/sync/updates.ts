// Pure checks on Yjs updates: does it carry anything the document lacks? Throws when it is not an update.
import * as Y from 'yjs'

interface StructLike {
  id: { client: number; clock: number }
  length: number
  deleted: boolean
}

/** True when every clock in [clock, clock+len) of `client` is known to the doc and deleted there. */
function isRangeDeleted(doc: Y.Doc, client: number, clock: number, len: number): boolean {
  const structs = doc.store.clients.get(client) as StructLike[] | undefined
  if (!structs || clock + len > Y.getState(doc.store, client)) return false
  // Binary search to the first struct, then walk only the structs the range covers.
  for (
    let i = Y.findIndexSS(structs as never, clock);
    i < structs.length && structs[i]!.id.clock < clock + len;
    i++
  ) {
    if (!structs[i]!.deleted) return false
  }
  return true
}

/**
 * True when applying the update would change nothing: every struct is already known and every
 * deletion already happened. A client's sync reply to a read-only document is usually like this.
 * Decoding also validates: malformed bytes throw.
 */
export function carriesNothingNew(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  let nothingNew = true
  for (const s of structs) {
    if (s.constructor.name === 'Skip') continue
    if (s.id.clock + s.length > Y.getState(doc.store, s.id.client)) nothingNew = false
  }
  if (!nothingNew) return false
  for (const [client, items] of ds.clients) {
    for (const item of items) if (!isRangeDeleted(doc, client, item.clock, item.len)) return false
  }
  return true
}

/**
 * True when an update holds only structs a document with this state vector has, and no deletions:
 * nothing new, told without the document (a panel served from its stored bytes). False means it may
 * carry something new, which only the document can tell. Decoding also validates.
 */
export function knownToStateVector(stateVector: Uint8Array, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  if ([...ds.clients.values()].some((items) => items.length > 0)) return false
  if (!structs.length) return true
  const sv = Y.decodeStateVector(stateVector)
  return structs.every(
    (s) => s.constructor.name === 'Skip' || s.id.clock + s.length <= (sv.get(s.id.client) ?? 0),
  )
}
