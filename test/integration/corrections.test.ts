// Corrections end to end: a finalised Gloucestershire panel whose case grid had one answer wrong is
// corrected by a new, linked record; the original's frozen record never changes; verify follows the chain
// and names a link that was tampered with. Real server on port 0, real SQLite file.
import Database from 'better-sqlite3'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { accessGenesis, chainEvents, genesisHash } from '../../server/panels/chain.ts'
import { verifyStoredPanel } from '../../server/panels/verify.ts'
import type { StoredEvent } from '../../server/storage/port.ts'
import { openSqliteStorage } from '../../server/storage/sqlite.ts'
import type { PanelEvent } from '../../shared/panel/types.ts'
import {
  readFixture,
  readFixtureJson,
  startTestServer,
  type Member,
  type TestServer,
} from '../support/server.ts'

const decisions = readFixtureJson<{ decisions: Record<string, { rating: string; justification: string }> }>(
  'gloucestershire-2020.decisions.json',
).decisions
const gridInspection = readFixtureJson('gloucestershire-2020.grid.inspection.json')
const grid = readFixture('gloucestershire-2020.cases.csv')
/** The grid with case C02's answer to 2.1.3 corrected from N to Y: 2.1 is Good by the rules. */
const correctedGrid = grid.replace(/^C02,court,Y,Y,N,/m, 'C02,court,Y,Y,Y,')
const REASON = 'Case C02 was recorded as No for 2.1.3 in error; the case file shows Yes.'

