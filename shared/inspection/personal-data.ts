// Data minimisation: cases are opaque references; names and dates of birth must never enter the panel.

/** Opaque references such as C07, O03, YJ-1042. */
const OPAQUE_REF = /^[A-Za-z]{0,4}[-_]?\d{1,6}[A-Za-z]?$/
const DATE = /\b(\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})|\d{4}-\d{2}-\d{2})\b/
const DOB = /\b(d\.?o\.?b\.?|date of birth|born on)\b/i

export const isOpaqueCaseRef = (ref: string): boolean => OPAQUE_REF.test(ref)

/** A reason the text looks like personal data, or null. */
export function personalDataIn(text: string): string | null {
  if (DOB.test(text)) return 'mentions a date of birth'
  if (DATE.test(text)) return 'contains a full date, which could be a date of birth'
  return null
}
