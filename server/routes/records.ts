// The frozen record and the audit trail: JSON, CSV, the event log, verification, history and replay.
import { Hono } from 'hono'
import { requireRole, type AppEnv } from '../auth/session.ts'
import type { AppContext } from '../context.ts'
import { ApiError } from '../http/errors.ts'
import { frozenRecordOf, seqsAt, stateAt, workspaceAt } from '../panels/audit.ts'
import { headMessage } from '../panels/head-log.ts'
import { panelArchive } from '../panels/retention.ts'
import { verifyStoredPanel, type HeadEvidence } from '../panels/verify.ts'
import { recordCsv } from './record-csv.ts'
import { encodeReplayFrame, REPLAY_FRAME_TYPE } from '../../shared/replay-frame.ts'

export function recordRoutes(ctx: AppContext) {
  const { storage, heads } = ctx
  // One process holds every head it signed; with several (PostgreSQL) each holds only its own, so the
  // store may be ahead of them but never behind (the full comparison: npm run verify with every log).
  const evidence: HeadEvidence = {
    keys: heads.keys,
    newest: (panelId, chain) => heads.newestHead(panelId, chain),
    partial: storage.kind === 'postgres',
  }
  const app = new Hono<AppEnv>()

  const frozen = async (panelId: string) => {
    const r = frozenRecordOf(await storage.loadEvents(panelId))
    if (!r)
      throw new ApiError(
        409,
        'not-finalised',
        'The panel has not been finalised yet; there is no frozen record.',
      )
    return r
  }

  /** The forward links to corrections, from the access log: the frozen record itself never changes. */
  const correctedBy = async (panelId: string) =>
    (await storage.loadAccessEvents(panelId)).flatMap((e) =>
      e.event.type === 'correction.linked'
        ? [{ panelId: e.event.correctionPanelId, at: e.event.at, reason: e.event.reason }]
        : [],
    )

  app.get('/api/panels/:id/record', async (c) => {
    await requireRole(c, storage, c.req.param('id'))
    const r = await frozen(c.req.param('id'))
    c.header('X-Record-Hash', r.hash)
    // RFC 5829: the record this one corrects, and the corrections of it, as links beside the record's bytes.
    const of = (JSON.parse(r.canonical) as { correctionOf?: { panelId: string } }).correctionOf
    const links = [
      ...(of ? [`</api/panels/${encodeURIComponent(of.panelId)}/record>; rel="predecessor-version"`] : []),
      ...(await correctedBy(c.req.param('id'))).map(
        (l) => `</api/panels/${encodeURIComponent(l.panelId)}/record>; rel="successor-version"`,
      ),
    ]
    if (links.length) c.header('Link', links.join(', '))
    const record = JSON.parse(r.canonical) as { chain: { head: string; events: number } }
    // The record's own head, signed: a published copy anchors the chain outside this server.
    const signed = heads.sign({
      panelId: c.req.param('id'),
      chain: 'events',
      seq: record.chain.events,
      hash: record.chain.head,
    })
    c.header('X-Record-Head-Signature', signed.sig)
    c.header('X-Head-Public-Key', heads.keys.publicKeyRaw)
    c.header('Content-Type', 'application/json; charset=utf-8')
    if (c.req.query('download') !== undefined)
      c.header('Content-Disposition', `attachment; filename="panel-${c.req.param('id')}-record.json"`)
    return c.body(r.canonical)
  })

  app.get('/api/panels/:id/record.csv', async (c) => {
    await requireRole(c, storage, c.req.param('id'))
    const r = await frozen(c.req.param('id'))
    c.header('Content-Type', 'text/csv; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="panel-${c.req.param('id')}-ratings.csv"`)
    return c.body(recordCsv(JSON.parse(r.canonical), await correctedBy(c.req.param('id'))))
  })

  app.get('/api/panels/:id/events', async (c) => {
    await requireRole(c, storage, c.req.param('id'))
    return c.json({ events: await storage.loadEvents(c.req.param('id')) })
  })

  app.get('/api/panels/:id/verify', async (c) => {
    const panelId = c.req.param('id')
    await requireRole(c, storage, panelId)
    return c.json(await verifyStoredPanel(storage, panelId, evidence))
  })

  /**
   * The newest signed heads and the public key: a browser remembers what it saw and checks that what it
   * syncs next extends it; a published copy of the record can be checked against the signed record head.
   */
  app.get('/api/panels/:id/head', async (c) => {
    const panelId = c.req.param('id')
    await requireRole(c, storage, panelId)
    const signed = (chain: 'events' | 'access' | 'workspace') => {
      const h = heads.newestHead(panelId, chain)
      return h ? { seq: h.seq, hash: h.hash, at: h.at, sig: h.sig, message: headMessage(h) } : null
    }
    return c.json({
      publicKey: heads.keys.publicKeyRaw,
      algorithm: 'Ed25519',
      events: signed('events'),
      access: signed('access'),
      workspace: signed('workspace'),
    })
  })

  app.get('/api/panels/:id/audit.jsonl', async (c) => {
    const panelId = c.req.param('id')
    await requireRole(c, storage, panelId)
    const events = await storage.loadEvents(panelId)
    const updates = await storage.loadWorkspaceUpdates(panelId)
    const lines = [
      ...events.map((e) => ({ at: e.event.at, line: JSON.stringify({ kind: 'event', ...e }) })),
      ...updates.map((u) => ({
        at: u.at,
        line: JSON.stringify({
          kind: 'workspace-update',
          panelId,
          seq: u.seq,
          at: u.at,
          accountId: u.accountId,
          update: Buffer.from(u.update).toString('base64'),
        }),
      })),
    ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    c.header('Content-Type', 'application/x-ndjson; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="panel-${panelId}-audit.jsonl"`)
    return c.body(lines.map((l) => l.line).join('\n') + '\n')
  })

  /** The full archive (panel, events, access log, every workspace update, verification) as JSON lines. */
  app.get('/api/panels/:id/archive', async (c) => {
    const panelId = c.req.param('id')
    await requireRole(c, storage, panelId)
    const text = await panelArchive(storage, panelId, await verifyStoredPanel(storage, panelId, evidence))
    c.header('Content-Type', 'application/x-ndjson; charset=utf-8')
    c.header('Content-Disposition', `attachment; filename="panel-${panelId}-archive.jsonl"`)
    return c.body(text)
  })

  /** The timeline: every domain event, and every workspace update's who/when/size. */
  app.get('/api/panels/:id/history', async (c) => {
    const panelId = c.req.param('id')
    await requireRole(c, storage, panelId)
    const events = await storage.loadEvents(panelId)
    const updates = await storage.loadWorkspaceUpdates(panelId)
    // After retention compacted the keystrokes, each kept checkpoint is one step (by `compacted`).
    const compacted = (await storage.loadCompaction(panelId))
      ? (await storage.listCheckpoints(panelId, 'workspace')).map((cp) => [
          cp.seq,
          cp.at,
          'compacted',
          cp.state.byteLength,
        ])
      : []
    return c.json({
      events: events.map((e) => ({ seq: e.seq, hash: e.hash, event: e.event })),
      // Compact rows: [seq, at, accountId, bytes]; a long history holds 100,000s of them.
      workspace: [...compacted, ...updates.map((u) => [u.seq, u.at, u.accountId, u.update.byteLength])],
    })
  })

  /** The two documents as they were: after event `event` and workspace update `workspace`, or at a moment `at`. */
  app.get('/api/panels/:id/replay', async (c) => {
    const panelId = c.req.param('id')
    await requireRole(c, storage, panelId)
    const seqParam = (name: string): number | undefined => {
      const v = c.req.query(name)
      if (v === undefined) return undefined
      const n = Number(v)
      if (v === '' || !Number.isInteger(n) || n < 0)
        throw new ApiError(400, 'invalid-query', `${name} must be a whole number (a sequence number).`)
      return n
    }
    const events = await storage.loadEvents(panelId)
    let eventSeq = seqParam('event') ?? Number.MAX_SAFE_INTEGER
    let workspaceSeq = seqParam('workspace') ?? Number.MAX_SAFE_INTEGER
    const at = c.req.query('at')
    if (at !== undefined) {
      const when = new Date(at)
      if (!at || Number.isNaN(when.getTime()))
        throw new ApiError(400, 'invalid-query', 'at must be a date and time (ISO 8601).')
      const seqs = await seqsAt(storage, panelId, events, when.toISOString())
      eventSeq = seqParam('event') ?? seqs.event
      workspaceSeq = seqParam('workspace') ?? seqs.workspace
    }
    const state = stateAt(events, eventSeq)
    const workspace = await workspaceAt(storage, panelId, workspaceSeq)
    // Where the replay landed: the last event and workspace update folded in.
    const seqs = { event: state?.version ?? 0, workspace: workspace.seq }
    // The replay view asks for the binary frame (shared/replay-frame.ts): the update as raw bytes.
    const format = c.req.query('format')
    if (format !== undefined && format !== 'binary' && format !== 'json')
      throw new ApiError(400, 'invalid-query', 'format must be binary or json.')
    if (
      format === 'binary' ||
      (format === undefined && c.req.header('accept')?.includes(REPLAY_FRAME_TYPE))
    ) {
      c.header('Content-Type', REPLAY_FRAME_TYPE)
      c.header('Vary', 'Accept')
      return c.body(encodeReplayFrame({ state, seqs }, workspace.update) as Uint8Array<ArrayBuffer>)
    }
    c.header('Vary', 'Accept')
    return c.json({ state, workspace: Buffer.from(workspace.update).toString('base64'), seqs })
  })

  return app
}
