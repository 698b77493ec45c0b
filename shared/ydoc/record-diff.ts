// Writes a JSON value into a Y.Map as the change from the value it held before: only what differs is
// written, so a Y update is as large as the change, not as the value. Pure and deterministic: the same
// (before, after) pair always writes the same structs.
import * as Y from 'yjs'

/**
 * How a field is laid out. Fields a layout does not name are plain values, set whole when they change.
 *   list  a Y.Array of plain values; a list that grew at its end gets only its new items
 *   map   a Y.Map by id (a collection); each entry a plain value set when it changes or, with
 *         `entry`, a Y.Map of its own laid out by `entry` (so changing one field sends that field)
 */
export type FieldLayout = { kind: 'list' } | { kind: 'map'; entry?: Layout }
export type Layout = Readonly<Record<string, FieldLayout>>

type Json = Record<string, unknown>

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)

/** JSON equality; the state is immutable, so shared references are the usual fast answer. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bs = b as unknown[]
    return a.length === bs.length && a.every((x, i) => jsonEqual(x, bs[i]))
  }
  const ka = Object.keys(a).filter((k) => (a as Json)[k] !== undefined)
  const kb = Object.keys(b).filter((k) => (b as Json)[k] !== undefined)
  return ka.length === kb.length && ka.every((k) => jsonEqual((a as Json)[k], (b as Json)[k]))
}

/** The child type at `key`, created (and set) when the map holds something else there. */
function childOf<T extends Y.Array<unknown> | Y.Map<unknown>>(
  map: Y.Map<unknown>,
  key: string,
  Type: new () => T,
): T {
  const held = map.get(key)
  if (held instanceof Type) return held
  const made = new Type()
  map.set(key, made)
  return made
}

/** Writes `next`'s fields into `map`, given that `map` holds `prev` (null: `map` is new). */
export function writeFields(map: Y.Map<unknown>, prev: Json | null, next: Json, layout: Layout): void {
  for (const key of Object.keys(next)) {
    const before = prev?.[key]
    const after = next[key]
    if (prev && before === after) continue
    if (after === undefined) {
      if (map.has(key)) map.delete(key)
      continue
    }
    const field = layout[key]
    if (field?.kind === 'list' && Array.isArray(after)) writeList(map, key, before, after)
    else if (field?.kind === 'map' && isObject(after)) writeCollection(map, key, before, after, field.entry)
    else if (!prev || !map.has(key) || !jsonEqual(before, after)) map.set(key, after)
  }
  if (prev) for (const key of Object.keys(prev)) if (!(key in next) && map.has(key)) map.delete(key)
}

function writeList(map: Y.Map<unknown>, key: string, before: unknown, after: unknown[]): void {
  const list = childOf<Y.Array<unknown>>(map, key, Y.Array)
  const old = Array.isArray(before) && list.length === before.length ? before : []
  let same = 0
  while (same < old.length && same < after.length && jsonEqual(old[same], after[same])) same++
  if (same < list.length) list.delete(same, list.length - same)
  if (same < after.length) list.insert(same, after.slice(same))
}

function writeCollection(
  map: Y.Map<unknown>,
  key: string,
  before: unknown,
  after: Json,
  entry: Layout | undefined,
): void {
  const fresh = !(map.get(key) instanceof Y.Map)
  const byId = childOf<Y.Map<unknown>>(map, key, Y.Map)
  const old = isObject(before) && !fresh ? before : {}
  for (const id of Object.keys(after)) {
    const was = old[id]
    const now = after[id]
    if (was === now && id in old) continue
    if (now === undefined) {
      if (byId.has(id)) byId.delete(id)
    } else if (entry && isObject(now)) {
      const reuse = isObject(was) && byId.get(id) instanceof Y.Map
      writeFields(childOf<Y.Map<unknown>>(byId, id, Y.Map), reuse ? was : null, now, entry)
    } else if (!(id in old) || !byId.has(id) || !jsonEqual(was, now)) byId.set(id, now)
  }
  for (const id of Object.keys(old)) if (!(id in after) && byId.has(id)) byId.delete(id)
}

/** The plain JSON a map written by `writeFields` holds (Y types read as objects and arrays). */
export function readFields(map: Y.Map<unknown>, skip: ReadonlySet<string> = new Set()): Json {
  const out: Json = {}
  for (const [key, value] of map.entries()) {
    if (skip.has(key)) continue
    out[key] = value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value
  }
  return out
}
