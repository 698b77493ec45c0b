// The replay fast path gives exactly the document that merging (or applying) the checkpoint and the
// updates after it gives: seeded random typing by several clients, checkpoints at random points.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { mergeOntoCheckpoint } from '../../server/panels/checkpoint-merge.ts'
import { checkMerge, fuzzedHistory } from '../support/ydoc-history.ts'

const docOf = (update: Uint8Array) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}
const contentOf = (doc: Y.Doc) => ({
  drafts: Object.fromEntries([...doc.getMap<Y.Text>('drafts').entries()].map(([k, v]) => [k, v.toDelta()])),
  meta: doc.getMap('meta').toJSON(),
})

function history(seed: number, steps: number) {
  let rnd = seed
  const random = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  const server = new Y.Doc()
  const drafts = server.getMap<Y.Text>('drafts')
  for (const k of ['1.1', '1.2', '2.1']) drafts.set(k, new Y.Text())
  const updates: Uint8Array[] = [Y.encodeStateAsUpdate(server)]
  const typists = Array.from({ length: 4 }, () => {
    const d = new Y.Doc()
    Y.applyUpdate(d, updates[0]!)
    d.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return
      updates.push(u)
      for (const other of typists) if (other !== d) Y.applyUpdate(other, u, 'remote')
    })
    return d
  })
  const letters = 'ab cdé€😀,'
  for (let i = 0; i < steps; i++) {
    const d = typists[Math.floor(random() * typists.length)]!
    const text = d.getMap<Y.Text>('drafts').get(['1.1', '1.2', '2.1'][Math.floor(random() * 3)]!)!
    const r = random()
    if (r < 0.2 && text.length > 0) text.delete(Math.floor(random() * text.length), 1)
    else if (r < 0.25 && text.length > 6) text.delete(Math.floor(random() * (text.length - 5)), 5)
    else if (r < 0.28) d.getMap('meta').set(`k${Math.floor(random() * 3)}`, { n: i, list: [1, 'x', null] })
    else if (r < 0.3) text.format(0, Math.min(3, text.length), { bold: true })
    else
      text.insert(Math.floor(random() * (text.length + 1)), letters[Math.floor(random() * letters.length)]!)
  }
  return updates
}

describe('mergeOntoCheckpoint', () => {
  it.each([1, 2, 3, 4, 5, 6])('equals the checkpoint with the updates applied (seed %i)', (seed) => {
    const updates = history(seed, 400)
    for (const at of [0, 1, 37, 150, 399]) {
      const checkpoint = Y.encodeStateAsUpdate(docOf(Y.mergeUpdates(updates.slice(0, at + 1))))
      for (const until of [at + 1, at + 2, at + 60, updates.length]) {
        const after = updates.slice(at + 1, until)
        const fast = mergeOntoCheckpoint(checkpoint, after)
        expect(fast).not.toBeNull()
        const expected = docOf(Y.mergeUpdates([checkpoint, ...after]))
        const got = docOf(fast!)
        expect(contentOf(got)).toEqual(contentOf(expected))
        expect(Y.encodeStateVector(got)).toEqual(Y.encodeStateVector(expected))
        expect(Y.encodeStateAsUpdate(got)).toEqual(Y.encodeStateAsUpdate(expected))
      }
    }
  })

  // The seeded sample of the differential fuzz (`npm run fuzz` runs many more, and longer).
  it.each([
    [11, 3, 400],
    [12, 12, 500],
    [13, 40, 600],
    [14, 8, 800],
    [15, 25, 500],
    [16, 2, 300],
  ])(
    'equals Y.mergeUpdates on a fuzzed history: deletions, formatting, nested types, gc (seed %i, %i clients, %i steps)',
    (seed, clients, steps) => {
      const h = fuzzedHistory(seed, { clients, steps, checkpointsAt: [0, 3, 40, 150, 333, 500] })
      const r = checkMerge(h, mergeOntoCheckpoint, `seed ${seed}`)
      expect(r.wrong).toEqual([])
      expect(r.declined).toEqual([])
      expect(r.compared).toBeGreaterThan(10)
      expect(r.answered).toBeGreaterThan(r.compared / 2)
    },
  )

  it('declines (null) what it cannot do byte for byte: a gap, an overlap, damaged bytes', () => {
    const updates = history(9, 50)
    const checkpoint = Y.mergeUpdates(updates.slice(0, 20))
    expect(mergeOntoCheckpoint(checkpoint, updates.slice(21))).toBeNull() // update 20 missing: a gap
    expect(mergeOntoCheckpoint(checkpoint, updates.slice(15, 30))).toBeNull() // overlap
    expect(mergeOntoCheckpoint(checkpoint, [new Uint8Array([5, 1, 2])])).toBeNull()
    expect(mergeOntoCheckpoint(checkpoint, [])).toBe(checkpoint)
  })
})
