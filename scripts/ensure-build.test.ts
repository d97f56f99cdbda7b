import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_OUTPUTS, staleBuildReason } from './ensure-build';

let root: string;

function write(relative: string, ageSeconds: number): void {
  const file = path.join(root, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, relative);
  const time = new Date(Date.now() - ageSeconds * 1000);
  fs.utimesSync(file, time, time);
  // Folders count too (a deleted file changes its folder); keep them out of the way.
  for (let dir = path.dirname(file); dir !== root; dir = path.dirname(dir)) {
    fs.utimesSync(dir, new Date(0), new Date(0));
  }
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-build-'));
  write('src-main/core/a.ts', 100);
  write('src-renderer/src/main.tsx', 100);
  write('package.json', 100);
  for (const output of BUILD_OUTPUTS) write(output, 50);
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('staleBuildReason', () => {
  it('is null when every output is newer than every source', () => {
    expect(staleBuildReason(root)).toBeNull();
  });

  it('names a missing output', () => {
    fs.rmSync(path.join(root, 'out/renderer/index.html'));
    expect(staleBuildReason(root)).toBe('out/renderer/index.html is missing');
  });

  it('names the source folder that changed after the build', () => {
    write('src-renderer/src/features/profiles/List.tsx', 10);
    expect(staleBuildReason(root)).toBe('src-renderer changed since the last build');
  });

  it('ignores test files, which are not part of the build', () => {
    write('src-main/core/a.test.ts', 10);
    expect(staleBuildReason(root)).toBeNull();
  });
});
