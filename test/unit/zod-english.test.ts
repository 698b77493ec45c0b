// The shared schemas use zod/mini, which loads no locale: the messages users see come from the project's own
// English map, the same in the browser (no full zod) as on the server (where full zod installs its locale).
import * as z from 'zod/mini'
import { describe, expect, it } from 'vitest'
import { parseDecisions } from '../../shared/engine/decisions.ts'
import { parseFramework } from '../../shared/framework/schema.ts'
import { builtinFrameworks } from '../../shared/framework/builtin.ts'
import { CommandSchema, InviteSchema } from '../../shared/panel/command-schema.ts'
import { englishIssue, inEnglish } from '../../shared/zod-english.ts'

const problems = (r: { ok: boolean; error?: unknown }) => (r.ok ? [] : r.error)
const issues = (schema: z.ZodMiniType, v: unknown) => {
  const r = schema.safeParse(v, inEnglish)
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))
}

describe('English for zod issues without a loaded locale', () => {
  it('runs with no zod locale loaded, as in the browser', () => {
    expect(z.config().localeError).toBeUndefined()
  })

  it('names what was expected and what was found', () => {
    expect(problems(parseFramework('hmip-youth-2018'))).toEqual([
      { where: '(top level)', message: 'Invalid input: expected object, received string' },
    ])
    const f = structuredClone(builtinFrameworks['hmip-youth-2018']) as unknown as Record<string, unknown>
    f.format = 'framework@2'
    f.discretion = { nearBoundaryPoints: 101, triggers: ['coin-toss'], maxBands: 0.5 }
    delete f.title
    expect(problems(parseFramework(f))).toEqual(
      expect.arrayContaining([
        {
          where: 'format',
          message: 'Invalid option: expected one of "ratings-panel/framework@1"|"ratings-panel/framework@2"',
        },
        { where: 'title', message: 'Invalid input: expected string, received undefined' },
        { where: 'discretion.nearBoundaryPoints', message: 'Too big: expected number to be <=100' },
        {
          where: 'discretion.triggers.0',
          message: 'Invalid option: expected one of "near-boundary"|"one-answer-flip"',
        },
        { where: 'discretion.maxBands', message: 'Invalid input: expected int, received number' },
      ]),
    )
    expect(problems(parseDecisions({ format: 'ratings-panel/decisions@1', decisions: [] }))).toEqual([
      { where: 'decisions', message: 'expected an object keyed by standard id' },
    ])
  })

  it('words panel commands and invitations', () => {
    expect(issues(CommandSchema, { type: 'nope' })).toEqual([
      {
        path: 'type',
        message:
          "Invalid discriminator value. Expected 'propose' | 'vote' | 'retract' | 'decide' | 'finalise' | 'settings' | 'reveal' | 'revoke-invite' | 'change-role' | 'remove-member'",
      },
    ])
    expect(
      issues(CommandSchema, { type: 'vote', proposalId: '', stance: 'support', justification: 'x', y: 1 }),
    ).toEqual([
      { path: 'proposalId', message: 'Too small: expected string to have >=1 characters' },
      { path: 'proposalId', message: 'use letters, digits, _ . : -' },
      { path: '', message: 'Unrecognized key: "y"' },
    ])
    expect(issues(InviteSchema, { role: 'lead', name: '  ' })).toEqual([
      { path: 'name', message: 'name the person you invite' },
    ])
  })

  it('names NaN, Infinity and class instances as zod does', () => {
    const at = (input: unknown) => englishIssue({ code: 'invalid_type', expected: 'string', input } as never)
    expect([at(NaN), at(-Infinity), at(new Date(0)), at(Object.create(null)), at(null)]).toEqual([
      'Invalid input: expected string, received NaN',
      'Invalid input: expected string, received -Infinity',
      'Invalid input: expected string, received Date',
      'Invalid input: expected string, received object',
      'Invalid input: expected string, received null',
    ])
  })
})
