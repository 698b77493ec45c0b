// zod (zod/mini) pieces for what people type: free text checked by the personal-data detector, and date fields
// that take ISO dates only. An issue raised here carries `params.personalData`, so the HTTP layer answers
// `personal-data` (server/http/validate.ts); its message names the field's kind, never the value.
import * as z from 'zod/mini'
import { isIsoDate, personalDataIn } from './personal-data.ts'

/** Marks the zod issues this file raises for personal data. */
export const PERSONAL_DATA_PARAM = 'personalData'

/** A check for a string schema: `what` ("this note") is refused when it looks like personal data. */
export const noPersonalData = (what: string) =>
  z.superRefine((value: string, ctx) => {
    const why = personalDataIn(value)
    if (why)
      ctx.addIssue({
        code: 'custom',
        message: `${what} ${why}; personal data must never be entered`,
        params: { [PERSONAL_DATA_PARAM]: true },
        continue: true,
      })
  })

export const ISO_DATE_MESSAGE = 'expected an ISO date: YYYY, YYYY-MM or YYYY-MM-DD'

/** A field that is a date by definition (fieldwork, published): an ISO date and nothing else. */
export const isoDate = () =>
  z.string({ error: ISO_DATE_MESSAGE }).check(z.refine(isIsoDate, ISO_DATE_MESSAGE))
