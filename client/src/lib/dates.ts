// Dates and times in the GOV.UK style, in English or Welsh: "1 December 2026 at 6:21am", "1 Rhagfyr 2026 am 6:21yb".
// Month names are our own (Chromium has no Welsh locale data); the numbers come from Intl in the reader's time zone.
const MONTHS = {
  en: 'January February March April May June July August September October November December'.split(' '),
  cy: 'Ionawr Chwefror Mawrth Ebrill Mai Mehefin Gorffennaf Awst Medi Hydref Tachwedd Rhagfyr'.split(' '),
}
const WORDS = {
  en: { at: 'at', am: 'am', pm: 'pm', midnight: 'midnight', midday: 'midday' },
  cy: { at: 'am', am: 'yb', pm: 'yh', midnight: 'hanner nos', midday: 'canol dydd' },
}
export type DateLang = keyof typeof MONTHS

function partsOf(iso: string, timeZone?: string) {
  const f = new Intl.DateTimeFormat('en-GB', {
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone } : {}),
  })
  const n: Record<string, number> = {}
  for (const p of f.formatToParts(new Date(iso))) if (p.type !== 'literal') n[p.type] = Number(p.value)
  return n as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>
}

/** "1 December 2026". */
export function govukDate(lang: DateLang, iso: string, timeZone?: string): string {
  const p = partsOf(iso, timeZone)
  return `${p.day} ${MONTHS[lang][p.month - 1]} ${p.year}`
}

/** "6:21am", "12:05pm", "midday"; with seconds "6:21:05am". */
export function govukTime(lang: DateLang, iso: string, seconds = false, timeZone?: string): string {
  const p = partsOf(iso, timeZone)
  const w = WORDS[lang]
  if (!seconds && p.minute === 0 && (p.hour === 0 || p.hour === 12)) return p.hour ? w.midday : w.midnight
  const h = p.hour % 12 || 12
  const mm = String(p.minute).padStart(2, '0')
  const ss = seconds ? `:${String(p.second).padStart(2, '0')}` : ''
  return `${h}:${mm}${ss}${p.hour < 12 ? w.am : w.pm}`
}

/** "1 December 2026 at 6:21am". */
export const govukDateTime = (lang: DateLang, iso: string, seconds = false, timeZone?: string): string =>
  `${govukDate(lang, iso, timeZone)} ${WORDS[lang].at} ${govukTime(lang, iso, seconds, timeZone)}`

/** A month as an inspection file gives it ("2019-10") as "October 2019"; anything else as written. */
export function govukMonth(lang: DateLang, value: string): string {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(value)
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return value
  const month = `${MONTHS[lang][Number(m[2]) - 1]} ${m[1]}`
  return m[3] ? `${Number(m[3])} ${month}` : month
}
