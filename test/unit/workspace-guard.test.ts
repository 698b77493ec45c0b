// The workspace guard's judge (shared/ydoc/update-guard.ts): what it accepts and what it refuses, and why.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  draftsMap,
  initWorkspace,
  readDraft,
  readVoteDraft,
  writeFocus,
  WORKSPACE_SERVER_CLIENT_ID,
} from '../../shared/ydoc/layout.ts'
import {
  judgeWorkspaceUpdate,
  parseRefusalReason,
  refusalReason,
  type Verdict,
} from '../../shared/ydoc/update-guard.ts'
import { parseDraftKey, type Writer } from '../../shared/ydoc/workspace-rules.ts'
import { personalDataIn } from '../../shared/privacy/personal-data.ts'
import { presenceFields } from '../../shared/ydoc/presence.ts'

const lead: Writer = { accountId: 'a_lead', role: 'lead' }
const ann: Writer = { accountId: 'a_ann', role: 'inspector' }
const rita: Writer = { accountId: 'a_rita', role: 'reviewer' }

/** The server's workspace for standards 2.1 and 3.2, with the lead's vote draft on proposal pr_1. */
function serverDoc(): Y.Doc {
  const seed = new Y.Doc()
  seed.clientID = WORKSPACE_SERVER_CLIENT_ID
  initWorkspace(seed, ['2.1', '3.2'])
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(seed))
  const leads = replicaOf(doc, 1001)
  readVoteDraft(leads, 'pr_1', lead.accountId, true)!.insert(0, 'Lead: support.')
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(leads))
  return doc
}

function replicaOf(doc: Y.Doc, clientID: number): Y.Doc {
  const r = new Y.Doc()
  r.clientID = clientID
  Y.applyUpdate(r, Y.encodeStateAsUpdate(doc))
  return r
}

/** Judges what `edit` does to a replica of `server`, on a scratch copy of `server`. */
function judge(
  server: Y.Doc,
  writer: Writer,
  edit: (doc: Y.Doc) => void,
  opts: { clientID?: number; owners?: Map<number, string> } = {},
): Verdict {
  const replica = replicaOf(server, opts.clientID ?? 5000)
  const before = Y.encodeStateVector(replica)
  edit(replica)
  const scratch = replicaOf(server, 1)
  return judgeWorkspaceUpdate(scratch, Y.encodeStateAsUpdate(replica, before), writer, {
    ownerOf: (id) => opts.owners?.get(id),
  })
}

const refusal = (v: Verdict) =>
  v.ok ? 'accepted' : `${v.refusal.code}${v.refusal.where ? ` ${v.refusal.where}` : ''}`
const note = (doc: Y.Doc) => readDraft(doc, 'note', '2.1')!
const at = '2026-12-01T10:00:00.000Z'

