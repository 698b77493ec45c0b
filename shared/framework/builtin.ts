// The frameworks that ship with the product, validated when first loaded.
import y2009 from './builtin/hmip-youth-2009.json' with { type: 'json' }
import y2016 from './builtin/hmip-youth-2016.json' with { type: 'json' }
import y2018 from './builtin/hmip-youth-2018.json' with { type: 'json' }
import y2021 from './builtin/hmip-youth-2021.json' with { type: 'json' }
import { parseFramework, type Framework } from './schema.ts'

function load(json: unknown): Framework {
  const r = parseFramework(json)
  if (!r.ok)
    throw new Error(
      `built-in framework is invalid: ${r.error.map((p) => `${p.where}: ${p.message}`).join('; ')}`,
    )
  return r.value
}

export const builtinFrameworks: Record<string, Framework> = Object.fromEntries(
  [y2018, y2021, y2009, y2016].map((j) => {
    const f = load(j)
    return [f.id, f]
  }),
)

/** The built-in framework with this id; own keys only, so "constructor" is not a framework. */
export const findFramework = (id: string): Framework | undefined =>
  Object.hasOwn(builtinFrameworks, id) ? builtinFrameworks[id] : undefined
