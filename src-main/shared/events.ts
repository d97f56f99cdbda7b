import type { DesktopSettings } from './schemas/desktop';
import type { CheckProgressView } from './schemas/notification';

/** A host started the core again after it stopped unexpectedly. */
export interface CoreRestartView {
  at: number;
  /** Which part of the core stopped: the writer (checks, sending, changes) or a reader. */
  part: 'writer' | 'reader';
  /** Why, as the log says it, e.g. "exit code 1". */
  reason: string;
}

/**
 * Every event the core emits, by name, with what it carries. Handlers declare
 * the events they emit (`emits`); hosts subscribe to them (the tray, the
 * window, the browser's event stream) instead of guessing from channel names.
 */
export interface CoreEvents {
  /** The engine's state may have changed (paused, lease, scheduler, outbox, a check ended): read it again. */
  'engine.changed': Record<string, never>;
  /** A check run moved on, or ended. */
  'check.progress': CheckProgressView;
  /** The desktop settings were saved (the desktop app applies them). */
  'desktop.settingsChanged': DesktopSettings;
  /** Emitted by the host, not the core: the core stopped unexpectedly and was started again. */
  'core.restarted': CoreRestartView;
}

export type CoreEventName = keyof CoreEvents;

/** One event as it travels (worker → host → window or browser). */
export type CoreEvent = { [N in CoreEventName]: { name: N; payload: CoreEvents[N] } }[CoreEventName];

export type CoreEventListener = (event: CoreEvent) => void;

export const CORE_EVENT_NAMES: readonly CoreEventName[] = [
  'engine.changed',
  'check.progress',
  'desktop.settingsChanged',
  'core.restarted',
];
