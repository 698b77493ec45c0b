// Data minimisation: the one detector for personal data in any text the panel keeps (files, forms, commands,
// workspace drafts). Cases are opaque references; a date of birth, any full date and a postcode are refused.
//
// The text is first normalised (NFKC, invisible characters dropped, look-alike separators and digits folded to
// ASCII), then scanned by a few linear regexes: every quantifier is bounded or over one character class, so
// the cost is proportional to the text (it runs on every workspace update). Candidates are checked as
// calendar dates in code, not in the regex, so "14/23" or "2019/20" are not dates.

import { normaliseForDetection } from './normalise.ts'

export { normaliseForDetection }

const MONTHS: Record<string, number> = {}
const addMonths = (names: string, n: number) => names.split(' ').forEach((m) => (MONTHS[m] = n))
;[
  'january jan ionawr ion',
  'february feb chwefror chwef',
  'march mar mawrth maw fawrth',
  'april apr ebrill ebr',
  'may mai fai',
  'june jun mehefin meh fehefin',
  'july jul gorffennaf gorff orffennaf',
  'august aug awst',
  'september sept sep medi fedi',
  'october oct hydref hyd',
  'november nov tachwedd tach dachwedd',
  'december dec rhagfyr rhag ragfyr',
].forEach((names, i) => addMonths(names, i + 1))
// Longest first, so "sept" is tried before "sep" and "mawrth" before "maw".
const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})(?![a-z])\\.?`
/** English (1st, 12th) and Welsh (1af, 2il, 3ydd, 5ed, 12fed, 11eg, 21ain) ordinal endings. */
const ORDINAL = '(?:st|nd|rd|th|af|il|ydd|edd|fed|ed|eg|ain)?'
const SEP = ' ?[-/.\\\\_] ?'
const NUM_END = '(?!\\.?\\d)'
const NUM_START = '(?<!\\d)(?<!\\d\\.)'

const NUMERIC_DMY = new RegExp(`${NUM_START}(\\d{1,2})${SEP}(\\d{1,2})${SEP}(\\d{4}|\\d{2})${NUM_END}`, 'g')
const NUMERIC_YMD = new RegExp(`${NUM_START}(\\d{4})${SEP}(\\d{1,2})${SEP}(\\d{1,2})${NUM_END}`, 'g')
const SPACED_DMY = /(?<!\d)(\d{1,2}) (\d{1,2}) (\d{4})(?!\d)/g
const SPACED_YMD = /(?<!\d)(\d{4}) (\d{1,2}) (\d{1,2})(?!\d)/g
const COMPACT = /(?<!\d)(\d{8}|\d{6})(?!\d)/g
const NAMED_DMY = new RegExp(
  `(?<!\\d)(\\d{1,2})${ORDINAL}[ ./-]{0,3}(?:(?:of|o|mis) )?${MONTH}[ ,./'-]{0,3}(\\d{4}|\\d{2})(?!\\d)`,
  'gi',
)
const NAMED_MDY = new RegExp(
  `(?<![a-z])${MONTH}[ ./-]{0,3}(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)[ ,./'-]{0,3}(\\d{4}|\\d{2})(?!\\d)`,
  'gi',
)
const NAMED_YMD = new RegExp(`(?<!\\d)(\\d{4})[ ./-]{1,3}${MONTH}[ ./-]{0,3}(\\d{1,2})(?!\\d)`, 'gi')
/** Colons and commas separate the parts of a date only with a four-digit year (12:03:08 is a time). */
const WEAK_DMY = /(?<!\d)(\d{1,2}) ?[:,] ?(\d{1,2}) ?[:,] ?((?:19|20)\d{2})(?!\d)/g

