import { describe, expect, it } from 'vitest'
import { TurnQueue } from '../../server/panels/turn-queue.ts'

describe('TurnQueue', () => {
  it('lets one waiter go per turn of the event loop, so other work runs between them', async () => {
    const q = new TurnQueue()
    const seen: string[] = []
    const tasks = ['a', 'b', 'c'].map(async (name) => {
      await q.next()
      seen.push(name)
      // Work that arrives while a load runs (a socket's frame, say) is handled before the next load.
      setImmediate(() => seen.push(`after ${name}`))
    })
    await Promise.all(tasks)
    await new Promise((r) => setImmediate(r))
    expect(seen).toEqual(['a', 'after a', 'b', 'after b', 'c', 'after c'])
  })

  it('lets waiters go in the order they came, and an idle queue at the next turn', async () => {
    const q = new TurnQueue()
    const order: number[] = []
    await Promise.all([1, 2, 3, 4].map((i) => q.next().then(() => order.push(i))))
    expect(order).toEqual([1, 2, 3, 4])
    let ran = false
    const p = q.next().then(() => (ran = true))
    expect(ran).toBe(false)
    await p
    expect(ran).toBe(true)
  })
})
