import os from 'node:os';

/** Where a lease holder or a sender runs: enough to tell, on the same machine, that it is gone. */
export interface ProcessIdentity {
  /** The random id of one run (a lease holder, a sender). */
  id: string;
  host: string;
  pid: number;
}

export function thisProcess(id: string): ProcessIdentity {
  return { id, host: os.hostname(), pid: process.pid };
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * True when `owner` certainly stopped: it ran on this machine and no process
 * has its pid any more. Anything else (another machine, a pid in use, even
 * this process's own pid, as a container's pid 1 would be) is alive until its
 * lease expires.
 */
export function isGone(owner: ProcessIdentity, self: ProcessIdentity): boolean {
  if (owner.host !== self.host || owner.pid === self.pid) return false;
  return !pidExists(owner.pid);
}
