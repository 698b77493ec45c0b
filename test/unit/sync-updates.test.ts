// carriesNothingNew: a sync reply that only repeats what the server has is not a write.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { carriesNothingNew } from '../../server/sync/updates.ts'

function pair() {
  const server = new Y.Doc()
  server.getText('t').insert(0, 'hello world')
  server.getText('t').delete(0, 6)
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
  return { server, client }
}

describe('carriesNothingNew', () => {
  it('is true for a full-state echo, including deletions the server already has', () => {
    const { server, client } = pair()
    expect(carriesNothingNew(server, Y.encodeStateAsUpdate(client))).toBe(true)
    expect(carriesNothingNew(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))).toBe(true)
  })

  it('is false for new content', () => {
    const { server, client } = pair()
    client.getText('t').insert(0, '!')
    expect(carriesNothingNew(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))).toBe(false)
  })

  it('is false for a deletion of content the server still shows', () => {
    const { server, client } = pair()
    let update: Uint8Array | null = null
    client.on('update', (u: Uint8Array) => (update = u))
    client.getText('t').delete(0, 1)
    expect(carriesNothingNew(server, update!)).toBe(false)
  })

  it('throws on bytes that are not an update', () => {
    const { server } = pair()
    expect(() => carriesNothingNew(server, new Uint8Array([5, 200, 200, 200, 1]))).toThrow()
  })
})
