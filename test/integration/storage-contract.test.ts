// One contract for the Storage port, run against every adapter: SQLite in a temp dir, PostgreSQL in a
// fresh schema of TEST_DATABASE_URL (skipped, visibly, without it; required when REQUIRE_SCALEOUT=1).
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import Database from 'better-sqlite3'
import pg from 'pg'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PanelEvent } from '../../shared/panel/types.ts'
import { verifyWorkspaceChain } from '../../server/panels/workspace-chain.ts'
import { chainEvents, genesisHash } from '../../server/panels/chain.ts'
import { openPostgresStorage } from '../../server/storage/postgres.ts'
import { openSqliteStorage } from '../../server/storage/sqlite.ts'
import type { WriterMode } from '../../server/storage/sqlite-writer.ts'
import { changeQa, isQa, readQaLog } from '../../server/accounts/qa-log.ts'
import { scratchHeadLog } from '../support/server.ts'
import { ConcurrencyError, type Storage, type StoredEvent } from '../../server/storage/port.ts'

/** One database for a test: open() gives a "process" on it (call twice for two), raw() runs SQL past the port. */
interface Fixture {
  open(): Promise<Storage>
  raw(sql: string): Promise<void>
  dispose(): Promise<void>
}

interface Adapter {
  name: string
  /** Why this adapter is not run here, or null when it is. */
  unavailable: string | null
  fixture(): Promise<Fixture>
}

const databaseUrl = process.env.TEST_DATABASE_URL
const requireScaleOut = process.env.REQUIRE_SCALEOUT === '1'

/** SQLite, its workspace writes committed where `writer` says (adaptive: inline while commits are quick). */
const sqliteWith = (writer: WriterMode): Adapter => ({
  name: `sqlite (writer ${writer})`,
  unavailable: null,
  async fixture() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rp-contract-'))
    const opened: Storage[] = []
    return {
      open: async () => {
        const s = openSqliteStorage(dir, { writer })
        opened.push(s)
        return s
      },
      raw: async (sql) => {
        const db = new Database(path.join(dir, 'panels.sqlite'))
        try {
          db.exec(sql)
        } finally {
          db.close()
        }
      },
      dispose: async () => {
        for (const s of opened) await s.close().catch(() => undefined)
        fs.rmSync(dir, { recursive: true, force: true })
      },
    }
  },
})

const postgres: Adapter = {
  name: 'postgres',
  unavailable: databaseUrl ? null : 'TEST_DATABASE_URL is not set (bash .ci/run sets it)',
  async fixture() {
    const schema = `contract_${process.pid}_${randomBytes(4).toString('hex')}`
    const opened: Storage[] = []
    const admin = new pg.Client({ connectionString: databaseUrl })
    await admin.connect()
    return {
      open: async () => {
        const s = await openPostgresStorage(databaseUrl!, { schema, maxConnections: 4 })
        opened.push(s)
        return s
      },
      raw: async (sql) => {
        await admin.query(`SET search_path = ${schema}`)
        await admin.query(sql)
      },
      dispose: async () => {
        for (const s of opened) await s.close().catch(() => undefined)
        await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
        await admin.end()
      },
    }
  },
}

const ISO = (ms: number) => new Date(Date.UTC(2025, 0, 1) + ms).toISOString()
const HOUR = 3_600_000

function joined(accountId: string, i: number): PanelEvent {
  return { type: 'member.joined', by: accountId, byName: `Person ${i}`, at: ISO(i * 1000), accountId }
}

