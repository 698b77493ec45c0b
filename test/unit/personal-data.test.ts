// The one personal-data detector (shared/privacy/personal-data.ts): every common spelling of a full date, a date
// of birth and a UK postcode is refused, after Unicode normalisation; ordinary inspection prose passes.
import { describe, expect, it } from 'vitest'
import {
  isIsoDate,
  isOpaqueCaseRef,
  normaliseForDetection,
  personalDataIn,
} from '../../shared/privacy/personal-data.ts'

const ZWSP = '\u200B'

describe('refused: full dates, dates of birth, postcodes', () => {
  it.each([
    // numeric, day or month first, any separator, two- or four-digit years
    '12/03/2008',
    '12-03-2008',
    '12.03.2008',
    '12_03_2008',
    '12\\03\\2008',
    '12 / 03 / 2008',
    '12. 03. 2008',
    '12 03 2008',
    '3/7/09',
    '3.7.09',
    '03-12-08',
    '12/3/2008',
    '3/12/2008 (US order)',
    '12/03-2008',
    // year first
    '2008/03/12',
    '2008-03-12',
    '2008.3.12',
    '2008 03 12',
    // compact
    '12032008',
    '20080312',
    'JS120308',
    'ref 120308',
    // month names and abbreviations, English
    '12 March 2008',
    '12th March 2008',
    '12th of March, 2008',
    '1st May 2007',
    '12-Mar-2008',
    '12 Mar 08',
    '12Mar2008',
    '12 Sept. 2008',
    "12 March '08",
    'March 12, 2008',
    'March 12th 2008',
    'mar 12 2008',
    '2008-Mar-12',
    '2008 March 12',
    'DECEMBER 25 2009',
    // Welsh
    '12 Mawrth 2008',
    '12fed Mawrth 2008',
    '1af Ionawr 2009',
    '2il Chwefror 2010',
    '3ydd o Fawrth 2008',
    '21ain Rhagfyr 2007',
    '5 Medi 2011',
    '5ed Mehefin 2011',
    '12 Maw 2008',
    // Unicode tricks
    '１２/０３/２００８',
    `12${ZWSP}/03/2008`,
    `1${ZWSP}2/03/2008`,
    '12\u200D.03.2008',
    '12\u2010 03\u2010 2008',
    '12\u2215 03\u2215 2008',
    '12\u00A0March\u00A02008',
    '١٢/٠٣/٢٠٠٨',
    '12\u00AD/03/2008',
    '12/03/2\u20600\u20610\u20628',
    '12:03:2008',
    '12,03,2008',
    '12。03。2008',
    '12ᵗʰ March 2008',
    'the twelfth of March 2008',
    'Twenty-first May 2007',
    'thirty first December, 2009',
    '12/Mar/2008',
    'Mar-12-2008',
    '2008-03-12T10:00',
    '080312',
    // in a sentence
    'Seen with mum on 12/03/2008 at the office.',
    'The child (12.03.08) did well.',
  ])('%s', (text) => {
    expect(personalDataIn(text)).toMatch(/full date/)
  })

  it.each([
    'd.o.b. 12/03',
    'DOB 2008',
    'DOB: 12 March',
    'dob12/3',
    'D.O.B 12.03',
    'D/O/B 12.03',
    'date of birth 3/7',
    'born 2008',
    'born in March 2008',
    'born on the 12th',
    'birthday 12/03',
    'dyddiad geni 12/03',
    'ganwyd yn 2008',
    'ganed 12 Mawrth',
  ])('a date of birth: %s', (text) => {
    expect(personalDataIn(text)).toMatch(/date of birth/)
  })

  it.each([
    'GL1 2AB',
    'gl1 2ab',
    'Lives at SW1A 1AA.',
    'M1 1AE',
    'B33 8TH',
    'CR2 6XH',
    'DN55 1PT',
    'EC1A1BB',
    'W1A 0AX',
    'ＧＬ１ ２ＡＢ',
    `GL1${ZWSP} 2AB`,
    'GIR 0AA',
    'gl12ab',
  ])('a postcode: %s', (text) => {
    expect(personalDataIn(text)).toMatch(/postcode/)
  })
})

