// Vite: builds the SolidJS client from client/ into dist/; in dev, proxies the API and sync to the server.
import { defineConfig, type Plugin } from 'vite'
import solid from 'vite-plugin-solid'

const server = 'http://127.0.0.1:8787'

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
