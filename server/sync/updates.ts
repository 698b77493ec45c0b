// Pure checks on Yjs updates: is it well-formed, and does it carry anything the document lacks?
import * as Y from 'yjs'

/** Throws when the bytes are not a decodable Yjs update. */
export function assertDecodable(update: Uint8Array): void {
  Y.decodeUpdate(update)
}

/**
 * True when applying the update would change nothing: every struct is already known and every
 * deletion already happened. A client's sync reply to a read-only document is usually like this.
 */
export function carriesNothingNew(doc: Y.Doc, update: Uint8Array): boolean {
  const { structs, ds } = Y.decodeUpdate(update)
  for (const s of structs) {
    if (s.constructor.name === 'Skip') continue
    if (s.id.clock + s.length > Y.getState(doc.store, s.id.client)) return false
  }
  if (ds.clients.size === 0) return true
  const docDs = Y.createDeleteSetFromStructStore(doc.store)
  for (const [client, items] of ds.clients) {
    for (const item of items) {
      for (let clock = item.clock; clock < item.clock + item.len; clock++) {
        if (!Y.isDeleted(docDs, Y.createID(client, clock))) return false
      }
    }
  }
  return true
}
