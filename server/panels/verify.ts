// Verification of everything a panel's store holds against its log: the events' chain, the access log,
// every projection (panel row, memberships, record checkpoints), the workspace chain and its
// checkpoints, and the newest heads against the signed head log kept outside the database.
import { createHash } from 'node:crypto'
import * as Y from 'yjs'
import { canonicalize } from '../../shared/canonical.ts'
import { evolve } from '../../shared/panel/evolve.ts'
import { evolveAccess, isAccessEvent } from '../../shared/panel/correction.ts'
import { rolesOf } from '../../shared/panel/membership.ts'
import { COMMITMENT_PATTERN, checkReveal } from '../../shared/panel/sealed.ts'
import type { PanelState } from '../../shared/panel/types.ts'
import { RECORD_CLIENT_ID, readRecordLog, writeRecord } from '../../shared/ydoc/layout.ts'
import type { ChainName, Checkpoint, Storage, WorkspaceCompaction } from '../storage/port.ts'
import { frozenRecordOf } from './audit.ts'
import { accessGenesis, sha256, verifyChain, type ChainVerdict } from './chain.ts'
import { verifyHeadSignature, type HeadKeys, type SignedHead } from './head-log.ts'
import { logEntryOf } from './live-panel.ts'
import { isIntactSeal } from './seal.ts'
import { verifyCorrectionChain, type CorrectionChain } from './verify-corrections.ts'
import { COMPACTION_FORMAT, sealedHead, type CompactionManifest } from './retention.ts'
import { verifyWorkspaceChain } from './workspace-chain.ts'

export interface Verification extends ChainVerdict {
  recordHash: string | null
  /** Each part that was checked, in order; `ok` is false on the first that fails. */
  checks: { check: string; ok: boolean; detail: string }[]
  workspace: { updates: number; head: string } | null
  access: { events: number; head: string } | null
  /** The chain of corrections this panel belongs to, each link checked both ways. */
  corrections: CorrectionChain | null
  /** Retention: the keystroke history this panel's compaction replaced (server/panels/retention.ts). */
  compacted?: { at: string; upto: number; updates: number; checkpoints: number; archiveSha256: string }
}

/** The signed heads to compare with, and the key they were signed with; null when no head log is at hand. */
export interface HeadEvidence {
  keys: Pick<HeadKeys, 'publicKey'>
  newest: (panelId: string, chain: ChainName) => SignedHead | null
  /**
   * One process's heads among several (PostgreSQL): the store may be ahead of them (another process
   * appended), never behind. Only a store behind, or beside, what this process signed is then a fault.
   */
  partial?: boolean
}

/**
 * What a document holds, comparable however it was built: each root's content and the state vector. A
 * doc built from an update knows its roots only as untyped types, so each is read as a map when it has
 * keys and as an array otherwise (the layout has no text roots).
 */
function digestOf(doc: Y.Doc): string {
  const content: Record<string, unknown> = {}
  for (const [name, type] of doc.share) {
    if (type instanceof Y.Map || type instanceof Y.Array || type instanceof Y.Text)
      content[name] = type.toJSON()
    else content[name] = type._map.size ? doc.getMap(name).toJSON() : doc.getArray(name).toJSON()
  }
  const sv = [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b)
  return canonicalize({ content, sv })
}

/** Reads a stored update into a scratch doc once, for whatever `read` needs of it. */
function withDoc<T>(update: Uint8Array, read: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, update)
    return read(doc)
  } finally {
    doc.destroy()
  }
}

