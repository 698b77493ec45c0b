// jsonShapeProblem: a body too deep or too wide is named by its path before JSON.parse or validation reads it.
import { describe, expect, it } from 'vitest'
import { jsonShapeProblem } from '../../server/http/json-shape.ts'

const limits = { depth: 4, items: 3, values: 20 }
const shape = (v: unknown) => jsonShapeProblem(typeof v === 'string' ? v : JSON.stringify(v), limits)

describe('jsonShapeProblem', () => {
  it.each([
    { a: [1, 2, 3], b: { c: 'x' } },
    '[[["deep enough"]]]',
    { text: '[[[[[[[[ {{{{ ,,,,,,,, ]]]' },
    { text: 'an \\" escaped quote, then [[[[[' },
    '"just a string"',
    'not JSON at all {',
  ])('lets through %j', (v) => {
    expect(shape(v)).toBeNull()
  })

  it.each<[unknown, string, RegExp]>([
    ['[[[[[]]]]]', '0.0.0.0', /deeper than 4/],
    [{ domains: [{ standards: [{ keyQuestions: [{}] }] }] }, 'domains.0.standards.0', /deeper than 4/],
    [{ domains: [1, 2, 3, 4] }, 'domains', /more than 3 items in one list/],
    [{ standards: { '2.1': { a: 1, b: 2, c: 3, d: 4 } } }, 'standards.2.1', /more than 3 keys in one object/],
    [{ a: 1, b: 2, c: 3, d: 4 }, '(body)', /keys in one object/],
    [{ text: 'ends in a backslash \\', deep: [[[[1]]]] }, 'deep.0.0.0', /deeper than 4/],
    [{ 'd.o.b. 12/03/2008': [1, 2, 3, 4] }, '…', /items in one list/],
  ])('refuses %j at %s', (v, where, message) => {
    expect(shape(v)).toEqual({ where, message: expect.stringMatching(message) })
  })

  it('counts the values of the whole body', () => {
    const wide = Array.from({ length: 3 }, () => [
      [1, 2, 3],
      [1, 2, 3],
      [1, 2, 3],
    ])
    expect(shape(wide)).toEqual({ where: expect.any(String), message: 'more than 20 values in all' })
  })
})