describe('accepted: ordinary inspection prose', () => {
  it.each([
    '14/23',
    'score 18/36',
    '18/36 is one point short of Good (19).',
    '60.9%',
    '2.1.3',
    'key questions 2.1.1, 2.1.2 and 3.4.2',
    'in 2008',
    'between 2019 and 2020',
    '2019-20',
    '2019/20',
    '2019-2020',
    'within five per cent',
    'within 5% of the boundary',
    '5 of 23 cases',
    '14 of 23 (60.9%)',
    'January 2020',
    'published in March 2020',
    'fieldwork in October 2019',
    'Mar 2008',
    'on 12 March',
    '12 cases in March',
    'In March, 20 cases were read.',
    'seed 001_581c59789db6eb23.txt',
    'version 1.2.3',
    'page 12',
    '1, 2, 20',
    'C07',
    'O03',
    'YJ-1042',
    'case C04 did well',
    'KS2 3rd',
    'the 2nd of the 3rd',
    'Y1 2nd visit',
    'first-born',
    'DOB not recorded',
    'date of birth',
    'Born to lead.',
    '£250,000 budget',
    '100000 words',
    '12:03:08',
    'at 10:30, 14 of 23',
    'scores 3,4 and 5',
    'the first of March',
    'second in 2019',
    'the third standard, 2.1',
    'The score relating to keeping people safe was within five per cent of the rating boundary.',
    "raised the overall rating for assessment to 'Good' in order to provide a more accurate reflection",
    'mai 12 o blant', // Welsh "mai" (that), no year
    'Dyfarniad: Da',
    '',
  ])('%s', (text) => {
    expect(personalDataIn(text)).toBeNull()
  })
})

describe('normaliseForDetection', () => {
  it('folds compatibility forms, drops invisible characters and unifies look-alike separators', () => {
    expect(normaliseForDetection('１２\u200B\u2044０３\u2010２００８')).toBe('12/03-2008')
    expect(normaliseForDetection('a\u00A0\u2003 b\n\tc')).toBe('a b c')
    expect(normaliseForDetection('12\u2024 03\u00B72008')).toBe('12. 03.2008')
    expect(normaliseForDetection('١٢')).toBe('12')
  })

  it('is linear on hostile input (no catastrophic backtracking)', () => {
    const hostile = [
      '1/'.repeat(50_000),
      '12 '.repeat(30_000),
      'd.o.b. '.repeat(20_000),
      'GL1 '.repeat(30_000),
      '12th of '.repeat(20_000),
      '1'.repeat(100_000),
      `${'1.'.repeat(40_000)}x`,
    ]
    // No time assertion (tests never assert on wall-clock time): a backtracking regex would hang the run here.
    for (const text of hostile) expect(typeof (personalDataIn(text) ?? '')).toBe('string')
  })
})

describe('identifiers and date fields', () => {
  it.each(['C07', 'O03', 'YJ-1042', 'c1', 'ABC1234', 'yj-7'])('a case reference: %s', (ref) => {
    expect(isOpaqueCaseRef(ref)).toBe(true)
  })
  it.each([
    '',
    '123',
    'C',
    'JS120308',
    'C123456',
    'ABCD1',
    'C-12345',
    'c_12',
    'Jane Smith',
    '12/03/2008',
    'C07 ',
    'YJ--1042',
  ])('not a case reference: "%s"', (ref) => {
    expect(isOpaqueCaseRef(ref)).toBe(false)
  })

  it.each(['2019', '2019-10', '2019-10-14', '2020-02-29'])('an ISO date: %s', (d) => {
    expect(isIsoDate(d)).toBe(true)
  })
  it.each([
    '',
    '19',
    '2019-1',
    '2019-13',
    '2019-10-32',
    '2019-02-30',
    '2021-02-29',
    'October 2019',
    '14/10/2019',
  ])('not an ISO date: "%s"', (d) => {
    expect(isIsoDate(d)).toBe(false)
  })
})
