// Judges one workspace update before anyone stores or relays it: the layout's structure stays, each
// part is written only by whom it belongs to, and no text holds personal data once the update is in.
//
// Yjs cannot un-apply an update, so the update is applied to a scratch copy of the workspace (which
// the caller owns, keeps equal to the real one, and throws away after a refusal), and what Yjs itself
// did there is read off the transaction: the structs it added, the ones it deleted, and the texts
// those touched, whose text after the update is then checked. Concurrency, out-of-order edits and
// hand-made updates all land exactly as they would on the real document.
import * as Y from 'yjs'
import { personalDataIn } from '../privacy/personal-data.ts'
import { personalDataInStretch, type TextStretch } from './personal-data-after-edit.ts'
import { RECORD_CLIENT_ID, WORKSPACE_ROOTS, WORKSPACE_SERVER_CLIENT_ID, draftKey } from './layout.ts'
import {
  FOCUS_AT,
  FOCUS_KEYS,
  canCreateDraft,
  canWriteDraft,
  canWriteFocus,
  parseDraftKey,
  type Writer,
} from './workspace-rules.ts'

export type RefusalCode =
  | 'malformed' // Yjs could not apply it
  | 'incomplete' // it depends on changes the server does not have
  | 'structure' // it removes, replaces or retypes part of the layout
  | 'foreign' // it adds a root, key or kind of content the layout does not have
  | 'ownership' // it writes what belongs to someone else
  | 'personal-data' // a text would read like personal data

export interface Refusal {
  code: RefusalCode
  /** The draft key or root concerned when it is one of the layout's own (never a text, never a foreign name). */
  where: string | null
  /** For the server's log, in English; never repeats a text. */
  detail: string
}

/**
 * Accepted: the client ids it wrote new structs with, and whether it changed the document at all (a sync
 * reply that repeats what the server has does not, and is no write to store).
 */
export type Verdict = { ok: true; clients: number[]; changed: boolean } | { ok: false; refusal: Refusal }

export interface JudgeOptions {
  /** The account that first wrote with a Yjs client id: nobody writes with another's id. */
  ownerOf?: (clientId: number) => string | undefined
  /**
   * The scratch's texts judged clean so far. A keystroke into one of them is checked around where Yjs
   * put it (personal-data-after-edit.ts); any other text is checked whole. The judge keeps it up to date.
   */
  clean?: WeakSet<Y.Text>
  /**
   * False while the panel votes blind: a vote's draft stays in the voter's browser, since every member
   * syncs the workspace and replay shows its history. Any write to a vote draft is then refused.
   */
  voteDrafts?: boolean
}

/** Client ids the server writes with (the record's, now and in its first layout, and the workspace's); no member may. */
const SERVER_CLIENTS = new Set([1, RECORD_CLIENT_ID, WORKSPACE_SERVER_CLIENT_ID])

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.detail)
  }
}
const refuse = (code: RefusalCode, where: string | null, detail: string): never => {
  throw new Refused({ code, where, detail })
}

/**
 * Applies `update` to `scratch` and judges what it did. After a refusal `scratch` holds the refused
 * update and must be discarded; after acceptance it equals the workspace with the update applied.
 */
export function judgeWorkspaceUpdate(
  scratch: Y.Doc,
  update: Uint8Array,
  writer: Writer,
  opts: JudgeOptions = {},
): Verdict {
  const hadPending = scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null
  let verdict: Verdict | null = null
  // Read while the transaction is fresh: before Yjs garbage-collects what it deleted.
  const onAfter = (tr: Y.Transaction) => {
    if (verdict) return
    try {
      const clients = inspect(scratch, tr, writer, opts)
      verdict = { ok: true, clients, changed: clients.length > 0 || tr.deleteSet.clients.size > 0 }
    } catch (e) {
      if (!(e instanceof Refused)) throw e
      verdict = { ok: false, refusal: e.refusal }
    }
  }
  scratch.on('afterTransaction', onAfter)
  try {
    Y.applyUpdate(scratch, update)
  } catch (e) {
    return {
      ok: false,
      refusal: { code: 'malformed', where: null, detail: e instanceof Error ? e.message : String(e) },
    }
  } finally {
    scratch.off('afterTransaction', onAfter)
  }
  if (!hadPending && (scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null))
    return {
      ok: false,
      refusal: { code: 'incomplete', where: null, detail: 'refers to changes the server does not have' },
    }
  return verdict ?? { ok: true, clients: [], changed: false }
}

