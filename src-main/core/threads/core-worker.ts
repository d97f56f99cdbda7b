import { parentPort, workerData } from 'node:worker_threads';
import { channelRoutes } from '../api/handler-table';
import { createCore, type Core } from '../create-core';
import type { EngineState } from '../engine/engine-runtime';
import { throttleProgress } from './progress-throttle';
import type { CoreThreadInit, HostToThread, ThreadToHost } from './protocol';
import { portLogger, SecretStoreProxy } from './thread-services';

/**
 * A core thread (see `startCoreThreads`): the writer runs every operation that
 * changes something, the scheduler and its checks; a reader runs the
 * operations that only read, on its own read-only connection, so they never
 * wait for a check. Calls come from the host as messages and go back as results.
 */
async function main(port: NonNullable<typeof parentPort>, init: CoreThreadInit): Promise<void> {
  const post = (message: ThreadToHost) => port.postMessage(message);
  const log = portLogger(port);
  const secrets = new SecretStoreProxy(port, init.secrets);
  let engineState: EngineState = init.engineState ?? { running: false, readOnly: null, check: null };
  const reader = init.part === 'reader';
  const routes = channelRoutes();
  let core: Core | null = null;
  let closing: Promise<void> | null = null;

  const call = async (id: number, channel: string, input: unknown) => {
    if (!core || closing) {
      const message = closing ? 'Lowbal is stopping' : 'Lowbal is still starting';
      post({
        type: 'result',
        id,
        result: { ok: false, error: { code: 'unavailable', message, issues: [] } },
      });
      return;
    }
    if (reader && routes[channel] !== 'read') {
      const message = `${channel} changes data and runs only on the writer`;
      post({ type: 'result', id, result: { ok: false, error: { code: 'internal', message, issues: [] } } });
      return;
    }
    post({ type: 'result', id, result: await core.invoke(channel, input) });
  };

  port.on('message', (message: HostToThread) => {
    switch (message.type) {
      case 'call':
        void call(message.id, message.channel, message.input);
        break;
      case 'engine-state':
        engineState = message.state;
        break;
      case 'secret-result':
        secrets.settle(message.id, message.result);
        break;
      case 'close':
        closing ??= (core?.close() ?? Promise.resolve()).then(
          () => post({ type: 'closed' }),
          (error: unknown) => {
            log.error('the core did not close cleanly', { error });
            post({ type: 'closed' });
          },
        );
        break;
    }
  });

  try {
    core = await createCore({
      dataDir: init.dataDir,
      nativeBinding: init.nativeBinding,
      log,
      secretStore: secrets,
      reader: reader ? { engineState: () => engineState } : undefined,
      runId: init.lease?.holder,
    });
  } catch (error) {
    post({ type: 'start-failed', message: error instanceof Error ? error.message : String(error) });
    return;
  }
  if (!reader) {
    // The engine's state travels with every event, so readers answer engine.status as the writer would.
    let shown = JSON.stringify(core.ctx.engineState());
    const opened = core;
    opened.subscribe(
      throttleProgress((event) => {
        post({ type: 'event', event });
        const state = opened.ctx.engineState();
        const now = JSON.stringify(state);
        if (now !== shown) {
          shown = now;
          post({ type: 'engine-state', state });
        }
      }),
    );
    post({ type: 'engine-state', state: opened.ctx.engineState() });
    if (init.lease) await opened.ctx.lease.start(opened.ctx, init.lease);
  }
  post({ type: 'ready', routes });
}

if (!parentPort) throw new Error('core-worker runs as a worker thread (see startCoreThreads)');
void main(parentPort, workerData as CoreThreadInit);
