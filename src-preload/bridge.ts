import type { ContextBridge, IpcRenderer } from 'electron';
import type { Transport } from '../src-renderer/src/api/client';
import { ipcChannel, isChannelName } from '../src-main/hosts/channel-name';
import type { ApiResult } from '../src-main/shared/errors';

function failure(code: 'not_found' | 'unavailable', message: string): ApiResult<unknown> {
  return { ok: false, error: { code, message, issues: [] } };
}

/**
 * The only thing the page gets from the main process: `window.lowbal.invoke`,
 * which forwards one call to the core and always resolves with a result.
 */
function createBridge(ipcRenderer: Pick<IpcRenderer, 'invoke'>): Transport {
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
  };
}

export function exposeBridge(
  contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>,
  ipcRenderer: Pick<IpcRenderer, 'invoke'>,
): void {
  const bridge = createBridge(ipcRenderer);
  // A frozen object with a plain function: the page cannot reach ipcRenderer through it.
  contextBridge.exposeInMainWorld('lowbal', Object.freeze({ invoke: bridge.invoke }));
}