const UNITS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth']
const TEENS = ['tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth']
const DAY_WORDS = [...UNITS, ...TEENS, 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth', 'thirtieth']
const dayWordValue = (w: string) => {
  const i = DAY_WORDS.indexOf(w.toLowerCase())
  return i < 19 ? i + 1 : i === 19 ? 20 : 30
}
/** "the twelfth of March 2008", "twenty-first May 2007". */
const WORDS_DMY = new RegExp(
  `(?<![a-z])(?:(twenty|thirty)[ -]?)?(${DAY_WORDS.join('|')})(?![a-z])[ ,]{0,2}(?:of )?${MONTH}[ ,./'-]{0,3}(\\d{4}|\\d{2})(?!\\d)`,
  'gi',
)
const wordsDay = (tens: string | undefined, day: string) =>
  (tens === undefined ? 0 : tens.toLowerCase() === 'twenty' ? 20 : 30) + dayWordValue(day)

const BIRTH_WORD =
  '(?:d ?[./]? ?o ?[./]? ?b|date of birth|birth ?date|birthday|born|dyddiad geni|pen-?blwydd|ganwyd|ganed)'
/** A birth word followed, within a few words, by a number: a (partial) date of birth. */
const DATE_OF_BIRTH = new RegExp(
  `(?<![a-z])${BIRTH_WORD}(?![a-z])[ .:;,()-]{0,4}(?:(?:on|in|the|of|was|is|ar|yn|y|o|mis) ?){0,3}(?:${MONTH} ?)?\\d`,
  'gi',
)

/** UK postcodes (outward code, optional space, inward code), in the letters each position allows. */
const POSTCODE =
  /(?<![a-z0-9])(?:([a-pr-uwyz][a-hk-y]?\d[a-hjkpstuw\d]?) ?(\d[abd-hjlnp-uw-z]{2})|gir ?0aa)(?![a-z0-9])/gi
/** "KS2 3rd", "Y1 2nd": a lower-case ordinal where the inward code would be. */
const ORDINAL_INWARD = /^\d(st|nd|rd|th)$/

const isYear = (y: string) => y.length === 2 || /^(19|20)\d\d$/.test(y)
const isDayMonth = (d: number, m: number) => d >= 1 && d <= 31 && m >= 1 && m <= 12
/** Day and month in either order (UK or US), or a year first. */
const isDmy = (a: string, b: string, y: string) =>
  isYear(y) && (isDayMonth(Number(a), Number(b)) || isDayMonth(Number(b), Number(a)))
const isYmd = (y: string, m: string, d: string) => isYear(y) && isDayMonth(Number(d), Number(m))

function isCompactDate(digits: string): boolean {
  const n = (from: number, len: number) => digits.slice(from, from + len)
  if (digits.length === 6) return isDmy(n(0, 2), n(2, 2), n(4, 2))
  return isDmy(n(0, 2), n(2, 2), n(4, 4)) || isYmd(n(0, 4), n(4, 2), n(6, 2))
}

/** Whether any match of `re` in `text` passes `valid`; after a candidate that fails, scanning resumes one on. */
function anyMatch(re: RegExp, text: string, valid: (m: RegExpExecArray) => boolean): boolean {
  re.lastIndex = 0
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (valid(m)) return true
    re.lastIndex = m.index + 1
  }
  return false
}

const month = (name: string) => MONTHS[name.toLowerCase()]!

function hasFullDate(t: string): boolean {
  return (
    anyMatch(NUMERIC_DMY, t, (m) => isDmy(m[1]!, m[2]!, m[3]!)) ||
    anyMatch(NUMERIC_YMD, t, (m) => isYmd(m[1]!, m[2]!, m[3]!)) ||
    anyMatch(SPACED_DMY, t, (m) => isDmy(m[1]!, m[2]!, m[3]!)) ||
    anyMatch(SPACED_YMD, t, (m) => isYmd(m[1]!, m[2]!, m[3]!)) ||
    anyMatch(COMPACT, t, (m) => isCompactDate(m[1]!)) ||
    anyMatch(NAMED_DMY, t, (m) => isYear(m[3]!) && isDayMonth(Number(m[1]), month(m[2]!))) ||
    anyMatch(NAMED_MDY, t, (m) => isYear(m[3]!) && isDayMonth(Number(m[2]), month(m[1]!))) ||
    anyMatch(NAMED_YMD, t, (m) => isYear(m[1]!) && isDayMonth(Number(m[3]), month(m[2]!))) ||
    anyMatch(WEAK_DMY, t, (m) => isDmy(m[1]!, m[2]!, m[3]!)) ||
    anyMatch(WORDS_DMY, t, (m) => isYear(m[4]!) && isDayMonth(wordsDay(m[1], m[2]!), month(m[3]!)))
  )
}

const hasPostcode = (t: string) =>
  anyMatch(POSTCODE, t, (m) => m[2] === undefined || !ORDINAL_INWARD.test(m[2]))

/** A reason the text looks like personal data (to follow "this note …"), or null. */
export function personalDataIn(text: string): string | null {
  // Plain ASCII without a digit can hold no date and no postcode.
  if (!/[^\x20-\x7e]|\d/.test(text)) return null
  const t = normaliseForDetection(text)
  if (!/\d/.test(t)) return null
  if (anyMatch(DATE_OF_BIRTH, t, () => true)) return 'mentions a date of birth'
  if (hasFullDate(t)) return 'contains a full date, which could be a date of birth'
  if (hasPostcode(t)) return 'contains a postcode, which could be an address'
  return null
}

/**
 * Opaque case references: one to three letters, an optional hyphen, one to four digits (C07, O03, YJ-1042).
 * Never a name, and never six or more digits (which could spell a date: JS120308).
 */
const OPAQUE_REF = /^[A-Za-z]{1,3}-?\d{1,4}$/
export const isOpaqueCaseRef = (ref: string): boolean => OPAQUE_REF.test(ref)

/** `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real calendar date: the only form of a field that is a date. */
export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text)
  if (!m) return false
  const [y, mo, d] = [
    Number(m[1]),
    m[2] === undefined ? 1 : Number(m[2]),
    m[3] === undefined ? 1 : Number(m[3]),
  ]
  const date = new Date(Date.UTC(y, mo - 1, d))
  return mo >= 1 && mo <= 12 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d
}
