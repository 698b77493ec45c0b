// Body validation with zod: a failure names every field that is wrong. The schemas are zod/mini's (shared
// with the client), so issues are worded by the shared English map rather than a globally loaded locale.
import { safeParse, type core } from 'zod/mini'
import type { Problem } from '../../shared/result.ts'
import { inEnglish } from '../../shared/zod-english.ts'
import { ApiError } from './errors.ts'

export function zodProblems(error: core.$ZodError): Problem[] {
  return error.issues.map((i) => ({ where: i.path.length ? i.path.join('.') : '(body)', message: i.message }))
}

export function parseBody<S extends core.$ZodType>(schema: S, body: unknown): core.output<S> {
  const r = safeParse(schema, body, inEnglish)
  if (!r.success) {
    const problems = zodProblems(r.error)
    throw new ApiError(
      422,
      'invalid-body',
      problems.map((p) => `${p.where}: ${p.message}`).join('; '),
      problems,
    )
  }
  return r.data
}