export async function verifyStoredPanel(
  storage: Storage,
  panelId: string,
  evidence: HeadEvidence | null = null,
): Promise<Verification> {
  const events = await storage.loadEvents(panelId)
  const chain = verifyChain(panelId, events)
  const checks: Verification['checks'] = []
  const out: Verification = {
    ...chain,
    recordHash: null,
    checks,
    workspace: null,
    access: null,
    corrections: null,
  }
  const fail = (check: string, seq: number, reason: string): Verification => {
    checks.push({ check, ok: false, detail: reason })
    return { ...out, ok: false, broken: { seq, reason } }
  }
  const pass = (check: string, detail: string) => checks.push({ check, ok: true, detail })
  if (!chain.ok) {
    checks.push({ check: 'events', ok: false, detail: chain.broken!.reason })
    return out
  }
  pass('events', `${events.length} events chain from the genesis hash`)
  const n = events.length

  // The fold, with the record doc rebuilt beside it; nothing may follow the finalisation.
  let state: PanelState | null = null
  const record = new Y.Doc()
  record.clientID = RECORD_CLIENT_ID
  const recordAt = new Map<number, string>()
  const cps = await storage.listCheckpoints(panelId, 'record')
  const wanted = new Set(cps.map((c) => c.seq))
  let finalisedAt = 0
  let openings = 0
  try {
    for (const e of events) {
      if (finalisedAt)
        return fail(
          'frozen',
          e.seq,
          `event ${e.seq} (${e.event.type}) comes after the finalisation at event ${finalisedAt}`,
        )
      // Sealed votes: each commitment well formed and superseding the voter's standing one; each reveal
      // opening every standing commitment, and every opening matching the commitment it opens.
      const ev = e.event
      if (state && (ev.type === 'vote.sealed' || ev.type === 'votes.revealed')) {
        const p = state.proposals[ev.proposalId]
        if (!p) return fail('openings', e.seq, `event ${e.seq} refers to no proposal`)
        if (ev.type === 'vote.sealed') {
          const standing = p.seals?.[ev.by]?.commitment ?? null
          if (!COMMITMENT_PATTERN.test(ev.commitment) || ev.supersedes !== standing)
            return fail(
              'openings',
              e.seq,
              `event ${e.seq}: the sealed vote's commitment is malformed or does not supersede the voter's standing one`,
            )
        } else {
          const problem = await checkReveal(state, p, ev.openings, sha256)
          if (problem) return fail('openings', e.seq, `event ${e.seq}: ${problem}`)
          openings += ev.openings.length
        }
      }
      const prev = state
      state = evolve(state, e.event)
      writeRecord(record, prev, state, logEntryOf(e, state))
      if (e.event.type === 'panel.finalised') finalisedAt = e.seq
      if (wanted.has(e.seq)) recordAt.set(e.seq, digestOf(record))
    }
  } catch (e) {
    return fail('fold', n, `the events do not fold into a panel: ${String(e)}`)
  } finally {
    record.destroy()
  }
  if (!state) return fail('fold', 0, 'the log is empty')
  out.recordHash = frozenRecordOf(events)?.hash ?? null
  pass('fold', finalisedAt ? `finalised at event ${finalisedAt}; nothing after it` : 'not finalised')
  pass('openings', `${openings} opening(s) match their commitments`)

  // Sealed votes kept apart from the log: each still opens its voter's standing commitment, and every
  // standing commitment of an open, unrevealed proposal has its content (or it could never be revealed).
  const rows = await storage.loadSealedVotes(panelId)
  for (const r of rows) {
    const p = state.proposals[r.proposalId]
    const standing = p && !p.revealed && p.status === 'open' ? p.seals?.[r.accountId] : undefined
    if (!standing || standing.commitment !== r.commitment || !isIntactSeal(r))
      return fail(
        'sealed votes',
        n,
        `a sealed vote kept apart from the log (proposal ${r.proposalId}) does not open its voter's standing commitment (it was altered, or the log was)`,
      )
  }
  for (const p of Object.values(state.proposals)) {
    if (p.revealed || p.status !== 'open') continue
    for (const seal of Object.values(p.seals ?? {}))
      if (!rows.some((r) => r.proposalId === p.id && r.accountId === seal.by))
        return fail(
          'sealed votes',
          n,
          `the sealed vote of ${seal.byName} on ${p.standardId} has no stored content: it can never be revealed`,
        )
  }
  pass('sealed votes', `${rows.length} sealed vote(s) kept apart open their commitments`)

  // Record checkpoints: each must be the record doc the log derives at its event.
  for (const cp of cps) {
    if (cp.seq > n)
      return fail(
        'record checkpoints',
        n + 1,
        `a record checkpoint was taken at event ${cp.seq} but the log ends at event ${n}: events after ${n} are missing`,
      )
    let stored: string
    let kept: { seq: number; hash: string }[]
    try {
      ;[stored, kept] = withDoc(cp.state, (doc) => [digestOf(doc), readRecordLog(doc)] as const)
    } catch {
      return fail('record checkpoints', cp.seq, `the record checkpoint at event ${cp.seq} cannot be read`)
    }
    // The checkpoint keeps the log's hashes up to its event: a chain rewritten from an event on shows there.
    const differs = kept.find((entry) => entry.seq <= cp.seq && events[entry.seq - 1]?.hash !== entry.hash)
    if (differs)
      return fail(
        'record checkpoints',
        differs.seq,
        `event ${differs.seq} differs from the copy kept in the checkpoint at event ${cp.seq} (the chain was rewritten from here)`,
      )
    if (stored !== recordAt.get(cp.seq))
      return fail(
        'record checkpoints',
        cp.seq,
        `the record checkpoint at event ${cp.seq} differs from the record the log derives (it was altered, or the log was rewritten)`,
      )
  }
  pass('record checkpoints', `${cps.length} match the log`)

  // The access log (after finalisation only), chained from the record's final head.
  const accessEvents = await storage.loadAccessEvents(panelId)
  let access: PanelState = state
  if (accessEvents.length) {
    if (!finalisedAt) return fail('access log', n, 'the access log has events but the panel is not finalised')
    const a = verifyChain(panelId, accessEvents, accessGenesis(panelId, events[finalisedAt - 1]!.hash))
    if (!a.ok) return fail('access log', n, `access log: ${a.broken!.reason}`)
    for (const e of accessEvents) {
      if (!isAccessEvent(e.event))
        return fail(
          'access log',
          n,
          `access event ${e.seq} is neither a membership change nor a correction link`,
        )
      try {
        access = evolveAccess(access, e.event)
      } catch (err) {
        return fail('access log', n, `access event ${e.seq} does not fold: ${String(err)}`)
      }
    }
    out.access = { events: accessEvents.length, head: a.head }
  }
  pass('access log', `${accessEvents.length} access changes after finalisation`)

  // Corrections: the record this one corrects, and those that correct it, linked both ways by hash.
  const corrections = await verifyCorrectionChain(storage, panelId)
  if (!corrections.ok) return fail('corrections', n, corrections.reason)
  out.corrections = corrections.chain
  pass(
    'corrections',
    corrections.chain.chain.length > 1
      ? `a chain of ${corrections.chain.chain.length} records, each link holding both ways`
      : 'neither corrects nor is corrected',
  )

  // Projections: the panel row and the memberships are what the log says.
  const row = await storage.findPanel(panelId)
  if (!row) return fail('panel row', n, 'the log has no panel row')
  const foldedFinal = state.finalised?.at ?? null
  if (row.finalisedAt && !foldedFinal)
    return fail(
      'panel row',
      n + 1,
      `the panel was finalised (${row.finalisedAt}) but its log ends at event ${n} without the finalisation: events after ${n} are missing`,
    )
  if ((row.finalisedAt ?? null) !== foldedFinal)
    return fail(
      'panel row',
      n,
      `the panel row's finalisation (${row.finalisedAt ?? 'none'}) is not the log's (${foldedFinal ?? 'none'})`,
    )
  const want = canonicalize(rolesOf(access).sort((x, y) => (x.accountId < y.accountId ? -1 : 1)))
  const have = canonicalize(
    (await storage.listMemberships(panelId))
      .map((m) => ({ accountId: m.accountId, role: m.role }))
      .sort((x, y) => (x.accountId < y.accountId ? -1 : 1)),
  )
  if (want !== have)
    return fail(
      'memberships',
      n,
      'the memberships table differs from the membership the log derives (a role was changed or a member added outside the rules)',
    )
  pass('projections', 'panel row and memberships match the log')

  // The workspace: its chain, and each checkpoint against the updates before it. After a compaction, the
  // checkpoints it kept are checked against the sha256 its sealed manifest records, and the chain goes
  // on from the seal.
  const updates = await storage.loadWorkspaceUpdates(panelId)
  let wcps = await storage.listCheckpoints(panelId, 'workspace')
  const compaction = await storage.loadCompaction(panelId)
  let chainFrom: string | undefined
  let sealedSeq = 0
  if (compaction) {
    const problem = compactionProblem(compaction, wcps, updates, finalisedAt > 0)
    if (problem) return fail('compaction', n, problem)
    const m = JSON.parse(compaction.manifest) as CompactionManifest
    out.compacted = {
      at: m.at,
      upto: m.upto,
      updates: m.updates,
      checkpoints: m.checkpoints.length,
      archiveSha256: m.archive.sha256,
    }
    pass(
      'compaction',
      `on ${m.at}, ${m.updates} workspace updates up to ${m.upto} were compacted into ${m.checkpoints.length} checkpoints (one per panel event), which match its sealed manifest; archive sha256 ${m.archive.sha256}`,
    )
    wcps = wcps.filter((c) => c.seq > compaction.upto)
    chainFrom = compaction.sealedHead
    sealedSeq = compaction.upto
  }
  const w = verifyWorkspaceChain(panelId, updates, chainFrom)
  if (!w.ok) return fail('workspace', n, w.broken!.reason)
  out.workspace = { updates: w.updates, head: w.head }
  if (wcps.length) {
    const doc = new Y.Doc()
    try {
      let i = 0
      for (const cp of wcps) {
        for (; i < updates.length && updates[i]!.seq <= cp.seq; i++) {
          try {
            Y.applyUpdate(doc, updates[i]!.update)
          } catch {
            // refused live as well
          }
        }
        let stored: string
        try {
          stored = withDoc(cp.state, digestOf)
        } catch {
          return fail(
            'workspace checkpoints',
            n,
            `the workspace checkpoint at update ${cp.seq} cannot be read`,
          )
        }
        if (stored !== digestOf(doc))
          return fail(
            'workspace checkpoints',
            n,
            `the workspace checkpoint at update ${cp.seq} differs from the updates before it (it was altered)`,
          )
      }
    } finally {
      doc.destroy()
    }
  }
  pass('workspace', `${w.updates} updates chain; ${wcps.length} checkpoints match them`)

  // The newest heads against the signed head log outside the database: a deleted or rewritten tail shows.
  if (evidence) {
    const heads: [ChainName, number, string][] = [
      ['events', n, chain.head],
      ['access', accessEvents.length, out.access?.head ?? ''],
      ['workspace', updates.at(-1)?.seq ?? sealedSeq, w.head],
    ]
    for (const [name, seq, hash] of heads) {
      const signed = evidence.newest(panelId, name)
      if (!signed) {
        if (seq === 0 || evidence.partial) continue
        return fail(
          'signed heads',
          n,
          `no signed head for the ${name} chain: the store holds ${name} the server never signed`,
        )
      }
      if (!verifyHeadSignature(evidence.keys, signed))
        return fail(
          'signed heads',
          n,
          `the signed ${name} head has a bad signature (the head log was altered)`,
        )
      if (signed.seq > seq)
        return fail(
          'signed heads',
          seq + 1,
          `the server signed ${name} up to ${signed.seq} but the store ends at ${seq}: the newest ${name} were deleted`,
        )
      if (signed.seq < seq && evidence.partial) continue
      if (signed.seq < seq)
        return fail(
          'signed heads',
          signed.seq + 1,
          `the store holds ${name} after ${signed.seq} that the server never signed (appended outside the server)`,
        )
      if (signed.hash !== hash)
        return fail(
          'signed heads',
          seq,
          `the ${name} chain's head is not the one the server signed: the chain was rewritten`,
        )
    }
    pass('signed heads', 'the newest heads are the ones the server signed')
  }
  return out
}

