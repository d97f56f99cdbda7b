import os from 'node:os';

/** "desktop app on host srv1 (pid 4242)". */
export function describeHost(kind: string): string {
  return `${kind} on host ${os.hostname()} (pid ${process.pid})`;
}
