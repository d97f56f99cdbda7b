import os from 'node:os';

/** Who a host is, for the other hosts' messages about the scheduler lease: "desktop app on host srv1 (pid 4242)". */
export function describeHost(kind: string): string {
  return `${kind} on host ${os.hostname()} (pid ${process.pid})`;
}
