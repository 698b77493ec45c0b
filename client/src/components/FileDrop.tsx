// Choose files by drag and drop or the file picker (keyboard-operable, it is a native input); lists what was chosen.
import { createSignal, For, Show } from 'solid-js'
import { useT } from '../i18n/i18n.tsx'
import { readFiles, type ChosenFile } from '../lib/files.ts'
import { ErrorMessage } from './Problems.tsx'

const DEMO_FILES = ['gloucestershire-2020.grid.inspection.json', 'gloucestershire-2020.cases.csv']

export interface FileDropProps {
  id: string
  label: string
  hint?: string
  files: ChosenFile[]
  onChange(files: ChosenFile[]): void
  /** Ids of elements describing an error for this input. */
  describedBy?: string
  invalid?: boolean
}

export function FileDrop(props: FileDropProps) {
  const t = useT()
  const [over, setOver] = createSignal(false)
  const [unreadable, setUnreadable] = createSignal<string[]>([])
  let input!: HTMLInputElement

  const add = async (list: FileList | null) => {
    if (!list?.length) return
    const { files, problems } = await readFiles(t(), list)
    setUnreadable(problems.map((p) => p.message))
    // A newly chosen file replaces an earlier one of the same kind.
    const kinds = new Set(files.map((f) => f.name.split('.').pop()?.toLowerCase()))
    props.onChange([
      ...props.files.filter((f) => !kinds.has(f.name.split('.').pop()?.toLowerCase())),
      ...files,
    ])
    input.value = ''
  }
  const hintId = () => `${props.id}-hint`
  // The demo inspection shipped with the app: Gloucestershire 2020 as published, with its per-case grid.
  const demo = async () => {
    try {
      const files = await Promise.all(
        DEMO_FILES.map(async (name) => {
          const res = await fetch(`/demo/${name}`)
          if (!res.ok) throw new Error(String(res.status))
          return { name, text: await res.text() }
        }),
      )
      setUnreadable([])
      props.onChange(files)
      input.focus()
    } catch {
      setUnreadable([t().files.demoFailed])
    }
  }

  return (
    <div class="form-group" classList={{ 'form-group--error': props.invalid }}>
      <label class="label" for={props.id}>
        {props.label}
      </label>
      <Show when={props.hint}>
        <p class="hint" id={hintId()}>
          {props.hint}
        </p>
      </Show>
      <div
        class="drop-zone"
        classList={{ 'drop-zone--over': over() }}
        onDragOver={(e) => {
          e.preventDefault()
          setOver(true)
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault()
          setOver(false)
          void add(e.dataTransfer?.files ?? null)
        }}
      >
        <span class="drop-zone__text" aria-hidden="true">
          {t().files.dropLabel}
        </span>
        <input
          ref={input}
          class="file-input"
          id={props.id}
          type="file"
          multiple
          accept=".json,.csv,.xlsx,application/json,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby={
            [props.hint ? hintId() : '', props.describedBy ?? ''].join(' ').trim() || undefined
          }
          aria-invalid={props.invalid ? 'true' : undefined}
          onChange={(e) => void add(e.currentTarget.files)}
        />
      </div>
      <For each={unreadable()}>{(m) => <ErrorMessage message={m} />}</For>
      <Show when={!props.files.length}>
        <button type="button" class="link-button" onClick={() => void demo()}>
          {t().files.demo}
        </button>
      </Show>
      <Show when={props.files.length}>
        <ul class="file-list" aria-label={t().files.chosen}>
          <For each={props.files}>
            {(f) => (
              <li>
                <span class="file-list__name">{f.name}</span>
                <button
                  type="button"
                  class="link-button"
                  onClick={() => props.onChange(props.files.filter((x) => x !== f))}
                >
                  {t().files.remove(f.name)}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  )
}
