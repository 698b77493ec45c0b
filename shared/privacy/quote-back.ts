// Quoting what someone typed back in a problem ("unknown framework "hmip-2019""): only short, plain values that
// hold nothing the personal-data detector refuses. Anything else is described, never repeated.
import { personalDataIn } from './personal-data.ts'

const PLAIN = /^[\p{L}\p{N}][\p{L}\p{N} _.,:'()-]{0,59}$/u

/** Whether `value` may be repeated in a message. */
export const isQuotable = (value: string): boolean => PLAIN.test(value) && personalDataIn(value) === null

/** `"value"` when it may be repeated, else `otherwise`. */
export const quoteBack = (value: string, otherwise = 'something else'): string =>
  isQuotable(value) ? `"${value}"` : otherwise