let t: TestServer | null = null
const dirs: string[] = []
afterEach(async () => {
  await t?.close()
  t = null
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function finalise(t: TestServer, lead: Member, panelId: string) {
  await t.accept(lead, panelId, { type: 'finalise' })
  const r = await t.api(lead, 'GET', `/api/panels/${panelId}/record`)
  expect(r.status).toBe(200)
  return { text: r.text, hash: r.headers.get('x-record-hash')!, json: r.json, headers: r.headers }
}

/** Gloucestershire from its case grid, the three published decisions applied, finalised. */
async function finalisedGloucestershire() {
  t = await startTestServer()
  const lead = t.organiser
  const panelId = await t.createPanel(lead, { inspection: gridInspection, caseGridCsv: grid })
  const ann = await t.invite(lead, panelId, 'inspector', 'Ann Inspector')
  const rita = await t.invite(lead, panelId, 'reviewer', 'Rita Reviewer')
  for (const [sid, d] of Object.entries(decisions)) {
    const { proposalId } = await t.accept(ann, panelId, {
      type: 'propose',
      standardId: sid,
      rating: d.rating,
      justification: d.justification,
    })
    await t.accept(lead, panelId, { type: 'decide', proposalId, outcome: 'applied', text: d.justification })
  }
  const record = await finalise(t, lead, panelId)
  return { t, lead, ann, rita, panelId, record }
}

describe('corrections', () => {
  it('corrects a finalised record by a new, linked one; the original never changes', async () => {
    const { t, lead, ann, rita, panelId, record } = await finalisedGloucestershire()
    expect(record.json.final.overall).toMatchObject({ score: 18, max: 36 })

    // An inspector cannot open a correction; nor can anyone without a reason, or with personal data in it.
    const byAnn = await t.api(ann, 'POST', `/api/panels/${panelId}/corrections`, { reason: REASON })
    expect(byAnn.status).toBe(403)
    expect(byAnn.json.error.code).toBe('forbidden')
    expect((await t.api(lead, 'POST', `/api/panels/${panelId}/corrections`, { reason: 'typo' })).status).toBe(
      422,
    )
    const personal = await t.api(lead, 'POST', `/api/panels/${panelId}/corrections`, {
      reason: 'The child born 12/03/2008 was counted twice in the grid.',
    })
    expect(personal.status).toBe(422)

    // Before opening, the corrected file's differences (nothing written); an inspector may not ask.
    const corrected = { inspection: gridInspection, caseGridCsv: correctedGrid }
    expect((await t.api(ann, 'POST', `/api/panels/${panelId}/corrections/preview`, corrected)).status).toBe(
      403,
    )
    const preview = await t.api(lead, 'POST', `/api/panels/${panelId}/corrections/preview`, corrected)
    expect(preview.status, preview.text).toBe(200)
    expect(
      preview.json.differences.map(
        (d: { kind: string; standardId?: string }) => `${d.kind} ${d.standardId ?? ''}`,
      ),
    ).toEqual(['input 2.1', 'rules-based 2.1', 'footnote 2.1'])
    expect(preview.json.notCarried).toEqual([expect.objectContaining({ standardId: '2.1' })])
    expect((await t.api(lead, 'GET', `/api/panels/${panelId}/corrections`)).json.correctedBy).toEqual([])

    const opened = await t.api(lead, 'POST', `/api/panels/${panelId}/corrections`, {
      reason: REASON,
      inspection: gridInspection,
      caseGridCsv: correctedGrid,
    })
    expect(opened.status, opened.text).toBe(201)
    const C = opened.json.panel.id as string
    expect(opened.json.correctionOf).toMatchObject({ panelId, recordHash: record.hash, reason: REASON })
    // Everyone re-invited in one step, bound to their accounts, with their roles.
    expect(
      opened.json.invites.map((i: { name: string; role: string; accountId: string }) => [
        i.name,
        i.role,
        i.accountId,
      ]),
    ).toEqual([
      ['Ann Inspector', 'inspector', ann.accountId],
      ['Rita Reviewer', 'reviewer', rita.accountId],
    ])
    // A second correction of the same record is refused: correct the correction instead.
    expect((await t.api(lead, 'POST', `/api/panels/${panelId}/corrections`, { reason: REASON })).status).toBe(
      409,
    )

    // The correction's log: created, then correction.opened naming the record; 2.1's decision is not
    // carried (its rules-based rating is now Good), 3.2 and 3.3 are, as decided proposals.
    const events = (await t.api(lead, 'GET', `/api/panels/${C}/events`)).json.events as StoredEvent[]
    expect(events.slice(0, 3).map((e) => e.event.type)).toEqual([
      'panel.created',
      'correction.opened',
      'member.added',
    ])
    const openedEvent = events[1]!.event as Extract<PanelEvent, { type: 'correction.opened' }>
    expect(openedEvent.correctionOf).toEqual({ panelId, recordHash: record.hash })
    expect(openedEvent.notCarried).toEqual([
      expect.objectContaining({ standardId: '2.1', to: 'Good', outcome: 'applied' }),
    ])
    const state = (await t.api(lead, 'GET', `/api/panels/${C}`)).json.state
    const carried = Object.values(state.proposals) as {
      standardId: string
      status: string
      carriedFrom: unknown
    }[]
    expect(carried.map((p) => [p.standardId, p.status])).toEqual([
      ['3.2', 'applied'],
      ['3.3', 'applied'],
    ])
    expect(carried.every((p) => (p.carriedFrom as { panelId: string }).panelId === panelId)).toBe(true)

    // Ann accepts her re-invitation signed in, from the original's corrections (no link needed).
    const fromOriginal = await t.api(ann, 'GET', `/api/panels/${panelId}/corrections`)
    expect(fromOriginal.json.correctedBy).toEqual([
      expect.objectContaining({ panelId: C, reason: REASON, finalisedAt: null, byName: lead.name }),
    ])
    const invitation = fromOriginal.json.correctedBy[0].invitation as string
    expect(invitation).toMatch(/^inv_/)
    expect((await t.api(rita, 'POST', `/api/panels/${C}/invites/${invitation}/accept`)).status).toBe(404)
    expect((await t.api(ann, 'POST', `/api/panels/${C}/invites/${invitation}/accept`)).status).toBe(200)
    expect((await t.api(ann, 'GET', `/api/panels/${C}`)).json.role).toBe('inspector')
    // The inspector can re-decide nothing carried; the lead reopens 3.3 and the panel keeps it rules-based.
    const p33 = Object.values(state.proposals as Record<string, { id: string; standardId: string }>).find(
      (p) => p.standardId === '3.3',
    )!
    expect((await t.command(ann, C, { type: 'retract', proposalId: p33.id })).status).toBe(403)
    await t.accept(lead, C, { type: 'retract', proposalId: p33.id })
    const correction = await finalise(t, lead, C)

    // The correction's record names the corrected one; its report shows what changed and both hashes.
    expect(correction.json.correctionOf).toMatchObject({ panelId, recordHash: record.hash, reason: REASON })
    expect(correction.headers.get('link')).toBe(`</api/panels/${panelId}/record>; rel="predecessor-version"`)
    const diff = (await t.api(lead, 'GET', `/api/panels/${C}/corrections`)).json
    expect(diff.recordHash).toBe(correction.hash)
    expect(diff.correctionOf).toMatchObject({
      panelId,
      recordHash: record.hash,
      found: true,
      hashMatches: true,
    })
    expect(diff.correctionOf.differences).toEqual([
      {
        kind: 'input',
        standardId: '2.1',
        keyQuestion: '2.1.3',
        before: expect.any(String),
        after: expect.any(String),
        cases: [{ ref: 'C02', before: 'no', after: 'yes' }],
      },
      { kind: 'rules-based', standardId: '2.1', before: 'Requires improvement', after: 'Good' },
      { kind: 'footnote', standardId: '2.1', before: decisions['2.1']!.justification, after: '—' },
      { kind: 'final', standardId: '3.3', before: 'Requires improvement', after: 'Inadequate' },
      { kind: 'footnote', standardId: '3.3', before: decisions['3.3']!.justification, after: '—' },
      { kind: 'score', before: '18/36', after: '17/36' },
    ])
    const [kqBefore, kqAfter] = [
      diff.correctionOf.differences[0].before,
      diff.correctionOf.differences[0].after,
    ]
    expect(Number(kqAfter.split('/')[0]) - Number(kqBefore.split('/')[0])).toBe(1)

    // The original: byte for byte the same record and hash, and it links forward.
    const again = await t.api(rita, 'GET', `/api/panels/${panelId}/record`)
    expect(again.text).toBe(record.text)
    expect(again.headers.get('x-record-hash')).toBe(record.hash)
    expect(again.headers.get('link')).toBe(`</api/panels/${C}/record>; rel="successor-version"`)
    const forward = (await t.api(rita, 'GET', `/api/panels/${panelId}/corrections`)).json.correctedBy[0]
    expect(forward).toMatchObject({
      panelId: C,
      recordHash: correction.hash,
      finalisedAt: expect.any(String),
    })
    const csv = (await t.api(rita, 'GET', `/api/panels/${panelId}/record.csv`)).text
    expect(csv).toContain(`corrected by,${C},`)
    expect((await t.api(lead, 'GET', `/api/panels/${C}/record.csv`)).text).toContain(
      `correction of,${panelId},${record.hash},`,
    )

    // Verify follows the chain both ways.
    for (const id of [panelId, C]) {
      const v = (await t.api(lead, 'GET', `/api/panels/${id}/verify`)).json
      expect(v.ok, JSON.stringify(v.checks)).toBe(true)
      expect(v.corrections.chain).toEqual([panelId, C])
    }

    // A correction of the correction: the chain grows, each link checked.
    const second = await t.api(lead, 'POST', `/api/panels/${C}/corrections`, {
      reason: 'The reviewer asked for the correction to be checked again; no rating is expected to change.',
    })
    expect(second.status, second.text).toBe(201)
    const D = second.json.panel.id as string
    expect(second.json.correctionOf).toMatchObject({ panelId: C, recordHash: correction.hash })
    const dRecord = await finalise(t, lead, D)
    expect(dRecord.json.correctionOf.panelId).toBe(C)
    const dDiff = (await t.api(lead, 'GET', `/api/panels/${D}/corrections`)).json
    expect(dDiff.correctionOf.differences).toEqual([])
    for (const id of [panelId, C, D]) {
      const v = (await t.api(lead, 'GET', `/api/panels/${id}/verify`)).json
      expect(v.ok, JSON.stringify(v.checks)).toBe(true)
      expect(v.corrections.chain).toEqual([panelId, C, D])
    }
    expect((await t.api(rita, 'GET', `/api/panels/${panelId}/record`)).text).toBe(record.text)

    // ---- tampering, on copies of the stopped server's store
    const dataDir = t.dataDir
    await t.close(false)
    dirs.push(dataDir)
    const cases: { name: string; panel: string; reason: RegExp; tamper: (db: Database.Database) => void }[] =
      [
        {
          name: 'the forward link re-pointed (and re-chained)',
          panel: panelId,
          reason: /names panel p_nothere, which does not exist/,
          tamper: (db) =>
            rewriteAccess(db, panelId, (e) =>
              e.type === 'correction.linked' ? { ...e, correctionPanelId: 'p_nothere' } : e,
            ),
        },
        {
          name: 'the forward link re-pointed: seen from the correction',
          panel: C,
          reason: new RegExp(`panel ${panelId} has no forward link to its correction ${C}`),
          tamper: (db) =>
            rewriteAccess(db, panelId, (e) =>
              e.type === 'correction.linked' ? { ...e, correctionPanelId: 'p_nothere' } : e,
            ),
        },
        {
          name: 'the forward link altered in place',
          panel: panelId,
          reason: /access log: event 1 has been altered/,
          tamper: (db) => {
            const row = db
              .prepare('SELECT event FROM access_events WHERE panel_id = ? AND seq = 1')
              .get(panelId) as {
              event: string
            }
            db.prepare('UPDATE access_events SET event = ? WHERE panel_id = ? AND seq = 1').run(
              row.event.replace(C, D),
              panelId,
            )
          },
        },
        {
          name: 'the named hash altered (and the correction re-chained)',
          panel: C,
          reason: new RegExp(
            `names record hash 0{64} of panel ${panelId}, but that record's hash is ${record.hash}`,
          ),
          tamper: (db) =>
            rewriteEvents(db, C, (e) =>
              e.type === 'correction.opened'
                ? { ...e, correctionOf: { ...e.correctionOf, recordHash: '0'.repeat(64) } }
                : e,
            ),
        },
        {
          name: 'the named hash altered: seen from the original, down the chain',
          panel: panelId,
          reason: new RegExp(`correction ${C} names record hash 0{64}`),
          tamper: (db) =>
            rewriteEvents(db, C, (e) =>
              e.type === 'correction.opened'
                ? { ...e, correctionOf: { ...e.correctionOf, recordHash: '0'.repeat(64) } }
                : e,
            ),
        },
      ]
    // npm run verify, as an operator runs it: the whole chain, then a tampered copy.
    const intact = await runVerify(['--data', dataDir])
    expect(intact.code, intact.out).toBe(0)
    expect(intact.out).toContain(`chain of corrections: ${panelId} → ${C} → ${D}`)
    expect(intact.out).toContain(`corrects ${panelId} (record sha256 ${record.hash})`)
    const forged = await runVerify(['--data', tamperableCopy(dataDir, cases[3]!.tamper), '--panel', C])
    expect(forged.code, forged.out).toBe(1)
    expect(forged.out).toContain(`BROKEN  ${C}: [corrections]`)

    for (const c of cases) {
      const dir = tamperableCopy(dataDir, c.tamper)
      const storage = openSqliteStorage(dir)
      try {
        const v = await verifyStoredPanel(storage, c.panel)
        expect(v.ok, c.name).toBe(false)
        const failed = v.checks.find((x) => !x.ok)!
        expect(failed.detail, c.name).toMatch(c.reason)
      } finally {
        await storage.close()
      }
    }
  })
})

/** A copy of a stopped server's data dir with the append-only triggers dropped, tampered with. */
function tamperableCopy(dataDir: string, tamper: (db: Database.Database) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-tamper-'))
  dirs.push(dir)
  fs.cpSync(dataDir, dir, { recursive: true })
  const db = new Database(path.join(dir, 'panels.sqlite'))
  db.exec(
    'DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete; DROP TRIGGER access_events_no_update; DROP TRIGGER access_events_no_delete',
  )
  tamper(db)
  db.close()
  return dir
}

type Row = { seq: number; event: string }
/** Rewrites a panel's events and chains them again, as a forger who knows the scheme would. */
function rewriteEvents(db: Database.Database, panelId: string, change: (e: PanelEvent) => PanelEvent) {
  const rows = db
    .prepare('SELECT seq, event FROM events WHERE panel_id = ? ORDER BY seq')
    .all(panelId) as Row[]
  const stored = chainEvents(
    panelId,
    0,
    genesisHash(panelId),
    rows.map((r) => change(JSON.parse(r.event))),
  )
  const set = db.prepare(
    'UPDATE events SET event = ?, hash = ?, prev_hash = ? WHERE panel_id = ? AND seq = ?',
  )
  for (const s of stored) set.run(JSON.stringify(s.event), s.hash, s.prevHash, panelId, s.seq)
  db.prepare('DELETE FROM checkpoints WHERE panel_id = ?').run(panelId)
  // Its access log chains from the record's head: chained again too.
  rewriteAccess(db, panelId, (e) => e)
}

function rewriteAccess(db: Database.Database, panelId: string, change: (e: PanelEvent) => PanelEvent) {
  const head = (
    db.prepare('SELECT hash FROM events WHERE panel_id = ? ORDER BY seq DESC LIMIT 1').get(panelId) as {
      hash: string
    }
  ).hash
  const rows = db
    .prepare('SELECT seq, event FROM access_events WHERE panel_id = ? ORDER BY seq')
    .all(panelId) as Row[]
  const stored = chainEvents(
    panelId,
    0,
    accessGenesis(panelId, head),
    rows.map((r) => change(JSON.parse(r.event))),
  )
  const set = db.prepare(
    'UPDATE access_events SET event = ?, hash = ?, prev_hash = ? WHERE panel_id = ? AND seq = ?',
  )
  for (const s of stored) set.run(JSON.stringify(s.event), s.hash, s.prevHash, panelId, s.seq)
}

function runVerify(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'verify', '--', ...args], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      env: { ...process.env, DATABASE_URL: '' },
    })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, out }))
  })
}
