import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closedAfterEach } from '../../test-support/closed-after-each';
import { createTestCore } from '../../test-support/test-core';
import { DATABASE_FILE_NAME } from '../db/open-database';
import { createLogger } from '../logger';

const openCore = closedAfterEach(createTestCore);

describe('errors at the boundary', () => {
  it('keep an AppError’s message', async () => {
    const core = await openCore();
    const error = await core.callError('profiles.get', { id: 404 });
    expect(error).toEqual({
      code: 'not_found',
      message: 'Profile was not found; it may have been deleted',
      issues: [],
    });
  });

  it('give the caller only a reference for an unexpected error, and log it whole under that reference', async () => {
    const core = await openCore();
    const lines: string[] = [];
    core.ctx.log = createLogger((line) => lines.push(line));
    // Another process holds the write lock past busy_timeout: the insert fails with its SQL in the message.
    const other = new Database(path.join(core.dataDir, DATABASE_FILE_NAME));
    other.exec('BEGIN IMMEDIATE');
    try {
      const error = await core.callError('resellers.create', { name: 'Leaky', email: 'leak@x.example' });
      expect(error.code).toBe('internal');
      expect(error.message).toMatch(
        /^Something went wrong \(reference [0-9a-f]{8}\)\. The details are in Lowbal's log under that reference\.$/,
      );
      for (const internal of ['insert', 'resellers', 'leak@x.example', 'locked', 'SQLITE']) {
        expect(error.message).not.toContain(internal);
      }
      const reference = /reference ([0-9a-f]{8})/.exec(error.message)![1];
      const logged = lines.find((line) => line.includes(`reference=${reference}`));
      expect(logged).toMatch(/ERROR operation failed channel=resellers\.create reference=[0-9a-f]{8} error=/);
      expect(logged).toContain('leak@x.example');
      expect(logged).toContain('database is locked');
      expect(logged).toMatch(/at .*\.(ts|js):\d+/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  });
});
