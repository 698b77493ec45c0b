// The panel documents every server starts from. Ours creates them itself; Hocuspocus and the relay
// get the same bytes through their clients, so each server carries the same content.
import fs from 'node:fs'
import path from 'node:path'
import * as Y from 'yjs'
import { initWorkspace, RECORD_CLIENT_ID, WORKSPACE_SERVER_CLIENT_ID } from '../../../shared/ydoc/layout.ts'
import { benchDir } from './proc.ts'
import { RawClient } from './raw-client.ts'
import { clientSpec, type Target } from './targets.ts'

export interface Seeds {
  /** base64 Y updates */
  record: string
  workspace: string
  source: string
  recordBytes: number
  workspaceBytes: number
}

export const inspectionFixture = (): { standards: Record<string, unknown> } =>
  JSON.parse(
    fs.readFileSync(path.join(benchDir, 'fixtures/gloucestershire-2020.inspection.json'), 'utf8'),
  ) as never

const b64 = (u: Uint8Array) => Buffer.from(u).toString('base64')

/** Both documents of a panel as ours holds them just after creation, read over the sync protocol. */
export async function seedsFromOurs(t: Target, panelId: string, cookie: string): Promise<Seeds> {
  const read = async (doc: 'record' | 'workspace') => {
    const c = new RawClient(clientSpec(t, { panelId, doc, cookie }))
    try {
      await c.connect()
      return Y.encodeStateAsUpdate(c.doc)
    } finally {
      c.close()
    }
  }
  const record = await read('record')
  const workspace = await read('workspace')
  return {
    record: b64(record),
    workspace: b64(workspace),
    source: `ours (panel ${panelId} just after creation)`,
    recordBytes: record.length,
    workspaceBytes: workspace.length,
  }
}

/** Without ours: the workspace layout ours writes, and a record holding the inspection file. */
export function syntheticSeeds(): Seeds {
  const inspection = inspectionFixture()
  const w = new Y.Doc()
  w.clientID = WORKSPACE_SERVER_CLIENT_ID
  initWorkspace(w, Object.keys(inspection.standards))
  const r = new Y.Doc()
  r.clientID = RECORD_CLIENT_ID
  r.getMap('record').set('static', { inspection })
  const record = Y.encodeStateAsUpdate(r)
  const workspace = Y.encodeStateAsUpdate(w)
  return {
    record: b64(record),
    workspace: b64(workspace),
    source: 'synthetic (ours not run)',
    recordBytes: record.length,
    workspaceBytes: workspace.length,
  }
}