/** What is wrong with a compaction as the store holds it; null when it holds. */
function compactionProblem(
  c: WorkspaceCompaction,
  checkpoints: Checkpoint[],
  updates: { seq: number }[],
  finalised: boolean,
): string | null {
  if (!finalised) return 'the workspace history of a panel in progress was compacted'
  let m: CompactionManifest
  try {
    m = JSON.parse(c.manifest) as CompactionManifest
  } catch {
    return 'the compaction manifest cannot be read'
  }
  if (sealedHead(c.headBefore, c.manifest) !== c.sealedHead)
    return 'the compaction seal does not match its manifest (the manifest was altered)'
  if (
    m.format !== COMPACTION_FORMAT ||
    m.panelId !== c.panelId ||
    m.upto !== c.upto ||
    m.headBefore !== c.headBefore
  )
    return 'the compaction manifest does not describe this compaction'
  if (updates.some((u) => u.seq <= c.upto))
    return `updates up to ${c.upto} should have gone with the compaction`
  const kept = checkpoints.filter((cp) => cp.seq <= c.upto)
  const want = new Map(m.checkpoints.map((x) => [x.workspaceSeq, x.sha256]))
  if (kept.length !== want.size)
    return `the compaction sealed ${want.size} checkpoints; the store holds ${kept.length}`
  for (const cp of kept)
    if (want.get(cp.seq) !== createHash('sha256').update(cp.state).digest('hex'))
      return `the compacted checkpoint at update ${cp.seq} is not the one the compaction sealed (it was altered)`
  return null
}
