import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { CoreEvent } from '../src-main/shared/events';
import type { ApiResult } from '../src-main/shared/errors';
import { exposeBridge } from './bridge';

function fakeElectron(reply: (channel: string, input: unknown) => Promise<unknown>) {
  const exposed: Record<string, unknown> = {};
  const calls: { channel: string; input: unknown }[] = [];
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => {
      exposed[key] = api;
    },
  };
  const ipcRenderer = Object.assign(new EventEmitter(), {
    invoke: (channel: string, input: unknown) => {
      calls.push({ channel, input });
      return reply(channel, input);
    },
  });
  exposeBridge(contextBridge, ipcRenderer as never);
  const lowbal = exposed.lowbal as {
    invoke(channel: string, input: unknown): Promise<ApiResult<unknown>>;
    subscribe(listener: (event: CoreEvent) => void): () => void;
  };
  return { exposed, calls, lowbal, ipcRenderer };
}

describe('preload bridge', () => {
  it('exposes only window.lowbal.invoke and subscribe, frozen', () => {
    const { exposed, lowbal } = fakeElectron(async () => null);
    expect(Object.keys(exposed)).toEqual(['lowbal']);
    expect(Object.keys(lowbal)).toEqual(['invoke', 'subscribe']);
    expect(Object.isFrozen(lowbal)).toBe(true);
  });

  it('hands the page the core’s events, without the IPC event, until it unsubscribes', () => {
    const { lowbal, ipcRenderer } = fakeElectron(async () => null);
    const seen: unknown[][] = [];
    const unsubscribe = lowbal.subscribe((...args) => seen.push(args));
    const ipcEvent = { sender: 'ipcRenderer itself' };
    ipcRenderer.emit('core:event', ipcEvent, { name: 'engine.changed', payload: {} });
    expect(seen).toEqual([[{ name: 'engine.changed', payload: {} }]]);
    unsubscribe();
    ipcRenderer.emit('core:event', ipcEvent, { name: 'engine.changed', payload: {} });
    expect(seen).toHaveLength(1);
    expect(ipcRenderer.listenerCount('core:event')).toBe(0);
  });

  it('forwards a call to the api:<channel> IPC channel and returns its result', async () => {
    const { calls, lowbal } = fakeElectron(async (_channel, input) => ({ ok: true, value: input }));
    const result = await lowbal.invoke('profiles.list', { search: 'x' });
    expect(calls).toEqual([{ channel: 'api:profiles.list', input: { search: 'x' } }]);
    expect(result).toEqual({ ok: true, value: { search: 'x' } });
  });

  it('refuses malformed channel names without calling the main process', async () => {
    const { calls, lowbal } = fakeElectron(async () => ({ ok: true, value: 1 }));
    for (const channel of ['', 'api:profiles.list', '../x', 'a b', 7 as unknown as string]) {
      const result = await lowbal.invoke(channel, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect(calls).toEqual([]);
  });

  it('turns a failed IPC call into an error result', async () => {
    const { lowbal } = fakeElectron(async () => {
      throw new Error("No handler registered for 'api:nope.x'");
    });
    const result = await lowbal.invoke('nope.x', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(!result.ok && result.error.message).toContain('No handler registered');
  });
});
