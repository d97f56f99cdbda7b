import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import { build as esbuild } from 'esbuild';
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

/** Not bundled: better-sqlite3 is native (one build per runtime); the rest are knex's drivers Lowbal does not use. */
const NOT_BUNDLED = [
  // Loaded only to send and to schedule (see scheduler-lease.ts, mail-handlers.ts): a command that does neither
  // never reads them.
  'nodemailer',
  '@azure/msal-node',
  'google-auth-library',
  'node-schedule',
  'better-sqlite3',
  'mariadb',
  'mysql',
  'mysql2',
  'oracledb',
  'pg',
  'pg-native',
  'pg-query-stream',
  'sqlite3',
  'tedious',
];

/**
 * `lowbal.js` starts a process and `core-worker.js` a thread on every run: each
 * is re-bundled with its dependencies into one file, which starts in about half
 * the time (Node no longer resolves and reads some 500 module files). Modules
 * still run only when first required, so a command loads only what it uses.
 */
const bundleNodeEntries = (entries: string[]): Plugin => ({
  name: 'lowbal-bundle-node-entries',
  apply: 'build',
  async writeBundle(options) {
    for (const entry of entries) {
      const file = resolve(options.dir!, entry);
      await esbuild({
        entryPoints: [file],
        outfile: file,
        allowOverwrite: true,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        external: NOT_BUNDLED,
        logLevel: 'error',
      });
    }
  },
});

export default defineConfig({
  main: {
    plugins: [
      externalizeDepsPlugin({ exclude: ['zod'] }),
      bundleNodeEntries(['lowbal.js', 'core-worker.js']),
    ],
    build: {
      outDir: 'out/main',
      // lowbal.js runs on the machine's Node too (the CLI, the headless service), not only in Electron.
      target: 'node20',
      rollupOptions: {
        input: {
          // The desktop app.
          index: resolve(__dirname, 'src-main/hosts/electron/main.ts'),
          // The `lowbal` command (package.json `bin`): serve, import, export, check.
          lowbal: resolve(__dirname, 'src-main/cli/lowbal.ts'),
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
      // Less to fetch and parse before the first paint (electron-vite leaves the renderer unminified).
      minify: 'esbuild',
      rollupOptions: { input: { index: resolve(__dirname, 'src-renderer/index.html') } },
    },
  },
});
