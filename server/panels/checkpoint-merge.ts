/*
 * Replay's fast path: a checkpoint plus the updates stored after it, as one Yjs update (v1), without
 * decoding the checkpoint's content. Y.mergeUpdates decodes and re-encodes every struct of the
 * checkpoint (26,000 of them in a 320 KB workspace); here the checkpoint and the updates after it are
 * only walked to find where each client's run of structs starts and ends (string contents are skipped,
 * not decoded), and each update's runs are appended to the checkpoint's byte for byte.
 *
 * In the v1 encoding every struct is self-contained (ids are written in full), so a client's structs
 * from the checkpoint followed by its structs from the updates, in clock order and without gap or
 * overlap, are exactly what Y.mergeUpdates would write; the delete sets are merged as ranges. Whenever
 * that does not hold (a gap, an overlap, a Skip struct, anything unexpected) the answer is null and the
 * caller merges the slow, general way.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

interface ClientRun {
  client: number
  clock: number
  /** Clock after the run's last struct. */
  end: number
  count: number
  /** Byte range of the run's structs in the update. */
  from: number
  to: number
}

interface LocatedUpdate {
  bytes: Uint8Array
  runs: Map<number, ClientRun>
  /** Deleted ranges per client: [clock, len] pairs, flat. */
  deleted: Map<number, number[]>
}

class NotFast extends Error {}

const BIT6 = 32
const BIT7 = 64
const BIT8 = 128
const BITS5 = 31
const XML_ELEMENT = 3
const XML_HOOK = 5

