// Frameworks: list the built-in and uploaded ones, read one (a pinned version by its hash), check a file, and
// (organisers) make a framework available to panels. Every version is kept; a panel pins the one it used.
import { Hono } from 'hono'
import { parseFramework, type Framework } from '../../shared/framework/schema.ts'
import { personalDataInJson } from '../../shared/privacy/json-texts.ts'
import { requireAccount, type AppEnv } from '../auth/session.ts'
import type { AppContext } from '../context.ts'
import { makeCatalogue, frameworkHash } from '../frameworks/catalogue.ts'
import { ApiError, readJson } from '../http/errors.ts'

const HASH = /^[0-9a-f]{64}$/

/** A framework file read strictly; its texts are kept whole, so personal data in any of them is refused too. */
function readFramework(json: unknown): Framework {
  const r = parseFramework(json)
  const personal = personalDataInJson(json)
  if (!r.ok || personal.length)
    throw new ApiError(422, 'invalid-framework', 'The framework file is not valid.', [
      ...(r.ok ? [] : r.error),
      ...personal,
    ])
  return r.value
}

export function frameworkRoutes(ctx: AppContext) {
  const { storage, now, log } = ctx
  const catalogue = makeCatalogue(storage)
  const app = new Hono<AppEnv>()

  app.get('/api/frameworks', async (c) => {
    requireAccount(c)
    return c.json({ frameworks: await catalogue.list() })
  })

  app.get('/api/frameworks/:id', async (c) => {
    requireAccount(c)
    const hash = c.req.query('hash')
    if (hash !== undefined && !HASH.test(hash))
      throw new ApiError(400, 'bad-request', 'hash must be 64 hexadecimal digits (sha256).')
    const found = await catalogue.find(c.req.param('id'), hash)
    if (!found)
      throw new ApiError(
        404,
        'not-found',
        `No framework ${c.req.param('id')}${hash ? ` with hash ${hash.slice(0, 12)}…` : ''}.`,
      )
    return c.json({ framework: found.framework, hash: found.hash })
  })

  app.post('/api/frameworks/validate', async (c) => {
    requireAccount(c)
    const framework = readFramework(await readJson(c))
    return c.json({ framework, hash: frameworkHash(framework) })
  })

  app.post('/api/frameworks', async (c) => {
    const account = requireAccount(c)
    if (!account.organiser)
      throw new ApiError(403, 'forbidden', 'Only organisers make frameworks available to panels.')
    const framework = readFramework(await readJson(c))
    const saved = await catalogue.save(framework, account, now().toISOString())
    if (!saved.ok) throw new ApiError(409, 'builtin-framework', saved.message)
    if (saved.created) log.info('framework made available', { framework: framework.id, hash: saved.hash })
    const entry = (await catalogue.list()).find((e) => e.id === framework.id)
    return c.json({ framework: entry, created: saved.created }, saved.created ? 201 : 200)
  })

  return app
}