describe('judgeWorkspaceUpdate', () => {
  const server = serverDoc()
  it.each<[string, Writer, (doc: Y.Doc) => void, string]>([
    ['a few characters into a note', ann, (d) => note(d).insert(0, 'C07: near'), 'accepted'],
    ['deleting text in a note', lead, (d) => note(d).insert(0, 'abc'), 'accepted'],
    [
      'the lead writing a decision draft',
      lead,
      (d) => readDraft(d, 'decision', '2.1')!.insert(0, 'x'),
      'accepted',
    ],
    [
      'an inspector writing a decision draft',
      ann,
      (d) => readDraft(d, 'decision', '2.1')!.insert(0, 'x'),
      'ownership decision:2.1',
    ],
    [
      'an inspector writing a footnote draft',
      ann,
      (d) => readDraft(d, 'footnote', '2.1')!.insert(0, 'x'),
      'accepted',
    ],
    ['a reviewer writing anything', rita, (d) => note(d).insert(0, 'x'), 'ownership note:2.1'],
    [
      'an inspector creating their own vote draft',
      ann,
      (d) => readVoteDraft(d, 'pr_1', ann.accountId, true)!.insert(0, 'oppose'),
      'accepted',
    ],
    [
      'an inspector writing the lead’s vote draft',
      ann,
      (d) => readVoteDraft(d, 'pr_1', lead.accountId)!.insert(0, 'x'),
      'ownership vote:pr_1:a_lead',
    ],
    [
      'an inspector creating a vote draft in the lead’s name',
      ann,
      (d) => readVoteDraft(d, 'pr_2', lead.accountId, true),
      'ownership vote:pr_2:a_lead',
    ],
    [
      'the lead replacing their own vote draft',
      lead,
      (d) => draftsMap(d).set('vote:pr_1:a_lead', new Y.Text('new')),
      'structure vote:pr_1:a_lead',
    ],
    [
      'deleting every draft',
      lead,
      (d) => d.transact(() => [...draftsMap(d).keys()].forEach((k) => draftsMap(d).delete(k))),
      'structure vote:pr_1:a_lead',
    ],
    ['deleting one draft', ann, (d) => draftsMap(d).delete('note:2.1'), 'structure note:2.1'],
    [
      'replacing a draft with a new text',
      ann,
      (d) => draftsMap(d).set('note:2.1', new Y.Text('x')),
      'structure note:2.1',
    ],
    [
      'retyping a draft as a map',
      ann,
      (d) => draftsMap(d).set('note:2.1', new Y.Map() as never),
      'structure note:2.1',
    ],
    [
      'a vote draft that is an XML text',
      ann,
      (d) => draftsMap(d).set(`vote:pr_1:${ann.accountId}`, new Y.XmlText() as never),
      'structure vote:pr_1:a_ann',
    ],
    ['a new standard draft', lead, (d) => draftsMap(d).set('note:9.9', new Y.Text()), 'structure note:9.9'],
    ['a draft key outside the layout', ann, (d) => draftsMap(d).set('Jane Doe', new Y.Text()), 'foreign'],
    [
      'a plain value in the drafts map',
      ann,
      (d) => draftsMap(d).set('note:9.9', 'x' as never),
      'structure note:9.9',
    ],
    ['a foreign root map', ann, (d) => d.getMap('child').set('name', 'x'), 'foreign'],
    ['a foreign root text', lead, (d) => d.getText('evil').insert(0, 'x'), 'foreign'],
    ['formatting in a text', ann, (d) => note(d).insert(0, 'x', { bold: true }), 'foreign note:2.1'],
    ['an embed in a text', ann, (d) => note(d).insertEmbed(0, { image: 'x' }), 'foreign note:2.1'],
    ['a nested type in a text', ann, (d) => note(d).insertEmbed(0, new Y.Map() as never), 'foreign note:2.1'],
    ['an attribute on a text', ann, (d) => note(d).setAttribute('x', 1), 'structure note:2.1'],
    [
      'the lead setting focus in their own name',
      lead,
      (d) => writeFocus(d, { standardId: '2.1', by: lead.accountId, at }),
      'accepted',
    ],
    [
      'the lead clearing focus to no standard',
      lead,
      (d) => writeFocus(d, { standardId: null, by: lead.accountId, at }),
      'accepted',
    ],
    [
      'an inspector setting focus',
      ann,
      (d) => writeFocus(d, { standardId: '2.1', by: ann.accountId, at }),
      'ownership focus',
    ],
    [
      'an inspector setting focus in the lead’s name',
      ann,
      (d) => writeFocus(d, { standardId: '2.1', by: lead.accountId, at }),
      'ownership focus',
    ],
    [
      'the lead setting focus in another’s name',
      lead,
      (d) => writeFocus(d, { standardId: '2.1', by: ann.accountId, at }),
      'ownership focus',
    ],
    [
      'focus on no standard of the panel',
      lead,
      (d) => writeFocus(d, { standardId: '9.9', by: lead.accountId, at }),
      'structure focus',
    ],
    [
      'focus with a date for a time',
      lead,
      (d) => writeFocus(d, { standardId: '2.1', by: lead.accountId, at: '12/03/2008' }),
      'structure focus',
    ],
    ['a foreign focus key', lead, (d) => d.getMap('focus').set('child', 'x'), 'foreign focus'],
    ['a date in a note', ann, (d) => note(d).insert(0, 'born 12/03/2008'), 'personal-data note:2.1'],
    [
      'a date in a vote draft key',
      ann,
      (d) => readVoteDraft(d, 'pr.12-03-2008', ann.accountId, true),
      'foreign',
    ],
  ])('%s: %s', (_what, writer, edit, expected) => {
    expect(refusal(judge(server, writer, edit))).toBe(expected)
  })

  it('catches a date typed one character at a time when the last character completes it', () => {
    const doc = serverDoc()
    const typed = 'Seen on 12/03/2008.'
    const outcomes: string[] = []
    const replica = replicaOf(doc, 7000)
    for (let i = 0; i < typed.length; i++) {
      const before = Y.encodeStateVector(replica)
      note(replica).insert(i, typed[i]!)
      const v = judgeWorkspaceUpdate(replicaOf(doc, 1), Y.encodeStateAsUpdate(replica, before), ann)
      outcomes.push(refusal(v))
      if (!v.ok) break
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(replica, before))
    }
    expect(outcomes.at(-1)).toBe('personal-data note:2.1')
    expect(outcomes.slice(0, -1).every((o) => o === 'accepted')).toBe(true)
    expect(note(doc).toString()).toBe('Seen on 12/03/2')
  })

  /** A long note judged clean once (so the next edit is judged by its window), then `edit`'s verdict. */
  function afterOneCleanEdit(text: string, edit: (note: Y.Text) => void, clientID: number): string {
    const doc = serverDoc()
    readDraft(doc, 'note', '3.2')!.insert(0, text)
    expect(personalDataIn(readDraft(doc, 'note', '3.2')!.toString())).toBeNull()
    const scratch = replicaOf(doc, 1)
    const clean = new WeakSet<Y.Text>()
    const typist = replicaOf(doc, clientID)
    const judged = (f: (note: Y.Text) => void) => {
      const before = Y.encodeStateVector(typist)
      f(readDraft(typist, 'note', '3.2')!)
      return judgeWorkspaceUpdate(scratch, Y.encodeStateAsUpdate(typist, before), ann, { clean })
    }
    expect(judged((note) => note.insert(0, 'x')).ok).toBe(true)
    return refusal(judged(edit))
  }
  const words = 'Case C07 sits near the boundary; one answer flips it. '

  it('catches a date padded further than the stretch read around the keystroke', () => {
    const padded = `${words.repeat(30)} seen on 12/03/${'\u200b'.repeat(1500)}`
    expect(afterOneCleanEdit(padded, (note) => note.insert(note.length, '2008'), 7300)).toBe(
      'personal-data note:3.2',
    )
  })

  it('catches a date made by a deletion in the middle of a long note', () => {
    const text = `${words.repeat(15)}seen on 12/03/#2008; ${words.repeat(15)}`
    expect(afterOneCleanEdit(text, (note) => note.delete(note.toString().indexOf('#'), 1), 7200)).toBe(
      'personal-data note:3.2',
    )
  })

  it.each([1, 2, 3])(
    'judges a long note by the window around each edit exactly as it would the whole note (seed %i)',
    (seed) => {
      let rnd = seed
      const random = () => (rnd = (rnd * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!
      const pieces = [
        '12',
        '/',
        '03',
        '2008',
        ' ',
        '\u200b',
        'born',
        ' on ',
        'SW1A',
        ' 1AA',
        '.',
        'x',
        'Case C07 ',
      ]
      const live = serverDoc()
      const words = 'Case C07 sits near the boundary; 14/23 is 60.9% and one answer flips it. '
      readDraft(live, 'note', '3.2')!.insert(0, words.repeat(20))
      // The guard's state as the server keeps it: one scratch, the texts it judged clean.
      let scratch = replicaOf(live, 1)
      let clean = new WeakSet<Y.Text>()
      // Three members, each behind the server by a few updates, so their edits merge concurrently.
      const members = [7101, 7102, 7103].map((id) => replicaOf(live, id))
      let refused = 0
      for (let step = 0; step < 400; step++) {
        const m = pick(members)
        if (random() < 0.3) Y.applyUpdate(m, Y.encodeStateAsUpdate(live, Y.encodeStateVector(m)))
        const text = readDraft(m, 'note', '3.2')!
        const before = Y.encodeStateVector(m)
        const r = random()
        if (r < 0.25 && text.length > 10)
          text.delete(Math.floor(random() * (text.length - 3)), 1 + Math.floor(random() * 3))
        else text.insert(Math.floor(random() * (text.length + 1)), pick(pieces))
        const update = Y.encodeStateAsUpdate(m, before)
        const expected = replicaOf(live, 1)
        Y.applyUpdate(expected, update)
        const dirty = personalDataIn(readDraft(expected, 'note', '3.2')!.toString()) !== null
        const v = judgeWorkspaceUpdate(scratch, update, ann, { clean })
        expect(v.ok ? 'accepted' : v.refusal.code, `step ${step}`).toBe(dirty ? 'personal-data' : 'accepted')
        if (v.ok) Y.applyUpdate(live, update)
        else {
          // As the server does: the scratch goes, and the sender starts again from the server.
          refused++
          scratch = replicaOf(live, 1)
          clean = new WeakSet()
          members[members.indexOf(m)] = replicaOf(live, m.clientID + 10)
        }
      }
      expect(refused).toBeGreaterThan(0)
    },
  )

  it('judges the text as it reads after concurrent edits merge, not as the sender saw it', () => {
    const doc = serverDoc()
    const a = replicaOf(doc, 7001)
    const b = replicaOf(doc, 7002)
    note(a).insert(0, 'on 12/03/')
    // b, not having seen a's edit, appends the year: only together do they make a date.
    const bBefore = Y.encodeStateVector(b)
    note(b).insert(0, '2008')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(a))
    const v = judgeWorkspaceUpdate(replicaOf(doc, 1), Y.encodeStateAsUpdate(b, bBefore), ann)
    // Whichever order Yjs gives them, the verdict is on the merged text.
    const merged = replicaOf(doc, 1)
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(b, bBefore))
    expect(v.ok).toBe(!/\d\d\/\d\d\/\d{2,4}/.test(note(merged).toString()))
  })

  it('refuses an update that writes with a client id another account used, or the server’s', () => {
    const owners = new Map([[5000, lead.accountId]])
    expect(refusal(judge(server, ann, (d) => note(d).insert(0, 'x'), { owners }))).toBe('ownership')
    expect(refusal(judge(server, lead, (d) => note(d).insert(0, 'x'), { owners }))).toBe('accepted')
    // The record's id (1): a client id only the server writes with.
    expect(refusal(judge(server, lead, (d) => note(d).insert(0, 'x'), { clientID: 1 }))).toBe('ownership')
  })

  it('says whether an accepted update changed anything (a sync reply that repeats the server does not)', () => {
    const typed = judge(server, ann, (d) => note(d).insert(0, 'Ann. '))
    expect(typed).toMatchObject({ ok: true, changed: true })
    const scratch = replicaOf(server, 1)
    const again = judgeWorkspaceUpdate(scratch, Y.encodeStateAsUpdate(server), ann)
    expect(again).toMatchObject({ ok: true, changed: false })
    const empty = judgeWorkspaceUpdate(
      scratch,
      Y.encodeStateAsUpdate(server, Y.encodeStateVector(server)),
      ann,
    )
    expect(empty).toMatchObject({ ok: true, changed: false })
    const deleted = replicaOf(server, 5001)
    readVoteDraft(deleted, 'pr_1', lead.accountId, false)!.delete(0, 5)
    const deletion = Y.encodeStateAsUpdate(deleted, Y.encodeStateVector(server))
    const withDeletion = replicaOf(server, 1)
    expect(judgeWorkspaceUpdate(withDeletion, deletion, lead)).toMatchObject({ ok: true, changed: true })
    // The same deletion again deletes nothing.
    expect(judgeWorkspaceUpdate(withDeletion, deletion, lead)).toMatchObject({ ok: true, changed: false })
  })

  it('refuses an update that depends on changes the server does not have', () => {
    const replica = replicaOf(server, 5100)
    note(replica).insert(0, 'first')
    const before = Y.encodeStateVector(replica)
    note(replica).insert(5, ' second')
    const second = Y.encodeStateAsUpdate(replica, before)
    expect(refusal(judgeWorkspaceUpdate(replicaOf(server, 1), second, ann))).toBe('incomplete')
  })

  it('refuses bytes Yjs cannot apply, and accepts an update that changes nothing', () => {
    expect(refusal(judgeWorkspaceUpdate(replicaOf(server, 1), new Uint8Array([1, 2, 3, 4, 5]), ann))).toBe(
      'malformed',
    )
    expect(judgeWorkspaceUpdate(replicaOf(server, 1), Y.encodeStateAsUpdate(server), ann).ok).toBe(true)
  })

  it('accepts a reconnecting client’s whole offline state in one update, typed and deleted text included', () => {
    const replica = replicaOf(server, 5200)
    const before = Y.encodeStateVector(replica)
    for (let i = 0; i < 50; i++) note(replica).insert(note(replica).length, `w${i} `)
    note(replica).delete(0, 20)
    readDraft(replica, 'proposal', '3.2')!.insert(0, 'Raise it.')
    readVoteDraft(replica, 'pr_1', ann.accountId, true)!.insert(0, 'Support.')
    expect(judgeWorkspaceUpdate(replicaOf(server, 1), Y.encodeStateAsUpdate(replica, before), ann).ok).toBe(
      true,
    )
  })
})

