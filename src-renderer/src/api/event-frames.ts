import type { CoreEvent } from '@shared/events';

/**
 * Splits what the headless host's event stream sent so far into its events
 * (one JSON `CoreEvent` per `data:` frame; comment lines keep the stream
 * alive) and the unfinished rest, kept for the next chunk.
 */
export function readEventFrames(buffer: string): { events: CoreEvent[]; rest: string } {
  const frames = buffer.split('\n\n');
  const rest = frames.pop() ?? '';
  const events: CoreEvent[] = [];
  for (const frame of frames) {
    const data = frame
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice('data: '.length))
      .join('\n');
    if (data) events.push(JSON.parse(data) as CoreEvent);
  }
  return { events, rest };
}
