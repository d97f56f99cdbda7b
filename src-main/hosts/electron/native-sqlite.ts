import path from 'node:path';

/**
 * better-sqlite3 is a native module: Node (tests, `npm run serve`, the CLI) uses
 * the build in node_modules; Electron gets its own copy, built for its ABI by
 * `scripts/ensure-electron-sqlite.ts`, in `.native/electron-<version>/`.
 */
export function electronSqliteDir(projectRoot: string, electronVersion: string): string {
  return path.join(projectRoot, '.native', `electron-${electronVersion}`, 'better-sqlite3');
}

export function electronSqliteBinding(projectRoot: string, electronVersion: string): string {
  return path.join(
    electronSqliteDir(projectRoot, electronVersion),
    'build',
    'Release',
    'better_sqlite3.node',
  );
}