/** Skips a varstring; returns its length in UTF-16 code units (what Yjs counts for a string item). */
function skipStringLength(dec: decoding.Decoder): number {
  const n = decoding.readVarUint(dec)
  const { arr, pos } = dec
  if (pos + n > arr.length) throw new NotFast('string past the end')
  let ascii = true
  for (let i = pos; i < pos + n; i++)
    if (arr[i]! >= 0x80) {
      ascii = false
      break
    }
  dec.pos = pos + n
  // Anything but ASCII: decode it, so the count is exactly what Yjs's decoder would see. That is lib0's
  // decoder: a leading U+FEFF is a character, not a byte order mark to drop, and bad UTF-8 is an error.
  if (ascii) return n
  try {
    return utf8.decode(arr.subarray(pos, pos + n)).length
  } catch {
    throw new NotFast('not UTF-8')
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

const skipString = (dec: decoding.Decoder) => {
  const n = decoding.readVarUint(dec)
  if (dec.pos + n > dec.arr.length) throw new NotFast('string past the end')
  dec.pos += n
}

const skipId = (dec: decoding.Decoder) => {
  decoding.readVarUint(dec)
  decoding.readVarUint(dec)
}

/** Skips one struct (v1) and returns its length in clock units. */
function skipStruct(dec: decoding.Decoder): number {
  const info = decoding.readUint8(dec)
  const ref = info & BITS5
  if (ref === 0) return decoding.readVarUint(dec) // GC
  if (ref === 10) throw new NotFast('skip struct')
  if (info & BIT8) skipId(dec) // origin
  if (info & BIT7) skipId(dec) // right origin
  if ((info & (BIT7 | BIT8)) === 0) {
    if (decoding.readVarUint(dec) === 1)
      skipString(dec) // parent by key
    else skipId(dec) // parent by id
    if (info & BIT6) skipString(dec) // parentSub
  }
  switch (ref) {
    case 1: // deleted
      return decoding.readVarUint(dec)
    case 2: {
      // JSON
      const len = decoding.readVarUint(dec)
      for (let i = 0; i < len; i++) skipString(dec)
      return len
    }
    case 3: // binary
      decoding.readVarUint8Array(dec)
      return 1
    case 4:
      return skipStringLength(dec)
    case 5: // embed
      skipString(dec)
      return 1
    case 6: // format
      skipString(dec)
      skipString(dec)
      return 1
    case 7: {
      const typeRef = decoding.readVarUint(dec)
      if (typeRef === XML_ELEMENT || typeRef === XML_HOOK) skipString(dec)
      return 1
    }
    case 8: {
      const len = decoding.readVarUint(dec)
      for (let i = 0; i < len; i++) decoding.readAny(dec)
      return len
    }
    case 9: // subdocument
      skipString(dec)
      decoding.readAny(dec)
      return 1
    default:
      throw new NotFast(`content ${ref}`)
  }
}

/** Where each client's structs lie in a v1 update, and its delete set. */
function locate(bytes: Uint8Array): LocatedUpdate {
  const dec = decoding.createDecoder(bytes)
  const runs = new Map<number, ClientRun>()
  for (let n = decoding.readVarUint(dec); n > 0; n--) {
    const count = decoding.readVarUint(dec)
    const client = decoding.readVarUint(dec)
    const clock = decoding.readVarUint(dec)
    const from = dec.pos
    let end = clock
    for (let i = 0; i < count; i++) end += skipStruct(dec)
    // A client twice in one update is legal only in ways we leave to Yjs.
    if (runs.has(client)) throw new NotFast('client twice')
    runs.set(client, { client, clock, end, count, from, to: dec.pos })
  }
  const deleted = new Map<number, number[]>()
  for (let n = decoding.readVarUint(dec); n > 0; n--) {
    const client = decoding.readVarUint(dec)
    const ranges = deleted.get(client) ?? []
    for (let k = decoding.readVarUint(dec); k > 0; k--)
      ranges.push(decoding.readVarUint(dec), decoding.readVarUint(dec))
    deleted.set(client, ranges)
  }
  if (dec.pos !== bytes.length) throw new NotFast('trailing bytes')
  return { bytes, runs, deleted }
}

/** Sorted, merged [clock, len] pairs of several range lists (one list alone is kept as it is). */
function unionRanges(lists: number[][]): number[] {
  if (lists.length === 1) return lists[0]!
  const pairs: [number, number][] = []
  for (const list of lists) for (let i = 0; i < list.length; i += 2) pairs.push([list[i]!, list[i + 1]!])
  pairs.sort((x, y) => x[0] - y[0])
  const out: number[] = []
  for (const [clock, len] of pairs) {
    const last = out.length - 2
    if (last >= 0 && out[last]! + out[last + 1]! >= clock)
      out[last + 1] = Math.max(out[last + 1]!, clock + len - out[last]!)
    else out.push(clock, len)
  }
  return out
}

/**
 * The checkpoint with the updates after it folded in, as one v1 update; null when the fast path does
 * not apply (the caller then uses Y.mergeUpdates, which handles every case).
 */
export function mergeOntoCheckpoint(checkpoint: Uint8Array, after: Uint8Array[]): Uint8Array | null {
  if (!after.length) return checkpoint
  return merge(checkpoint, after)?.update ?? null
}

/**
 * The same merge, and the state vector of the document it describes, so that a sync can be answered
 * from stored bytes without building the document. Null also when some client's structs do not start
 * at clock 0 (the update would not be a whole document).
 */
export function mergeWithStateVector(
  checkpoint: Uint8Array,
  after: Uint8Array[],
): { update: Uint8Array; stateVector: Uint8Array } | null {
  const merged = merge(checkpoint, after)
  if (!merged) return null
  const enc = encoding.createEncoder()
  encoding.writeVarUint(enc, merged.ends.size)
  for (const [client, { clock, end }] of merged.ends) {
    if (clock !== 0) return null
    encoding.writeVarUint(enc, client)
    encoding.writeVarUint(enc, end)
  }
  return { update: merged.update, stateVector: encoding.toUint8Array(enc) }
}

function merge(
  checkpoint: Uint8Array,
  after: Uint8Array[],
): { update: Uint8Array; ends: Map<number, { clock: number; end: number }> } | null {
  try {
    const base = locate(checkpoint)
    // Per client: the checkpoint's run, then each later update's run, each starting where the last ended.
    const runs = new Map<number, { clock: number; end: number; count: number; slices: Uint8Array[] }>()
    for (const [client, r] of base.runs)
      runs.set(client, {
        clock: r.clock,
        end: r.end,
        count: r.count,
        slices: [checkpoint.subarray(r.from, r.to)],
      })
    const deleted = new Map<number, number[][]>()
    for (const [client, ranges] of base.deleted) deleted.set(client, [ranges])
    for (const bytes of after) {
      const u = locate(bytes)
      for (const [client, r] of u.runs) {
        const run = runs.get(client)
        if (r.clock !== (run?.end ?? 0)) return null // a gap or an overlap: leave it to Yjs
        const slice = bytes.subarray(r.from, r.to)
        if (run) {
          run.end = r.end
          run.count += r.count
          run.slices.push(slice)
        } else runs.set(client, { clock: r.clock, end: r.end, count: r.count, slices: [slice] })
      }
      for (const [client, ranges] of u.deleted) {
        const lists = deleted.get(client)
        if (lists) lists.push(ranges)
        else deleted.set(client, [ranges])
      }
    }
    const enc = encoding.createEncoder()
    encoding.writeVarUint(enc, runs.size)
    for (const client of [...runs.keys()].sort((x, y) => y - x)) {
      const run = runs.get(client)!
      encoding.writeVarUint(enc, run.count)
      encoding.writeVarUint(enc, client)
      encoding.writeVarUint(enc, run.clock)
      for (const slice of run.slices) encoding.writeUint8Array(enc, slice)
    }
    encoding.writeVarUint(enc, deleted.size)
    for (const client of [...deleted.keys()].sort((x, y) => y - x)) {
      const ranges = unionRanges(deleted.get(client)!)
      encoding.writeVarUint(enc, client)
      encoding.writeVarUint(enc, ranges.length / 2)
      for (const n of ranges) encoding.writeVarUint(enc, n)
    }
    // With nothing after it, the checkpoint is its own answer (walked only to know its clients' clocks).
    return { update: after.length ? encoding.toUint8Array(enc) : checkpoint, ends: runs }
  } catch {
    return null
  }
}
