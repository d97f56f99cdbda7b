import path from 'node:path';

/** The repository root (this file lives in `scripts/`). */
export const PROJECT_ROOT = path.resolve(__dirname, '..');

/** The entry file of a package's bin, found through its package.json (bins are often not exported). */
export function packageBin(name: string, bin: string): string {
  return path.join(path.dirname(require.resolve(`${name}/package.json`, { paths: [PROJECT_ROOT] })), bin);
}
