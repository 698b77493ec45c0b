// Pure text helpers for binding a textarea to a Y.Text: the one edit between two strings, and moving a caret through a delta.

export interface TextEdit {
  index: number
  remove: number
  insert: string
}

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff

/**
 * The single replace that turns `before` into `after`: common prefix and suffix kept, the middle swapped.
 * A textarea changes one contiguous range per input event, so this is exact for typing, pasting and
 * deleting; it never splits a surrogate pair.
 */
export function diffText(before: string, after: string): TextEdit {
  let start = 0
  const min = Math.min(before.length, after.length)
  while (start < min && before.charCodeAt(start) === after.charCodeAt(start)) start++
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--
  let endB = before.length
  let endA = after.length
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--
    endA--
  }
  if (endB < before.length && isLowSurrogate(before.charCodeAt(endB))) {
    endB++
    endA++
  }
  return { index: start, remove: endB - start, insert: after.slice(start, endA) }
}

/** One operation of a Y.Text delta (Yjs `YTextEvent.delta`). */
export interface DeltaOp {
  retain?: number
  insert?: string | object
  delete?: number
}

/**
 * Where a caret at `index` ends up after a remote delta. Text inserted exactly at the caret goes
 * before it when `stickRight` (the caret stays after what someone else typed at the same place).
 */
export function transformIndex(index: number, delta: readonly DeltaOp[], stickRight = false): number {
  // Walk the old text: retain and delete consume it, insert does not; only ops before the caret move it.
  let oldPos = 0
  let shift = 0
  for (const op of delta) {
    if (oldPos > index) break
    if (op.retain !== undefined) oldPos += op.retain
    else if (op.delete !== undefined) {
      if (oldPos < index) shift -= Math.min(op.delete, index - oldPos)
      oldPos += op.delete
    } else if (op.insert !== undefined) {
      const len = typeof op.insert === 'string' ? op.insert.length : 1
      if (oldPos < index || (oldPos === index && stickRight)) shift += len
    }
  }
  return Math.max(0, index + shift)
}

/** Applies an edit to a string (for tests and for replaying local edits). */
export const applyEdit = (s: string, e: TextEdit): string =>
  s.slice(0, e.index) + e.insert + s.slice(e.index + e.remove)
