// The binary replay answer's frame: what is written reads back, and anything else is refused (null).
import { describe, expect, it } from 'vitest'
import { decodeReplayFrame, encodeReplayFrame } from '../../shared/replay-frame.ts'

describe('the replay frame', () => {
  it('reads back its head and update, whatever their sizes and characters', () => {
    const update = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 31) % 256)
    for (const head of [
      null,
      { state: { title: 'Glos — Cymraeg ŵ ŷ 😀' }, seqs: { event: 3, workspace: 9 } },
    ]) {
      for (const u of [new Uint8Array(), update]) {
        const frame = decodeReplayFrame(encodeReplayFrame(head, u))
        expect(frame?.head).toEqual(head)
        expect([...frame!.update]).toEqual([...u])
      }
    }
  })

  it('refuses what is not a whole frame', () => {
    const good = encodeReplayFrame({ a: 1 }, new Uint8Array([1, 2, 3]))
    expect(decodeReplayFrame(good.subarray(0, 9))).toBeNull()
    expect(decodeReplayFrame(new TextEncoder().encode('{"state":null}'))).toBeNull()
    const bad = good.slice()
    bad[8] = 0xff
    expect(decodeReplayFrame(bad)).toBeNull()
    expect(decodeReplayFrame(new Uint8Array())).toBeNull()
  })
})