describe.each([sqliteWith('adaptive'), sqliteWith('thread'), postgres])(
  'Storage contract: $name',
  (adapter) => {
    if (adapter.unavailable) {
      if (requireScaleOut)
        it(`runs (REQUIRE_SCALEOUT=1): ${adapter.unavailable}`, () => expect.fail(adapter.unavailable!))
      else it.skip(`skipped: ${adapter.unavailable}`, () => undefined)
      return
    }

    let fx: Fixture
    let s: Storage
    beforeEach(async () => {
      fx = await adapter.fixture()
      s = await fx.open()
    })
    afterEach(async () => {
      await fx.dispose()
    })

    async function seedPanel(id = 'p1', by = 'a1') {
      if (!(await s.findAccount(by)))
        await s.createAccount({ id: by, name: 'Lead', organiser: true, createdAt: ISO(0) })
      // The panel row and the lead's membership are projections, written with the panel's first events.
      await s.appendEvents(id, 0, [], {
        panel: {
          id,
          title: `Panel ${id}`,
          frameworkId: 'hmip-yj-2023',
          createdAt: ISO(1000),
          createdBy: by,
          finalisedAt: null,
        },
        memberships: [{ panelId: id, accountId: by, role: 'lead' }],
      })
    }

    it('reports its kind', () => {
      expect(s.kind).toBe(adapter.name.split(' ')[0])
    })

    it('forgets sessions that have ended when the next one starts', async () => {
      await s.createAccount({ id: 'a1', name: 'Olive', organiser: true, createdAt: ISO(0) })
      await s.createSession({ idHash: 'old', accountId: 'a1', createdAt: ISO(0), expiresAt: ISO(HOUR) })
      await s.createSession({ idHash: 'live', accountId: 'a1', createdAt: ISO(10), expiresAt: ISO(3 * HOUR) })
      await s.createSession({
        idHash: 'new',
        accountId: 'a1',
        createdAt: ISO(2 * HOUR),
        expiresAt: ISO(5 * HOUR),
      })
      // Asked as of before it ended, the old one would still be found, were it kept.
      expect(await s.findSession('old', ISO(1))).toBeNull()
      expect(await s.findSession('live', ISO(2 * HOUR))).toMatchObject({ accountId: 'a1' })
    })

    it('binds an account to a provider subject once, and finds it by subject only', async () => {
      await s.createAccount({ id: 'a1', name: 'Olive', organiser: true, createdAt: ISO(0) })
      await s.createAccount({ id: 'a2', name: 'Ann', organiser: false, createdAt: ISO(0) })
      expect(await s.findAccountBySubject('https://idp', 'sub-1')).toBeNull()
      expect(await s.bindAccountSubject('a1', 'https://idp', 'sub-1')).toBe(true)
      expect(await s.findAccountBySubject('https://idp', 'sub-1')).toMatchObject({
        id: 'a1',
        organiser: true,
      })
      // Neither a second subject for the account, nor the same subject for another account.
      expect(await s.bindAccountSubject('a1', 'https://idp', 'sub-2')).toBe(false)
      expect(await s.bindAccountSubject('a2', 'https://idp', 'sub-1')).toBe(false)
      // The same subject at another issuer is another person.
      expect(await s.findAccountBySubject('https://other', 'sub-1')).toBeNull()
      expect(await s.bindAccountSubject('a2', 'https://other', 'sub-1')).toBe(true)
    })

    it('hands an OpenID Connect flow out once, and never an expired one', async () => {
      const flow = {
        stateHash: 'st-1',
        browserHash: 'br-1',
        codeVerifier: 'v',
        nonce: 'n',
        inviteTokenHash: 'h-invite',
        linkAccountId: null,
        expiresAt: ISO(HOUR),
      }
      await s.saveOidcFlow(flow)
      await s.saveOidcFlow({ ...flow, stateHash: 'st-old', expiresAt: ISO(10) })
      expect(await s.consumeOidcFlow('st-1', ISO(1000))).toEqual(flow)
      expect(await s.consumeOidcFlow('st-1', ISO(1000))).toBeNull()
      expect(await s.consumeOidcFlow('st-old', ISO(11))).toBeNull()
      await s.bindInviteEmail('h-invite', 'ann@example.org')
      expect(await s.findInviteEmail('h-invite')).toBe('ann@example.org')
      expect(await s.findInviteEmail('h-other')).toBeNull()
      // Kept only while its invitation can still be used.
      const invite = {
        kind: 'invite' as const,
        panelId: 'p1',
        inviteId: 'inv1',
        role: 'inspector' as const,
        accountId: null,
        name: 'Ann',
        usedAt: null,
      }
      await s.saveLinkToken({ ...invite, tokenHash: 'h-invite', expiresAt: ISO(HOUR) })
      await s.saveLinkToken({ ...invite, tokenHash: 'h-used', expiresAt: ISO(HOUR) })
      await s.bindInviteEmail('h-used', 'bob@example.org')
      await s.bindInviteEmail('h-gone', 'eve@example.org')
      await s.consumeLinkToken('h-used', ISO(5))
      await s.pruneInviteEmails(ISO(10))
      expect(await s.findInviteEmail('h-invite')).toBe('ann@example.org')
      expect(await s.findInviteEmail('h-used')).toBeNull()
      expect(await s.findInviteEmail('h-gone')).toBeNull()
      await s.pruneInviteEmails(ISO(HOUR))
      expect(await s.findInviteEmail('h-invite')).toBeNull()
    })

    it('takes a readiness probe write, again and again (one row, updated)', async () => {
      await s.probeWrite(ISO(0))
      await s.probeWrite(ISO(1))
      await expect(s.probeWrite(ISO(2))).resolves.toBeUndefined()
    })

    it('keeps every version of a framework once, newest first', async () => {
      const v = (id: string, hash: string, ms: number) => ({
        id,
        hash,
        title: `${id} ${hash}`,
        json: JSON.stringify({ id, hash, text: 'Cymraeg: “ŵ” ✓' }),
        uploadedBy: 'Olive',
        uploadedAt: ISO(ms),
      })
      expect(await s.listFrameworks()).toEqual([])
      await s.saveFramework(v('fw-a', 'a'.repeat(64), 1000))
      await s.saveFramework(v('fw-a', 'b'.repeat(64), 2000))
      await s.saveFramework(v('fw-b', 'c'.repeat(64), 3000))
      // The same version again changes nothing, even with another title or time.
      await s.saveFramework({ ...v('fw-a', 'a'.repeat(64), 9000), title: 'other' })
      const all = await s.listFrameworks()
      expect(all.map((f) => [f.id, f.hash[0], f.uploadedAt])).toEqual([
        ['fw-b', 'c', ISO(3000)],
        ['fw-a', 'b', ISO(2000)],
        ['fw-a', 'a', ISO(1000)],
      ])
      expect(all[2]).toEqual(v('fw-a', 'a'.repeat(64), 1000))
    })

    it('creates, counts and finds accounts', async () => {
      expect(await s.countAccounts()).toBe(0)
      await s.createAccount({ id: 'a1', name: 'Olive Organiser', organiser: true, createdAt: ISO(0) })
      await s.createAccount({ id: 'a2', name: 'Ann Inspector', organiser: false, createdAt: ISO(5) })
      expect(await s.countAccounts()).toBe(2)
      expect(await s.findAccount('a1')).toEqual({
        id: 'a1',
        name: 'Olive Organiser',
        organiser: true,
        createdAt: ISO(0),
      })
      expect(await s.findAccount('a2')).toEqual({
        id: 'a2',
        name: 'Ann Inspector',
        organiser: false,
        createdAt: ISO(5),
      })
      expect(await s.findAccount('nobody')).toBeNull()
      await expect(
        s.createAccount({ id: 'a1', name: 'Again', organiser: false, createdAt: ISO(0) }),
      ).rejects.toThrow()
    })

    it('consumes a link token once, and never an expired or unknown one', async () => {
      const invite = {
        tokenHash: 'h-invite',
        kind: 'invite' as const,
        panelId: 'p1',
        inviteId: 'inv1',
        role: 'inspector' as const,
        accountId: null,
        name: 'Ann',
        expiresAt: ISO(HOUR),
        usedAt: null,
      }
      await s.saveLinkToken(invite)
      expect(await s.findLinkToken('h-invite', ISO(1000))).toEqual(invite)
      await s.saveLinkToken({
        tokenHash: 'h-old',
        kind: 'sign-in',
        panelId: null,
        inviteId: null,
        role: null,
        accountId: 'a1',
        name: null,
        expiresAt: ISO(HOUR),
        usedAt: null,
      })
      expect(await s.consumeLinkToken('h-invite', ISO(1000))).toEqual({ ...invite, usedAt: ISO(1000) })
      expect(await s.consumeLinkToken('h-invite', ISO(2000))).toBeNull()
      expect(await s.consumeLinkToken('h-old', ISO(HOUR))).toBeNull()
      expect(await s.consumeLinkToken('h-old', ISO(HOUR + 1))).toBeNull()
      expect(await s.consumeLinkToken('h-unknown', ISO(0))).toBeNull()
    })

    it('lets exactly one of two concurrent consumers have a token', async () => {
      const other = await fx.open()
      await s.saveLinkToken({
        tokenHash: 'h-race',
        kind: 'first-organiser',
        panelId: null,
        inviteId: null,
        role: null,
        accountId: null,
        name: null,
        expiresAt: ISO(HOUR),
        usedAt: null,
      })
      const got = await Promise.all([
        s.consumeLinkToken('h-race', ISO(1)),
        other.consumeLinkToken('h-race', ISO(2)),
      ])
      expect(got.filter(Boolean)).toHaveLength(1)
    })

    it('finds a session until it expires, and not after it is deleted', async () => {
      await s.createAccount({ id: 'a1', name: 'Olive', organiser: true, createdAt: ISO(0) })
      const session = { idHash: 'sess-1', accountId: 'a1', createdAt: ISO(0), expiresAt: ISO(12 * HOUR) }
      await s.createSession(session)
      await s.createSession({
        idHash: 'sess-2',
        accountId: 'a1',
        createdAt: ISO(0),
        expiresAt: ISO(12 * HOUR),
      })
      expect(await s.findSession('sess-1', ISO(HOUR))).toEqual(session)
      expect(await s.findSession('sess-1', ISO(12 * HOUR))).toBeNull()
      expect(await s.findSession('nope', ISO(HOUR))).toBeNull()
      await s.deleteSession('sess-1')
      expect(await s.findSession('sess-1', ISO(0))).toBeNull()
      expect(await s.findSession('sess-2', ISO(HOUR))).not.toBeNull()
    })

    it('keeps panels and memberships', async () => {
      await seedPanel('p1')
      await s.createAccount({ id: 'a2', name: 'Ann', organiser: false, createdAt: ISO(0) })
      await s.appendEvents('p2', 0, [], {
        panel: {
          id: 'p2',
          title: 'Second',
          frameworkId: 'hmip-yj-2023',
          createdAt: ISO(9000),
          createdBy: 'a1',
          finalisedAt: null,
        },
        memberships: [{ panelId: 'p2', accountId: 'a1', role: 'lead' }],
      })
      const lead = { panelId: 'p1', accountId: 'a1', role: 'lead' as const }
      await s.appendEvents('p1', 0, [], {
        memberships: [lead, { panelId: 'p1', accountId: 'a2', role: 'inspector' }],
      })
      // Each projection replaces the panel's rows: a role is what the newest events say.
      await s.appendEvents('p1', 0, [], {
        memberships: [lead, { panelId: 'p1', accountId: 'a2', role: 'reviewer' }],
      })
      expect(await s.listMemberships('p1')).toEqual([
        lead,
        { panelId: 'p1', accountId: 'a2', role: 'reviewer' },
      ])

      expect(await s.findPanel('p1')).toEqual({
        id: 'p1',
        title: 'Panel p1',
        frameworkId: 'hmip-yj-2023',
        createdAt: ISO(1000),
        createdBy: 'a1',
        finalisedAt: null,
      })
      expect(await s.findPanel('nope')).toBeNull()
      expect(await s.findMembership('p1', 'a2')).toEqual({ panelId: 'p1', accountId: 'a2', role: 'reviewer' })
      expect(await s.findMembership('p2', 'a2')).toBeNull()
      expect((await s.listPanels('a1')).map((p) => [p.id, p.role])).toEqual([
        ['p2', 'lead'],
        ['p1', 'lead'],
      ])
      expect((await s.listPanels('a2')).map((p) => [p.id, p.role])).toEqual([['p1', 'reviewer']])
      expect(await s.listPanels('nobody')).toEqual([])
      expect(await s.listAllPanelIds()).toEqual(['p1', 'p2'])

      await s.appendEvents('p1', 0, [], { finalisedAt: ISO(HOUR) })
      expect((await s.findPanel('p1'))!.finalisedAt).toBe(ISO(HOUR))
      expect((await s.listPanels('a2'))[0]!.finalisedAt).toBe(ISO(HOUR))
    })

    it('appends events in order and loads them after a position', async () => {
      await seedPanel()
      const first = chainEvents('p1', 0, genesisHash('p1'), [joined('a1', 1), joined('a2', 2)])
      await s.appendEvents('p1', 0, first)
      const more = chainEvents('p1', 2, first[1]!.hash, [joined('a3', 3)])
      await s.appendEvents('p1', 2, more)
      const all = await s.loadEvents('p1')
      expect(all).toEqual([...first, ...more])
      expect((await s.loadEvents('p1', 2)).map((e) => e.seq)).toEqual([3])
      expect(await s.loadEvents('p1', 3)).toEqual([])
      expect(await s.loadEvents('other')).toEqual([])
    })

    it('keeps sealed votes apart with the events that commit to them: replaced per voter, dropped per proposal', async () => {
      await seedPanel()
      const row = (proposalId: string, accountId: string, stance: string, at: number) => ({
        panelId: 'p1',
        proposalId,
        accountId,
        commitment: randomBytes(32).toString('hex'),
        stance,
        justification: `Why ${accountId} is ${stance} — “quoted” ✓`,
        salt: randomBytes(32).toString('hex'),
        at: ISO(at),
      })
      const a1 = row('pr1', 'a1', 'support', 1000)
      const a2 = row('pr1', 'a2', 'oppose', 2000)
      const b1 = row('pr2', 'a1', 'abstain', 3000)
      const first = chainEvents('p1', 0, genesisHash('p1'), [joined('a1', 1)])
      await s.appendEvents('p1', 0, first, { sealedVotes: { put: [a1, a2, b1], dropProposals: [] } })
      expect(await s.loadSealedVotes('p1')).toEqual([a1, a2, b1])
      expect(await s.loadSealedVotes('p1', { proposalId: 'pr1' })).toEqual([a1, a2])
      expect(await s.loadSealedVotes('p1', { accountId: 'a1' })).toEqual([a1, b1])
      expect(await s.loadSealedVotes('other')).toEqual([])
      // A change before the reveal replaces the voter's row; a reveal (or retraction) drops the proposal's.
      const changed = row('pr1', 'a1', 'oppose', 4000)
      const second = chainEvents('p1', 1, first[0]!.hash, [joined('a2', 2)])
      await s.appendEvents('p1', 1, second, { sealedVotes: { put: [changed], dropProposals: ['pr2'] } })
      expect(await s.loadSealedVotes('p1')).toEqual([changed, a2])
      // Refused with its events: a stale head stores none of it.
      await expect(
        s.appendEvents('p1', 1, second, { sealedVotes: { put: [], dropProposals: ['pr1'] } }),
      ).rejects.toBeInstanceOf(ConcurrencyError)
      expect(await s.loadSealedVotes('p1')).toHaveLength(2)
    })

    it('keeps an event exactly as written (hash still verifies)', async () => {
      await seedPanel()
      const odd: PanelEvent = {
        ...joined('a1', 1),
        byName: 'Zoë "Q" \\ O’Brien ✓ 𝄞',
        at: '2025-01-01T00:00:00.000Z',
      }
      const stored = chainEvents('p1', 0, genesisHash('p1'), [odd])
      await s.appendEvents('p1', 0, stored)
      expect(await s.loadEvents('p1')).toEqual(stored)
    })

    it('refuses an append on a stale head with a ConcurrencyError, storing nothing', async () => {
      await seedPanel()
      const first = chainEvents('p1', 0, genesisHash('p1'), [joined('a1', 1)])
      await s.appendEvents('p1', 0, first)
      const stale = chainEvents('p1', 0, genesisHash('p1'), [joined('a2', 2)])
      await expect(s.appendEvents('p1', 0, stale)).rejects.toBeInstanceOf(ConcurrencyError)
      const ahead = chainEvents('p1', 5, first[0]!.hash, [joined('a2', 2)])
      await expect(s.appendEvents('p1', 5, ahead)).rejects.toBeInstanceOf(ConcurrencyError)
      expect(await s.loadEvents('p1')).toEqual(first)
    })

    it('lets exactly one of two processes append at the same head', async () => {
      await seedPanel()
      const other = await fx.open()
      for (let round = 0; round < 10; round++) {
        const log = await s.loadEvents('p1')
        const head = log.length
        const prev = log.at(-1)?.hash ?? genesisHash('p1')
        const mine = chainEvents('p1', head, prev, [joined('mine', round), joined('mine-too', round)])
        const theirs = chainEvents('p1', head, prev, [joined('theirs', round)])
        const results = await Promise.allSettled([
          s.appendEvents('p1', head, mine),
          other.appendEvents('p1', head, theirs),
        ])
        const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
        expect(lost).toHaveLength(1)
        expect(lost[0]!.reason).toBeInstanceOf(ConcurrencyError)
        const winner: StoredEvent[] = results[0]!.status === 'fulfilled' ? mine : theirs
        expect(await other.loadEvents('p1', head)).toEqual(winner)
      }
      const log = await s.loadEvents('p1')
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1))
    })

    it('refuses updates, deletions (and on PostgreSQL truncation) of events below the port', async () => {
      await seedPanel()
      await s.appendEvents('p1', 0, chainEvents('p1', 0, genesisHash('p1'), [joined('a1', 1)]))
      await expect(fx.raw(`UPDATE events SET hash = 'forged' WHERE panel_id = 'p1'`)).rejects.toThrow(
        /append-only/,
      )
      await expect(fx.raw(`DELETE FROM events WHERE panel_id = 'p1'`)).rejects.toThrow(/append-only/)
      if (adapter.name === 'postgres') await expect(fx.raw('TRUNCATE events')).rejects.toThrow(/append-only/)
      expect(await s.loadEvents('p1')).toHaveLength(1)
    })

    it('group-commits workspace updates with increasing seqs, kept byte for byte', async () => {
      await seedPanel('p1')
      await seedPanel('p2')
      const other = await fx.open()
      const payload = (i: number) => Uint8Array.from([i & 255, (i >> 8) & 255, 0, 255, 7])
      // One tick's worth from each of two processes, interleaved across two panels.
      const mine = Array.from({ length: 40 }, (_, i) =>
        s.appendWorkspaceUpdate({
          panelId: i % 2 ? 'p2' : 'p1',
          update: payload(i),
          accountId: 'a1',
          at: ISO(i),
        }),
      )
      const theirs = Array.from({ length: 40 }, (_, i) =>
        other.appendWorkspaceUpdate({
          panelId: 'p1',
          update: payload(1000 + i),
          accountId: 'a2',
          at: ISO(i),
        }),
      )
      const [a, b] = [
        (await Promise.all(mine)).map((r) => r.seq),
        (await Promise.all(theirs)).map((r) => r.seq),
      ]
      for (const seqs of [a, b])
        for (let i = 1; i < seqs.length; i++) expect(seqs[i]!).toBeGreaterThan(seqs[i - 1]!)
      expect(new Set([...a, ...b]).size).toBe(80)

      const p1 = await s.loadWorkspaceUpdates('p1')
      expect(p1).toHaveLength(60)
      expect(p1.map((u) => u.seq)).toEqual([...p1.map((u) => u.seq)].sort((x, y) => x - y))
      const firstMine = p1.find((u) => u.seq === a[0])!
      expect(firstMine).toMatchObject({
        panelId: 'p1',
        seq: a[0],
        update: payload(0),
        accountId: 'a1',
        at: ISO(0),
      })
      // Both processes' updates form one chain per panel.
      expect(verifyWorkspaceChain('p1', p1)).toMatchObject({ ok: true, updates: 60 })
      expect(verifyWorkspaceChain('p2', await s.loadWorkspaceUpdates('p2'))).toMatchObject({ ok: true })
      expect(p1.find((u) => u.seq === b[39])!.update).toEqual(payload(1039))
      // Windows: after and until are exclusive and inclusive.
      const mid = p1[29]!.seq
      expect((await s.loadWorkspaceUpdates('p1', mid)).map((u) => u.seq)).toEqual(
        p1.slice(30).map((u) => u.seq),
      )
      expect((await s.loadWorkspaceUpdates('p1', 0, mid)).map((u) => u.seq)).toEqual(
        p1.slice(0, 30).map((u) => u.seq),
      )
      expect(await s.loadWorkspaceUpdates('p2')).toHaveLength(20)

      // A later update gets a higher seq than everything before it.
      const later = await s.appendWorkspaceUpdate({
        panelId: 'p1',
        update: payload(9),
        accountId: 'a1',
        at: ISO(99),
      })
      expect(later.seq).toBeGreaterThan(Math.max(...a, ...b))
    })

    it("compacts a panel's workspace history in one go, and deletes updates only under a compaction", async () => {
      await seedPanel('p1')
      await seedPanel('p2')
      const add = (panelId: string, i: number) =>
        s.appendWorkspaceUpdate({ panelId, update: Uint8Array.of(i), accountId: 'a1', at: ISO(i) })
      const ups = [await add('p1', 1), await add('p1', 2), await add('p2', 3), await add('p1', 4)]
      await s.saveCheckpoint({
        panelId: 'p1',
        doc: 'workspace',
        seq: ups[1]!.seq,
        state: Uint8Array.of(9),
        at: ISO(5),
      })
      // Without a compaction, the history cannot be deleted.
      await expect(fx.raw(`DELETE FROM workspace_updates WHERE panel_id = 'p1'`)).rejects.toThrow(
        /append-only/,
      )
      const upto = ups[3]!.seq
      const compaction = {
        panelId: 'p1',
        upto,
        headBefore: ups[3]!.hash,
        manifest: '{"format":"ratings-panel/compaction@1"}',
        sealedHead: 'sealed-head',
        at: ISO(10),
      }
      const kept = [ups[0]!.seq, upto].map((seq) => ({
        panelId: 'p1',
        doc: 'workspace' as const,
        seq,
        state: Uint8Array.of(seq & 255),
        at: ISO(seq),
      }))
      await s.compactWorkspace(compaction, kept)
      expect(await s.loadCompaction('p1')).toEqual(compaction)
      expect(await s.loadCompaction('p2')).toBeNull()
      expect(await s.loadWorkspaceUpdates('p1')).toEqual([])
      expect(await s.loadWorkspaceUpdates('p2')).toHaveLength(1)
      expect((await s.listCheckpoints('p1', 'workspace')).map((c) => c.seq)).toEqual(kept.map((c) => c.seq))
      // The seal is the workspace head now, and the chain goes on from it.
      const heads = await s.listHeads()
      expect(heads.find((h) => h.panelId === 'p1' && h.chain === 'workspace')).toMatchObject({
        seq: upto,
        hash: 'sealed-head',
      })
      const next = await add('p1', 20)
      expect(verifyWorkspaceChain('p1', await s.loadWorkspaceUpdates('p1'), 'sealed-head')).toMatchObject({
        ok: true,
      })
      expect(next.seq).toBeGreaterThan(upto)
      // Another panel's history stays append-only, and a compaction is kept for good.
      await expect(fx.raw(`DELETE FROM workspace_updates WHERE panel_id = 'p2'`)).rejects.toThrow(
        /append-only/,
      )
      await expect(fx.raw(`DELETE FROM workspace_compactions`)).rejects.toThrow(/append-only/)
    })

    it('answers updates queued just before close', async () => {
      await seedPanel()
      const seq = s.appendWorkspaceUpdate({
        panelId: 'p1',
        update: Uint8Array.of(1, 2, 3),
        accountId: 'a1',
        at: ISO(0),
      })
      await s.close()
      expect((await seq).seq).toBeGreaterThan(0)
      const again = await fx.open()
      expect((await again.loadWorkspaceUpdates('p1')).map((u) => u.update)).toEqual([Uint8Array.of(1, 2, 3)])
    })

    it('keeps the account access log (quality assurance) as a chain, one change at a time', async () => {
      for (const id of ['org', 'q1'])
        await s.createAccount({ id, name: id, organiser: id === 'org', createdAt: ISO(0) })
      const deps = { storage: s, heads: scratchHeadLog(), now: () => new Date(ISO(5000)) }
      const org = { accountId: 'org', name: 'org', organiser: true }
      const q1 = { id: 'q1', name: 'q1' }
      // Two grants at once: one is appended, the other is refused by the rules after it (never both).
      const both = await Promise.all([
        changeQa(deps, { type: 'grant', account: q1 }, org),
        changeQa(deps, { type: 'grant', account: q1 }, org),
      ])
      expect(both.map((r) => r.ok).sort()).toEqual([false, true])
      expect(await isQa(s, 'q1')).toBe(true)
      expect((await changeQa(deps, { type: 'withdraw', account: q1 }, org)).ok).toBe(true)
      const log = await readQaLog(s)
      expect(log.verdict.ok).toBe(true)
      expect(log.events.map((e) => (e.event as unknown as { type: string }).type)).toEqual([
        'qa.granted',
        'qa.withdrawn',
      ])
      expect(log.holders.size).toBe(0)
      // The reserved id is no panel: it has no row and is never listed as one.
      expect(await s.findPanel('accounts')).toBeNull()
      expect(await s.listAllPanelIds()).not.toContain('accounts')
    })

    it('finds the latest checkpoint at or before a position', async () => {
      await seedPanel()
      const cp = (doc: 'record' | 'workspace', seq: number) => ({
        panelId: 'p1',
        doc,
        seq,
        state: Uint8Array.of(seq, 0, 1),
        at: ISO(seq),
      })
      expect(await s.loadCheckpoint('p1', 'record')).toBeNull()
      for (const seq of [50, 100, 150]) await s.saveCheckpoint(cp('record', seq))
      await s.saveCheckpoint(cp('workspace', 120))
      expect(await s.loadCheckpoint('p1', 'record')).toEqual(cp('record', 150))
      expect(await s.loadCheckpoint('p1', 'record', 149)).toEqual(cp('record', 100))
      expect(await s.loadCheckpoint('p1', 'record', 100)).toEqual(cp('record', 100))
      expect(await s.loadCheckpoint('p1', 'record', 49)).toBeNull()
      expect(await s.loadCheckpoint('p1', 'workspace')).toEqual(cp('workspace', 120))
      expect(await s.loadCheckpoint('p2', 'record')).toBeNull()
      // Saving the same position again replaces it.
      await s.saveCheckpoint({ ...cp('record', 150), state: Uint8Array.of(9) })
      expect((await s.loadCheckpoint('p1', 'record'))!.state).toEqual(Uint8Array.of(9))
    })
  },
)

afterAll(() => {
  if (!databaseUrl && !requireScaleOut)
    console.warn('storage contract: PostgreSQL half skipped (TEST_DATABASE_URL is not set)')
})
