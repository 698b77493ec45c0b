// Socket writes held for the turn: released together at its end, or, for committed workspace updates,
// as soon as the callback that broadcast them and its promise jobs are done.
import { describe, expect, it } from 'vitest'
import { holdForTurn, releaseHeldSoon } from '../../server/sync/turn-batch.ts'

const socket = (log: string[], name: string) => ({
  cork: () => log.push(`cork ${name}`),
  uncork: () => log.push(`uncork ${name}`),
  destroyed: false,
})

describe('turn batch', () => {
  it('writes what a turn held at its end, one write a socket', async () => {
    const log: string[] = []
    const a = socket(log, 'a')
    holdForTurn(a)
    holdForTurn(a)
    holdForTurn(socket(log, 'b'))
    expect(log).toEqual(['cork a', 'cork b'])
    await new Promise((r) => setImmediate(r))
    expect(log).toEqual(['cork a', 'cork b', 'uncork a', 'uncork b'])
  })

  it('releases early once the broadcasting callback and its promise jobs are done, not a turn later', async () => {
    const log: string[] = []
    await new Promise<void>((done) =>
      // A writer's commit at the end of a turn: several waiters resume, each after a few promise jobs.
      setImmediate(() => {
        const resumed = [1, 2, 3].map(async (i) => {
          for (let hop = 0; hop < i; hop++) await Promise.resolve()
          holdForTurn(socket(log, `s${i}`))
          releaseHeldSoon()
        })
        void Promise.all(resumed).then(() => log.push('all resumed'))
        setImmediate(() => {
          log.push('next turn')
          done()
        })
      }),
    )
    expect(log.indexOf('uncork s3')).toBeGreaterThan(log.indexOf('cork s3'))
    expect(log.indexOf('uncork s1')).toBeLessThan(log.indexOf('next turn'))
    // One release for all three, after the last of them was held.
    expect(log.filter((l) => l.startsWith('uncork'))).toEqual(['uncork s1', 'uncork s2', 'uncork s3'])
    expect(log.indexOf('uncork s1')).toBeGreaterThan(log.indexOf('cork s3'))
  })
})
