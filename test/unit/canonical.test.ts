// RFC 8785 canonical JSON: key order, number form, escapes.
import { describe, expect, it } from 'vitest'
import { canonicalize } from '../../shared/canonical.ts'

describe('canonicalize', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: [3, { z: null, y: true }] }, '{"a":[3,{"y":true,"z":null}]}'],
    [1e21, '1e+21'],
    [0.000001, '0.000001'],
    [-0, '0'],
    ['€\u0001"', '"€\\u0001\\""'],
    [{ '\u20ac': 1, '\r': 2, '1': 3 }, '{"\\r":2,"1":3,"€":1}'],
    [{ a: undefined, b: 1 }, '{"b":1}'],
  ])('%j -> %s', (value, expected) => {
    expect(canonicalize(value)).toBe(expected)
  })

  it('refuses what JSON cannot hold', () => {
    expect(() => canonicalize(Number.NaN)).toThrow()
    expect(() => canonicalize(() => 1)).toThrow()
  })
})
