// Vite: builds the SolidJS client from client/ into dist/; in dev, proxies the API and sync to the server.
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

const server = 'http://127.0.0.1:8787'

export default defineConfig({
  root: 'client',
  plugins: [solid()],
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