/** Throws Refused, or returns the client ids the update wrote new structs with. */
function inspect(doc: Y.Doc, tr: Y.Transaction, writer: Writer, opts: JudgeOptions): number[] {
  const drafts = doc.getMap(WORKSPACE_ROOTS.drafts)
  const focus = doc.getMap(WORKSPACE_ROOTS.focus)
  const touched = new Map<Y.Text, string>()
  let focusTouched = false
  /** The draft a text belongs to, or null when the type is not one of the layout's texts. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any Yjs type, whatever its events
  const draftOf = (type: Y.AbstractType<any>): string | null => {
    const entry = type._item
    return entry && entry.parent === drafts && typeof entry.parentSub === 'string' && isPlainText(type)
      ? entry.parentSub
      : null
  }
  const mayWriteText = (key: string): void => {
    const parsed = parseDraftKey(key)
    if (!parsed) refuse('foreign', null, 'a draft outside the layout')
    if (!canWriteDraft(parsed!, writer)) refuse('ownership', key, `${writer.role} wrote ${key}`)
    if (parsed!.kind === 'vote' && opts.voteDrafts === false)
      refuse('ownership', key, 'votes are blind: vote drafts stay in the voter’s browser')
  }

  const newItem = (item: Y.Item): void => {
    const parent = item.parent
    if (!(parent instanceof Y.AbstractType)) return // its parent is gone: Yjs keeps it as garbage
    if (parent._item === null) {
      if (parent === drafts) return newDraft(item)
      if (parent === focus) {
        if (!canWriteFocus(writer)) refuse('ownership', 'focus', `${writer.role} set the focus`)
        const k = item.parentSub
        if (k === null || !(FOCUS_KEYS as readonly string[]).includes(k))
          refuse('foreign', 'focus', 'a focus key outside the layout')
        // A value set and replaced before it was sent arrives deleted.
        const plain = item.content instanceof Y.ContentAny && item.content.arr.length === 1
        if (!plain && !(item.content instanceof Y.ContentDeleted))
          refuse('structure', 'focus', 'focus holds one plain value per key')
        focusTouched = true
        return
      }
      refuse('foreign', null, 'a root type outside the layout')
    }
    const key = draftOf(parent)
    if (key === null) return refuse('foreign', null, 'content inside something that is not a draft')
    mayWriteText(key)
    if (parent._item!.deleted) refuse('structure', key, 'writes into a removed draft')
    if (item.parentSub !== null) refuse('structure', key, 'text attributes')
    if (!(item.content instanceof Y.ContentString) && !(item.content instanceof Y.ContentDeleted))
      refuse('foreign', key, `${item.content.constructor.name} in a text`)
    touched.set(parent as Y.Text, key)
  }

  const newDraft = (item: Y.Item): void => {
    const key = item.parentSub
    if (key === null) return refuse('structure', WORKSPACE_ROOTS.drafts, 'a list item in the drafts map')
    const parsed = parseDraftKey(key)
    if (!parsed || personalDataIn(key) !== null)
      return refuse('foreign', null, 'a draft key outside the layout')
    if (!canCreateDraft(parsed, writer))
      refuse(parsed.kind === 'vote' ? 'ownership' : 'structure', key, `${writer.role} created ${key}`)
    if (parsed.kind === 'vote' && opts.voteDrafts === false)
      refuse('ownership', key, 'votes are blind: vote drafts stay in the voter’s browser')
    // Another item for the key means it replaces, or races with, a draft that exists.
    if (item.left !== null || item.right !== null) refuse('structure', key, 'replaces a draft')
    if (!(item.content instanceof Y.ContentType) || !isPlainText(item.content.type))
      refuse('structure', key, 'a draft is a text')
  }

  const deleted = (item: Y.Item): void => {
    const parent = item.parent
    if (!(parent instanceof Y.AbstractType)) return
    if (parent === drafts) {
      const known = item.parentSub !== null && parseDraftKey(item.parentSub) !== null
      return refuse('structure', known ? item.parentSub : null, 'removes a draft')
    }
    if (parent === focus) {
      if (!canWriteFocus(writer)) refuse('ownership', 'focus', `${writer.role} cleared the focus`)
      focusTouched = true
      return
    }
    const key = draftOf(parent)
    if (key === null) return refuse('structure', null, 'deletes outside the drafts')
    mayWriteText(key)
    touched.set(parent as Y.Text, key)
  }

  const clients: number[] = []
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0
    if (after <= before) continue
    const owner = SERVER_CLIENTS.has(client) ? 'server' : opts.ownerOf?.(client)
    if (owner !== undefined && owner !== writer.accountId)
      refuse('ownership', null, `wrote with client id ${client}, which is another's`)
    clients.push(client)
    forStructs(doc, client, before, after - before, (s) => s instanceof Y.Item && newItem(s))
  }
  for (const [client, ranges] of tr.deleteSet.clients) {
    const before = tr.beforeState.get(client) ?? 0
    for (const { clock, len } of ranges)
      // Structs that are new here were judged above (typed and deleted before they were sent).
      forStructs(doc, client, clock, len, (s) => s instanceof Y.Item && s.id.clock < before && deleted(s))
  }

  if (focusTouched) checkFocus(doc, writer)
  for (const [text, key] of touched) {
    const known = opts.clean?.has(text) ?? false
    const edit = known ? editedRange(text, tr) : null
    // A text judged clean that this update leaves reading the same (its new structs arrived deleted) stays clean.
    if (!known || edit) {
      let found = edit
        ? personalDataInStretch(stretchOf(text, edit.from - STRETCH, edit.to + STRETCH), edit.from, edit.to)
        : 'wider'
      if (found === 'wider') found = personalDataIn(text.toString())
      if (found !== null) refuse('personal-data', key, `${key} would read like personal data`)
    }
    // If the update is refused after all, the scratch is thrown away, and this with it.
    opts.clean?.add(text)
  }
  return clients
}

/**
 * Where the transaction changed what `text` reads, as a range of the text after it: from the first
 * character it added or the first place it deleted at, to the end of the last. Null when it reads the
 * same. Read off the structs before Yjs merges or collects them (the judge runs on afterTransaction),
 * in one walk over the text's structs, not its characters.
 */
function editedRange(text: Y.Text, tr: Y.Transaction): { from: number; to: number } | null {
  let at = 0
  let from = -1
  let to = -1
  for (let item = text._start; item !== null; item = item.right) {
    const added = item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)
    if (item.deleted) {
      // Something that was there and is gone now: the text closed up here.
      if (!added && Y.isDeleted(tr.deleteSet, item.id)) {
        if (from < 0) from = at
        to = Math.max(to, at)
      }
      continue
    }
    if (!(item.content instanceof Y.ContentString)) continue
    if (added) {
      if (from < 0) from = at
      to = at + item.length
    }
    at += item.length
  }
  return from < 0 ? null : { from, to }
}