describe('refusal reasons and draft keys', () => {
  it('round-trips a refusal through a close reason of at most 123 bytes', () => {
    expect(refusalReason({ code: 'personal-data', where: 'note:2.1' })).toBe('refused:personal-data:note:2.1')
    expect(parseRefusalReason('refused:personal-data:note:2.1')).toEqual({
      code: 'personal-data',
      where: 'note:2.1',
    })
    expect(parseRefusalReason('refused:foreign')).toEqual({ code: 'foreign', where: null })
    expect(parseRefusalReason('refused:nonsense')).toBeNull()
    expect(refusalReason({ code: 'ownership', where: `vote:${'p'.repeat(80)}:${'a'.repeat(80)}` })).toBe(
      'refused:ownership',
    )
  })

  it.each([
    ['note:2.1', { kind: 'note', standardId: '2.1' }],
    ['decision:3.3', { kind: 'decision', standardId: '3.3' }],
    ['vote:pr_1:a_x', { kind: 'vote', proposalId: 'pr_1', accountId: 'a_x' }],
    ['vote:pr_1', null],
    ['notes:2.1', null],
    ['Jane Doe', null],
    ['note:2.1:x', null],
  ])('parseDraftKey(%j)', (key, expected) => {
    expect(parseDraftKey(key)).toEqual(expected)
  })
})

describe('presenceFields', () => {
  it.each([
    [
      { viewing: '2.1', typing: 'note:2.1' },
      { viewing: '2.1', typing: 'note:2.1' },
    ],
    [
      { viewing: null, typing: null, cursor: 'x', name: 'Jane Doe' },
      { viewing: null, typing: null },
    ],
    [{ viewing: 'Jane Doe lives here' }, { viewing: null, typing: null }],
    [{ viewing: '12-03-2008' }, { viewing: null, typing: null }],
    [
      { viewing: 42, typing: { x: 1 } },
      { viewing: null, typing: null },
    ],
    ['nonsense', { viewing: null, typing: null }],
  ])('%j relays %j', (state, expected) => {
    expect(presenceFields(state)).toEqual(expected)
  })
})
