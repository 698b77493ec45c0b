// The personal-data check of a text after an edit, made around the edit: a keystroke into a long note
// costs the detector a window of a few hundred characters, not the whole note.
//
// Sound because the text before the edit was clean (it was judged) and every pattern the detector
// looks for is short: anything it could find now overlaps the edit. The window reaches CONTEXT
// characters that survive normalisation on each side (invisible characters and whitespace runs, which
// normalisation removes or collapses, do not count, so padding a date with them cannot push it out of
// sight), then on to a boundary (an ASCII character that is no letter, digit or full stop, which
// normalisation leaves alone), so the detector's look-arounds see at the window's edge what they would
// see in the whole text. When in doubt (no earlier text, a short text, no boundary soon) it checks the
// whole text.
import { personalDataIn } from '../privacy/personal-data.ts'

/** Comfortably longer than the longest match the detector makes (about 50 normalised characters today). */
const CONTEXT = 128
/** How far past CONTEXT a window may look for a boundary to end at. */
const MAX_WORD = 64

/** Characters normalisation removes or collapses into one: whitespace, format characters, combining marks. */
const NOT_COUNTED = /^[\s\p{Zs}\p{Cf}\p{M}]$/u

// The walks below read code points, not one-character strings: a keystroke's window is a few hundred
// characters, and the judge walks it on every update.

/** Whether normalisation keeps the code point as a character (see NOT_COUNTED). */
function counts(cp: number): boolean {
  if (cp > 0x20 && cp < 0x7f) return true
  if (cp <= 0x20) return false
  return !NOT_COUNTED.test(String.fromCodePoint(cp))
}
/** Where a window may end (ASCII, no letter, digit or full stop): the detector's look-arounds treat it as a text's end. */
function isBoundary(cp: number): boolean {
  if (cp > 0x7f || cp === 0x2e) return false
  return !((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a))
}

/** The code point ending just before `i` (a surrogate pair is one; a lone surrogate is itself). */
function codePointBefore(t: string, i: number): number {
  const lo = t.charCodeAt(i - 1)
  if (i >= 2 && lo >= 0xdc00 && lo <= 0xdfff) {
    const hi = t.charCodeAt(i - 2)
    if (hi >= 0xd800 && hi <= 0xdbff) return (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000
  }
  return lo
}
/** UTF-16 code units of a code point. */
const width = (cp: number): number => (cp > 0xffff ? 2 : 1)

/** Where a window reaching left from `at` starts, or null when no boundary comes soon enough. */
function startOf(t: string, at: number): number | null {
  let i = at
  for (let seen = 0; i > 0 && seen < CONTEXT;) {
    const cp = codePointBefore(t, i)
    i -= width(cp)
    if (counts(cp)) seen++
  }
  for (let extra = 0; i > 0 && !isBoundary(codePointBefore(t, i)); extra++) {
    if (extra >= MAX_WORD) return null
    i -= width(codePointBefore(t, i))
  }
  return i
}

/** Where a window reaching right from `at` ends, or null when no boundary comes soon enough. */
function endOf(t: string, at: number): number | null {
  let i = at
  for (let seen = 0; i < t.length && seen < CONTEXT;) {
    const cp = t.codePointAt(i)!
    i += width(cp)
    if (counts(cp)) seen++
  }
  for (let extra = 0; i < t.length && !isBoundary(t.codePointAt(i)!); extra++) {
    if (extra >= MAX_WORD) return null
    i += width(t.codePointAt(i)!)
  }
  return i
}

/**
 * `personalDataIn(after)`, given that `before` (the same text earlier, judged clean) held none; with
 * `before` unknown, the whole text is checked. Finding the edit costs a scan of both texts: where the edit
 * is known, `personalDataAround` skips it.
 */
export function personalDataAfterEdit(after: string, before: string | undefined): string | null {
  if (before === undefined || after.length < 4 * CONTEXT) return personalDataIn(after)
  const max = Math.min(after.length, before.length)
  let prefix = 0
  while (prefix < max && after.charCodeAt(prefix) === before.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (
    suffix < max - prefix &&
    after.charCodeAt(after.length - 1 - suffix) === before.charCodeAt(before.length - 1 - suffix)
  )
    suffix++
  return personalDataAround(after, prefix, after.length - suffix)
}

/**
 * `personalDataIn(after)`, given that the text was clean before an edit that left `after[from, to)` new
 * (`from === to` for a deletion: the place where the text closed up). Everything outside is as it was.
 */
export function personalDataAround(after: string, from: number, to: number): string | null {
  if (after.length < 4 * CONTEXT) return personalDataIn(after)
  const start = startOf(after, Math.max(0, Math.min(from, after.length)))
  const end = endOf(after, Math.max(0, Math.min(to, after.length)))
  if (start === null || end === null) return personalDataIn(after)
  return personalDataIn(after.slice(start, end))
}

/** A stretch of a longer text: `text` is its characters [start, start + text.length), of `length`. */
export interface TextStretch {
  text: string
  start: number
  length: number
}

/**
 * `personalDataAround` for a text read only around the edit (so a keystroke into a long text costs
 * the stretch, not the text): the same answer, or 'wider' when the window it needs reaches past the
 * stretch, or the text is short (the caller then checks the whole text).
 */
export function personalDataInStretch(s: TextStretch, from: number, to: number): string | null | 'wider' {
  if (s.length < 4 * CONTEXT) return 'wider'
  const start = startOf(s.text, Math.max(0, Math.min(from - s.start, s.text.length)))
  const end = endOf(s.text, Math.max(0, Math.min(to - s.start, s.text.length)))
  if (start === null || end === null) return 'wider'
  // Reaching an end of the stretch that is not an end of the text: the window needs more.
  if ((start === 0 && s.start > 0) || (end === s.text.length && s.start + s.text.length < s.length))
    return 'wider'
  return personalDataIn(s.text.slice(start, end))
}
