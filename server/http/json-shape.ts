// A cheap look at a JSON body's shape before it is parsed: how deep it nests, how many items a list or keys an
// object holds, how many values in all. One pass over the characters with a small stack, so a hostile body
// (20,000 empty domains, 4 MB of "[[[[") is refused in time proportional to its length, before JSON.parse
// builds it and long before validation walks it (which recursed past the stack at 50,000 domains).
import type { Problem } from '../../shared/result.ts'
import { isQuotable } from '../../shared/privacy/quote-back.ts'

export interface JsonLimits {
  depth: number
  /** Items of one list, or keys of one object. */
  items: number
  /** Containers and separated values in the whole body. */
  values: number
}

/** Far above any real inspection, framework or command (the built-in frameworks nest 7 deep, lists under 50). */
export const JSON_LIMITS: JsonLimits = { depth: 32, items: 1_000, values: 50_000 }

const QUOTE = 34
const BACKSLASH = 92
const COMMA = 44
const COLON = 58
const OPEN_LIST = 91
const CLOSE_LIST = 93
const OPEN_OBJECT = 123
const CLOSE_OBJECT = 125

/**
 * The first limit the text breaks, named by its JSON path, or null. The text need not be valid JSON: this
 * only counts, and JSON.parse reports what is malformed afterwards.
 */
export function jsonShapeProblem(text: string, limits: JsonLimits = JSON_LIMITS): Problem | null {
  const isList: boolean[] = []
  const commas: number[] = []
  const keys: string[] = []
  let values = 0
  let lastString = ''
  /** The path of the value being read, or (`container`) of the list or object holding it. */
  const where = (container = false) => {
    const path = isList
      .slice(0, container ? -1 : undefined)
      .map((list, d) => (list ? String(commas[d]) : isQuotable(keys[d] ?? '') ? keys[d]! : '…'))
    return path.slice(0, 8).join('.') + (path.length > 8 ? '.…' : '') || '(body)'
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) {
      // To the closing quote: one not preceded by an odd number of backslashes.
      let j = text.indexOf('"', i + 1)
      while (j !== -1) {
        let slashes = 0
        while (text.charCodeAt(j - 1 - slashes) === BACKSLASH) slashes++
        if (slashes % 2 === 0) break
        j = text.indexOf('"', j + 1)
      }
      if (j === -1) j = text.length
      lastString = j - i <= 61 ? text.slice(i + 1, j) : ''
      i = j
    } else if (c === OPEN_LIST || c === OPEN_OBJECT) {
      if (++values > limits.values)
        return { where: where(), message: `more than ${limits.values} values in all` }
      isList.push(c === OPEN_LIST)
      commas.push(0)
      keys.push('')
      if (isList.length > limits.depth)
        return { where: where(true), message: `nested deeper than ${limits.depth} levels` }
    } else if (c === CLOSE_LIST || c === CLOSE_OBJECT) {
      isList.pop()
      commas.pop()
      keys.pop()
    } else if (c === COMMA && isList.length) {
      const d = isList.length - 1
      if (++values > limits.values)
        return { where: where(), message: `more than ${limits.values} values in all` }
      if (++commas[d]! >= limits.items)
        return {
          where: where(true),
          message: `more than ${limits.items} ${isList[d] ? 'items in one list' : 'keys in one object'}`,
        }
    } else if (c === COLON && isList.length) keys[isList.length - 1] = lastString
  }
  return null
}
