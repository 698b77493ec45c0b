// The windowed personal-data check after an edit says what the whole-text check says, whatever the edit.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { personalDataIn } from '../../shared/privacy/personal-data.ts'
import {
  personalDataAfterEdit,
  personalDataAround,
  personalDataInStretch,
} from '../../shared/ydoc/personal-data-after-edit.ts'

const WORDS = 'Case C07 sits near the boundary; 14/23 is 60.9% and one answer flips it. '
const long = (n: number) => WORDS.repeat(Math.ceil(n / WORDS.length)).slice(0, n)
const ZWSP = '\u200b'
const TAG = String.fromCodePoint(0xe0041) // a format character outside the BMP
const has = (t: string) => personalDataIn(t) !== null

describe('personalDataAfterEdit', () => {
  it.each([
    ['a date typed at the end of a long note', long(2000), (t: string) => t + ' on 12/03/2008'],
    ['a date completed by its last digit', long(2000) + ' on 12/03/200', (t: string) => t + '8'],
    [
      'a date completed in the middle of a long note',
      long(1000) + ' 12/03/2 ' + long(1000),
      (t: string) => t.replace('12/03/2 ', '12/03/2008 '),
    ],
    [
      'a date padded with 500 zero-width spaces',
      long(2000) + ' 12/03/' + ZWSP.repeat(500),
      (t: string) => t + '2008',
    ],
    [
      'a date padded with 300 tag characters',
      long(2000) + ' 12/03/' + TAG.repeat(300),
      (t: string) => t + '2008',
    ],
    ['a date padded with 400 spaces', long(2000) + ' 12 /' + ' '.repeat(400), (t: string) => t + '03 / 2008'],
    ['a date of birth after the word born', long(2000) + ' born on', (t: string) => t + ' 3'],
    ['a postcode', long(2000) + ' lives at SW1A', (t: string) => t + ' 1AA'],
  ])('catches %s', (_what, before, edit) => {
    expect(has(before)).toBe(false)
    const after = edit(before)
    expect(has(after)).toBe(true)
    expect(personalDataAfterEdit(after, before)).not.toBeNull()
    let from = 0
    while (from < before.length && before[from] === after[from]) from++
    let tail = 0
    while (tail < before.length - from && before.at(-1 - tail) === after.at(-1 - tail)) tail++
    expect(personalDataAround(after, from, after.length - tail)).not.toBeNull()
  })

  it('asks for the whole text when the window it needs reaches past the stretch it was given', () => {
    // The date's start sits 500 zero-width spaces before the year: further back than a 100-character stretch.
    const before = long(2000) + ' 12/03/' + ZWSP.repeat(500)
    const after = before + '2008'
    expect(has(after)).toBe(true)
    const at = before.length
    const narrow = { text: after.slice(at - 100), start: at - 100, length: after.length }
    expect(personalDataInStretch(narrow, at, after.length)).toBe('wider')
    const wide = { text: after.slice(at - 1024), start: at - 1024, length: after.length }
    expect(personalDataInStretch(wide, at, after.length)).not.toBeNull()
    // A stretch cut short on the right is no text's end either.
    const tail = long(2000)
    const mid = tail.slice(0, 1000) + '12/03/2008' + tail.slice(1000)
    const cut = { text: mid.slice(900, 1012), start: 900, length: mid.length }
    expect(personalDataInStretch(cut, 1000, 1010)).toBe('wider')
  })

  it('lets a clean keystroke through in a long note that has numbers throughout', () => {
    const before = long(5000)
    expect(personalDataAfterEdit(before.slice(0, 2500) + 'x' + before.slice(2500), before)).toBeNull()
  })

  it('agrees with the whole-text check on random edits to clean texts', () => {
    let answered = 0
    const fragment = fc.oneof(
      fc.constantFrom(
        '12',
        '/',
        '03',
        '2008',
        ' ',
        ZWSP,
        TAG,
        'March',
        'born',
        'SW1A',
        '1AA',
        '.',
        '-',
        '\n',
      ),
      fc.string({ maxLength: 6 }),
    )
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fragment), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 400 }),
        (n, pieces, at, cut, margin1) => {
          let before = long(n)
          // Sprinkle pieces in, keeping the text clean (the judge only ever holds clean texts).
          for (const [where, piece] of pieces.slice(0, -1)) {
            const i = Math.floor(where * before.length)
            const next = before.slice(0, i) + piece + before.slice(i)
            if (!has(next)) before = next
          }
          if (has(before)) return
          const i = Math.floor(at * before.length)
          const after =
            before.slice(0, i) + pieces.at(-1)![1] + before.slice(Math.min(before.length, i + cut))
          expect(personalDataAfterEdit(after, before) !== null).toBe(has(after))
          // Told where the edit is (as the workspace judge is, by Yjs), the same answer without the scan.
          const inserted = pieces.at(-1)![1].length
          expect(personalDataAround(after, i, i + inserted) !== null).toBe(has(after))
          // Read only around the edit: the same answer, or 'wider' when the stretch is too short for it.
          for (const margin of [margin1, 1024]) {
            const from = Math.max(0, i - margin)
            const stretch = {
              text: after.slice(from, i + inserted + margin),
              start: from,
              length: after.length,
            }
            const found = personalDataInStretch(stretch, i, i + inserted)
            if (found === 'wider') continue
            answered++
            expect(found !== null).toBe(has(after))
          }
        },
      ),
      { seed: 20261201, numRuns: 400 },
    )
    // The stretch answered most of them itself (long texts), not by sending them all to the whole text.
    expect(answered).toBeGreaterThan(200)
  })
})
