// Every text in a JSON value that is kept whole (a framework file a panel is created with), checked by the
// personal-data detector. A text that is exactly an ISO date is a date field, not free text, and passes.
import type { Problem } from '../result.ts'
import { isIsoDate, personalDataIn } from './personal-data.ts'
import { isQuotable } from './quote-back.ts'

/** Problems at JSON paths (`domains.1.standards.0.title`); iterative, so a deep value cannot overflow the stack. */
export function personalDataInJson(value: unknown): Problem[] {
  const problems: Problem[] = []
  const stack: [unknown, string][] = [[value, '']]
  const join = (path: string, key: string) => (path ? `${path}.${key}` : key)
  while (stack.length) {
    const [v, path] = stack.pop()!
    if (typeof v === 'string') {
      const why = isIsoDate(v) ? null : personalDataIn(v)
      if (why)
        problems.push({
          where: path || '(top level)',
          message: `this text ${why}; personal data must never be entered`,
        })
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], join(path, String(i))])
    } else if (typeof v === 'object' && v !== null) {
      const entries = Object.entries(v)
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, x] = entries[i]!
        if (personalDataIn(k)) {
          problems.push({
            where: path || '(top level)',
            message: 'a key looks like personal data; it is not repeated here',
          })
          continue
        }
        stack.push([x, join(path, isQuotable(k) ? k : '…')])
      }
    }
  }
  return problems
}
