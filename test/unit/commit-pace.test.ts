// Where the SQLite writer commits: on the event loop while commits are quick, on its thread while the
// disk is slow (or the batches are big), and back once they are quick again and nothing is in flight.
import { describe, expect, it } from 'vitest'
import { CommitPace } from '../../server/storage/commit-pace.ts'

const limits = { slowMs: 2, fastMs: 0.5, window: 10, maxShare: 0.2, shareOverMs: 1000 }

describe('CommitPace', () => {
  it('commits on the event loop while commits are quick', () => {
    const pace = new CommitPace(limits)
    for (let i = 0; i < 100; i++) {
      expect(pace.next(true)).toBe('inline')
      pace.observe(0.2 + (i % 3) * 0.1)
    }
  })

  it('moves to the thread once commits are slow, not on one hiccup', () => {
    const pace = new CommitPace(limits)
    for (let i = 0; i < 20; i++) pace.observe(0.2)
    pace.observe(6)
    expect(pace.next(true)).toBe('inline')
    for (let i = 0; i < 3; i++) pace.observe(6)
    expect(pace.next(true)).toBe('thread')
  })

  it('comes back only when commits are quick again and nothing is in flight on the thread', () => {
    const pace = new CommitPace(limits)
    for (let i = 0; i < 10; i++) pace.observe(8)
    expect(pace.next(true)).toBe('thread')
    for (let i = 0; i < 5; i++) pace.observe(1)
    expect(pace.next(true)).toBe('thread')
    for (let i = 0; i < 30; i++) pace.observe(0.2)
    // Still writing on the thread: staying keeps the commits in the order they were asked for.
    expect(pace.next(false)).toBe('thread')
    expect(pace.next(true)).toBe('inline')
  })

  it('moves to the thread after a commit that met another process’s lock, however quick the others', () => {
    const pace = new CommitPace(limits)
    for (let i = 0; i < 20; i++) pace.observe(0.2)
    expect(pace.next(true)).toBe('inline')
    pace.blocked(20)
    expect(pace.current).toBe('inline')
    expect(pace.next(true)).toBe('thread')
    expect(pace.current).toBe('thread')
  })

  it('moves to the thread when quick commits still take too much of the loop’s time, and back when they do not', () => {
    const pace = new CommitPace(limits)
    // 0.3 ms commits, one every 5 ms: 6% of the loop's time.
    let at = 0
    for (let i = 0; i < 400; i++) pace.observe(0.3, (at += 5))
    expect(pace.next(true)).toBe('inline')
    // The same commits, one every millisecond: 30%.
    for (let i = 0; i < 2000; i++) pace.observe(0.3, (at += 1))
    expect(pace.next(true)).toBe('thread')
    // Quiet again (timed on the thread now): back once the share is well under the limit.
    for (let i = 0; i < 400; i++) pace.observe(0.3, (at += 5))
    expect(pace.next(true)).toBe('inline')
  })
})
