import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import type { Plugin } from 'vite';
import { PATH_ALIASES } from './path-aliases';
import {
  CONTENT_SECURITY_POLICY,
  DEV_SERVER_CONTENT_SECURITY_POLICY,
} from './src-main/hosts/content-security-policy';

/** index.html's CSP forbids inline scripts; the dev server needs one for React Fast Refresh. */
const devServerCsp = (): Plugin => ({
  name: 'lowbal-dev-server-csp',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(CONTENT_SECURITY_POLICY, DEV_SERVER_CONTENT_SECURITY_POLICY),
});

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/main',
      // lowbal.js runs on the machine's Node too (the CLI, the headless service), not only in Electron.
      target: 'node20',
      rollupOptions: {
        input: {
          // The desktop app.
          index: resolve(__dirname, 'src-main/hosts/electron/main.ts'),
          // The `lowbal` command (package.json `bin`): serve, import, export, check.
          lowbal: resolve(__dirname, 'src-main/cli/main.ts'),
          // The core's threads, started by both hosts (see src-main/core/threads/core-threads.ts).
          'core-worker': resolve(__dirname, 'src-main/core/threads/core-worker.ts'),
        },
        output: {
          // Flat, so every chunk finds core-worker.js beside it.
          chunkFileNames: '[name]-[hash].js',
          banner: (chunk) => (chunk.name === 'lowbal' ? '#!/usr/bin/env node' : ''),
        },
      },
    },
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        // A sandboxed preload cannot load ES modules.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    resolve: { alias: PATH_ALIASES },
    plugins: [react(), devServerCsp()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
