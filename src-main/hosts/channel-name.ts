/**
 * The shape of an operation name (`profiles.list`, `settings.smtp.test`): dotted
 * identifiers. Hosts refuse anything else before it reaches the handler table.
 */
const CHANNEL_NAME = /^[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*$/;

const MAX_CHANNEL_NAME_LENGTH = 100;

export function isChannelName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_CHANNEL_NAME_LENGTH && CHANNEL_NAME.test(value);
}

/** The IPC channel of an operation between the preload bridge and the Electron host. */
export function ipcChannel(channel: string): string {
  return `api:${channel}`;
}

/** The IPC channel on which the Electron host pushes the core's events to the window. */
export const CORE_EVENT_CHANNEL = 'core:event';
