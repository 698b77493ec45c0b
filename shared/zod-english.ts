// English for zod issues that a schema does not word itself. The shared schemas use `zod/mini`, which loads
// no locale (the browser bundle stays small), so every parse of them passes this map: `{ error: englishIssue }`.
// The wording is zod's own English locale, for the issues these schemas can raise, so messages do not
// depend on whether full `zod` (which installs that locale globally) happens to be loaded too.
import type { core } from 'zod/mini'

const show = (v: unknown) => (typeof v === 'string' ? `"${v}"` : typeof v === 'bigint' ? `${v}n` : String(v))

/** The type of what was found, named as zod names it ("array", "null", "NaN", a class name…). */
function typeName(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? 'number' : String(v)
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'array'
  if (typeof v === 'object') {
    const proto: unknown = Object.getPrototypeOf(v)
    const ctor = (v as { constructor?: { name?: string } }).constructor
    if (proto !== Object.prototype && 'constructor' in v && ctor) return String(ctor.name)
  }
  return typeof v
}

const UNITS: Record<string, string> = {
  string: 'characters',
  array: 'items',
  set: 'items',
  map: 'entries',
  file: 'bytes',
}

export function englishIssue(issue: core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `Invalid input: expected ${issue.expected === 'nan' ? 'NaN' : issue.expected}, received ${typeName(issue.input)}`
    case 'invalid_value':
      return issue.values.length === 1
        ? `Invalid input: expected ${show(issue.values[0])}`
        : `Invalid option: expected one of ${issue.values.map(show).join('|')}`
    case 'too_big':
    case 'too_small': {
      const big = issue.code === 'too_big'
      const limit = big ? issue.maximum : issue.minimum
      const adj = issue.exact ? 'exactly ' : issue.inclusive ? (big ? '<=' : '>=') : big ? '<' : '>'
      const unit = UNITS[issue.origin]
      return `Too ${big ? 'big' : 'small'}: expected ${big ? (issue.origin ?? 'value') : issue.origin} ${unit ? 'to have' : 'to be'} ${adj}${String(limit)}${unit ? ` ${unit}` : ''}`
    }
    case 'invalid_format':
      return issue.format === 'regex' && issue.pattern
        ? `Invalid string: must match pattern ${issue.pattern}`
        : `Invalid ${issue.format === 'regex' ? 'input' : issue.format}`
    case 'not_multiple_of':
      return `Invalid number: must be a multiple of ${String(issue.divisor)}`
    case 'unrecognized_keys':
      return `Unrecognized key${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.map(show).join(', ')}`
    case 'invalid_key':
      return `Invalid key in ${issue.origin}`
    case 'invalid_element':
      return `Invalid value in ${issue.origin}`
    case 'invalid_union': {
      const options = issue.options as readonly unknown[] | undefined
      return options?.length
        ? `Invalid discriminator value. Expected ${options.map((o) => `'${String(o)}'`).join(' | ')}`
        : issue.inclusive === false
          ? 'Invalid input: more than one option matched'
          : 'Invalid input'
    }
    default:
      return 'Invalid input'
  }
}

/** Parse options for the shared schemas: their own messages first, then the English above. */
export const inEnglish = { error: englishIssue } as const
