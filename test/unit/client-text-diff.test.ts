// The textarea <-> Y.Text binding: minimal edits, caret transforms, and two bound textareas converging.
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { applyEdit, diffText, transformIndex } from '../../client/src/lib/text-diff.ts'
import { bindTextarea } from '../../client/src/stores/text-binding.ts'

describe('diffText', () => {
  it.each([
    ['', 'abc', { index: 0, remove: 0, insert: 'abc' }],
    ['abc', 'abXc', { index: 2, remove: 0, insert: 'X' }],
    ['abc', 'ac', { index: 1, remove: 1, insert: '' }],
    ['hello world', 'hello there world', { index: 6, remove: 0, insert: 'there ' }],
    ['aaa', 'aaaa', { index: 3, remove: 0, insert: 'a' }],
    ['same', 'same', { index: 4, remove: 0, insert: '' }],
    ['replace me', 'replace you', { index: 8, remove: 2, insert: 'you' }],
  ])('%j -> %j', (a, b, edit) => {
    expect(diffText(a, b)).toEqual(edit)
    expect(applyEdit(a, diffText(a, b))).toBe(b)
  })

  it('never splits a surrogate pair', () => {
    const a = 'x😀y'
    const b = 'x😃y'
    const e = diffText(a, b)
    expect(e.insert).toBe('😃')
    expect(applyEdit(a, e)).toBe(b)
  })
})

describe('transformIndex', () => {
  it.each([
    ['insert before the caret moves it right', 5, [{ retain: 2 }, { insert: 'abc' }], 8],
    ['insert after the caret leaves it', 2, [{ retain: 4 }, { insert: 'abc' }], 2],
    ['insert at the caret stays left of it by default', 3, [{ retain: 3 }, { insert: 'ab' }], 3],
    ['delete before the caret moves it left', 6, [{ retain: 1 }, { delete: 2 }], 4],
    ['delete spanning the caret moves it to the start of the deletion', 4, [{ retain: 2 }, { delete: 5 }], 2],
    ['delete after the caret leaves it', 2, [{ retain: 3 }, { delete: 2 }], 2],
    ['replace before the caret', 10, [{ retain: 1 }, { delete: 3 }, { insert: 'abcdef' }], 13],
  ])('%s', (_name, index, delta, expected) => {
    expect(transformIndex(index as number, delta as never)).toBe(expected)
  })

  it('insert at the caret goes before it when sticking right', () => {
    expect(transformIndex(3, [{ retain: 3 }, { insert: 'ab' }], true)).toBe(5)
  })
})

/** A textarea stand-in: value, selection and listeners, enough for the binding. */
class FakeTextarea {
  value = ''
  selectionStart = 0
  selectionEnd = 0
  selectionDirection: 'forward' | 'backward' | 'none' = 'none'
  private listeners = new Map<string, (() => void)[]>()
  addEventListener(type: string, fn: () => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn])
  }
  removeEventListener(type: string, fn: () => void) {
    this.listeners.set(
      type,
      (this.listeners.get(type) ?? []).filter((f) => f !== fn),
    )
  }
  setSelectionRange(s: number, e: number) {
    this.selectionStart = s
    this.selectionEnd = e
  }
  /** Types `text` at the caret, as a browser would, then fires input. */
  type(text: string) {
    this.value = this.value.slice(0, this.selectionStart) + text + this.value.slice(this.selectionEnd)
    this.selectionStart = this.selectionEnd = this.selectionStart + text.length
    this.fire('input')
  }
  fire(type: string) {
    for (const fn of this.listeners.get(type) ?? []) fn()
  }
}

function pair() {
  const a = new Y.Doc()
  const b = new Y.Doc()
  // Relay updates both ways, as the sync server would.
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(b, u, 'relay'))
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'relay' && Y.applyUpdate(a, u, 'relay'))
  return { ta: a.getText('t'), tb: b.getText('t') }
}

