// The text as the personal-data detector reads it: NFKC, invisible characters dropped, look-alike dashes,
// slashes, dots and quotes folded to ASCII, digits of any script to ASCII digits, every run of space to one.
// One pass over the characters; only a non-ASCII character is looked up, so plain text costs little.

/** Invisible formatting characters (zero-width space and joiners, soft hyphen, bidi controls, BOM) and marks. */
const INVISIBLE = /^[\p{Cf}\p{M}]$/u
const SPACE = /^[\s\p{Zs}]$/u
const DIGIT = /^\p{Nd}$/u
const FOLDS: [RegExp, string][] = [
  [/^[\u2010-\u2015\u2043\u2212\u2796\u02D7\uFE58\uFE63]$/, '-'],
  [/^[\u2044\u2215\u2571\u29F5\u29F8\u3033]$/, '/'],
  [/^[\u00B7\u0387\u2219\u22C5\u2E31\u3002\u30FB\uFF65]$/, '.'],
  [/^[\u2018\u2019\u201B\u2032\u02BC]$/, "'"],
]
/** Letters of Latin-1 and Latin Extended-A/B (Welsh ŵ ŷ, accents): left as they are without a lookup. */
const isPlainLatin = (c: number) => c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7

/** A digit of any script as its ASCII digit: decimal digits come in runs of ten, zero first. */
function asciiDigit(d: string): string {
  const cp = d.codePointAt(0)!
  let first = cp
  while (cp - first < 60 && DIGIT.test(String.fromCodePoint(first - 1))) first--
  return String((cp - first) % 10)
}

/** What a non-ASCII character becomes: ' ', '' (dropped), an ASCII stand-in, or null (kept). */
function fold(ch: string): string | null {
  if (SPACE.test(ch)) return ' '
  if (INVISIBLE.test(ch)) return ''
  for (const [re, to] of FOLDS) if (re.test(ch)) return to
  return DIGIT.test(ch) ? asciiDigit(ch) : null
}

export function normaliseForDetection(text: string): string {
  // ASCII is its own NFKC form and holds no look-alikes: only its spaces are folded.
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return text.replace(/\s{2,}|[^\S ]/g, ' ')
  const t = text.normalize('NFKC')
  let out = ''
  let from = 0
  let afterSpace = false
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    let to: string | null = null
    let width = 1
    if (c === 32) {
      if (afterSpace) to = ''
      afterSpace = true
    } else if (c < 128) {
      if (c >= 9 && c <= 13) {
        to = afterSpace ? '' : ' '
        afterSpace = true
      } else afterSpace = false
    } else if (isPlainLatin(c)) afterSpace = false
    else {
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) width = 2
      to = fold(t.slice(i, i + width))
      if (to === ' ') {
        if (afterSpace) to = ''
        afterSpace = true
      } else if (to !== '') afterSpace = false
    }
    if (to !== null) {
      out += t.slice(from, i) + to
      from = i + width
    }
    i += width - 1
  }
  return from === 0 ? t : out + t.slice(from)
}
