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
})