describe('bindTextarea', () => {
  const withFocus = (el: FakeTextarea, fn: () => void) => {
    ;(globalThis as { document?: unknown }).document = { activeElement: el }
    fn()
  }

  it('merges two people typing in the same draft, and keeps each caret where its owner was', () => {
    const { ta, tb } = pair()
    const ea = new FakeTextarea()
    const eb = new FakeTextarea()
    bindTextarea(ea as unknown as HTMLTextAreaElement, ta)
    bindTextarea(eb as unknown as HTMLTextAreaElement, tb)
    withFocus(ea, () => ea.type('The score was near the boundary.'))
    expect(eb.value).toBe('The score was near the boundary.')
    // B puts the caret at the end and starts typing; A edits the start meanwhile.
    eb.setSelectionRange(eb.value.length, eb.value.length)
    withFocus(eb, () => eb.type(' Five cases only.'))
    ea.setSelectionRange(4, 4)
    withFocus(eb, () => ea.type('rules-based '))
    expect(ea.value).toBe('The rules-based score was near the boundary. Five cases only.')
    expect(eb.value).toBe(ea.value)
    expect(ta.toString()).toBe(tb.toString())
    // B's caret moved along with the text inserted before it.
    expect(eb.selectionStart).toBe(eb.value.length)
  })

  it('writes nothing while read-only, and shows the shared text again', () => {
    const { ta } = pair()
    ta.insert(0, 'shared')
    const el = new FakeTextarea()
    bindTextarea(el as unknown as HTMLTextAreaElement, ta, { isReadOnly: () => true })
    withFocus(el, () => el.type('mine'))
    expect(ta.toString()).toBe('shared')
    expect(el.value).toBe('shared')
  })

  it('holds remote edits during an IME composition and places the local edit after them', () => {
    const { ta, tb } = pair()
    const el = new FakeTextarea()
    bindTextarea(el as unknown as HTMLTextAreaElement, ta)
    tb.insert(0, 'abc')
    el.setSelectionRange(3, 3)
    withFocus(el, () => {
      el.fire('compositionstart')
      el.value = 'abcX'
      el.fire('input')
      tb.insert(0, '123')
      expect(el.value).toBe('abcX')
      el.fire('compositionend')
    })
    expect(ta.toString()).toBe('123abcX')
    expect(el.value).toBe('123abcX')
  })

  it('keeps text that looks like a date of birth in the browser, and shares the rest once it is removed', () => {
    const { ta, tb } = pair()
    const el = new FakeTextarea()
    const holds: boolean[] = []
    bindTextarea(el as unknown as HTMLTextAreaElement, ta, {
      hold: (v) => /\d\d\/\d\d\/\d{4}/.test(v),
      onHold: (h) => holds.push(h),
    })
    withFocus(el, () => {
      el.type('Case C07')
      el.type(' born 01/02/2008')
      expect(el.value).toBe('Case C07 born 01/02/2008')
      // Someone else edits meanwhile; it waits rather than overwrite what is on screen.
      tb.insert(0, '>> ')
      expect(el.value).toBe('Case C07 born 01/02/2008')
      expect(tb.toString()).not.toContain('2008')
      el.value = 'Case C07 was borderline'
      el.setSelectionRange(el.value.length, el.value.length)
      el.fire('input')
    })
    expect(holds).toEqual([true, false])
    expect(tb.toString()).toBe('>> Case C07 was borderline')
    expect(el.value).toBe(tb.toString())
  })

  it('offers refused text back held, not shared, and shares it once the member has edited it', () => {
    const { ta, tb } = pair()
    ta.insert(0, 'Shared so far.')
    const el = new FakeTextarea()
    const holds: boolean[] = []
    bindTextarea(el as unknown as HTMLTextAreaElement, ta, {
      hold: (v) => /\d\d\/\d\d\/\d{4}/.test(v),
      onHold: (h) => holds.push(h),
      offered: 'Shared so far. Seen 01/02/2008.',
    })
    expect(el.value).toBe('Shared so far. Seen 01/02/2008.')
    expect(holds).toEqual([true])
    // Others' edits wait meanwhile, and are kept when the member's edit is written.
    tb.insert(0, '>> ')
    expect(el.value).toBe('Shared so far. Seen 01/02/2008.')
    withFocus(el, () => {
      el.value = 'Shared so far. Seen in February.'
      el.setSelectionRange(el.value.length, el.value.length)
      el.fire('input')
    })
    expect(holds).toEqual([true, false])
    expect(tb.toString()).toBe('>> Shared so far. Seen in February.')
    expect(el.value).toBe(tb.toString())
  })

  it('stops following the text once unbound', () => {
    const { ta, tb } = pair()
    const el = new FakeTextarea()
    const unbind = bindTextarea(el as unknown as HTMLTextAreaElement, ta)
    unbind()
    tb.insert(0, 'later')
    expect(el.value).toBe('')
  })
})
