import fs from 'node:fs';

/**
 * Gives a file or folder of ours the owner-only `mode` (0600, 0700) unless it
 * has it already. Where the system has no such modes (Windows), or the path
 * is missing or not ours, it is left as it is.
 */
export function restrictToOwner(target: string, mode: number): void {
  if (process.platform === 'win32') return;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return;
  }
  if ((stat.mode & 0o777) === mode) return;
  if (typeof process.getuid === 'function' && stat.uid !== process.getuid()) return;
  fs.chmodSync(target, mode);
}

/**
 * Writes a secret so that no reader ever sees it half-written or readable by
 * others: an owner-only temporary file beside it, then renamed over it.
 */
export function writeSecretFile(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temp, content, { encoding: 'utf8', mode: 0o600 });
    // writeFileSync keeps the mode of a file that already existed.
    restrictToOwner(temp, 0o600);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
