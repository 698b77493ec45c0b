// The signed head log: heads signed and read back, the newest per chain kept, and a long log rewritten at
// start to the newest head of each chain, with every signature still valid.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  COMPACT_AFTER,
  HeadLog,
  loadOrCreateKeys,
  readHeadLog,
  verifyHeadSignature,
} from '../../server/panels/head-log.ts'

const scratch = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-headlog-'))
  return { file: path.join(dir, 'heads.log'), keys: loadOrCreateKeys(path.join(dir, 'head-signing.key')) }
}

describe('HeadLog', () => {
  it('keeps the newest head of each chain across a restart, signed', () => {
    const { file, keys } = scratch()
    const log = new HeadLog(file, keys, () => new Date(0))
    log.record({ panelId: 'p', chain: 'events', seq: 1, hash: 'a' }, true)
    log.record({ panelId: 'p', chain: 'events', seq: 2, hash: 'b' }, true)
    log.close()
    const again = new HeadLog(file, keys, () => new Date(0))
    const head = again.newestHead('p', 'events')!
    expect(head).toMatchObject({ seq: 2, hash: 'b' })
    expect(verifyHeadSignature(keys, head)).toBe(true)
    expect(verifyHeadSignature(keys, { ...head, hash: 'c' })).toBe(false)
    again.close()
  })

  it('rewrites a long log at start to the newest head of each chain', () => {
    const { file, keys } = scratch()
    const log = new HeadLog(file, keys, () => new Date(0))
    for (let i = 1; i <= COMPACT_AFTER + 10; i++)
      log.record({ panelId: `p${i % 3}`, chain: 'workspace', seq: i, hash: `h${i}` }, false)
    log.close()
    expect(readHeadLog(file)).toHaveLength(COMPACT_AFTER + 10)
    const again = new HeadLog(file, keys, () => new Date(0))
    again.close()
    const kept = readHeadLog(file)
    expect(kept.map((h) => h.seq).sort((a, b) => a - b)).toEqual([
      COMPACT_AFTER + 8,
      COMPACT_AFTER + 9,
      COMPACT_AFTER + 10,
    ])
    for (const h of kept) expect(verifyHeadSignature(keys, h)).toBe(true)
  })

  it('signs a panel’s workspace heads once per turn, the newest, and a pending one whenever it is read', async () => {
    const { file, keys } = scratch()
    const log = new HeadLog(file, keys, () => new Date(0))
    // A turn's updates (they commit together): one signature, the newest.
    for (let seq = 1; seq <= 5; seq++) log.recordWorkspace({ panelId: 'p', seq, hash: `h${seq}` })
    expect(readHeadLog(file)).toEqual([])
    await new Promise((r) => setImmediate(r))
    expect(readHeadLog(file).map((h) => `${h.chain}:${h.seq}`)).toEqual(['workspace:5'])
    // Asked for within the turn (verify, retention, load), the pending head is signed there and then.
    log.recordWorkspace({ panelId: 'p', seq: 6, hash: 'h6' })
    const head = log.newestHead('p', 'workspace')!
    expect(head).toMatchObject({ seq: 6, hash: 'h6' })
    expect(verifyHeadSignature(keys, head)).toBe(true)
    log.recordWorkspace({ panelId: 'p', seq: 7, hash: 'h7' })
    // A durable head (a command's) writes every pending one before it, with its fsync.
    log.record({ panelId: 'p', chain: 'events', seq: 1, hash: 'e1' }, true)
    expect(readHeadLog(file).map((h) => `${h.chain}:${h.seq}`)).toEqual([
      'workspace:5',
      'workspace:6',
      'workspace:7',
      'events:1',
    ])
    log.recordWorkspace({ panelId: 'p', seq: 8, hash: 'h8' })
    log.close()
    expect(readHeadLog(file).at(-1)).toMatchObject({ chain: 'workspace', seq: 8 })
  })
})
