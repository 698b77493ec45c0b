// Body validation with zod: a failure names every field that is wrong. The schemas are zod/mini's (shared
// with the client), so issues are worded by the shared English map rather than a globally loaded locale.
import { safeParse, type core } from 'zod/mini'
import { PERSONAL_DATA_PARAM } from '../../shared/privacy/text-schema.ts'
import type { Problem } from '../../shared/result.ts'
import { inEnglish } from '../../shared/zod-english.ts'
import { ApiError, shownProblem } from './errors.ts'

/** Each issue at its path; an unknown key at its own path ("proposalId: unknown key"). */
export function zodProblems(error: core.$ZodError): Problem[] {
  const at = (path: PropertyKey[]) => (path.length ? path.map(String).join('.') : '(body)')
  return error.issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ where: at([...i.path, k]), message: 'unknown key' }))
      : [{ where: at(i.path), message: i.message }],
  )
}

const isPersonalData = (i: core.$ZodIssue) =>
  i.code === 'custom' && (i.params as Record<string, unknown> | undefined)?.[PERSONAL_DATA_PARAM] === true

/** The first few problems, for the error's message; all of them (up to the cap) are in `problems`. */
const summary = (problems: Problem[]) => {
  const shown = problems.slice(0, 3).map(shownProblem)
  const more = problems.length - shown.length
  return shown.map((p) => `${p.where}: ${p.message}`).join('; ') + (more > 0 ? `; and ${more} more` : '')
}

export function parseBody<S extends core.$ZodType>(schema: S, body: unknown): core.output<S> {
  const r = safeParse(schema, body, inEnglish)
  if (!r.success) {
    const problems = zodProblems(r.error)
    const code = r.error.issues.some(isPersonalData) ? 'personal-data' : 'invalid-body'
    throw new ApiError(422, code, summary(problems), problems)
  }
  return r.data
}