/** Characters read on each side of an edit: the personal-data window needs a few hundred. */
const STRETCH = 1024

/**
 * The text's characters [from, to) (clamped), read off its structs without building the whole string.
 * Positions count the text's strings only, as `toString` does (a judged text holds nothing else).
 */
function stretchOf(text: Y.Text, from: number, to: number): TextStretch {
  const parts: string[] = []
  let at = 0
  let start = -1
  for (let item = text._start; item !== null && at < to; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue
    const n = item.length
    if (at + n > from) {
      const a = Math.max(from, at) - at
      if (start < 0) start = at + a
      parts.push(item.content.str.slice(a, Math.min(to, at + n) - at))
    }
    at += n
  }
  return { text: parts.join(''), start: Math.max(start, 0), length: text.length }
}

/** A Y.Text itself, not a subclass (an XML text would read differently). */
const isPlainText = (type: unknown): type is Y.Text => type instanceof Y.Text && type.constructor === Y.Text

/** After a lead's write the focus is whole and names that lead (or is cleared). */
function checkFocus(doc: Y.Doc, writer: Writer): void {
  const f = doc.getMap<unknown>(WORKSPACE_ROOTS.focus)
  if (FOCUS_KEYS.every((k) => !f.has(k))) return
  const standardId = f.get('standardId')
  const known =
    standardId === null ||
    (typeof standardId === 'string' && doc.getMap(WORKSPACE_ROOTS.drafts).has(draftKey('note', standardId)))
  if (!known) refuse('structure', 'focus', 'focus names no standard of the panel')
  if (f.get('by') !== writer.accountId) refuse('ownership', 'focus', 'focus names someone else')
  const at = f.get('at')
  if (typeof at !== 'string' || !FOCUS_AT.test(at)) refuse('structure', 'focus', 'focus.at is not a time')
}

/** Calls `f` on every struct of `client` overlapping [clock, clock + len). */
function forStructs(
  doc: Y.Doc,
  client: number,
  clock: number,
  len: number,
  f: (s: Y.Item | Y.GC) => unknown,
): void {
  const structs = doc.store.clients.get(client) as (Y.Item | Y.GC)[] | undefined
  if (!structs?.length) return
  const end = clock + len
  const last = structs[structs.length - 1]!
  if (clock >= last.id.clock + last.length) return
  for (let i = Y.findIndexSS(structs as never, clock); i < structs.length && structs[i]!.id.clock < end; i++)
    f(structs[i]!)
}

/** The close code a refused update's socket gets (4400–4499: y-websocket does not reconnect by itself). */
export const REFUSED_CLOSE_CODE = 4422
const REFUSAL_CODES: ReadonlySet<string> = new Set<RefusalCode>([
  'malformed',
  'incomplete',
  'structure',
  'foreign',
  'ownership',
  'personal-data',
])
/** A WebSocket close reason holds at most 123 bytes. */
const MAX_REASON_BYTES = 123

/** The close reason that tells the sender why: `refused:<code>` or `refused:<code>:<draft key>`. */
export function refusalReason(r: Pick<Refusal, 'code' | 'where'>): string {
  const reason = r.where ? `refused:${r.code}:${r.where}` : `refused:${r.code}`
  return new TextEncoder().encode(reason).length <= MAX_REASON_BYTES ? reason : `refused:${r.code}`
}

/** Reads a refusal back from a close reason; null for any other reason. */
export function parseRefusalReason(reason: string): Pick<Refusal, 'code' | 'where'> | null {
  const m = /^refused:([a-z-]+)(?::(.+))?$/.exec(reason)
  if (!m || !REFUSAL_CODES.has(m[1]!)) return null
  return { code: m[1] as RefusalCode, where: m[2] ?? null }
}
