// Blind votes on two server processes sharing PostgreSQL and Redis: votes sealed on either process are
// opened together by a reveal on the other, which reads the sealed votes from the shared store; the log
// verifies. Needs TEST_DATABASE_URL and TEST_REDIS_URL (skipped without them unless REQUIRE_SCALEOUT=1).
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PanelEvent } from '../../shared/panel/types.ts'
import { readFixtureJson, startTestServer, type Member, type TestServer } from '../support/server.ts'

const databaseUrl = process.env.TEST_DATABASE_URL
const redisUrl = process.env.TEST_REDIS_URL
const available = !!databaseUrl && !!redisUrl
if (!available && process.env.REQUIRE_SCALEOUT === '1')
  throw new Error('REQUIRE_SCALEOUT=1 but TEST_DATABASE_URL or TEST_REDIS_URL is not set')

describe.skipIf(!available)('blind votes across two processes', () => {
  const schema = `blind_${process.pid}_${randomBytes(4).toString('hex')}`
  let a: TestServer
  let b: TestServer
  const admin = new pg.Client({ connectionString: databaseUrl })

  beforeAll(async () => {
    await admin.connect()
    await admin.query(`CREATE SCHEMA ${schema}`)
    const sep = databaseUrl!.includes('?') ? '&' : '?'
    const url = `${databaseUrl}${sep}options=${encodeURIComponent(`-c search_path=${schema}`)}`
    // One at a time: the first migrates the schema and signs the first organiser in.
    a = await startTestServer({ databaseUrl: url, redisUrl })
    b = await startTestServer({ databaseUrl: url, redisUrl })
  })

  afterAll(async () => {
    await a?.close()
    await b?.close()
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined)
    await admin.end()
  })

  it('opens on one process the votes sealed on both', async () => {
    const lead = a.organiser
    const created = await a.api(lead, 'POST', '/api/panels', {
      inspection: readFixtureJson('gloucestershire-2020.inspection.json'),
      settings: { blindVotes: true },
    })
    expect(created.status, created.text).toBe(201)
    const panelId = created.json.panel.id as string
    const ann: Member = await a.invite(lead, panelId, 'inspector', 'Ann Inspector')
    const bob: Member = await a.invite(lead, panelId, 'inspector', 'Bob Inspector')
    const { proposalId } = await a.accept(ann, panelId, {
      type: 'propose',
      standardId: '2.1',
      rating: 'Good',
      justification: 'Within five per cent of the boundary.',
    })
    await a.accept(ann, panelId, { type: 'vote', proposalId, stance: 'support', justification: 'Ann, on A.' })
    await b.accept(bob, panelId, { type: 'vote', proposalId, stance: 'oppose', justification: 'Bob, on B.' })
    // Each voter reads their own sealed vote on either process, and nobody else's.
    const mine = await b.api(ann, 'GET', `/api/panels/${panelId}/my-sealed-votes`)
    expect(mine.json.sealed.map((v: { justification: string }) => v.justification)).toEqual(['Ann, on A.'])
    const revealed = await b.accept(lead, panelId, { type: 'reveal', proposalId })
    expect(revealed.events.map((e: { type: string }) => e.type)).toEqual(['votes.revealed'])
    const events = (await a.api(lead, 'GET', `/api/panels/${panelId}/events`)).json.events as {
      event: PanelEvent
    }[]
    const reveal = events.at(-1)!.event as Extract<PanelEvent, { type: 'votes.revealed' }>
    expect(reveal.openings.map((o) => o.justification).sort()).toEqual(['Ann, on A.', 'Bob, on B.'])
    const verdict = (await a.api(lead, 'GET', `/api/panels/${panelId}/verify`)).json
    expect(verdict.ok, JSON.stringify(verdict.checks)).toBe(true)
  })
})
