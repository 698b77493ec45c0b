// Vite: builds the SolidJS client from client/ into dist/; in dev, proxies the API and sync to the server.
import path from 'node:path'
import { defineConfig, type Plugin } from 'vite'
import solid from 'vite-plugin-solid'

const server = 'http://127.0.0.1:8787'
const src = path.resolve(import.meta.dirname, 'client/src')

/**
 * lib0's dom.js builds four schema objects at load ($fragment, $element, $text, $node) that nothing here uses,
 * and those calls kept the whole of lib0/schema.js (about 2 KB gzipped) in the Yjs chunk: Yjs reaches dom.js
 * only through lib0/logging. Marked pure, the unused ones are dropped, and schema.js with them.
 */
const lib0DomPure: Plugin = {
  name: 'lib0-dom-pure',
  transform(code, id) {
    if (!/[\\/]lib0[\\/]dom\.js$/.test(id)) return
    const out = code.replace(/= \$\.\$custom\(/g, '= /* @__PURE__ */ $.$custom(')
    if (out === code)
      this.warn('lib0/dom.js has changed: its schema objects (and lib0/schema.js) may be back')
    return out
  },
}

// The views that show ratings share one chunk of the rating code that two or more of them use and no other
// view does (the engine, the framework schema, outcomes and votes, the ratings table), rather than a small
// chunk for each combination of them, each with its own imports and exports (3 KB gzipped in all). What the
// app shell loads stays in the entry, and the Yjs stack in its own chunk (only the panel and replay need it).
const ratingViews = /[\\/]views[\\/](rate|panel|report|replay)[\\/]\w+\.tsx$/
const yjsStack = /[\\/]node_modules[\\/](yjs|lib0|y-protocols|y-websocket)[\\/]/
interface Graph {
  getModuleInfo(
    id: string,
  ): { importedIds: readonly string[]; dynamicallyImportedIds: readonly string[] } | null
}
const closure = (graph: Graph, root: string, seen = new Set<string>()) => {
  if (!seen.has(root)) {
    seen.add(root)
    for (const d of graph.getModuleInfo(root)?.importedIds ?? []) closure(graph, d, seen)
  }
  return seen
}
const inRatingChunk = new WeakMap<Graph, (id: string) => boolean>()
function ratingChunk(id: string, graph: Graph): string | null {
  let test = inRatingChunk.get(graph)
  if (!test) {
    const entry = closure(graph, path.join(src, 'main.tsx'))
    // The routes, as the app shell loads them on demand.
    const routes = graph.getModuleInfo(path.join(src, 'app.tsx'))?.dynamicallyImportedIds ?? []
    const rating = routes.filter((r) => ratingViews.test(r)).map((r) => closure(graph, r))
    const other = routes.filter((r) => !ratingViews.test(r)).map((r) => closure(graph, r))
    const reachesYjs = (m: string) => [...closure(graph, m)].some((d) => yjsStack.test(d))
    test = (m) =>
      !entry.has(m) &&
      rating.filter((v) => v.has(m)).length >= 2 &&
      !other.some((v) => v.has(m)) &&
      !reachesYjs(m)
    inRatingChunk.set(graph, test)
  }
  return test(id) ? 'rating' : null
}

export default defineConfig({
  root: 'client',
  plugins: [solid(), lib0DomPure],
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    // One small CSS file; the views' JS splits by route (the board needs Yjs, the rate page the engine).
    cssCodeSplit: false,
    // Every browser the app supports preloads modules natively.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Only the modules named; their dependencies are named too or belong where they are.
          groups: [{ name: ratingChunk, includeDependenciesRecursively: false }],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: server },
      '/auth': { target: server },
      // The Host header is kept (no changeOrigin), so the server's same-origin check passes in dev.
      '/sync': { target: server, ws: true },
    },
  },
  preview: {
    proxy: {
      '/api': { target: server },
      '/auth': { target: server },
      '/sync': { target: server, ws: true },
    },
  },
})
