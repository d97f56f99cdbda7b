import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Channel, ChannelInput, ChannelOutput } from '../core/api/handler-table';
import { createCore, type Core } from '../core/create-core';
import { silentLogger, type Logger } from '../core/logger';
import type { DeliveryTuning } from '../core/mail/outbox/outbox-runtime';
import type { SerializedError } from '../shared/errors';

export class CallFailed extends Error {
  constructor(readonly error: SerializedError) {
    super(`${error.code}: ${error.message}`);
  }
}

export interface TestCore extends Core {
  dataDir: string;
  /** Calls a channel through the real boundary (validation included); throws CallFailed on an error result. */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** Calls a channel and returns its error; fails the test if the call succeeds. */
  callError<C extends Channel>(channel: C, input: unknown): Promise<SerializedError>;
  /** Milliseconds added to the real clock. */
  advance(ms: number): void;
}

/**
 * Delivery timings for tests: an unreachable server is probed again within
 * half a second, and timeouts are short enough for a test yet long enough for
 * a loaded machine.
 */
export const TEST_DELIVERY: Partial<DeliveryTuning> = {
  probe: { firstMs: 50, longestMs: 500 },
  smtpTimeouts: { connectionMs: 5_000, greetingMs: 5_000, replyMs: 10_000 },
};

export interface TestCoreOptions {
  dataDir?: string;
  start?: number;
  /** Replaces parts of `TEST_DELIVERY`. */
  delivery?: Partial<DeliveryTuning>;
  /** Where the core logs; nowhere by default. */
  log?: Logger;
}

/** A core on a real SQLite file in a fresh temp folder, with a movable clock. */
export async function createTestCore(options: TestCoreOptions = {}): Promise<TestCore> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'lowbal-test-'));
  let offset = 0;
  const start = options.start;
  const now = () => (start ?? Date.now()) + offset;
  const core = await createCore({
    dataDir,
    log: options.log ?? silentLogger,
    now,
    delivery: { ...TEST_DELIVERY, ...options.delivery },
  });
  return {
    ...core,
    dataDir,
    async call(channel, input) {
      const result = await core.invoke(channel, input);
      if (!result.ok) throw new CallFailed(result.error);
      return result.value as never;
    },
    async callError(channel, input) {
      const result = await core.invoke(channel, input);
      if (result.ok) throw new Error(`${channel} unexpectedly succeeded`);
      return result.error;
    },
    advance(ms) {
      offset += ms;
    },
  };
}
