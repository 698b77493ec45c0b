// Body validation with zod: a failure names every field that is wrong.
import type { z } from 'zod'
import type { Problem } from '../../shared/result.ts'
import { ApiError } from './errors.ts'

export function zodProblems(error: z.ZodError): Problem[] {
  return error.issues.map((i) => ({ where: i.path.length ? i.path.join('.') : '(body)', message: i.message }))
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body)
  if (!r.success) {
    const problems = zodProblems(r.error)
    throw new ApiError(422, 'invalid-body', problems.map((p) => `${p.where}: ${p.message}`).join('; '), problems)
  }
  return r.data
}
