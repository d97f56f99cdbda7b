import type { ContextBridge, IpcRenderer, IpcRendererEvent } from 'electron';
import type { Transport } from '../src-renderer/src/api/client';
import { CORE_EVENT_CHANNEL, ipcChannel, isChannelName } from '../src-main/hosts/channel-name';
import type { CoreEvent, CoreEventListener } from '../src-main/shared/events';
import type { ApiResult } from '../src-main/shared/errors';

function failure(code: 'not_found' | 'unavailable', message: string): ApiResult<unknown> {
  return { ok: false, error: { code, message, issues: [] } };
}

type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/**
 * The only thing the page gets from the main process: `window.lowbal.invoke`,
 * which forwards one call to the core and always resolves with a result, and
 * `window.lowbal.subscribe`, which hands the page the core's events (the event
 * alone: never Electron's IPC event object, which would reach ipcRenderer).
 */
function createBridge(ipcRenderer: BridgeIpc): Required<Transport> {
  return {
    async invoke(channel: string, input: unknown): Promise<ApiResult<unknown>> {
      if (!isChannelName(channel)) return failure('not_found', `Unknown operation: ${String(channel)}`);
      try {
        return (await ipcRenderer.invoke(ipcChannel(channel), input)) as ApiResult<unknown>;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return failure('unavailable', `The call ${channel} did not reach Lowbal: ${reason}`);
      }
    },
    subscribe(listener: CoreEventListener): () => void {
      const forward = (_event: IpcRendererEvent, coreEvent: CoreEvent) => listener(coreEvent);
      ipcRenderer.on(CORE_EVENT_CHANNEL, forward);
      return () => {
        ipcRenderer.removeListener(CORE_EVENT_CHANNEL, forward);
      };
    },
  };
}

export function exposeBridge(
  contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>,
  ipcRenderer: BridgeIpc,
): void {
  const bridge = createBridge(ipcRenderer);
  // A frozen object with plain functions: the page cannot reach ipcRenderer through it.
  contextBridge.exposeInMainWorld(
    'lowbal',
    Object.freeze({ invoke: bridge.invoke, subscribe: bridge.subscribe }),
  );
}
