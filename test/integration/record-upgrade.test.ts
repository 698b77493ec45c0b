// Opening a panel whose stored record checkpoint is in the old layout (the whole state in one value),
// or is not what the log folds into: the record doc is rebuilt from the log and the checkpoint replaced.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { findFramework } from '../../shared/framework/builtin.ts'
import { parseInspection } from '../../shared/inspection/parse.ts'
import type { Actor, PanelState } from '../../shared/panel/types.ts'
import { readRecordLog, readRecordState, recordLayoutOf } from '../../shared/ydoc/layout.ts'
import { verifyStoredPanel } from '../../server/panels/verify.ts'
import { PanelHub } from '../../server/panels/hub.ts'
import { scratchHeadLog } from '../support/server.ts'
import { createLogger } from '../../server/logger.ts'
import { openSqliteStorage } from '../../server/storage/sqlite.ts'
import type { Storage } from '../../server/storage/port.ts'
import { readFixtureJson } from '../support/server.ts'

const framework = findFramework('hmip-youth-2018')!
const parsed = parseInspection(readFixtureJson('gloucestershire-2020.inspection.json'), findFramework)
if (!parsed.ok) throw new Error('fixture')
const lead = { id: 'L', name: 'Lead', organiser: true, createdAt: '2026-01-01T00:00:00.000Z' }
const actor: Actor = { accountId: 'L', name: 'Lead', role: 'lead' }
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

const hubOn = (storage: Storage) =>
  new PanelHub({
    storage,
    log: createLogger({ quiet: true }),
    now: () => new Date(),
    idleUnloadMs: 0,
    heads: scratchHeadLog(),
  })

/** A panel with a proposal and `votes` votes on it (alternating stance), closed again. */
async function panelWithVotes(votes: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-upgrade-'))
  dirs.push(dir)
  const storage = openSqliteStorage(dir)
  await storage.createAccount(lead)
  const hub = hubOn(storage)
  const panel = await hub.create({
    panelId: 'p1',
    title: 'Glos',
    framework,
    inspection: parsed.ok ? parsed.value : ({} as never),
    lead,
  })
  const made = await panel.execute(
    {
      type: 'propose',
      proposalId: 'pr1',
      standardId: '2.1',
      rating: 'Good',
      justification: 'Near the boundary; the sample supports Good.',
    },
    actor,
  )
  if (!made.ok) throw new Error(made.error.message)
  for (let i = 0; i < votes; i++) {
    const r = await panel.execute(
      {
        type: 'vote',
        proposalId: 'pr1',
        stance: i % 2 ? 'oppose' : 'support',
        justification: `Vote number ${i}, reasoned.`,
      },
      actor,
    )
    if (!r.ok) throw new Error(r.error.message)
  }
  const state = panel.state
  await hub.close()
  return { storage, state, head: state.version }
}

/** What the server wrote before layout 2: client 1, the fixed parts once, then the rest whole per event. */
function oldLayoutDoc(state: PanelState, hashes: string[]): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = 1
  const { framework, inspection, rating, ...rest } = state
  doc.getMap('record').set('static', { framework, inspection, rating })
  doc.getMap('record').set('state', rest)
  doc
    .getArray('log')
    .push(
      hashes.map((hash, i) => ({ seq: i + 1, type: 'x', by: 'L', byName: 'L', at: '', summary: '', hash })),
    )
  return Y.encodeStateAsUpdate(doc)
}

describe('record checkpoints across a layout change', () => {
  it('rebuilds a panel whose latest record checkpoint is in the old layout, and replaces it', async () => {
    const { storage, state, head } = await panelWithVotes(7)
    const hashes = (await storage.loadEvents('p1')).map((e) => e.hash)
    await storage.saveCheckpoint({
      panelId: 'p1',
      doc: 'record',
      seq: head,
      state: oldLayoutDoc(state, hashes),
      at: '',
    })
    const hub = hubOn(storage)
    const panel = (await hub.open('p1'))!
    expect(recordLayoutOf(panel.record)).toBe(2)
    expect(readRecordState(panel.record)).toEqual(panel.state)
    expect(panel.state).toEqual(state)
    expect(readRecordLog(panel.record).map((l) => l.hash)).toEqual(hashes)
    const cp = (await storage.loadCheckpoint('p1', 'record'))!
    const stored = new Y.Doc()
    Y.applyUpdate(stored, cp.state)
    expect(cp.seq).toBe(head)
    expect(recordLayoutOf(stored)).toBe(2)
    expect(Y.encodeStateAsUpdate(stored)).toEqual(Y.encodeStateAsUpdate(panel.record))
    expect((await verifyStoredPanel(storage, 'p1')).ok).toBe(true)
    // Later events go on from the rebuilt doc.
    const r = await panel.execute(
      { type: 'vote', proposalId: 'pr1', stance: 'abstain', justification: 'Abstaining on balance.' },
      actor,
    )
    expect(r.ok).toBe(true)
    expect(readRecordState(panel.record)).toEqual(panel.state)
    await hub.close()
    await storage.close()
  })

  it('rebuilds when a checkpoint in the current layout holds another state than the log folds into', async () => {
    const { storage, head } = await panelWithVotes(3)
    const good = (await storage.loadCheckpoint('p1', 'record')) ?? null
    // No checkpoint yet (it is taken every 50 events): make one, then damage what it says.
    const hub1 = hubOn(storage)
    const p1 = (await hub1.open('p1'))!
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(p1.record))
    await hub1.close()
    ;(doc.getMap('record').get('proposals') as Y.Map<Y.Map<unknown>>).get('pr1')!.set('status', 'applied')
    expect(good).toBeNull()
    await storage.saveCheckpoint({
      panelId: 'p1',
      doc: 'record',
      seq: head,
      state: Y.encodeStateAsUpdate(doc),
      at: '',
    })
    const hub = hubOn(storage)
    const panel = (await hub.open('p1'))!
    expect(readRecordState(panel.record)).toEqual(panel.state)
    expect(panel.state.proposals.pr1!.status).toBe('open')
    await hub.close()
    await storage.close()
  })
})
